// One HTTP attempt at a chat completion: send, classify the answer (SSE, JSON, HTML, error status), read it.
import type { Response } from 'node-fetch';
import { fetch } from './lazyFetch';
import { ApiError } from './apiError';
import { AnswerAccumulator } from './answerAccumulator';
import { AttemptControl } from './attemptControl';
import { hostOf } from './baseUrl';
import { keepAbortErrorsQuiet, readBodyText, toBytes } from './bodyReading';
import { looksLikeHtml } from './errorBody';
import { errorFromHttpResponse } from './httpErrors';
import { errorFromFailure } from './networkErrors';
import { parseRetryAfter } from './retryPolicy';
import { SseDecoder } from './sseDecoder';
import type { ChatResult } from './types';

/** How long to keep listening for a usage chunk after the finish reason, when no [DONE] comes. */
const USAGE_GRACE_MS = 1_500;
const ERROR_BODY_LIMIT = 64 * 1024;
const COMPLETION_BODY_LIMIT = 32 * 1024 * 1024;

export interface AttemptPlan {
  url: string;
  headers: Record<string, string>;
  body: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  idleTimeoutMs: number;
}

export async function runChatAttempt(
  plan: AttemptPlan,
  answer: AnswerAccumulator,
  signal: AbortSignal | undefined,
): Promise<ChatResult> {
  const control = new AttemptControl(signal);
  const host = hostOf(plan.url);
  let headerRequestId: string | undefined;
  try {
    control.armTimeout(plan.timeoutMs, 'response');
    const response = await fetch(plan.url, {
      method: 'POST',
      headers: plan.headers,
      body: plan.body,
      signal: control.signal,
    });
    keepAbortErrorsQuiet(response);
    headerRequestId = response.headers.get('x-inference-id') ?? undefined;
    if (!response.ok) throw await httpError(response, plan, control);
    await readAnswer(response, plan, answer, control);
    return answer.result(headerRequestId);
  } catch (error) {
    // Stopped on purpose once the answer was whole (e.g. a server that never closes after the finish reason).
    if (control.stopReason === 'finished' && answer.finished) return answer.result(headerRequestId);
    const apiError = errorFromFailure(error, control, host, plan.apiKey);
    // A connection lost after text was shown is a truncated answer, not a retryable network failure.
    if (apiError.kind === 'network' && answer.delivered) {
      throw withRequestId(new ApiError('truncated', `The connection to ${host} was lost before the answer was complete.`), headerRequestId);
    }
    throw withRequestId(apiError, headerRequestId);
  } finally {
    control.stop('finished'); // closes the socket if we left the body unread; no-op if already stopped
    control.dispose();
  }
}

async function httpError(response: Response, plan: AttemptPlan, control: AttemptControl): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  const body = await readBodyText(response.body, control, plan.idleTimeoutMs, ERROR_BODY_LIMIT);
  return errorFromHttpResponse({
    status: response.status,
    statusText: response.statusText,
    contentType,
    body,
    headerRequestId: response.headers.get('x-inference-id') ?? undefined,
    retryAfterMs: parseRetryAfter(response.headers),
    endpoint: 'chat',
    model: plan.model,
    apiKey: plan.apiKey,
  });
}

type BodyFormat = 'sse' | 'json' | 'html' | 'unknown';

function formatOf(contentType: string): BodyFormat {
  const type = contentType.toLowerCase();
  if (type.includes('text/event-stream')) return 'sse';
  if (type.includes('json')) return 'json';
  if (type.includes('html')) return 'html';
  return 'unknown';
}

async function readAnswer(
  response: Response,
  plan: AttemptPlan,
  answer: AnswerAccumulator,
  control: AttemptControl,
): Promise<void> {
  let format = formatOf(response.headers.get('content-type') ?? '');
  const iterator = (response.body as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  control.armTimeout(plan.idleTimeoutMs, 'idle');
  const firstChunk = first.done ? Buffer.alloc(0) : toBytes(first.value);
  if (format === 'unknown') format = sniffFormat(firstChunk);
  const rest: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => iterator };

  if (format === 'html') {
    throw new ApiError(
      'bad_response',
      `The server at ${hostOf(plan.url)} answered with a web page instead of an API response. Check the base URL; a proxy or captive portal may be in the way.`,
      { status: response.status, retryable: false },
    );
  }
  if (format === 'json') {
    const text = first.done ? '' : await readBodyText(rest as NodeJS.ReadableStream, control, plan.idleTimeoutMs, COMPLETION_BODY_LIMIT, firstChunk);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError('bad_response', 'The server answered with JSON that could not be read.', { status: response.status });
    }
    answer.handleCompletion(parsed);
    return;
  }
  await readEventStream(firstChunk, first.done === true, rest, plan, answer, control);
}

/** For a missing or odd content type: `{` is JSON, `<` is a web page, anything else is read as SSE. */
function sniffFormat(firstChunk: Buffer): BodyFormat {
  const start = firstChunk.toString('utf8', 0, Math.min(firstChunk.length, 256)).replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  if (looksLikeHtml('', start)) return 'html';
  return 'sse';
}

async function readEventStream(
  firstChunk: Buffer,
  bodyEnded: boolean,
  rest: AsyncIterable<Buffer | string>,
  plan: AttemptPlan,
  answer: AnswerAccumulator,
  control: AttemptControl,
): Promise<void> {
  const decoder = new SseDecoder((data, eventName) => answer.handleEvent(data, eventName));
  let seenFieldLines = 0;
  const afterRead = (): boolean => {
    // Only real field lines count as activity: a server that sends nothing but keep-alive comments must time out.
    if (decoder.fieldLines !== seenFieldLines) {
      seenFieldLines = decoder.fieldLines;
      if (answer.finished) control.armFinish(Math.min(USAGE_GRACE_MS, plan.idleTimeoutMs));
      else control.armTimeout(plan.idleTimeoutMs, 'idle');
    }
    return answer.complete;
  };

  decoder.push(firstChunk);
  if (afterRead()) return;
  if (!bodyEnded) {
    for await (const chunk of rest) {
      decoder.push(toBytes(chunk));
      if (afterRead()) return;
    }
  }
  decoder.end();
  if (!answer.finished) {
    throw new ApiError('truncated', 'The connection closed before the answer was complete.');
  }
}

function withRequestId(error: ApiError, requestId: string | undefined): ApiError {
  if (error.requestId !== undefined || requestId === undefined) return error;
  return new ApiError(error.kind, error.message, {
    status: error.status,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    requestId,
  });
}
