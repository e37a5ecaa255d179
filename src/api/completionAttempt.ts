// One request to a fill-in-the-middle endpoint, sent through transport.ts with the same attempt control as a chat
// attempt (caller's signal, first-byte and idle watchdogs): read as SSE (llama.cpp, OpenAI-style) or as JSON lines
// (Ollama's NDJSON; a non-streamed JSON answer is one such line). No retries: the next keystroke is the retry.
import { ApiError } from './apiError';
import { AttemptControl } from './attemptControl';
import { hostOf } from './baseUrl';
import { forEachChunk, readBodyText } from './bodyReading';
import { looksLikeHtml } from './errorBody';
import { type CompletionPiece, completionPiece, type FimEndpoint } from './completionBodies';
import { errorFromHttpResponse } from './httpErrors';
import { sendRequest } from './transport';
import { errorFromFailure } from './networkErrors';
import { safeMessage } from './redact';
import { isRedirectStatus, redirectError } from './redirects';
import { newClientRequestId, USER_AGENT } from './requestBuilder';
import { parseRetryAfter } from './retryPolicy';
import { SseDecoder } from './sseDecoder';

const ERROR_BODY_LIMIT = 64 * 1024;
/** A suggestion is a few lines: a body past this is not one. */
const ANSWER_LIMIT = 1024 * 1024;

export interface CompletionPlan {
  endpoint: FimEndpoint;
  url: string;
  body: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface AttemptOutcome {
  text: string;
  /** performance.now() when the first text arrived. */
  firstTextAt?: number;
}

export function completionHeaders(apiKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream, application/x-ndjson, application/json',
    'User-Agent': USER_AGENT,
    'X-Client-Request-Id': newClientRequestId(),
  };
  const key = apiKey?.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  return headers;
}

export async function runCompletionAttempt(plan: CompletionPlan, signal: AbortSignal | undefined): Promise<AttemptOutcome> {
  const control = new AttemptControl(signal);
  const host = hostOf(plan.url);
  const outcome: AttemptOutcome = { text: '' };
  try {
    control.armTimeout(plan.timeoutMs, 'response');
    const response = await sendRequest(plan.url, { method: 'POST', headers: completionHeaders(plan.apiKey), body: plan.body, stopper: control });
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      // No transport follows a redirect, so the key never leaves the base URL's origin (redirects.ts).
      if (isRedirectStatus(response.status)) {
        throw redirectError({ status: response.status, statusText: response.statusText, location: response.headers.get('location'), requestUrl: plan.url, apiKey: plan.apiKey });
      }
      const body = await readBodyText(response.body, control, plan.timeoutMs, ERROR_BODY_LIMIT);
      throw errorFromHttpResponse({
        status: response.status,
        statusText: response.statusText,
        contentType,
        body,
        retryAfterMs: parseRetryAfter(response.headers),
        endpoint: 'chat',
        model: plan.model,
        apiKey: plan.apiKey,
      });
    }
    if (/html/i.test(contentType)) throw notAnApi(host, response.status);
    let done = false;
    let size = 0;
    const onPiece = (piece: CompletionPiece): void => {
      if (piece.error !== undefined) throw new ApiError('stream_error', safeMessage(piece.error, plan.apiKey));
      if (piece.text) {
        outcome.firstTextAt ??= performance.now();
        outcome.text += piece.text;
      }
      if (piece.done) done = true;
    };
    const reader = /event-stream/i.test(contentType) ? sseReader(plan.endpoint, onPiece) : jsonLinesReader(plan.endpoint, onPiece, host);
    await forEachChunk(response.body, (bytes) => {
      control.armTimeout(plan.timeoutMs, 'idle');
      size += bytes.length;
      if (size > ANSWER_LIMIT) throw new ApiError('bad_response', `The answer from ${host} was too long for a suggestion.`);
      reader.push(bytes);
      return done;
    });
    if (!done) reader.end();
    if (!done) throw new ApiError('truncated', 'The connection closed before the suggestion was complete.');
    return outcome;
  } catch (error) {
    throw errorFromFailure(error, control, host, plan.apiKey);
  } finally {
    control.stop('finished'); // closes the socket if the body was left unread
    control.dispose();
  }
}

interface Reader {
  push(bytes: Buffer): void;
  end(): void;
}

function sseReader(endpoint: FimEndpoint, onPiece: (piece: CompletionPiece) => void): Reader {
  const decoder = new SseDecoder((data) => {
    if (data.trim() === '[DONE]') return onPiece({ done: true });
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // a keep-alive or a line some proxy added: not part of the answer
    }
    onPiece(completionPiece(endpoint, parsed));
  });
  return { push: (bytes) => decoder.push(bytes), end: () => decoder.end() };
}

/** Ollama's NDJSON, one object per line; a server that ignored `stream` sends one (maybe pretty-printed) object. */
function jsonLinesReader(endpoint: FimEndpoint, onPiece: (piece: CompletionPiece) => void, host: string): Reader {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let unparsed = '';
  const line = (text: string): void => {
    if (text.trim() === '') return;
    if (unparsed === '') {
      try {
        onPiece(completionPiece(endpoint, JSON.parse(text)));
        return;
      } catch (error) {
        if (error instanceof ApiError) throw error;
      }
    }
    unparsed += `${text}\n`;
  };
  return {
    push(bytes) {
      pending += decoder.decode(bytes, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        line(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    end() {
      line(pending + decoder.decode());
      pending = '';
      if (unparsed === '') return;
      if (looksLikeHtml('', unparsed)) throw notAnApi(host, 200);
      let parsed: unknown;
      try {
        parsed = JSON.parse(unparsed);
      } catch {
        throw new ApiError('bad_response', `The answer from ${host} could not be read.`, { status: 200 });
      }
      onPiece(completionPiece(endpoint, parsed));
    },
  };
}

function notAnApi(host: string, status: number): ApiError {
  return new ApiError(
    'bad_response',
    `The server at ${host} answered with a web page instead of an API response. Check the base URL.`,
    { status, retryable: false },
  );
}
