// ApiKeyStore over an in-memory SecretStorage (the store imports no vscode at run time): one key per origin, the
// list of origins, and the one-time migration of the single key of earlier versions.
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { ApiKeyStore, KeyringError } from '../../../src/host/secrets';

class MemorySecrets {
  readonly entries = new Map<string, string>();
  failStore = false;
  /** How often each entry was read. */
  readonly reads = new Map<string, number>();
  private changeListeners: (() => void)[] = [];
  /** While set, reads answer only when the test releases them (with the value at the time of the read). */
  heldReads: (() => void)[] | undefined;
  get(name: string): Promise<string | undefined> {
    this.reads.set(name, (this.reads.get(name) ?? 0) + 1);
    const value = this.entries.get(name);
    const held = this.heldReads;
    if (held) return new Promise((resolve) => held.push(() => resolve(value)));
    return Promise.resolve(value);
  }
  onDidChange(listener: () => void): { dispose(): void } {
    this.changeListeners.push(listener);
    return { dispose: () => (this.changeListeners = this.changeListeners.filter((l) => l !== listener)) };
  }
  /** What VS Code reports when another window sets or clears a key. */
  changeFromElsewhere(name: string, value: string | undefined): void {
    if (value === undefined) this.entries.delete(name);
    else this.entries.set(name, value);
    for (const listener of this.changeListeners) listener();
  }
  store(name: string, value: string): Promise<void> {
    if (this.failStore) return Promise.reject(new Error(`keyring locked, refused ${value}`));
    this.entries.set(name, value);
    return Promise.resolve();
  }
  delete(name: string): Promise<void> {
    this.entries.delete(name);
    return Promise.resolve();
  }
}

const A = 'https://api.aimlapi.com';
const B = 'https://other.example';
const LOCAL = 'http://localhost:8000';

function storeOver(secrets: MemorySecrets, legacyOrigin = A): ApiKeyStore {
  return new ApiKeyStore(secrets as unknown as vscode.SecretStorage, () => legacyOrigin);
}

