// The one error type the request module throws. Its message is short, human and never contains the API key.
import type { ErrorKind } from './types';

export interface ApiErrorDetails {
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  requestId?: string;
  /** A `truncated` answer that stopped at the request's max_tokens (finish_reason `length`), not a lost connection. */
  cutByMaxTokens?: boolean;
  /** The server's own sentence (redacted, one line, bounded), for a UI to quote; never our wording. */
  serverMessage?: string;
}

/** Kinds where the same request may well succeed later, so a UI can offer "Retry". */
const TRANSIENT_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limited',
  'server',
  'network',
  'timeout',
  'truncated',
  'stream_error',
]);

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly cutByMaxTokens?: boolean;
  readonly serverMessage?: string;

  constructor(kind: ErrorKind, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.status = details.status;
    this.retryable = details.retryable ?? TRANSIENT_KINDS.has(kind);
    this.retryAfterMs = details.retryAfterMs;
    this.requestId = details.requestId;
    if (details.cutByMaxTokens) this.cutByMaxTokens = true;
    if (details.serverMessage) this.serverMessage = details.serverMessage;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
