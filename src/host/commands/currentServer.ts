// The server the key commands act on: the origin the next question would go to.
import * as vscode from 'vscode';
import { originOf } from '../../api';
import { readSettings } from '../config';
import type { HostUi } from '../ui';

/** The origin of the base URL in effect, or undefined (after saying why) when it is not an http(s) URL. */
export async function currentOrigin(ui: HostUi): Promise<string | undefined> {
  const { baseUrl } = readSettings();
  const origin = originOf(baseUrl);
  if (!origin) {
    await ui.showErrorMessage(vscode.l10n.t('The base URL "{0}" is not an http(s) address. Fix askLlama.baseUrl first.', baseUrl), {});
  }
  return origin;
}
