// askLlama.setApiKey: a password input box for the current server's key; it goes to SecretStorage only, stored for
// that server's origin.
import { promptAndStoreApiKey } from '../apiKeyPrompt';
import { currentOrigin } from './currentServer';
import type { CommandDeps } from './deps';

export async function setApiKeyCommand({ keys, ui }: CommandDeps): Promise<void> {
  const origin = await currentOrigin(ui);
  if (origin) await promptAndStoreApiKey(keys, ui, origin);
}
