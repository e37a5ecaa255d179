// chat(): one answer from an OpenAI-compatible /chat/completions endpoint, streamed through onDelta, with the
// retry policy applied around single attempts. A server that refuses `stream_options` (400 naming it) is asked again
// at once without it: the answer matters more than its token count.
import { abortableSleep } from './abortableSleep';
import { ApiError } from './apiError';
import { AnswerAccumulator } from './answerAccumulator';
import { runChatAttempt } from './chatAttempt';
import { cancelledError } from './networkErrors';
import { chatBody, chatHeaders, chatUrl, newClientRequestId } from './requestBuilder';
import { DEFAULT_MAX_RETRIES, retryDelayMs } from './retryPolicy';
import type { ChatRequest, ChatResult } from './types';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: ApiError;
}

export interface ChatOptions {
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
  /** A reasoning model's thinking as it arrives (never passed to onDelta). */
  onReasoning?: (text: string) => void;
  onRetry?: (info: RetryInfo) => void;
}

/** A 400/422 whose words name the parameter (e.g. "Unrecognized request argument supplied: stream_options"). */
function refusesStreamOptions(error: ApiError): boolean {
  if (error.status !== 400 && error.status !== 422) return false;
  return /stream_options|include_usage/i.test(`${error.message} ${error.serverMessage ?? ''}`);
}

export async function chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResult> {
  const { signal, onDelta, onReasoning, onRetry } = options;
  const maxRetries = Math.max(0, request.maxRetries ?? DEFAULT_MAX_RETRIES);
  const url = chatUrl(request);
  let includeUsage = true;
  let body = chatBody(request, includeUsage);

  for (let retryNumber = 1; ; retryNumber++) {
    if (signal?.aborted) throw cancelledError();
    // Retries only happen before any text was delivered, so each attempt can start from a clean answer.
    const answer = new AnswerAccumulator(onDelta, request.apiKey, onReasoning);
    try {
      return await runChatAttempt(
        {
          url,
          headers: chatHeaders(request, newClientRequestId()),
          body,
          model: request.model,
          apiKey: request.apiKey,
          timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          idleTimeoutMs: request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        },
        answer,
        signal,
      );
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('network', 'The request failed unexpectedly.');
      if (includeUsage && (request.stream ?? true) && refusesStreamOptions(apiError)) {
        includeUsage = false;
        body = chatBody(request, includeUsage);
        retryNumber--; // not a retry of the same request: no wait, and it does not use one up
        continue;
      }
      const delayMs = retryDelayMs(apiError, retryNumber, maxRetries, answer.delivered);
      if (delayMs === undefined) throw apiError;
      onRetry?.({ attempt: retryNumber, delayMs, error: apiError });
      if (!(await abortableSleep(delayMs, signal))) throw cancelledError();
    }
  }
}
