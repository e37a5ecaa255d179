// askLlama.setApiKey: a password input box; the key goes to SecretStorage only.
import { hostOf } from '../../api';
import { promptAndStoreApiKey } from '../apiKeyPrompt';
import { readSettings } from '../config';
import type { CommandDeps } from './deps';

export async function setApiKeyCommand({ keys, ui }: CommandDeps): Promise<void> {
  await promptAndStoreApiKey(keys, ui, hostOf(readSettings().baseUrl));
}
