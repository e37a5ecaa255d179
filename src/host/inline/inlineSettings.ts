// The askLlama.inlineSuggest.* settings, read as trusted settings (workspaceSettings.ts): in Restricted Mode a cloned
// repository cannot turn suggestions on, choose their model or empty the exclusion list — each keystroke is a
// request, on a paid server a cost, and the exclusions keep secrets from being sent.
import * as vscode from 'vscode';
import { isLocalBaseUrl } from '../../api/baseUrl';
import { toggledEnableMap } from '../../common/inlineToggle';
import { CONFIG_SECTION } from '../config';
import { restrictedValue } from '../workspaceSettings';

export const DEFAULT_EXCLUDE = ['.env*', '*.pem', '*.key', '**/secrets/**'];

export interface InlineSettings {
  /** For this language on this server. */
  enabled: boolean;
  /** The completion model; '' = the chat model. */
  model: string;
  exclude: string[];
  /** Off: no request while the cursor is inside a string or a comment. */
  inStringsAndComments: boolean;
}

/** `{"*": …, "<languageId>": …}`; a language without a value follows "*"; neither: on for a local server only. */
export function isEnabledFor(enable: unknown, languageId: string, baseUrl: string): boolean {
  const map = typeof enable === 'object' && enable !== null ? (enable as Record<string, unknown>) : {};
  const value = typeof map[languageId] === 'boolean' ? map[languageId] : map['*'];
  return typeof value === 'boolean' ? value : isLocalBaseUrl(baseUrl);
}

export function readInlineSettings(languageId: string, baseUrl: string): InlineSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const model = restrictedValue(config, 'inlineSuggest.model');
  const exclude = restrictedValue(config, 'inlineSuggest.exclude');
  return {
    enabled: isEnabledFor(restrictedValue(config, 'inlineSuggest.enable'), languageId, baseUrl),
    model: typeof model === 'string' ? model.trim() : '',
    exclude: Array.isArray(exclude) ? exclude.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : DEFAULT_EXCLUDE,
    // Not restricted: a workspace turning it off only sends less.
    inStringsAndComments: config.get<boolean>('inlineSuggest.inStringsAndComments', true) !== false,
  };
}

/** A glob without a folder part (`.env*`) matches a file of that name in any folder. */
export function isExcluded(document: vscode.TextDocument, exclude: readonly string[]): boolean {
  return exclude.some((glob) => {
    const pattern = glob.includes('/') ? glob : `**/${glob}`;
    return vscode.languages.match({ pattern }, document) > 0;
  });
}

/** Flips suggestions for every language ("*") in the user settings, from what is in effect now. */
export async function toggleInlineSuggestions(baseUrl: string, languageId: string): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const on = !isEnabledFor(restrictedValue(config, 'inlineSuggest.enable'), languageId, baseUrl);
  const user = config.inspect<Record<string, boolean>>('inlineSuggest.enable')?.globalValue ?? {};
  await config.update('inlineSuggest.enable', toggledEnableMap(user, on, languageId), vscode.ConfigurationTarget.Global);
  return on;
}
