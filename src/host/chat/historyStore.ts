// Saves every chat as its own JSON file in the extension's global storage, with an index of chats so listing reads
// one small file and a chat is read only when opened. Plain Node (no vscode import) so it stays easy to test.
//
// Why it is built this way (users of other chat extensions report lost or corrupted history, e.g. Cline issues #5289,
// #6183 and #2321):
// - every write goes to a temp file that is then renamed over the target (atomicFiles.ts), so a crash never leaves
//   half a file; the file formats and their checks are in historyFiles.ts;
// - every VS Code window has its own store over the same folder. A write takes the folder lock (folderLock.ts),
//   re-reads the chat and the index from disk and merges by message id (chatMerge.ts), so two windows continuing
//   one chat, or starting chats at once, never lose a turn or an index entry; the index is never cached;
// - a deleted chat leaves a tombstone in the index, so a save still queued in this or another window cannot bring
//   it back;
// - writes are serialized and a streaming answer is saved at most every `saveDelayMs` (longer for a large chat, so
//   that saving costs a bounded share of the time: chatSize.ts), so a reload mid-answer finds the partial answer
//   without a disk write per token;
// - a corrupt file is moved aside and reported, never thrown at the caller (checkedJson.ts);
// - the number and total size of chats are bounded, oldest pruned first; one chat's size is bounded, its oldest turns
//   moved to a chat of their own (chatSize.ts).
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Chat, ChatSummary } from '../../common/chatTypes';
import { isChatId } from '../../common/pageMessageGuard';
import { removeStaleTempFiles, writeFileAtomic } from './atomicFiles';
import { baseOf, mergeChat, type ChatBase } from './chatMerge';
import { MAX_CHAT_BYTES, splitOversized, streamingSaveDelay, type Split } from './chatSize';
import { readCheckedJson, type ReadOutcome } from './checkedJson';
import { FolderLock } from './folderLock';
import {
  chatFileJson,
  INDEX_FILE,
  indexEntry,
  indexFileJson,
  indexFromFile,
  inScope,
  isChatFileOf,
  isIndexFile,
  settleInterruptedAnswers,
  type ChatScope,
  type Index,
} from './historyFiles';

export type { ChatScope };

const LOCK_FILE = 'index.lock';

export interface HistoryStoreOptions {
  maxChats?: number;
  maxBytes?: number;
  /** One chat's file is at most this long; past it, its oldest turns move to a chat of their own. */
  maxChatBytes?: number;
  /** The title of the chat that holds a chat's oldest turns, from the chat's own title. */
  earlierTitle?: (title: string) => string;
  /** Longest a scheduled save waits; a streaming answer is written at most this often. */
  saveDelayMs?: number;
  /** Told about files that could not be read (and were moved aside). Never given chat content. */
  onProblem?: (message: string) => void;
  /** A folder lock held longer than this is broken (its writer is stuck or gone). */
  lockStaleMs?: number;
}

export class HistoryStore {
  private readonly maxChats: number;
  private readonly maxBytes: number;
  private readonly maxChatBytes: number;
  private readonly earlierTitle: (title: string) => string;
  private readonly saveDelayMs: number;
  private readonly onProblem: (message: string) => void;
  private readonly lock: FolderLock;
  /** Every disk write of this store runs in this chain, one at a time; the folder lock orders them with other windows. */
  private writes: Promise<void> = Promise.resolve();
  private readonly scheduled = new Map<string, { chat: Chat; timer: NodeJS.Timeout }>();
  /** Each chat as this window last read or wrote it: the base of the merge with what other windows wrote since. */
  private readonly bases = new Map<string, ChatBase>();
  /** Each chat's file size as last read or written here: a scheduled save of a larger chat waits longer. */
  private readonly fileBytes = new Map<string, number>();
  /** Chats deleted here: never written again, even if the index holding their tombstone cannot be read. */
  private readonly deletedHere = new Set<string>();
  private readonly reported = new Set<string>();
  /** Set once index.json was written by a newer Ask Llama: from then on this store writes nothing (issue 20). */
  private newerIndex = false;

  constructor(
    readonly folder: string,
    options: HistoryStoreOptions = {},
  ) {
    this.maxChats = options.maxChats ?? 200;
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.maxChatBytes = options.maxChatBytes ?? MAX_CHAT_BYTES;
    this.earlierTitle = options.earlierTitle ?? ((title) => `${title} (earlier messages)`);
    this.saveDelayMs = options.saveDelayMs ?? 1000;
    const report = options.onProblem ?? (() => undefined);
    // Each problem is told once per store (window), not at every save that meets it again.
    this.onProblem = (message) => {
      if (this.reported.has(message)) return;
      this.reported.add(message);
      report(message);
    };
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
    this.fileBytes.set(id, (await fs.stat(this.chatPath(id)).catch(() => undefined))?.size ?? 0);
    return outcome.value;
  }

  /** Writes the chat now (and drops any scheduled save of it). Resolves when it is on disk. */
  save(chat: Chat): Promise<void> {
    this.cancelScheduled(chat.id);
    return this.enqueue(() => this.writeChat(chat));
  }

