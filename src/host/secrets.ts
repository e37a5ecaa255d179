// API keys live in VS Code's SecretStorage (the OS keyring) and nowhere else, one per server origin
// ("https://api.aimlapi.com", "http://localhost:8000"): a key is only ever handed out for the origin it was stored
// for. A broken keyring (a known Linux problem) makes SecretStorage throw; that surfaces as KeyringError so callers
// can say so plainly.
import type * as vscode from 'vscode';
import { originOf, redactSecrets } from '../api';

/** Where versions up to 0.1 kept their single key for every server; migrated once (see ApiKeyStore.migrate). */
const LEGACY_SECRET = 'askLlama.apiKey';
/** The origins that have a key (SecretStorage cannot list its entries), a JSON array of strings. */
const ORIGINS_SECRET = 'askLlama.apiKeyOrigins';
const secretFor = (origin: string) => `askLlama.apiKey/${origin}`;

export class KeyringError extends Error {
  constructor(readonly operation: 'read' | 'store' | 'delete', cause: unknown, keys?: string | readonly string[]) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // The cause comes from the keyring library; scrub it in case it echoes what it was given.
    super(redactSecrets(reason, keys));
    this.name = 'KeyringError';
  }
}

export interface ApiKeyStoreOptions {
  /** Called after a key has been stored for `origin` (with the origin only, never the key). */
  onDidStore?(origin: string): void;
  /**
   * A key handed over by the environment (`host/environmentKey.ts`): stored once per session, for its own origin
   * only, when that origin has no key yet — before any key is read, so the first request already finds it.
   */
  fromEnvironment?: { origin: string; key: string; onStored(): void };
}

export class ApiKeyStore implements vscode.Disposable {
  /** Every key read or stored this session, remembered only so that error text can be scrubbed of them. */
  private readonly seenKeys = new Set<string>();
  /**
   * The key of each origin asked for this session (undefined: none stored), so a question does not wait for the
   * keyring each time (in code-server a round trip to the browser, the largest share of Enter → request). Dropped
   * whenever SecretStorage reports a change, which it also does for another window's set or clear.
   */
  private readonly cachedKeys = new Map<string, string | undefined>();
  /** Counts changes, so that a read that was under way during one does not cache what it read. */
  private changes = 0;
  private readonly changeListener: vscode.Disposable | undefined;
  private migration: Promise<void> | undefined;
  /** Changes to the origin list run one after another, so two saves never lose each other's entry. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param legacyKeyOrigin where the old single key goes on first use: the origin of the user-level base URL
   *   (never a workspace value), read at that moment.
   */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly legacyKeyOrigin: () => string,
    private readonly options: ApiKeyStoreOptions = {},
  ) {
    this.changeListener = secrets.onDidChange?.(() => this.forgetCachedKeys());
  }

  /** The key stored for exactly this origin, if any. */
  async get(origin: string): Promise<string | undefined> {
    await this.migrate();
    if (this.cachedKeys.has(origin)) return this.cachedKeys.get(origin);
    const changesBefore = this.changes;
    const key = (await this.read(secretFor(origin)))?.trim() || undefined;
    if (key) this.seenKeys.add(key);
    if (this.changes === changesBefore) this.cachedKeys.set(origin, key);
    return key;
  }

  /** The key to send with a request to this URL: its origin's key, never another's. */
  async keyFor(url: string): Promise<string | undefined> {
    const origin = originOf(url);
    return origin ? this.get(origin) : undefined;
  }

  async set(origin: string, key: string): Promise<void> {
    await this.migrate();
    await this.serially(() => this.store(origin, key));
  }

  async clear(origin: string): Promise<void> {
    await this.migrate();
    await this.serially(async () => {
      try {
        await this.secrets.delete(secretFor(origin));
      } catch (error) {
        this.forgetCachedKeys(); // it may or may not be gone
        throw new KeyringError('delete', error, [...this.seenKeys]);
      }
      this.forgetCachedKeys();
      await this.writeOrigins((await this.readOrigins()).filter((o) => o !== origin));
    });
  }

  /** The origins that have a key, sorted. Never the keys. */
  async origins(): Promise<string[]> {
    await this.migrate();
    return this.readOrigins();
  }

  /** Runs the once-per-session work (see migrate) now, in the background, instead of at the first key read. */
  prepare(): void {
    this.migrate().catch(() => undefined); // a keyring failure is reported by the first read that needs a key
  }

  /** For scrubbing error text only. */
  knownKeysForRedaction(): string[] {
    return [...this.seenKeys];
  }

  /**
   * Once per session, before any key is read: the single key of earlier versions becomes the key of the user-level
   * base URL's origin (unless that origin already has one), and only once it is stored is the old entry deleted, so
   * nothing is lost when the keyring fails half-way (the next session tries again). Then the environment's key, if
   * any, is stored for its origin when that origin has none.
   */
  private migrate(): Promise<void> {
    this.migration ??= this.serially(async () => {
      await this.migrateLegacyKey();
      const seed = this.options.fromEnvironment;
      if (seed && !(await this.read(secretFor(seed.origin)))?.trim()) {
        await this.store(seed.origin, seed.key);
        seed.onStored();
      }
    }).catch((error: unknown) => {
      this.migration = undefined;
      throw error;
    });
    return this.migration;
  }

  private async migrateLegacyKey(): Promise<void> {
    const legacy = (await this.read(LEGACY_SECRET))?.trim();
    if (!legacy) return;
    const origin = this.legacyKeyOrigin();
    if (!(await this.read(secretFor(origin)))) await this.store(origin, legacy);
    try {
      await this.secrets.delete(LEGACY_SECRET);
    } catch (error) {
      throw new KeyringError('delete', error, legacy);
    }
  }

  private async store(origin: string, key: string): Promise<void> {
    try {
      await this.secrets.store(secretFor(origin), key);
    } catch (error) {
      this.forgetCachedKeys();
      throw new KeyringError('store', error, key);
    }
    this.forgetCachedKeys();
    this.seenKeys.add(key);
    const origins = await this.readOrigins();
    if (!origins.includes(origin)) await this.writeOrigins([...origins, origin]);
    this.options.onDidStore?.(origin);
  }

  dispose(): void {
    this.changeListener?.dispose();
  }

  private forgetCachedKeys(): void {
    this.changes++;
    this.cachedKeys.clear();
  }

  private async readOrigins(): Promise<string[]> {
    let parsed: unknown;
    try {
      parsed = JSON.parse((await this.read(ORIGINS_SECRET)) ?? '[]');
    } catch {
      parsed = []; // a damaged list only hides keys from the manage list; requests read each key directly
    }
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string').sort() : [];
  }

  private async writeOrigins(origins: string[]): Promise<void> {
    try {
      await this.secrets.store(ORIGINS_SECRET, JSON.stringify([...new Set(origins)].sort()));
    } catch (error) {
      throw new KeyringError('store', error);
    }
  }

  private async read(name: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(name);
    } catch (error) {
      throw new KeyringError('read', error);
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
