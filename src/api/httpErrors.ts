// Turns an HTTP error response into an ApiError with the right kind and a short message a person can act on.
import { STATUS_CODES } from 'http';
import { ApiError } from './apiError';
import { readErrorBody } from './errorBody';
import { safeMessage } from './redact';
import { isRetryableStatus } from './retryPolicy';
import type { ErrorKind } from './types';

export interface HttpFailure {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
  /** From the `x-inference-id` header. */
  headerRequestId?: string;
  retryAfterMs?: number;
  /** Which endpoint failed: a 404 means "no such model" on chat, "no model list" on /models. */
  endpoint: 'chat' | 'models';
  model?: string;
  apiKey?: string;
}

const CONTEXT_LENGTH = /context[ _-]?(length|window|size)|maximum context|too many tokens|prompt is too long|input is too long|reduce the length|exceeds? the (model'?s? )?(max|limit)/i;
const DEPRECATED = /deprecat|decommission|no longer (available|supported)|retired/i;
/** Quota, billing or credit exhaustion: no retry helps, whatever status (often 429) the server sent with it. */
const QUOTA_EXHAUSTED =
  /quota (exceeded|exhausted|reached|used up)|exceeded (your |the )?(current |monthly |daily )?quota|insufficient[ _-]?quota|insufficient[ _-]?(credits?|funds|balance)|out of credits?|credits? (exhausted|exceeded|depleted|used up)|no (remaining )?credits|billing|payment required/i;
const UNKNOWN_MODEL = /model.{0,120}(not[ _]found|does not exist|not available|unavailable|unknown|not supported|invalid)|(unknown|invalid|unsupported) model|model_not_found/i;

export function errorFromHttpResponse(failure: HttpFailure): ApiError {
  const body = readErrorBody(failure.body, failure.contentType);
  const statusLine = `${failure.status} ${failure.statusText || STATUS_CODES[failure.status] || 'Error'}`;
  const serverWords = [body.message ?? '', body.code ?? ''].join(' ');
  const genericBody = body.message === undefined || isJustTheStatusText(body.message, failure);
  const kind = classify(failure, serverWords, genericBody);

  let message: string;
  if (body.isHtml) {
    message = `${statusLine}: the server answered with a web page instead of an API response (a gateway, proxy or captive portal may be in the way).`;
  } else if (kind === 'model_unavailable' && genericBody) {
    const model = failure.model ? `The model "${failure.model}"` : 'The model';
    message = `${model} is not available (${failure.status}); it may be deprecated. Pick another model.`;
  } else if (kind === 'bad_request' && failure.status === 404) {
    message = `${statusLine}: ${body.message ?? 'nothing at this address'}. Check the base URL.`;
  } else if (body.message !== undefined && !genericBody) {
    const repeatsStatusText = failure.statusText !== '' && body.message.toLowerCase().startsWith(failure.statusText.toLowerCase());
    message = repeatsStatusText ? `${failure.status} ${body.message}` : `${statusLine}: ${body.message}`;
  } else {
    message = defaultMessage(kind, statusLine);
  }

  return new ApiError(kind, safeMessage(message, failure.apiKey), {
    status: failure.status,
    retryable: kind === 'forbidden' ? false : isRetryableStatus(failure.status) || undefined,
    retryAfterMs: failure.retryAfterMs,
    requestId: failure.headerRequestId ?? body.requestId,
    // A quota or plan stop is best said in the server's words ("You've reached your free limit for the hour").
    serverMessage: !body.isHtml && body.message !== undefined && !genericBody ? safeMessage(body.message, failure.apiKey) : undefined,
  });
}

function classify(failure: HttpFailure, serverWords: string, genericBody: boolean): ErrorKind {
  const { status } = failure;
  if (status === 401) return 'auth';
  if (status === 402 || status === 403 || QUOTA_EXHAUSTED.test(serverWords)) return 'forbidden';
  if (status === 408) return 'timeout';
  if (status === 409 || status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  if (status === 413) return 'context_length';
  if (failure.endpoint === 'chat') {
    if (DEPRECATED.test(serverWords) || status === 410) return 'model_unavailable';
    if (status === 404) return genericBody || /model/i.test(serverWords) ? 'model_unavailable' : 'bad_request';
    if (CONTEXT_LENGTH.test(serverWords)) return 'context_length';
    if (UNKNOWN_MODEL.test(serverWords)) return 'model_unavailable';
  }
  return 'bad_request';
}

function isJustTheStatusText(message: string, failure: HttpFailure): boolean {
  const normalized = message.trim().toLowerCase();
  const statusText = (failure.statusText || STATUS_CODES[failure.status] || '').toLowerCase();
  return normalized === statusText || normalized === String(failure.status);
}

function defaultMessage(kind: ErrorKind, statusLine: string): string {
  switch (kind) {
    case 'auth':
      return `${statusLine}: the server rejected the API key.`;
    case 'forbidden':
      return `${statusLine}: access denied; the account may be out of credits or not allowed to use this model.`;
    case 'rate_limited':
      return `${statusLine}: wait a moment and try again.`;
    case 'timeout':
      return `${statusLine}: the server timed out.`;
    case 'server':
      return `${statusLine}: the server had a problem; try again shortly.`;
    case 'context_length':
      return `${statusLine}: the conversation is too long for this model.`;
    default:
      return statusLine;
  }
}
