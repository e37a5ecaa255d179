// Saves every chat as its own JSON file in the extension's global storage, with an index of chats so listing reads
// one small file and a chat is read only when opened. Plain Node (no vscode import) so it stays easy to test.
//
// Why it is built this way (users of other chat extensions report lost or corrupted history, e.g. Cline issues #5289,
// #6183 and #2321):
// - every write goes to a temp file that is then renamed over the target, so a crash never leaves half a file;
// - every VS Code window has its own store over the same folder. A write takes the folder lock (folderLock.ts),
//   re-reads the chat and the index from disk and merges by message id (chatMerge.ts), so two windows continuing
//   one chat, or starting chats at once, never lose a turn or an index entry; the index is never cached;
// - a deleted chat leaves a tombstone in the index, so a save still queued in this or another window cannot bring
//   it back;
// - writes are serialized and a streaming answer is saved at most every `saveDelayMs`, so a reload mid-answer finds
//   the partial answer without a disk write per token;
// - a corrupt file is moved aside and reported, never thrown at the caller;
// - the number and total size of chats are bounded, oldest pruned first.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord } from '../../api/isRecord';
import type { Chat, ChatMessage, ChatSummary } from '../../common/chatTypes';
import { isChatId } from '../../common/pageMessageGuard';
import { baseOf, mergeChat, type ChatBase } from './chatMerge';
import { FolderLock } from './folderLock';
import { isProcessAlive } from './processAlive';

export const SCHEMA_VERSION = 1;
const INDEX_FILE = 'index.json';
const LOCK_FILE = 'index.lock';
/** Tombstones kept in the index: enough to outlive any save still queued in another window. */
const MAX_TOMBSTONES = 500;

export interface HistoryStoreOptions {
  maxChats?: number;
  maxBytes?: number;
  /** Longest a scheduled save waits; a streaming answer is written at most this often. */
  saveDelayMs?: number;
  /** Told about files that could not be read (and were moved aside). Never given chat content. */
  onProblem?: (message: string) => void;
  /** A folder lock held longer than this is broken (its writer is stuck or gone). */
  lockStaleMs?: number;
}

/** Which chats `list()` returns: those of one workspace (and older chats saved without one), or all. */
export type ChatScope = { workspace: string } | 'all';

interface IndexEntry extends ChatSummary {
  bytes: number;
  workspace?: string;
}

interface IndexFile {
  schemaVersion: number;
  chats: IndexEntry[];
  /** Deleted chat ids with the time of deletion. */
  deleted?: { id: string; at: number }[];
}

interface Index {
  chats: Map<string, IndexEntry>;
  deleted: Map<string, number>;
}

interface ChatFile {
  schemaVersion: number;
  chat: Chat;
}

function isMessage(value: unknown): value is ChatMessage {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    typeof value.createdAt === 'number'
  );
}

function isChat(value: unknown): value is Chat {
  return (
    isRecord(value) &&
    isChatId(value.id) &&
    typeof value.title === 'string' &&
    typeof value.createdAt === 'number' &&
    typeof value.updatedAt === 'number' &&
    Array.isArray(value.messages) &&
    value.messages.every(isMessage) &&
    (value.workspace === undefined || typeof value.workspace === 'string')
  );
}

/** An answer that was streaming when the window closed is kept as what it is: a partial answer. */
function settleInterruptedAnswers(chat: Chat): Chat {
  for (const message of chat.messages) if (message.status === 'streaming') message.status = 'partial';
  return chat;
}

export function summarize(chat: Chat): ChatSummary {
  return { id: chat.id, title: chat.title, updatedAt: chat.updatedAt, messageCount: chat.messages.length };
}

function inScope(entry: IndexEntry, scope: ChatScope): boolean {
  return scope === 'all' || entry.workspace === undefined || entry.workspace === scope.workspace;
}

/** A temp file is `<target>.<pid>.<n>.tmp`; the pid tells whether its writer is still running. */
const TEMP_NAME = /\.(\d+)\.\d+\.tmp$/;

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'corrupt' | 'newer' };

export class HistoryStore {
  private readonly maxChats: number;
  private readonly maxBytes: number;
  private readonly saveDelayMs: number;
  private readonly onProblem: (message: string) => void;
  private readonly lock: FolderLock;
  /** Every disk write of this store runs in this chain, one at a time; the folder lock orders them with other windows. */
  private writes: Promise<void> = Promise.resolve();
  private readonly scheduled = new Map<string, { chat: Chat; timer: NodeJS.Timeout }>();
  /** Each chat as this window last read or wrote it: the base of the merge with what other windows wrote since. */
  private readonly bases = new Map<string, ChatBase>();
  /** Chats deleted here: never written again, even if the index holding their tombstone cannot be read. */
  private readonly deletedHere = new Set<string>();
  private tempCounter = 0;

  constructor(
    readonly folder: string,
    options: HistoryStoreOptions = {},
  ) {
    this.maxChats = options.maxChats ?? 200;
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.saveDelayMs = options.saveDelayMs ?? 1000;
    this.onProblem = options.onProblem ?? (() => undefined);
    this.lock = new FolderLock(path.join(folder, LOCK_FILE), { staleMs: options.lockStaleMs });
  }

