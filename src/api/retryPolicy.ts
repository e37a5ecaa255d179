// When and how long to wait before sending a failed request again (openai-node's policy, which fits the AI/ML API).
import type { ApiError } from './apiError';

/** Longest server-requested wait we sit through; beyond it we fail at once and report retryAfterMs instead. */
export const RETRY_AFTER_CAP_MS = 20_000;
export const DEFAULT_MAX_RETRIES = 2;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

export interface HeaderSource {
  get(name: string): string | null;
}

/** Statuses that mean "try again later": timeout, conflict, rate limit, server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date), as a wait in ms. */
export function parseRetryAfter(headers: HeaderSource, nowMs: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** 0.5 s, 1 s, 2 s … (capped), each shortened by up to 25 % so many clients do not retry in lock-step. */
export function backoffDelayMs(retryNumber: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** (retryNumber - 1), MAX_BACKOFF_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/** Whether chat() sends the request again by itself. Client-side timeouts are not: the user already waited. */
export function isAutoRetryable(error: ApiError): boolean {
  if (!error.retryable) return false; // e.g. quota exhausted, even when sent as 429
  if (error.status !== undefined) return isRetryableStatus(error.status);
  return error.kind === 'network' && error.retryable;
}

/**
 * The wait before retry number `retryNumber`, or undefined when the request must not be retried:
 * text was already shown, retries are used up, the error is permanent, or the server asks for too long a wait.
 */
export function retryDelayMs(
  error: ApiError,
  retryNumber: number,
  maxRetries: number,
  textDelivered: boolean,
): number | undefined {
  if (textDelivered || retryNumber > maxRetries || !isAutoRetryable(error)) return undefined;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= RETRY_AFTER_CAP_MS ? error.retryAfterMs : undefined;
  }
  return backoffDelayMs(retryNumber);
}
