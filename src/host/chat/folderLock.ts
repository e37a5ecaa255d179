// A lock shared by every process that writes the chat history folder (one per VS Code window), so that a
// read-merge-write of a chat and its index is never interleaved with another window's. Plain Node, no vscode.
//
// The lock is a directory, `index.lock`, holding `owner.json` (pid, host, token). It is taken by renaming a private
// directory, already holding its owner.json, onto that name: a rename onto an existing lock fails, so there is never
// a lock without an owner. Why each rule (issue 20: the old file lock let two writers in):
// - A lock of this machine is broken only when its owner process is gone (pid not running, or the pid now names a
//   process started later or before a reboot). Never by age: a live owner may be slow, stopped or debugged, and
//   whatever it writes after waking must still be alone.
// - A lock of another machine (a home folder shared over the network) can only be judged by time. Its owner touches
//   owner.json every `staleMs / 4` while it holds the lock (a heartbeat), and a waiter breaks it only after seeing no
//   heartbeat for `staleMs` of its own clock, so clock skew between machines does not matter.
// - A stale lock is broken by renaming it to `index.lock.dead-<its token>`, a name only that lock can take: a second
//   waiter that judged the same lock stale and renames later fails (the name exists and is not empty) instead of
//   moving the fresh lock that replaced it. Dead locks are kept a day for that reason, then removed. After the rename
//   the breaker checks it moved the lock it judged (same inode) and puts back anything else.
// - Release moves the lock to the same dead name and removes it: if the lock had been broken meanwhile (only possible
//   for another machine's waiter), that rename fails and the new owner's lock is left alone.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bootMinute, isProcessAlive, processStartTicks } from './processAlive';

export interface FolderLockOptions {
  /** A lock of another machine whose heartbeat has not moved for this long is taken to be left by a crash. */
  staleMs?: number;
  /** Tests only: the machine name written into the lock, to play a window on another machine. */
  host?: string;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  /** processStartTicks(pid) when known. */
  started?: string;
  boot: number;
}

/** Tokens minted by this process start with this, so a lock naming our pid but not this prefix is a previous one's. */
const PROCESS_NONCE = randomBytes(6).toString('hex');
const OWNER_FILE = 'owner.json';
const DEAD_KEEP_MS = 24 * 60 * 60_000;
/** Without a start time (not Linux), a lock of a running pid that no heartbeat moved for this long is a reused pid's. */
const UNPROVEN_PID_MS = 10 * 60_000;
let tokenCounter = 0;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** What a waiter saw of the lock it found: who holds it, the lock's inode, and its heartbeat. */
interface Seen {
  owner: Partial<LockOwner> | undefined;
  ino: number;
  beat: number;
}

export class FolderLock {
  private readonly staleMs: number;
  private readonly host: string;
  private lastCleanup = 0;

  constructor(
    readonly file: string,
    options: FolderLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 30_000;
    this.host = options.host ?? os.hostname();
  }