  /** Past chats in `scope`, newest first, as they are on disk now (other windows' chats included). */
  async list(scope: ChatScope = 'all'): Promise<ChatSummary[]> {
    const index = await this.readIndex();
    return [...index.chats.values()]
      .filter((entry) => inScope(entry, scope))
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(({ id, title, updatedAt, messageCount }) => ({ id, title, updatedAt, messageCount }));
  }

  /**
   * Reads one chat as it is on disk now, with the turns other windows added; undefined when it does not exist or
   * could not be read (then it is moved aside and reported).
   */
  async load(id: string): Promise<Chat | undefined> {
    if (!isChatId(id) || this.deletedHere.has(id)) return undefined;
    await this.writes; // a save of this chat may be in flight
    const outcome = await this.readChatFile(id);
    if (!outcome.ok) return undefined;
    this.bases.set(id, baseOf(outcome.value));
    return outcome.value;
  }

  /** Writes the chat now (and drops any scheduled save of it). Resolves when it is on disk. */
  save(chat: Chat): Promise<void> {
    this.cancelScheduled(chat.id);
    return this.enqueue(() => this.writeChat(chat));
  }

  /** Saves the chat soon; repeated calls within `saveDelayMs` coalesce into one write of the latest content. */
  scheduleSave(chat: Chat): void {
    const pending = this.scheduled.get(chat.id);
    if (pending) {
      pending.chat = chat;
      return;
    }
    const timer = setTimeout(() => {
      const entry = this.scheduled.get(chat.id);
      this.scheduled.delete(chat.id);
      if (entry) void this.enqueue(() => this.writeChat(entry.chat));
    }, this.saveDelayMs);
    this.scheduled.set(chat.id, { chat, timer });
  }

  /** Writes every scheduled save now. */
  async flush(): Promise<void> {
    for (const [id, { chat }] of [...this.scheduled]) {
      this.cancelScheduled(id);
      void this.enqueue(() => this.writeChat(chat));
    }
    await this.writes;
  }

  /** Deletes the chat for good: saves queued here or in another window afterwards are dropped. */
  async delete(id: string): Promise<void> {
    if (!isChatId(id)) return;
    this.cancelScheduled(id);
    this.deletedHere.add(id);
    this.bases.delete(id);
    await this.enqueue(async () => {
      await fs.mkdir(this.folder, { recursive: true });
      await this.lock.run(async () => {
        await fs.rm(this.chatPath(id), { force: true });
        const index = await this.readIndex();
        index.chats.delete(id);
        index.deleted.set(id, Date.now());
        await this.writeIndex(index);
      });
    });
  }

  dispose(): Promise<void> {
    return this.flush();
  }

  private cancelScheduled(id: string): void {
    const pending = this.scheduled.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.scheduled.delete(id);
  }

