// complete(): one inline suggestion for the hole at the cursor, beside chat(). The fill-in-the-middle endpoints go
// through completionAttempt.ts (httpRequest.ts, the attempt control, ApiError); the chat hole-filler goes through
// chat() itself. Retries are off everywhere: a suggestion that fails is replaced by the next keystroke's.
import { ApiError } from './apiError';
import { chat } from './chat';
import { completionBody, DEFAULT_COMPLETION_TEMPERATURE, DEFAULT_COMPLETION_TOKENS, openAiShapeFor } from './completionBodies';
import { runCompletionAttempt } from './completionAttempt';
import { completionUrl, pickCompletionEndpoint } from './completionEndpoint';
import type { CompletionRequest, CompletionResult } from './completionTypes';
import { originOf } from './baseUrl';
import { holeFillerMessages, parseHoleReply } from './holeFiller';
import { cancelledError } from './networkErrors';


export const DEFAULT_COMPLETION_TIMEOUT_MS = 10_000;

/** Origins whose /v1/completions rejected `suffix` (vLLM): asked with the prefix only from then on, this session. */
const suffixRejectedOrigins = new Set<string>();

/** For tests: forget which servers rejected `suffix`. */
export function clearSuffixMemory(): void {
  suffixRejectedOrigins.clear();
}

export interface CompleteOptions {
  signal?: AbortSignal;
}

export async function complete(request: CompletionRequest, options: CompleteOptions = {}): Promise<CompletionResult> {
  const { signal } = options;
  if (signal?.aborted) throw cancelledError();
  const endpoint = request.endpoint ?? pickCompletionEndpoint(request.baseUrl, request.model);
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? DEFAULT_COMPLETION_TIMEOUT_MS;
  if (endpoint === 'chat') return fillHoleByChat(request, started, timeoutMs, signal);

  const origin = originOf(request.baseUrl) ?? request.baseUrl;
  const shape = endpoint === 'openai' ? openAiShapeFor(request.model, suffixRejectedOrigins.has(origin)) : undefined;
  const send = (bodyShape = shape) =>
    runCompletionAttempt(
      {
        endpoint,
        url: completionUrl(request.baseUrl, endpoint),
        body: completionBody(endpoint, request, bodyShape),
        model: request.model,
        apiKey: request.apiKey,
        timeoutMs,
      },
      signal,
    );
  let prefixOnly = shape === 'prefixOnly';
  let outcome;
  try {
    outcome = await send();
  } catch (error) {
    if (!(shape === 'suffix' && rejectsSuffix(error))) throw error;
    // Not a retry of the same request: the server told us it cannot take this one.
    suffixRejectedOrigins.add(origin);
    prefixOnly = true;
    outcome = await send('prefixOnly');
  }
  return {
    text: outcome.text,
    endpoint,
    firstTokenMs: outcome.firstTextAt === undefined ? undefined : outcome.firstTextAt - started,
    totalMs: performance.now() - started,
    ...(prefixOnly ? { prefixOnly } : {}),
  };
}

/** vLLM: 400 "suffix is not currently supported". */
function rejectsSuffix(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && /suffix/i.test(error.message);
}

async function fillHoleByChat(
  request: CompletionRequest,
  started: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<CompletionResult> {
  let firstTextAt: number | undefined;
  const result = await chat(
    {
      baseUrl: request.baseUrl,
      apiKey: request.apiKey,
      model: request.model,
      messages: holeFillerMessages(request.prefix, request.suffix, request.languageId),
      temperature: request.temperature ?? DEFAULT_COMPLETION_TEMPERATURE,
      maxTokens: request.maxTokens ?? DEFAULT_COMPLETION_TOKENS,
      stream: true,
      maxRetries: 0,
      timeoutMs,
      idleTimeoutMs: timeoutMs,
    },
    { signal, onDelta: (text) => void (text !== '' && (firstTextAt ??= performance.now())) },
  );
  const text = parseHoleReply(result.text, request.prefix);
  return {
    text: text ?? '',
    endpoint: 'chat',
    firstTokenMs: firstTextAt === undefined ? undefined : firstTextAt - started,
    totalMs: performance.now() - started,
    ...(text === undefined ? { refused: true } : {}),
  };
}

