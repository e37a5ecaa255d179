// The one place that asks the user for a server's key and stores it: used by the Set API Key command and by the
// "needs an API key" prompt before a request, so the waiting question can go on once the key is saved.
import * as vscode from 'vscode';
import { hostOf } from '../api';
import { ApiKeyStore, KeyringError } from './secrets';
import type { HostUi } from './ui';

/**
 * Asks for the key of `origin` (naming its host) and stores it for that origin only. Resolves the stored key, or
 * undefined when the user backed out or the keyring failed (already reported).
 */
export async function promptAndStoreApiKey(keys: ApiKeyStore, ui: HostUi, origin: string): Promise<string | undefined> {
  const host = hostOf(origin);
  const entered = await ui.showInputBox({
    title: vscode.l10n.t('Ask Llama: Set API Key for {0}', host),
    prompt: vscode.l10n.t(
      'API key for {0}. It is sent only to {1}, and stored in the system keyring (VS Code SecretStorage), never in settings.',
      host,
      origin,
    ),
    password: true,
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Paste your API key'),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
  });
  const key = entered?.trim();
  if (!key) return undefined;
  try {
    await keys.set(origin, key);
  } catch (error) {
    await reportKeyringError(error, ui);
    return undefined;
  }
  void ui.showInformationMessage(vscode.l10n.t('Ask Llama: API key saved for {0}.', host), {});
  return key;
}

/** Says plainly that the keyring failed and what to do; rethrows anything that is not a keyring failure. */
export async function reportKeyringError(error: unknown, ui: HostUi): Promise<void> {
  if (!(error instanceof KeyringError)) throw error;
  const message = {
    read: vscode.l10n.t('Ask Llama could not read the API key from the system keyring.'),
    store: vscode.l10n.t('Ask Llama could not save the API key: the system keyring refused it.'),
    delete: vscode.l10n.t('Ask Llama could not remove the API key from the system keyring.'),
  }[error.operation];
  await ui.showErrorMessage(message, {
    modal: true,
    detail: vscode.l10n.t(
      'Reason: {0}\n\nOn Linux, install and unlock a keyring (for example gnome-keyring or KWallet), or start VS Code with --password-store=basic. Then try again.',
      error.message,
    ),
  });
}