describe('ApiKeyStore', () => {
  it('keeps one key per origin and hands out only the key of the origin asked for', async () => {
    const keys = storeOver(new MemorySecrets());
    await keys.set(A, 'key-a');
    await keys.set(B, 'key-b');
    assert.strictEqual(await keys.get(A), 'key-a');
    assert.strictEqual(await keys.get(B), 'key-b');
    assert.strictEqual(await keys.get(LOCAL), undefined);
    assert.strictEqual(await keys.keyFor('https://other.example/v1/'), 'key-b');
    assert.strictEqual(await keys.keyFor('https://other.example:8443/v1'), undefined, 'another port is another server');
    assert.strictEqual(await keys.keyFor('http://other.example/v1'), undefined, 'another scheme is another server');
    assert.strictEqual(await keys.keyFor('not a url'), undefined);
    await keys.clear(A);
    assert.strictEqual(await keys.get(A), undefined);
    assert.strictEqual(await keys.get(B), 'key-b');
  });

  it('reads each origin\'s key from SecretStorage once, until a set, a clear or a change reported from elsewhere', async () => {
    const secrets = new MemorySecrets();
    const keys = storeOver(secrets);
    await keys.set(A, 'key-a');
    const readsOfA = () => secrets.reads.get(`askLlama.apiKey/${A}`) ?? 0;
    assert.ok(secrets.entries.has(`askLlama.apiKey/${A}`), 'the entry name the test counts reads of');
    const before = readsOfA();
    for (let i = 0; i < 3; i++) assert.strictEqual(await keys.get(A), 'key-a');
    assert.strictEqual(readsOfA(), before + 1, 'three questions, one keyring read');
    assert.strictEqual(await keys.get(B), undefined);
    assert.strictEqual(await keys.get(B), undefined);
    assert.strictEqual(secrets.reads.get(`askLlama.apiKey/${B}`), 1, 'no key is remembered too');

    secrets.changeFromElsewhere(`askLlama.apiKey/${B}`, 'key-b-from-another-window');
    assert.strictEqual(await keys.get(B), 'key-b-from-another-window');
    secrets.changeFromElsewhere(`askLlama.apiKey/${A}`, undefined);
    assert.strictEqual(await keys.get(A), undefined, 'a key cleared in another window is not sent');
    await keys.set(A, 'key-a2');
    assert.strictEqual(await keys.get(A), 'key-a2');
    await keys.clear(A);
    assert.strictEqual(await keys.get(A), undefined);
  });

  it('does not remember a key read while it was being changed', async () => {
    const secrets = new MemorySecrets();
    const keys = storeOver(secrets);
    await keys.set(A, 'old');
    secrets.changeFromElsewhere('unrelated', 'x'); // forget what set() remembered
    const held: (() => void)[] = [];
    secrets.heldReads = held;
    const reading = keys.get(A); // reads 'old'…
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(held.length, 1, 'the read is under way');
    secrets.heldReads = undefined;
    await keys.clear(A); // …and the key is cleared before that read answers
    for (const release of held) release();
    assert.strictEqual(await reading, 'old');
    assert.strictEqual(await keys.get(A), undefined, 'the cleared key is not remembered from the read');
  });

  it('lists the origins with a key, never the keys, and survives concurrent saves', async () => {
    const secrets = new MemorySecrets();
    const keys = storeOver(secrets);
    await Promise.all([keys.set(B, 'key-b'), keys.set(A, 'key-a'), keys.set(LOCAL, 'key-l')]);
    assert.deepStrictEqual(await keys.origins(), [A, B, LOCAL].sort());
    await keys.clear(B);
    assert.deepStrictEqual(await keys.origins(), [A, LOCAL].sort());
    const list = secrets.entries.get('askLlama.apiKeyOrigins') ?? '';
    assert.ok(!/key-/.test(list), list);
  });

  it('migrates the single old key to the given origin once, deleting the old entry only after storing it', async () => {
    const secrets = new MemorySecrets();
    secrets.entries.set('askLlama.apiKey', ' old-key \n');
    const keys = storeOver(secrets, A);
    assert.strictEqual(await keys.get(B), undefined, 'another origin gets nothing');
    assert.strictEqual(await keys.get(A), 'old-key');
    assert.strictEqual(secrets.entries.has('askLlama.apiKey'), false);
    assert.deepStrictEqual(await keys.origins(), [A]);
    // The next session has nothing to migrate, and the key stays.
    assert.strictEqual(await storeOver(secrets, B).get(A), 'old-key');
    assert.strictEqual(await storeOver(secrets, B).get(B), undefined);
  });

  it('does not overwrite a key already stored for that origin', async () => {
    const secrets = new MemorySecrets();
    await storeOver(secrets).set(A, 'newer-key');
    secrets.entries.set('askLlama.apiKey', 'old-key');
    assert.strictEqual(await storeOver(secrets, A).get(A), 'newer-key');
  });

  it('keeps the old key when the keyring refuses the new entry, and tries again later', async () => {
    const secrets = new MemorySecrets();
    secrets.entries.set('askLlama.apiKey', 'old-key');
    secrets.failStore = true;
    const keys = storeOver(secrets, A);
    await assert.rejects(keys.get(A), (error: unknown) => error instanceof KeyringError && !error.message.includes('old-key'));
    assert.strictEqual(secrets.entries.get('askLlama.apiKey'), 'old-key', 'nothing lost');
    secrets.failStore = false;
    assert.strictEqual(await keys.get(A), 'old-key');
    assert.strictEqual(secrets.entries.has('askLlama.apiKey'), false);
  });

  it('remembers the keys it saw for scrubbing error text', async () => {
    const keys = storeOver(new MemorySecrets());
    await keys.set(A, 'key-a');
    await keys.set(B, 'key-b');
    assert.deepStrictEqual(keys.knownKeysForRedaction().sort(), ['key-a', 'key-b']);
  });

  it('stores a key from the environment for its own origin on first use, and only when that origin has none', async () => {
    const secrets = new MemorySecrets();
    const stored: string[] = [];
    const announced: string[] = [];
    const options = { onDidStore: (origin: string) => stored.push(origin), fromEnvironment: { origin: A, key: 'env-key', onStored: () => announced.push('stored') } };
    const keys = new ApiKeyStore(secrets as unknown as vscode.SecretStorage, () => A, options);
    assert.strictEqual(await keys.keyFor('https://other.example/v1'), undefined, 'another origin never gets it');
    assert.strictEqual(await keys.get(A), 'env-key');
    assert.deepStrictEqual(await keys.origins(), [A]);
    assert.deepStrictEqual(stored, [A], 'the store is announced with the origin only');
    assert.deepStrictEqual(announced, ['stored'], 'once per session');

    // The next session finds the user's own key and keeps it.
    await keys.set(A, 'users-own-key');
    const again = new ApiKeyStore(secrets as unknown as vscode.SecretStorage, () => A, { fromEnvironment: { origin: A, key: 'env-key', onStored: () => announced.push('again') } });
    assert.strictEqual(await again.get(A), 'users-own-key');
    assert.deepStrictEqual(announced, ['stored'], 'a stored key is never overwritten');
  });

  it('stores the environment key before the first read, also when prepare() started it', async () => {
    const secrets = new MemorySecrets();
    const keys = new ApiKeyStore(secrets as unknown as vscode.SecretStorage, () => A, { fromEnvironment: { origin: A, key: 'env-key', onStored: () => undefined } });
    keys.prepare();
    assert.strictEqual(await keys.keyFor('https://api.aimlapi.com/v1'), 'env-key');
  });
});
