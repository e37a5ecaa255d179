// Every request failure kind → one sentence the user can act on, plus the buttons that fix it.
// Pure: the host passes `vscode.l10n.t` as `t`. Every string is a literal `l10n.t(...)` call, the shape the l10n bundle's
// extractor (scripts/exportL10n.js) finds, so translations cover them.
import type { ErrorAction, ErrorView } from './chatTypes';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const ERROR_KINDS = [
  'auth',
  'forbidden',
  'bad_request',
  'model_unavailable',
  'context_length',
  'rate_limited',
  'server',
  'stream_error',
  'truncated',
  'timeout',
  'bad_response',
  'network',
  'cors',
  'cancelled',
] as const;
export type KnownErrorKind = (typeof ERROR_KINDS)[number];

/** What the sentence may mention. All of it is already safe to show (no key, no HTML). */
export interface ErrorDetails {
  model: string;
  /** Host of the base URL, e.g. "api.aimlapi.com". */
  host: string;
  status?: number;
  retryAfterMs?: number;
  timeoutSeconds: number;
  /** A short plain-text excerpt of the server's own message, when it adds something. */
  serverMessage?: string;
  /** A `truncated` answer stopped by the max tokens limit (a tool call's arguments cut off), not a lost connection. */
  cutByMaxTokens?: boolean;
}

export function isKnownErrorKind(kind: unknown): kind is KnownErrorKind {
  return typeof kind === 'string' && (ERROR_KINDS as readonly string[]).includes(kind);
}

export function describeErrorKind(kind: KnownErrorKind, details: ErrorDetails, t: Translate): ErrorView {
  const { message, actions } = entryFor(kind, details, { t });
  return { kind, message, actions };
}

/** For failures that are not an ApiError at all (a bug, or an exception from VS Code itself). */
export function describeUnexpected(safeMessage: string, t: Translate): ErrorView {
  const l10n = { t };
  const message = safeMessage
    ? l10n.t('Something went wrong: {0}', safeMessage)
    : l10n.t('Something went wrong. The log has the details.');
  return { kind: 'unknown', message, actions: ['retry', 'showLog'] };
}

interface Entry {
  message: string;
  actions: ErrorAction[];
}

function entry(message: string, ...actions: ErrorAction[]): Entry {
  return { message, actions };
}

function entryFor(kind: KnownErrorKind, d: ErrorDetails, l10n: { t: Translate }): Entry {
  const { host, model, serverMessage, status, retryAfterMs } = d;
  switch (kind) {
    case 'auth':
      return entry(l10n.t('{0} rejected the API key. Set a valid key to continue.', host), 'setApiKey');
    case 'forbidden': {
      // The server's sentence is quoted as its words, never merged into ours: it may say anything.
      const message = serverMessage
        ? l10n.t('{0} refused the request and said: “{1}”. The account may be out of credits or not allowed to use {2}. Check your plan, or the base URL in settings.', host, serverMessage, model)
        : l10n.t('{0} refused the request: the account may be out of credits or not allowed to use {1}. Check your plan, or the base URL in settings.', host, model);
      return entry(message, 'openSettings');
    }
    case 'bad_request': {
      const message = serverMessage
        ? l10n.t('{0} rejected the request as invalid ({1}). Check the model and settings.', host, serverMessage)
        : l10n.t('{0} rejected the request as invalid. Check the model and settings.', host);
      return entry(message, 'openSettings', 'showLog');
    }
    case 'model_unavailable':
      return entry(l10n.t('The model {0} is not available on {1}; it may be deprecated or misspelled. Choose another model.', model, host), 'chooseModel');
    case 'context_length':
      return entry(
        l10n.t('The conversation is too long for the context window of {0}. Shorten the selection or choose a model with a larger context.', model),
        'chooseModel',
      );
    case 'rate_limited': {
      const wait = retryAfterMs !== undefined && retryAfterMs > 0 ? Math.ceil(retryAfterMs / 1000) : undefined;
      let message: string;
      if (serverMessage) {
        message =
          wait !== undefined
            ? l10n.t('{0} is rate limiting requests and said: “{1}”. Wait {2} s, then retry.', host, serverMessage, wait)
            : l10n.t('{0} is rate limiting requests and said: “{1}”. Wait, then retry.', host, serverMessage);
      } else {
        message =
          wait !== undefined
            ? l10n.t('{0} is rate limiting requests. Wait {1} s, then retry.', host, wait)
            : l10n.t('{0} is rate limiting requests. Wait a moment, then retry.', host);
      }
      return entry(message, 'retry');
    }
    case 'server': {
      const message =
        status !== undefined ? l10n.t('{0} had an internal error (HTTP {1}). Retry in a moment.', host, status) : l10n.t('{0} had an internal error. Retry in a moment.', host);
      return entry(message, 'retry', 'showLog');
    }
    case 'stream_error': {
      const message = serverMessage
        ? l10n.t('{0} reported an error in the middle of the answer ({1}). Retry.', host, serverMessage)
        : l10n.t('{0} reported an error in the middle of the answer. Retry.', host);
      return entry(message, 'retry', 'showLog');
    }
    case 'truncated':
      if (d.cutByMaxTokens) {
        return entry(
          l10n.t('The answer reached the token limit (askLlama.maxTokens) in the middle of a tool call. Raise the limit, then retry.'),
          'openMaxTokens',
          'retry',
        );
      }
      return entry(l10n.t('The connection to {0} closed before the answer was complete. Retry.', host), 'retry', 'showLog');
    case 'timeout':
      return entry(l10n.t('{0} did not answer within {1} s. Retry, or raise the request timeout in settings.', host, d.timeoutSeconds), 'retry', 'showLog');
    case 'bad_response':
      return entry(l10n.t('{0} sent a response that is not an OpenAI-compatible answer. Check the base URL, then retry.', host), 'retry', 'showLog');
    case 'network':
      return entry(l10n.t('Could not reach {0}. Check your connection, proxy and the base URL setting, then retry.', host), 'retry', 'openSettings', 'showLog');
    case 'cors':
      return entry(corsMessage(host, l10n), 'openSettings', 'retry', 'showLog');
    case 'cancelled':
      return entry(l10n.t('Stopped. The partial answer is kept.'));
  }
}

/**
 * A browser (the web build) refused the request or could not reach the server, and does not say which. On this
 * machine: what allows the page's origin on each local server (the one on the base URL's usual port, else all four);
 * a remote API: say plainly that it may not allow browsers.
 */
function corsMessage(host: string, l10n: { t: Translate }): string {
  if (!/^(localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(host)) {
    return l10n.t(
      'The browser could not reach {0}: the server does not allow requests from a web page (CORS), or it cannot be reached. If this API does not allow browsers, use Ask Llama in VS Code desktop or a remote workspace.',
      host,
    );
  }
  const advice: Record<string, string> = {
    '11434': l10n.t('Ollama: set OLLAMA_ORIGINS (for example OLLAMA_ORIGINS="*") and restart it.'),
    '1234': l10n.t('LM Studio: start it with `lms server start --cors`.'),
    '8080': l10n.t('llama.cpp: start llama-server with `--cors-origins` set to this page\'s origin.'),
    '8000': l10n.t('vLLM: start it with `--allowed-origins \'["*"]\'`.'),
  };
  const port = /:(\d+)$/.exec(host)?.[1] ?? '';
  const howTo = advice[port] ?? Object.values(advice).join(' ');
  return l10n.t('The browser could not reach {0}: the server is not running, or it does not allow requests from this page (CORS). {1}', host, howTo);
}
