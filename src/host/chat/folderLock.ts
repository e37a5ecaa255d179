// A lock file shared by every process that writes the chat history folder (one per VS Code window), so that a
// read-merge-write of a chat and its index is never interleaved with another window's. Plain Node, no vscode.
//
// The lock is a file created with O_EXCL holding the owner's pid and host. It is held for milliseconds (one chat file
// and the index). A lock whose owner is no longer running on this machine (a window killed mid-write), or that is
// older than `staleMs`, is broken so that a crash never blocks the history.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import { isProcessAlive } from './processAlive';

export interface FolderLockOptions {
  /** A lock older than this is taken to belong to a stuck or dead writer and is broken. */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

let tokenCounter = 0;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isErrorCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

export class FolderLock {
  private readonly staleMs: number;

  constructor(
    readonly file: string,
    options: FolderLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 5000;
  }

  /** Runs `work` while holding the lock; the lock is released even when `work` throws. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const owner = await this.acquire();
    try {
      return await work();
    } finally {
      await this.release(owner);
    }
  }

  private async acquire(): Promise<LockOwner> {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), token: `${process.pid}-${Date.now()}-${++tokenCounter}` };
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.writeFile(this.file, JSON.stringify(owner), { flag: 'wx' });
        return owner;
      } catch (err) {
        if (!isErrorCode(err, 'EEXIST')) throw err;
      }
      if (await this.isStale()) await this.breakLock();
      else await sleep(Math.min(2 + attempt, 25) + Math.random() * 5);
    }
  }

  /** Stale: its owner is gone (same machine, pid not running), or it has been held far longer than any write takes. */
  private async isStale(): Promise<boolean> {
    let text: string;
    let mtimeMs: number;
    try {
      [text, mtimeMs] = await Promise.all([fs.readFile(this.file, 'utf8'), fs.stat(this.file).then((s) => s.mtimeMs)]);
    } catch {
      return false; // released meanwhile: just try again
    }
    if (Date.now() - mtimeMs > this.staleMs) return true;
    let holder: Partial<LockOwner> | undefined;
    try {
      holder = JSON.parse(text) as Partial<LockOwner>;
    } catch {
      // Created but not yet written by its owner (or cut short by a crash): the age check above decides.
      return false;
    }
    return typeof holder?.pid === 'number' && holder.host === os.hostname() && !isProcessAlive(holder.pid);
  }

  /** Moves the stale lock aside first, so that two windows breaking it at once cannot delete a fresh one twice. */
  private async breakLock(): Promise<void> {
    const aside = `${this.file}.${process.pid}.${++tokenCounter}.stale`;
    try {
      await fs.rename(this.file, aside);
    } catch {
      return;
    }
    await fs.rm(aside, { force: true });
  }

  private async release(owner: LockOwner): Promise<void> {
    try {
      const holder = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<LockOwner>;
      if (holder.token !== owner.token) return; // broken as stale and taken by another window meanwhile
      await fs.rm(this.file, { force: true });
    } catch {
      // Already gone.
    }
  }
}
