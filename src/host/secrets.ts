// The API key lives in VS Code's SecretStorage (the OS keyring) and nowhere else. A broken keyring (a known Linux
// problem) makes SecretStorage throw; that surfaces as KeyringError so callers can say so plainly.
import * as vscode from 'vscode';
import { redactSecrets } from '../api';

const SECRET_NAME = 'askLlama.apiKey';

export class KeyringError extends Error {
  constructor(readonly operation: 'read' | 'store' | 'delete', cause: unknown, key?: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // The cause comes from the keyring library; scrub it in case it echoes what it was given.
    super(redactSecrets(reason, key));
    this.name = 'KeyringError';
  }
}

export class ApiKeyStore {
  /** Remembered only so that error text can be scrubbed of it; never written anywhere. */
  private lastKnownKey: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    try {
      const key = (await this.secrets.get(SECRET_NAME))?.trim();
      this.lastKnownKey = key || undefined;
      return this.lastKnownKey;
    } catch (error) {
      throw new KeyringError('read', error);
    }
  }

  async set(key: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_NAME, key);
      this.lastKnownKey = key;
    } catch (error) {
      throw new KeyringError('store', error, key);
    }
  }

  async clear(): Promise<void> {
    try {
      await this.secrets.delete(SECRET_NAME);
      this.lastKnownKey = undefined;
    } catch (error) {
      throw new KeyringError('delete', error, this.lastKnownKey);
    }
  }

  /** For scrubbing error text only. */
  knownKeyForRedaction(): string | undefined {
    return this.lastKnownKey;
  }
}
