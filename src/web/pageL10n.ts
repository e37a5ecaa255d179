// The web build's stand-in for chat/pageL10n.ts: the page's translations are read synchronously from the extension's
// folder with Node's fs on the desktop; in a browser they are not read, so the chat page is in English (the host's own
// strings are still translated by VS Code).
export function pageTranslations(_extensionUri: unknown): Record<string, string> | undefined {
  return undefined;
}
