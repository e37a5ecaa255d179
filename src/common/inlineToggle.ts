// What the toggle command writes to `askLlama.inlineSuggest.enable`: "*" set to the new state for every language.
// The active language's own value is dropped, since it would keep overriding "*" for the file the user is looking at;
// other languages' values stay. With no editor open the active "language" is "*" itself, which must stay.

/** The user's `inlineSuggest.enable` map after turning suggestions `on`, from an editor of `languageId` ('*': none). */
export function toggledEnableMap(user: Readonly<Record<string, boolean>>, on: boolean, languageId: string): Record<string, boolean> {
  const next: Record<string, boolean> = { ...user, '*': on };
  if (languageId !== '*') delete next[languageId];
  return next;
}
