// askLlama.clearApiKey: removes the current server's key from SecretStorage after a modal confirmation that names it.
import * as vscode from 'vscode';
import { hostOf } from '../../api';
import { removeApiKey } from './apiKeyRemoval';
import { currentOrigin } from './currentServer';
import type { CommandDeps } from './deps';

export async function clearApiKeyCommand({ keys, ui }: CommandDeps): Promise<void> {
  const origin = await currentOrigin(ui);
  if (!origin) return;
  if (!(await keys.get(origin).catch(() => 'unknown'))) {
    void ui.showInformationMessage(vscode.l10n.t('Ask Llama: no API key is stored for {0}.', hostOf(origin)), {});
    return;
  }
  await removeApiKey(keys, ui, origin);
}