  /** Runs `work` while holding the lock; the lock is released even when `work` throws. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const owner = await this.acquire();
    const ownerFile = path.join(this.file, OWNER_FILE);
    // The heartbeat: only other machines' waiters look at it, but it costs one utimes per beat while held.
    const heartbeat = setInterval(() => {
      const now = new Date();
      void fs.utimes(ownerFile, now, now).catch(() => undefined);
    }, Math.max(10, this.staleMs / 4));
    heartbeat.unref();
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
      await this.release(owner);
    }
  }

  private async acquire(): Promise<LockOwner> {
    const owner: LockOwner = {
      pid: process.pid,
      host: this.host,
      token: `${PROCESS_NONCE}-${process.pid}-${Date.now()}-${++tokenCounter}`,
      started: processStartTicks(process.pid),
      boot: bootMinute(),
    };
    const mine = `${this.file}.new-${owner.token}`;
    const prepare = async () => {
      await fs.mkdir(mine, { recursive: true });
      await fs.writeFile(path.join(mine, OWNER_FILE), JSON.stringify(owner));
    };
    await prepare();
    let watched: { ino: number; beat: number; since: number } | undefined;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await fs.rename(mine, this.file);
          break;
        } catch (err) {
          // Our directory was cleaned up by a window that took us for a crashed one (another machine's): write it again.
          if (errorCode(err) === 'ENOENT') {
            await prepare();
            continue;
          }
          // Taken (a non-empty directory, or an older version's lock file); Windows says EPERM or EACCES.
          if (!['ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR', 'EPERM', 'EACCES'].includes(String(errorCode(err)))) throw err;
        }
        const seen = await this.look();
        if (seen) {
          if (!watched || watched.ino !== seen.ino || watched.beat !== seen.beat) watched = { ino: seen.ino, beat: seen.beat, since: Date.now() };
          if (this.isStale(seen, Date.now() - watched.since)) {
            await this.breakStale(seen);
            continue;
          }
        }
        await sleep(Math.min(2 + attempt, 25) + Math.random() * 5);
      }
    } catch (err) {
      await fs.rm(mine, { recursive: true, force: true });
      throw err;
    }
    if (Date.now() - this.lastCleanup > 60_000) {
      this.lastCleanup = Date.now();
      await this.removeLeftovers();
    }
    return owner;
  }

  /** The lock as it is now, or undefined when it was released meanwhile. */
  private async look(): Promise<Seen | undefined> {
    try {
      const stat = await fs.stat(this.file);
      // An older Ask Llama's lock is a file holding the owner; ours is a directory holding owner.json.
      const ownerFile = stat.isDirectory() ? path.join(this.file, OWNER_FILE) : this.file;
      // Opening the file (not only stat) makes a network file system fetch its current time.
      const handle = await fs.open(ownerFile, 'r');
      try {
        const [text, ownerStat] = await Promise.all([handle.readFile('utf8'), handle.stat()]);
        let owner: Partial<LockOwner> | undefined;
        try {
          owner = JSON.parse(text) as Partial<LockOwner>;
        } catch {
          owner = undefined; // an older version's lock file not yet written: only time can judge it
        }
        return { owner, ino: stat.ino, beat: ownerStat.mtimeMs };
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  /** `unchangedMs`: how long this waiter has seen the same lock with the same heartbeat. */
  private isStale({ owner }: Seen, unchangedMs: number): boolean {
    if (!owner || owner.host !== this.host || typeof owner.pid !== 'number') return unchangedMs > this.staleMs;
    if (owner.pid === process.pid) return !String(owner.token).startsWith(`${PROCESS_NONCE}-`);
    if (typeof owner.boot === 'number' && Math.abs(owner.boot - bootMinute()) > 2) return true;
    if (!isProcessAlive(owner.pid)) return true;
    const started = processStartTicks(owner.pid);
    if (started !== undefined && owner.started !== undefined) return started !== owner.started;
    return unchangedMs > Math.max(this.staleMs, UNPROVEN_PID_MS);
  }

  private deadName(token: unknown, ino: number): string {
    const id = typeof token === 'string' && /^[\w.-]{1,200}$/.test(token) ? token : `ino${ino}`;
    return `${this.file}.dead-${id}`;
  }

  private async breakStale(seen: Seen): Promise<void> {
    const dead = this.deadName(seen.owner?.token, seen.ino);
    try {
      await fs.rename(this.file, dead);
    } catch {
      return; // released, or already broken by another waiter (the dead name is taken): look again
    }
    const moved = await fs.stat(dead).catch(() => undefined);
    if (moved?.ino === seen.ino) return;
    // Not the lock we judged (only possible when a dead name was cleaned up under a very late waiter): put it back.
    await fs.rename(dead, this.file).catch(() => undefined);
  }

  private async release(owner: LockOwner): Promise<void> {
    const seen = await this.look();
    if (seen?.owner?.token !== owner.token) return; // broken as stale and taken by another machine's window meanwhile
    const dead = this.deadName(owner.token, seen.ino);
    try {
      await fs.rename(this.file, dead);
    } catch {
      return;
    }
    await fs.rm(dead, { recursive: true, force: true });
  }

  /** Dead locks older than a day, and the private directories of waiters that were killed before taking the lock. */
  private async removeLeftovers(): Promise<void> {
    const folder = path.dirname(this.file);
    const base = path.basename(this.file);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const full = path.join(folder, name);
      if (name.startsWith(`${base}.dead-`)) {
        const stat = await fs.stat(full).catch(() => undefined);
        if (stat && Date.now() - stat.mtimeMs > DEAD_KEEP_MS) await fs.rm(full, { recursive: true, force: true });
      } else if (name.startsWith(`${base}.new-`)) {
        const pid = Number(/^[0-9a-f]+-(\d+)-/.exec(name.slice(base.length + 5))?.[1]);
        const stat = await fs.stat(full).catch(() => undefined);
        const gone = pid !== process.pid && !isProcessAlive(pid);
        if (stat && ((gone && Date.now() - stat.mtimeMs > this.staleMs) || Date.now() - stat.mtimeMs > DEAD_KEEP_MS)) {
          await fs.rm(full, { recursive: true, force: true });
        }
      }
    }
  }
}
