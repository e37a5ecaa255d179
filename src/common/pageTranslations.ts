// Which translations the chat page gets: the entries of VS Code's loaded bundle for the page's own strings. Pure, so
// the host (src/host/chat/pageL10n.ts) and the tests share it.

/** The entries of `bundle` for `keys`; a missing or non-string translation is left out (the page shows English). */
export function pickPageTranslations(
  bundle: Readonly<Record<string, unknown>> | undefined,
  keys: readonly string[],
): Record<string, string> {
  const picked: Record<string, string> = {};
  if (!bundle) return picked;
  for (const key of keys) {
    const value = Object.prototype.hasOwnProperty.call(bundle, key) ? bundle[key] : undefined;
    if (typeof value === 'string') picked[key] = value;
  }
  return picked;
}
