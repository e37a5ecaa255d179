// The one home for making outside text safe to show: server error text can echo the key the server rejected or the
// request's Authorization header, or be a gateway's whole HTML page. Nothing here knows about VS Code, so the request
// module (its ApiError messages) and the host (notifications, the chat page, the log) use the same rules.

const BEARER_TOKEN = /\bBearer\s+[^\s"',;]+/gi;
const HTML_TAG = /<\/?[a-zA-Z!][^>]*>/g;
const SCRIPT_OR_STYLE = /<(script|style)[\s\S]*?<\/\1>/gi;
/** ApiError messages: long enough for a server's own explanation. */
export const MAX_MESSAGE_LENGTH = 300;
/** An excerpt quoted inside one of our sentences. */
export const MAX_EXCERPT_LENGTH = 200;

/** Replaces every occurrence of the key(s), and anything that looks like a bearer token, with a placeholder. */
export function redactSecrets(text: string, apiKey?: string | readonly string[]): string {
  let safe = text;
  for (const key of typeof apiKey === 'string' ? [apiKey] : (apiKey ?? [])) {
    if (key.length > 0) safe = safe.split(key).join('[redacted]');
  }
  return safe.replace(BEARER_TOKEN, 'Bearer [redacted]');
}

/** Collapses whitespace to single spaces and cuts to `max` characters, ending with "…" when cut. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A server's message made fit for an ApiError: secrets removed, one line, at most MAX_MESSAGE_LENGTH characters. */
export function safeMessage(text: string, apiKey: string | undefined): string {
  return shorten(redactSecrets(text, apiKey), MAX_MESSAGE_LENGTH);
}

/**
 * A server's own words, to be shown inside quotation marks in one of our sentences: a plainExcerpt with nothing a
 * renderer could turn into markup (VS Code notifications turn `[text](url)` into a link; a lying server must not put
 * a link or a code span in our message) and no quotation marks of its own, so the quote cannot be closed early.
 */
export function quotedServerText(text: string, apiKey?: string | readonly string[]): string {
  return plainExcerpt(text, apiKey)
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .replace(/[`<>*]/g, '')
    .replace(/["“”]/g, "'")
    .trim();
}

/** A short, single-line, tag-free excerpt of server-provided text, suitable inside one sentence. */
export function plainExcerpt(text: string, apiKey?: string | readonly string[]): string {
  const withoutTags = text.replace(SCRIPT_OR_STYLE, ' ').replace(HTML_TAG, ' ');
  return shorten(redactSecrets(withoutTags, apiKey), MAX_EXCERPT_LENGTH);
}
