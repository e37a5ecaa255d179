// The chat page's translations, picked from VS Code's loaded l10n bundle: only the strings the page itself uses, so
// the page does not carry the host's. The build fills PAGE_L10N_KEYS from the page's `l10n.t(...)` calls
// (scripts/exportL10n.js via esbuild.js); in English VS Code loads no bundle and the page needs nothing.
import * as vscode from 'vscode';
import { pickPageTranslations } from '../../common/pageTranslations';

declare const PAGE_L10N_KEYS: readonly string[] | undefined;

/** The build's list of the page's strings; empty when the code did not come through esbuild (type checks). */
export function pageL10nKeys(): readonly string[] {
  return typeof PAGE_L10N_KEYS === 'undefined' ? [] : PAGE_L10N_KEYS;
}

export function pageTranslations(): Record<string, string> {
  return pickPageTranslations(vscode.l10n.bundle, pageL10nKeys());
}
