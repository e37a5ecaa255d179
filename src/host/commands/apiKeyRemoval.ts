// Removing one server's key, shared by Clear API Key (the current server) and Manage API Keys (any server).
import * as vscode from 'vscode';
import { hostOf } from '../../api';
import { reportKeyringError } from '../apiKeyPrompt';
import type { ApiKeyStore } from '../secrets';
import type { HostUi } from '../ui';

/** Asks first (modal, naming the server); resolves true when the key was removed. */
export async function removeApiKey(keys: ApiKeyStore, ui: HostUi, origin: string): Promise<boolean> {
  const host = hostOf(origin);
  const clear = vscode.l10n.t('Clear Key');
  const choice = await ui.showWarningMessage(
    vscode.l10n.t('Remove the API key for {0} from this machine?', host),
    { modal: true, detail: vscode.l10n.t('Questions to {0} will ask for a key again. Keys of other servers stay.', origin) },
    clear,
  );
  if (choice !== clear) return false;
  try {
    await keys.clear(origin);
  } catch (error) {
    await reportKeyringError(error, ui);
    return false;
  }
  void ui.showInformationMessage(vscode.l10n.t('Ask Llama: API key for {0} removed.', host), {});
  return true;
}
