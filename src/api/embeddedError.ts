// An error a server reports inside an HTTP 200 answer: a JSON body `{"error":{…}}`, a stream event
// `data: {"error":{…}}`, or an `event: error` event. Many gateways answer 200 and put the real status inside, so it is
// classified like the HTTP status it names (its code, status or type, or failing those its message): a rate limit
// is `rate_limited` and retryable before any text, a quota is never retryable. With no status to be found it stays
// a `stream_error`.
import { ApiError } from './apiError';
import { readErrorBody } from './errorBody';
import { isRecord } from './isRecord';
import { errorFromHttpResponse } from './httpErrors';
import { safeMessage } from './redact';

export interface EmbeddedErrorContext {
  apiKey?: string;
  model?: string;
  endpoint: 'chat' | 'models';
  /** Text was already shown: the wording says the answer broke off. */
  midAnswer: boolean;
}

/** Error `type`/`status` names used by OpenAI, Anthropic, Google and OpenAI-compatible servers, as HTTP statuses. */
const STATUS_OF_NAME: Record<string, number> = {
  invalid_request_error: 400,
  invalid_argument: 400,
  bad_request: 400,
  context_length_exceeded: 400,
  authentication_error: 401,
  invalid_api_key: 401,
  unauthenticated: 401,
  unauthorized: 401,
  insufficient_quota: 402,
  billing_error: 402,
  payment_required: 402,
  permission_error: 403,
  permission_denied: 403,
  forbidden: 403,
  not_found_error: 404,
  not_found: 404,
  model_not_found: 404,
  timeout: 408,
  timeout_error: 408,
  request_timeout: 408,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  rate_limited: 429,
  resource_exhausted: 429,
  too_many_requests: 429,
  server_error: 500,
  api_error: 500,
  internal: 500,
  internal_error: 500,
  internal_server_error: 500,
  bad_gateway: 502,
  overloaded_error: 503,
  unavailable: 503,
  service_unavailable: 503,
  deadline_exceeded: 504,
};

/** When no code names a status, the message may still say what happened. */
const STATUS_OF_MESSAGE: [RegExp, number][] = [
  [/quota|insufficient (credits?|funds|balance)|out of credits?|billing|payment required/i, 402],
  [/rate.?limit|too many requests/i, 429],
  [/context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long/i, 400],
];

export function errorFromEmbedded(payload: unknown, raw: string, context: EmbeddedErrorContext): ApiError {
  const error = isRecord(payload) ? (payload.error ?? payload) : undefined;
  // readErrorBody knows every error shape, and reads a plain-text event as the message itself.
  const body = isRecord(payload) ? JSON.stringify(payload) : raw;
  const info = readErrorBody(body, 'application/json');
  const serverMessage = info.message;
  const status = statusNamedBy(error, payload) ?? statusFromMessage(serverMessage);
  const where = context.midAnswer ? 'in the middle of its answer' : 'inside a successful (200) response';
  if (status === undefined) {
    const text = serverMessage ? `The server reported an error ${where}: ${serverMessage}` : `The server reported an error ${where}.`;
    return new ApiError('stream_error', safeMessage(text, context.apiKey), { requestId: info.requestId });
  }
  const classified = errorFromHttpResponse({
    status,
    statusText: '',
    contentType: 'application/json',
    body,
    endpoint: context.endpoint,
    model: context.model,
    apiKey: context.apiKey,
  });
  return new ApiError(classified.kind, `The server reported an error ${where}: ${classified.message}`, {
    status,
    retryable: classified.retryable,
    requestId: classified.requestId,
    serverMessage: classified.serverMessage,
  });
}

function statusNamedBy(error: unknown, payload: unknown): number | undefined {
  const sources = [error, payload].filter(isRecord);
  for (const source of sources) {
    for (const field of ['status', 'statusCode', 'status_code', 'code', 'http_status']) {
      const status = asStatus(source[field]);
      if (status !== undefined) return status;
    }
  }
  for (const source of sources) {
    for (const field of ['type', 'code', 'status']) {
      const value = source[field];
      if (typeof value !== 'string') continue;
      const status = STATUS_OF_NAME[value.trim().toLowerCase()];
      if (status !== undefined) return status;
    }
  }
  return undefined;
}

/** 429 or "429"; an error code that is not an HTTP status (e.g. 1008) is not one. */
function asStatus(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 400 && number <= 599 ? number : undefined;
}

function statusFromMessage(message: string | undefined): number | undefined {
  if (message === undefined) return undefined;
  return STATUS_OF_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
}
