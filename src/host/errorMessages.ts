// Applies the pure error table (src/common/errorTable.ts) to a thrown value, with the user's language and with
// everything that came from outside (server text, exception messages) stripped of tags and of the key.
import * as vscode from 'vscode';
import { plainExcerpt, quotedServerText, redactSecrets } from '../api';
import type { ErrorView } from '../common/chatTypes';
import { describeErrorKind, describeUnexpected, isKnownErrorKind, type ErrorDetails } from '../common/errorTable';

export interface ErrorSituation {
  model: string;
  host: string;
  timeoutSeconds: number;
  /** Only to scrub them out of any text; never shown. */
  apiKeys?: readonly string[];
}

interface ApiErrorLike {
  kind: string;
  message?: string;
  status?: number;
  retryAfterMs?: number;
  cutByMaxTokens?: boolean;
  serverMessage?: string;
}

export function describeFailure(error: unknown, situation: ErrorSituation): ErrorView {
  const view = describeRaw(error, situation);
  // Defence in depth: whatever path built the sentence, the key never leaves in it.
  return { ...view, message: redactSecrets(view.message, situation.apiKeys) };
}

function describeRaw(error: unknown, situation: ErrorSituation): ErrorView {
  if (isApiErrorLike(error) && isKnownErrorKind(error.kind)) {
    const details: ErrorDetails = {
      model: situation.model,
      host: situation.host,
      timeoutSeconds: situation.timeoutSeconds,
      status: typeof error.status === 'number' ? error.status : undefined,
      retryAfterMs: typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined,
      serverMessage: serverDetail(error, situation.apiKeys),
      cutByMaxTokens: error.cutByMaxTokens === true,
    };
    return describeErrorKind(error.kind, details, vscode.l10n.t);
  }
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return describeUnexpected(plainExcerpt(message, situation.apiKeys), vscode.l10n.t);
}

/**
 * The server's own words only where they help: what was invalid, what broke mid-stream, and a quota or plan stop
 * (its own sentence, quoted by the error table, made inert by quotedServerText).
 */
function serverDetail(error: ApiErrorLike, apiKeys?: readonly string[]): string | undefined {
  if (error.kind === 'forbidden' || error.kind === 'rate_limited') {
    const quoted = typeof error.serverMessage === 'string' ? quotedServerText(error.serverMessage, apiKeys) : '';
    return quoted || undefined;
  }
  if (error.kind !== 'bad_request' && error.kind !== 'stream_error') return undefined;
  const text = typeof error.message === 'string' ? plainExcerpt(error.message, apiKeys) : '';
  return text || undefined;
}

function isApiErrorLike(error: unknown): error is ApiErrorLike {
  return typeof error === 'object' && error !== null && typeof (error as { kind?: unknown }).kind === 'string';
}
