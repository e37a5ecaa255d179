// ASK_LLAMA_API_KEY: like many tools, Ask Llama takes the AI/ML API key from the environment VS Code was started
// with (`npm run try` starts its VS Code that way). The key goes into SecretStorage for the AI/ML API's origin only —
// never another server's, whatever the base URL says — and only when that origin has no key yet, so a key the user
// set is never overwritten. The log says that it happened, never the key.
import { originOf } from '../api';
import { DEFAULT_BASE_URL } from './config';
import type { ApiKeyStoreOptions } from './secrets';

export const API_KEY_VARIABLE = 'ASK_LLAMA_API_KEY';

/** What ApiKeyStore stores on first use, or undefined when the variable is unset or blank. */
export function keyFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  log: { info(message: string): void },
): ApiKeyStoreOptions['fromEnvironment'] {
  const key = env[API_KEY_VARIABLE]?.trim();
  if (!key) return undefined;
  const origin = originOf(DEFAULT_BASE_URL)!;
  return {
    origin,
    key,
    onStored: () => log.info(`Stored the API key from ${API_KEY_VARIABLE} for ${origin} (the AI/ML API) in VS Code's secret storage; it is sent to that server only.`),
  };
}
