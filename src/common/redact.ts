// Makes text safe to show the user: error text can echo request headers or a gateway's HTML page, and the API key
// must never reach a notification, the chat page or the log through it.

const BEARER_TOKEN = /\bBearer\s+[^\s"',;]+/gi;
const HTML_TAG = /<\/?[a-zA-Z!][^>]*>/g;
const MAX_DETAIL_CHARS = 200;

/** Replaces every occurrence of the key(s), and anything that looks like a bearer token, with a placeholder. */
export function redactSecrets(text: string, apiKey?: string | readonly string[]): string {
  let safe = text;
  for (const key of typeof apiKey === 'string' ? [apiKey] : (apiKey ?? [])) {
    if (key.length > 0) safe = safe.split(key).join('[redacted]');
  }
  return safe.replace(BEARER_TOKEN, 'Bearer [redacted]');
}

/** A short, single-line, tag-free excerpt of server-provided text, suitable inside one sentence. */
export function plainExcerpt(text: string, apiKey?: string | readonly string[]): string {
  const withoutTags = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(HTML_TAG, ' ');
  const oneLine = withoutTags.replace(/\s+/g, ' ').trim();
  const safe = redactSecrets(oneLine, apiKey);
  return safe.length > MAX_DETAIL_CHARS ? `${safe.slice(0, MAX_DETAIL_CHARS - 1)}…` : safe;
}
