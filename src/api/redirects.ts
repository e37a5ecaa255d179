// No request follows a redirect. A redirect would carry the Authorization header to wherever the server points:
// node-fetch 2 keeps it when only the port changes (127.0.0.1:A → 127.0.0.1:B) or the target is a subdomain, and a
// replayed POST is not safe anyway. Keys are stored and sent per origin (baseUrl.ts originOf), so the only place a
// key may go is the base URL's own origin: a 3xx is an error that names where the server wanted us to go (its
// origin only: never the path, query or user info of the Location, which the server controls).
import { STATUS_CODES } from 'http';
import { ApiError } from './apiError';
import { hostOf, originOf } from './baseUrl';
import { safeMessage } from './redact';

/** 304 Not Modified is an answer to a conditional request, not a redirect. */
export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

export interface RedirectFailure {
  status: number;
  statusText: string;
  /** The Location header as sent (absolute or relative), if any. */
  location: string | null;
  /** The URL that was asked, to resolve a relative Location and to name the server that answered. */
  requestUrl: string;
  /** The server saw the key and chooses the Location: a host name made of the key must not reach the message. */
  apiKey?: string;
}

export function redirectError(failure: RedirectFailure): ApiError {
  const statusLine = `${failure.status} ${failure.statusText || STATUS_CODES[failure.status] || 'Redirect'}`;
  const from = hostOf(failure.requestUrl, 'the server');
  const target = targetOrigin(failure.location, failure.requestUrl);
  const where = target ? `to ${target}` : 'elsewhere';
  return new ApiError(
    'bad_request',
    safeMessage(
      `${statusLine}: ${from} redirected the request ${where}. Redirects are not followed, so the API key is only ever sent to the base URL's own server; check the base URL.`,
      failure.apiKey,
    ),
    { status: failure.status, retryable: false },
  );
}

function targetOrigin(location: string | null, requestUrl: string): string | undefined {
  if (location === null || location.trim() === '') return undefined;
  let resolved: string;
  try {
    resolved = new URL(location.trim(), requestUrl).href;
  } catch {
    return undefined;
  }
  return originOf(resolved);
}
