// askLlama.clearApiKey: removes the key from SecretStorage after a modal confirmation.
import * as vscode from 'vscode';
import { reportKeyringError } from '../apiKeyPrompt';
import type { CommandDeps } from './deps';

export async function clearApiKeyCommand({ keys, ui }: CommandDeps): Promise<void> {
  const clear = vscode.l10n.t('Clear Key');
  const choice = await ui.showWarningMessage(
    vscode.l10n.t('Remove the Ask Llama API key from this machine?'),
    { modal: true, detail: vscode.l10n.t('Requests to servers that need a key will ask for it again.') },
    clear,
  );
  if (choice !== clear) return;
  try {
    await keys.clear();
  } catch (error) {
    await reportKeyringError(error, ui);
    return;
  }
  void ui.showInformationMessage(vscode.l10n.t('Ask Llama: API key removed.'), {});
}
