import { decodeEntities } from './entities';

/**
 * The only links an answer may make clickable are absolute http(s) URLs. Anything else (javascript:, data:,
 * vbscript:, file:, command:, relative paths, entity- or whitespace-obfuscated schemes) yields undefined and is
 * shown as plain text. The host checks again before opening.
 */
export function clickableUrl(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  let parsed: URL;
  try {
    // URL() strips tabs/newlines and resolves nothing without a base, so "java\tscript:" and "/x" both fail here.
    parsed = new URL(decodeEntities(href.trim()));
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href;
}
