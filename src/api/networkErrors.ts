// Turns a failed fetch or a broken body stream into an ApiError: cancelled, timed out, or a network problem.
import { ApiError } from './apiError';
import type { AttemptControl } from './attemptControl';
import { safeMessage } from './redact';

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

export function cancelledError(): ApiError {
  return new ApiError('cancelled', 'The request was cancelled.');
}

/** The attempt's own abort reasons first (user, watchdog), then what the socket said. */
export function errorFromFailure(error: unknown, control: AttemptControl, host: string, apiKey?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (control.stopReason === 'cancelled') return cancelledError();
  if (control.stopReason === 'timeout') {
    const seconds = Math.round(control.timeoutMs / 100) / 10;
    const message =
      control.timeoutPhase === 'idle'
        ? `The answer from ${host} stalled: no data for ${seconds} s.`
        : `No response from ${host} within ${seconds} s.`;
    return new ApiError('timeout', message);
  }
  return networkError(error, host, apiKey);
}

function networkError(error: unknown, host: string, apiKey?: string): ApiError {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  let message: string;
  let retryable = true;
  if (code === 'ECONNREFUSED') message = `Could not connect to ${host}: connection refused. Is the server running?`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    message = `Could not find ${host}. Check the base URL and your network connection.`;
  else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || /premature close/i.test(detail))
    message = `The connection to ${host} was closed unexpectedly.`;
  else if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    message = `Could not reach ${host} (${code}). Check your network connection.`;
  else if (code && TLS_CODES.test(code)) {
    message = `Secure connection to ${host} failed (${code}). A proxy or certificate problem may be the cause.`;
    retryable = false;
  } else message = `Request to ${host} failed: ${detail}`;
  return new ApiError('network', safeMessage(message, apiKey), { retryable });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; errno?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (typeof record.errno === 'string') return record.errno;
  return undefined;
}
