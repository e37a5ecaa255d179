// One HTTP attempt at a chat completion: send, classify the answer (SSE, JSON, HTML, error status), read it.
import { ApiError } from './apiError';
import { AnswerAccumulator } from './answerAccumulator';
import { AttemptControl } from './attemptControl';
import { hostOf } from './baseUrl';
import { forEachChunk, readBodyText } from './bodyReading';
import { looksLikeHtml } from './errorBody';
import { errorFromHttpResponse } from './httpErrors';
import { type HttpResponse, sendRequest } from './transport';
import { errorFromFailure } from './networkErrors';
import { isRedirectStatus, redirectError } from './redirects';
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
    const response = await sendRequest(plan.url, {
      method: 'POST',
      headers: plan.headers,
      body: plan.body,
      stopper: control,
    });
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

async function httpError(response: HttpResponse, plan: AttemptPlan, control: AttemptControl): Promise<ApiError> {
  // No transport follows a redirect; say where it pointed rather than calling it an invalid request.
  if (isRedirectStatus(response.status)) {
    return redirectError({
      status: response.status,
      statusText: response.statusText,
      location: response.headers.get('location'),
      requestUrl: plan.url,
      apiKey: plan.apiKey,
    });
  }
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

/**
 * Reads the answer as it arrives. The first chunk settles an unknown content type and starts the idle watchdog; an
 * SSE body is decoded chunk by chunk (every event delivered before the next read), a JSON body is gathered whole.
 */
async function readAnswer(
  response: HttpResponse,
  plan: AttemptPlan,
  answer: AnswerAccumulator,
  control: AttemptControl,
): Promise<void> {
  let format = formatOf(response.headers.get('content-type') ?? '');
  let reader: BodyReader | undefined;
  await forEachChunk(response.body, (bytes) => {
    if (reader === undefined) {
      control.armTimeout(plan.idleTimeoutMs, 'idle');
      if (format === 'unknown') format = sniffFormat(bytes);
      reader = readerFor(format, plan, response.status, answer, control);
    }
    return reader.push(bytes);
  });
  if (reader === undefined) reader = readerFor(format === 'unknown' ? 'sse' : format, plan, response.status, answer, control);
  reader.end();
}

interface BodyReader {
  /** One chunk of the body; true when the answer is complete and the rest need not be read. */
  push(bytes: Buffer): boolean;
  /** The body ended (or was never sent). */
  end(): void;
}

function readerFor(format: BodyFormat, plan: AttemptPlan, status: number, answer: AnswerAccumulator, control: AttemptControl): BodyReader {
  if (format === 'html') {
    throw new ApiError(
      'bad_response',
      `The server at ${hostOf(plan.url)} answered with a web page instead of an API response. Check the base URL; a proxy or captive portal may be in the way.`,
      { status, retryable: false },
    );
  }
  return format === 'json' ? completionReader(plan, status, answer, control) : eventStreamReader(plan, answer, control);
}

/** For a missing or odd content type: `{` is JSON, `<` is a web page, anything else is read as SSE. */
function sniffFormat(firstChunk: Buffer): BodyFormat {
  const start = firstChunk.toString('utf8', 0, Math.min(firstChunk.length, 256)).replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  if (looksLikeHtml('', start)) return 'html';
  return 'sse';
}

/** A whole `chat.completion` JSON body (a server that ignored stream: true), size-limited. */
function completionReader(plan: AttemptPlan, status: number, answer: AnswerAccumulator, control: AttemptControl): BodyReader {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  return {
    push(bytes) {
      control.armTimeout(plan.idleTimeoutMs, 'idle');
      size += bytes.length;
      if (size > COMPLETION_BODY_LIMIT) return true; // stop reading: the cut-off JSON fails to parse below
      text += decoder.decode(bytes, { stream: true });
      return false;
    },
    end() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text + decoder.decode());
      } catch {
        throw new ApiError('bad_response', 'The server answered with JSON that could not be read.', { status });
      }
      answer.handleCompletion(parsed);
    },
  };
}

function eventStreamReader(plan: AttemptPlan, answer: AnswerAccumulator, control: AttemptControl): BodyReader {
  const decoder = new SseDecoder((data, eventName) => answer.handleEvent(data, eventName));
  let seenFieldLines = 0;
  return {
    push(bytes) {
      decoder.push(bytes);
      // Only real field lines count as activity: a server that sends nothing but keep-alive comments must time out.
      if (decoder.fieldLines !== seenFieldLines) {
        seenFieldLines = decoder.fieldLines;
        if (answer.finished) control.armFinish(Math.min(USAGE_GRACE_MS, plan.idleTimeoutMs));
        else control.armTimeout(plan.idleTimeoutMs, 'idle');
      }
      return answer.complete;
    },
    end() {
      if (answer.complete) return;
      decoder.end();
      if (!answer.finished) throw new ApiError('truncated', 'The connection closed before the answer was complete.');
    },
  };
}

function withRequestId(error: ApiError, requestId: string | undefined): ApiError {
  if (error.requestId !== undefined || requestId === undefined) return error;
  return new ApiError(error.kind, error.message, {
    status: error.status,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    requestId,
    cutByMaxTokens: error.cutByMaxTokens,
    serverMessage: error.serverMessage,
  });
}