  /** Saves the chat soon; calls coalesce into one write of the latest content, after `saveDelayMs` or longer for a
   * large chat, whose every write costs in proportion to its size (streamingSaveDelay). */
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
    }, streamingSaveDelay(this.fileBytes.get(chat.id) ?? 0, this.saveDelayMs));
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
        const index = await this.readIndex();
        if (this.newerIndex) return this.refuseNewer();
        await fs.rm(this.chatPath(id), { force: true });
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
    // The content as of now, since the caller keeps streaming into `chat`: each message copied one level deep (the
    // stream replaces fields, it never changes nested objects), and serialised once, for the merge and the next base.
    const ours: Chat = { ...chat, messages: chat.messages.map((m) => ({ ...m })) };
    const oursBase = baseOf(ours);
    await this.lock.run(async () => {
      const index = await this.readIndex();
      if (this.newerIndex) return this.refuseNewer();
      if (index.deleted.has(chat.id)) {
        this.deletedHere.add(chat.id); // deleted in another window
        await fs.rm(this.chatPath(chat.id), { force: true });
        return;
      }
      const onDisk = await this.readChatFile(chat.id);
      if (!onDisk.ok && onDisk.reason === 'newer') return this.refuseNewer();
      const merged = mergeChat(this.bases.get(chat.id), ours, onDisk.ok ? onDisk.value : undefined, oursBase);
      let body = chatFileJson(merged);
      let bytes = Buffer.byteLength(body);
      const split = bytes > this.maxChatBytes ? await this.splitOff(merged, index) : undefined;
      if (split) bytes = Buffer.byteLength((body = chatFileJson(split.chat)));
      await writeFileAtomic(this.chatPath(chat.id), body);
      index.chats.set(chat.id, indexEntry(split?.chat ?? merged, bytes));
      await this.prune(index, split ? [chat.id, split.earlier.id] : [chat.id]);
      await this.writeIndex(index);
      this.bases.set(chat.id, oursBase);
      this.fileBytes.set(chat.id, bytes);
    });
  }

  /** A chat past maxChatBytes: its oldest turns are written as a chat of their own, then leave it (chatSize.ts). */
  private async splitOff(chat: Chat, index: Index): Promise<Split | undefined> {
    const split = splitOversized(chat, this.maxChatBytes, randomUUID(), this.earlierTitle(chat.title));
    if (!split) return undefined;
    // On disk before they leave the chat: a crash in between leaves them twice, never nowhere.
    const body = chatFileJson(split.earlier);
    await writeFileAtomic(this.chatPath(split.earlier.id), body);
    index.chats.set(split.earlier.id, indexEntry(split.earlier, Buffer.byteLength(body)));
    const limit = `${Math.round(this.maxChatBytes / 1024 / 1024)} MB`;
    this.onProblem(`A chat grew past ${limit}: its ${split.earlier.messages.length} oldest messages were moved to a new chat, listed as “${this.earlierTitle('…')}”.`);
    return split;
  }

  private async prune(index: Index, keep: readonly string[]): Promise<void> {
    const oldestFirst = [...index.chats.values()].sort((a, b) => a.updatedAt - b.updatedAt);
    let total = oldestFirst.reduce((sum, e) => sum + e.bytes, 0);
    for (const entry of oldestFirst) {
      if (index.chats.size <= this.maxChats && total <= this.maxBytes) break;
      if (keep.includes(entry.id)) continue;
      index.chats.delete(entry.id);
      total -= entry.bytes;
      await fs.rm(this.chatPath(entry.id), { force: true });
    }
  }

  private async writeIndex(index: Index): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    await writeFileAtomic(path.join(this.folder, INDEX_FILE), indexFileJson(index));
  }

  /**
   * Reads the index and reconciles it with the folder: another window may have added chats, and a crash between a
   * chat write and its index write leaves a chat the index does not know yet.
   */
  private async readIndex(): Promise<Index> {
    const indexOutcome = await readCheckedJson(path.join(this.folder, INDEX_FILE), isIndexFile, this.onProblem);
    if (!indexOutcome.ok && indexOutcome.reason === 'newer') this.newerIndex = true;
    const index: Index = indexOutcome.ok ? indexFromFile(indexOutcome.value) : { chats: new Map(), deleted: new Map() };
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return index; // no folder yet: no history
    }
    await removeStaleTempFiles(this.folder, names);
    const onDisk = new Set(names.filter((n) => n.endsWith('.json') && n !== INDEX_FILE).map((n) => n.slice(0, -'.json'.length)).filter(isChatId));
    for (const id of [...index.chats.keys()]) if (!onDisk.has(id)) index.chats.delete(id);
    for (const id of onDisk) {
      if (index.chats.has(id)) continue;
      if (index.deleted.has(id)) continue; // written by an older version after its deletion
      const chat = await this.readChatFile(id);
      if (chat.ok) {
        const bytes = (await fs.stat(this.chatPath(id)).catch(() => undefined))?.size ?? 0;
        index.chats.set(id, indexEntry(chat.value, bytes));
      }
    }
    return index;
  }

  /** Newer data is left as it is: read what can be read, write nothing over it, and say so once. */
  private refuseNewer(): void {
    this.onProblem('The chat history was saved by a newer version of Ask Llama. This window does not change it; update Ask Llama to save chats here again.');
  }

  private async readChatFile(id: string): Promise<ReadOutcome<Chat>> {
    const outcome = await readCheckedJson(this.chatPath(id), isChatFileOf(id), this.onProblem);
    return outcome.ok ? { ok: true, value: settleInterruptedAnswers(outcome.value.chat) } : outcome;
  }
}
