// Saves every chat as its own JSON file in the extension's global storage, with an index of chats so activation
// reads one small file and a chat is read only when opened. Plain Node (no vscode import) so it stays easy to test.
//
// Why it is built this way (users of other chat extensions report lost or corrupted history, e.g. Cline issues #5289,
// #6183 and #2321):
// - every write goes to a temp file that is then renamed over the target, so a crash never leaves half a file;
// - writes are serialized and a streaming answer is saved at most every `saveDelayMs`, so a reload mid-answer finds
//   the partial answer without a disk write per token;
// - a corrupt file is moved aside and reported, never thrown at the caller;
// - the number and total size of chats are bounded, oldest pruned first.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord } from '../../api/isRecord';
import type { Chat, ChatMessage, ChatSummary } from '../../common/chatTypes';
import { isChatId } from '../../common/pageMessageGuard';

export const SCHEMA_VERSION = 1;
const INDEX_FILE = 'index.json';

export interface HistoryStoreOptions {
  maxChats?: number;
  maxBytes?: number;
  /** Longest a scheduled save waits; a streaming answer is written at most this often. */
  saveDelayMs?: number;
  /** Told about files that could not be read (and were moved aside). Never given chat content. */
  onProblem?: (message: string) => void;
}

interface IndexEntry extends ChatSummary {
  bytes: number;
}

interface IndexFile {
  schemaVersion: number;
  chats: IndexEntry[];
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
    value.messages.every(isMessage)
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

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'corrupt' | 'newer' };

export class HistoryStore {
  private readonly maxChats: number;
  private readonly maxBytes: number;
  private readonly saveDelayMs: number;
  private readonly onProblem: (message: string) => void;
  private index: Map<string, IndexEntry> | undefined;
  private indexLoading: Promise<Map<string, IndexEntry>> | undefined;
  /** Every disk write runs in this chain, one at a time, so renames never race. */
  private writes: Promise<void> = Promise.resolve();
  private readonly scheduled = new Map<string, { chat: Chat; timer: NodeJS.Timeout }>();
  private tempCounter = 0;

  constructor(
    readonly folder: string,
    options: HistoryStoreOptions = {},
  ) {
    this.maxChats = options.maxChats ?? 200;
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.saveDelayMs = options.saveDelayMs ?? 1000;
    this.onProblem = options.onProblem ?? (() => undefined);
  }

  /** Past chats, newest first. */
  async list(): Promise<ChatSummary[]> {
    const index = await this.loadIndex();
    return [...index.values()]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(({ id, title, updatedAt, messageCount }) => ({ id, title, updatedAt, messageCount }));
  }

  /** Reads one chat; undefined when it does not exist or could not be read (then it is moved aside and reported). */
  async load(id: string): Promise<Chat | undefined> {
    if (!isChatId(id)) return undefined;
    const index = await this.loadIndex();
    await this.writes; // a save of this chat may be in flight
    const outcome = await this.readChatFile(id);
    if (outcome.ok) return outcome.value;
    if (index.delete(id)) this.enqueue(() => this.writeIndex());
    return undefined;
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

  async delete(id: string): Promise<void> {
    if (!isChatId(id)) return;
    this.cancelScheduled(id);
    const index = await this.loadIndex();
    index.delete(id);
    await this.enqueue(async () => {
      await fs.rm(this.chatPath(id), { force: true });
      await this.writeIndex();
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

  private async writeChat(chat: Chat): Promise<void> {
    const index = await this.loadIndex();
    const body = JSON.stringify({ schemaVersion: SCHEMA_VERSION, chat } satisfies ChatFile);
    await this.writeAtomic(this.chatPath(chat.id), body);
    index.set(chat.id, { ...summarize(chat), bytes: Buffer.byteLength(body) });
    await this.prune(index, chat.id);
    await this.writeIndex();
  }

  private async prune(index: Map<string, IndexEntry>, keepId: string): Promise<void> {
    const oldestFirst = [...index.values()].sort((a, b) => a.updatedAt - b.updatedAt);
    let total = oldestFirst.reduce((sum, e) => sum + e.bytes, 0);
    for (const entry of oldestFirst) {
      if (index.size <= this.maxChats && total <= this.maxBytes) break;
      if (entry.id === keepId) continue;
      index.delete(entry.id);
      total -= entry.bytes;
      await fs.rm(this.chatPath(entry.id), { force: true });
    }
  }

  private async writeIndex(): Promise<void> {
    const index = await this.loadIndex();
    const body: IndexFile = { schemaVersion: SCHEMA_VERSION, chats: [...index.values()] };
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

  private loadIndex(): Promise<Map<string, IndexEntry>> {
    if (this.index) return Promise.resolve(this.index);
    this.indexLoading ??= this.readIndex().then((index) => (this.index = index));
    return this.indexLoading;
  }

  /**
   * Reads the index and reconciles it with the folder: another window may have added chats, and a crash between a
   * chat write and its index write leaves a chat the index does not know yet.
   */
  private async readIndex(): Promise<Map<string, IndexEntry>> {
    const index = new Map<string, IndexEntry>();
    const indexOutcome = await this.readJson(path.join(this.folder, INDEX_FILE), (raw): raw is IndexFile => isRecord(raw) && Array.isArray(raw.chats));
    if (indexOutcome.ok) {
      for (const entry of indexOutcome.value.chats) {
        if (isRecord(entry) && isChatId(entry.id) && typeof entry.updatedAt === 'number') {
          index.set(entry.id, {
            id: entry.id,
            title: typeof entry.title === 'string' ? entry.title : '',
            updatedAt: entry.updatedAt,
            messageCount: typeof entry.messageCount === 'number' ? entry.messageCount : 0,
            bytes: typeof entry.bytes === 'number' ? entry.bytes : 0,
          });
        }
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
    for (const id of [...index.keys()]) if (!onDisk.has(id)) index.delete(id);
    for (const id of onDisk) {
      if (index.has(id)) continue;
      const chat = await this.readChatFile(id);
      if (chat.ok) {
        const bytes = (await fs.stat(this.chatPath(id)).catch(() => undefined))?.size ?? 0;
        index.set(id, { ...summarize(chat.value), bytes });
      }
    }
    return index;
  }

  /** A crash between write and rename leaves a temp file; one older than a minute belongs to no live write. */
  private async removeStaleTempFiles(names: string[]): Promise<void> {
    const cutoff = Date.now() - 60_000;
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      const file = path.join(this.folder, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
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
