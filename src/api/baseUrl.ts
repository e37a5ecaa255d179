// Base-URL and URL helpers: the one home for them, shared by the request module and the host (logs, prompts, status bar).

/** `{baseUrl}/{path}` with the base's trailing slashes trimmed (users paste `…/v1/`). */
export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')}/${path}`;
}

/** Servers on this machine (Ollama, LM Studio, llama.cpp, vLLM) need no API key. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl.trim()).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // vLLM and llama.cpp print "listening on 0.0.0.0:8000" and users paste it; connecting to it reaches this machine.
  if (host === '0.0.0.0') return true;
  if (/^::ffff:(127\.|7f)/.test(host)) return true; // IPv4-mapped loopback, dotted or hex
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * "https://user:pw@api.aimlapi.com/v1?key=x" → "api.aimlapi.com": the host and port only, never credentials, path or
 * query, so it is safe in logs and messages. `fallback` when `url` is not a URL with a host (by default the text
 * itself; pass a placeholder where the raw text must not appear, e.g. in the log).
 */
export function hostOf(url: string, fallback: string = url): string {
  try {
    return new URL(url.trim()).host || fallback;
  } catch {
    return fallback;
  }
}

/**
 * The origin a base URL sends to: "scheme://host[:port]", lower-cased, with the scheme's default port dropped
 * (`https://API.example.com:443/v1/` → `https://api.example.com`), no user info, path or query. API keys are stored
 * and sent per origin. Undefined for anything that is not an http(s) URL.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.origin;
}
