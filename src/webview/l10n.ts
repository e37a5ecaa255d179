// The chat page's strings. Each is a literal `l10n.t('English text', ...args)` call, so the build's extractor
// (scripts/exportL10n.js) puts it in l10n/bundle.l10n.json beside the host's strings. The host hands the page the
// translations of just these strings (src/host/chat/pageL10n.ts) in the page's HTML, read once before the page is
// built; without them (English, or a test page) the English text is shown.
import { PAGE_L10N_ELEMENT_ID } from '../common/protocol';

let translations: Readonly<Record<string, string>> = {};

/** "{0} of {1}" with args → the text; a placeholder without an argument stays as it is. */
export function formatMessage(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}

export const l10n = {
  t(message: string, ...args: Array<string | number>): string {
    const translated = translations[message];
    return formatMessage(typeof translated === 'string' ? translated : message, args);
  },
};

/**
 * A translated sentence with elements in it: `l10n.t('Press {0} to send.')` and [kbd] → ['Press ', kbd, ' to send.'],
 * so a translation may move the elements. A placeholder without a part stays as text.
 */
export function fillTemplate(template: string, parts: readonly Node[]): Array<string | Node> {
  const out: Array<string | Node> = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\d+)\}/g)) {
    const part = parts[Number(match[1])];
    if (!part) continue;
    if (match.index > last) out.push(template.slice(last, match.index));
    out.push(part);
    last = match.index + match[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

/** Reads the host's translations from the page: none, or anything malformed, leaves the page in English. */
export function loadTranslations(doc: Document): void {
  translations = {};
  const text = doc.getElementById(PAGE_L10N_ELEMENT_ID)?.textContent;
  if (!text) return;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') clean[key] = value;
    translations = clean;
  } catch {
    // A broken element leaves the page in English rather than blank.
  }
}