  /** Runs a write after the previous ones; a failure is reported and does not break the chain. */
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.writes.then(operation).catch((err: unknown) => {
      this.onProblem(`Could not save chat history: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.writes = run;
    return run;
  }

  private chatPath(id: string): string {
    return path.join(this.folder, `${id}.json`);
  }

  /** Under the folder lock: merge with the chat on disk, write it, then the index (re-read, so other windows' entries stay). */
  private async writeChat(chat: Chat): Promise<void> {
    if (this.deletedHere.has(chat.id)) return;
    await fs.mkdir(this.folder, { recursive: true });
    const ours = JSON.parse(JSON.stringify(chat)) as Chat; // the content as of now; the caller keeps streaming into `chat`
    await this.lock.run(async () => {
      const index = await this.readIndex();
      if (index.deleted.has(chat.id)) {
        this.deletedHere.add(chat.id); // deleted in another window
        await fs.rm(this.chatPath(chat.id), { force: true });
        return;
      }
      const onDisk = await this.readChatFile(chat.id);
      const merged = mergeChat(this.bases.get(chat.id), ours, onDisk.ok ? onDisk.value : undefined);
      const body = JSON.stringify({ schemaVersion: SCHEMA_VERSION, chat: merged } satisfies ChatFile);
      await this.writeAtomic(this.chatPath(chat.id), body);
      index.chats.set(chat.id, { ...summarize(merged), bytes: Buffer.byteLength(body), ...(merged.workspace === undefined ? {} : { workspace: merged.workspace }) });
      await this.prune(index, chat.id);
      await this.writeIndex(index);
      this.bases.set(chat.id, baseOf(ours));
    });
  }

  private async prune(index: Index, keepId: string): Promise<void> {
    const oldestFirst = [...index.chats.values()].sort((a, b) => a.updatedAt - b.updatedAt);
    let total = oldestFirst.reduce((sum, e) => sum + e.bytes, 0);
    for (const entry of oldestFirst) {
      if (index.chats.size <= this.maxChats && total <= this.maxBytes) break;
      if (entry.id === keepId) continue;
      index.chats.delete(entry.id);
      total -= entry.bytes;
      await fs.rm(this.chatPath(entry.id), { force: true });
    }
  }

  private async writeIndex(index: Index): Promise<void> {
    const deleted = [...index.deleted]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_TOMBSTONES)
      .map(([id, at]) => ({ id, at }));
    const body: IndexFile = { schemaVersion: SCHEMA_VERSION, chats: [...index.chats.values()], deleted };
    await this.writeAtomic(path.join(this.folder, INDEX_FILE), JSON.stringify(body));
  }

  private async writeAtomic(target: string, body: string): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const temp = `${target}.${process.pid}.${++this.tempCounter}.tmp`;
    try {
      await fs.writeFile(temp, body, 'utf8');
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }

  /**
   * Reads the index and reconciles it with the folder: another window may have added chats, and a crash between a
   * chat write and its index write leaves a chat the index does not know yet.
   */
  private async readIndex(): Promise<Index> {
    const index: Index = { chats: new Map(), deleted: new Map() };
    const indexOutcome = await this.readJson(path.join(this.folder, INDEX_FILE), (raw): raw is IndexFile => isRecord(raw) && Array.isArray(raw.chats));
    if (indexOutcome.ok) {
      for (const entry of indexOutcome.value.chats) {
        if (isRecord(entry) && isChatId(entry.id) && typeof entry.updatedAt === 'number') {
          index.chats.set(entry.id, {
            id: entry.id,
            title: typeof entry.title === 'string' ? entry.title : '',
            updatedAt: entry.updatedAt,
            messageCount: typeof entry.messageCount === 'number' ? entry.messageCount : 0,
            bytes: typeof entry.bytes === 'number' ? entry.bytes : 0,
            ...(typeof entry.workspace === 'string' ? { workspace: entry.workspace } : {}),
          });
        }
      }
      const deleted: unknown = indexOutcome.value.deleted;
      if (Array.isArray(deleted)) {
        for (const t of deleted) if (isRecord(t) && isChatId(t.id) && typeof t.at === 'number') index.deleted.set(t.id, t.at);
      }
    }
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return index; // no folder yet: no history
    }
    await this.removeStaleTempFiles(names);
    const onDisk = new Set(names.filter((n) => n.endsWith('.json') && n !== INDEX_FILE).map((n) => n.slice(0, -'.json'.length)).filter(isChatId));
    for (const id of [...index.chats.keys()]) if (!onDisk.has(id)) index.chats.delete(id);
    for (const id of onDisk) {
      if (index.chats.has(id)) continue;
      if (index.deleted.has(id)) continue; // written by an older version after its deletion
      const chat = await this.readChatFile(id);
      if (chat.ok) {
        const bytes = (await fs.stat(this.chatPath(id)).catch(() => undefined))?.size ?? 0;
        index.chats.set(id, { ...summarize(chat.value), bytes, ...(chat.value.workspace === undefined ? {} : { workspace: chat.value.workspace }) });
      }
    }
    return index;
  }

  /** A crash between write and rename leaves a temp file: removed once its writer is gone, or after a minute. */
  private async removeStaleTempFiles(names: string[]): Promise<void> {
    const cutoff = Date.now() - 60_000;
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      const file = path.join(this.folder, name);
      const pid = Number(TEMP_NAME.exec(name)?.[1]);
      const writerGone = pid !== process.pid && !isProcessAlive(pid);
      const stat = writerGone ? undefined : await fs.stat(file).catch(() => undefined);
      if (writerGone || (stat && stat.mtimeMs < cutoff)) await fs.rm(file, { force: true });
    }
  }

  private async readChatFile(id: string): Promise<Outcome<Chat>> {
    const outcome = await this.readJson(this.chatPath(id), (raw): raw is ChatFile => isRecord(raw) && isChat(raw.chat) && raw.chat.id === id);
    return outcome.ok ? { ok: true, value: settleInterruptedAnswers(outcome.value.chat) } : outcome;
  }

  private async readJson<T extends { schemaVersion: number }>(file: string, isValid: (raw: unknown) => raw is T): Promise<Outcome<T>> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return { ok: false, reason: 'missing' };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    if (isRecord(raw) && typeof raw.schemaVersion === 'number' && raw.schemaVersion > SCHEMA_VERSION) {
      // Written by a newer Ask Llama: leave it alone rather than destroy data we cannot read.
      this.onProblem(`${path.basename(file)} was saved by a newer version of Ask Llama and is skipped.`);
      return { ok: false, reason: 'newer' };
    }
    if (!isValid(raw)) {
      await this.moveAside(file);
      return { ok: false, reason: 'corrupt' };
    }
    return { ok: true, value: raw };
  }

  private async moveAside(file: string): Promise<void> {
    const aside = `${file}.corrupt-${Date.now()}`;
    try {
      await fs.rename(file, aside);
      this.onProblem(`${path.basename(file)} in the chat history could not be read; it was moved to ${path.basename(aside)}.`);
    } catch (err) {
      this.onProblem(`${path.basename(file)} in the chat history could not be read or moved aside: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
