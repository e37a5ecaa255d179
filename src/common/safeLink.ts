// Which links from model output the host may open. Model output is untrusted (prompt injection can plant links), so
// only plain web links leave the editor; `javascript:`, `file:`, `command:`, `vscode:` and the rest are refused.

/** The normalized URL to open, or undefined when the link must not be opened. */
export function externalLink(href: unknown): string | undefined {
  if (typeof href !== 'string' || href.length === 0 || href.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  return url.href;
}
