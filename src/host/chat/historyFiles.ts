// The history folder's file formats: a chat file (`<id>.json`) and the index (`index.json`), what each holds, how
// each is checked when read (anything else is treated as corrupt) and the JSON written. Pure: no disk access here.
import { isRecord } from '../../api/isRecord';
import type { Chat, ChatMessage, ChatSummary } from '../../common/chatTypes';
import { isChatId } from '../../common/pageMessageGuard';

export const SCHEMA_VERSION = 1;
export const INDEX_FILE = 'index.json';
/** Tombstones kept in the index: enough to outlive any save still queued in another window. */
const MAX_TOMBSTONES = 500;

export interface IndexEntry extends ChatSummary {
  bytes: number;
  workspace?: string;
}

interface IndexFile {
  schemaVersion: number;
  chats: IndexEntry[];
  /** Deleted chat ids with the time of deletion. */
  deleted?: { id: string; at: number }[];
}

/** Which chats the store lists: those of one workspace (and older chats saved without one), or all. */
export type ChatScope = { workspace: string } | 'all';

export function inScope(entry: IndexEntry, scope: ChatScope): boolean {
  return scope === 'all' || entry.workspace === undefined || entry.workspace === scope.workspace;
}

/** The index as the store works with it. */
export interface Index {
  chats: Map<string, IndexEntry>;
  deleted: Map<string, number>;
}

export interface ChatFile {
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

/** A chat file whose chat is well-formed and is the chat `id` (a file renamed by hand is not trusted). */
export function isChatFileOf(id: string): (raw: unknown) => raw is ChatFile {
  return (raw): raw is ChatFile => isRecord(raw) && isChat(raw.chat) && raw.chat.id === id;
}

export function isIndexFile(raw: unknown): raw is IndexFile {
  return isRecord(raw) && Array.isArray(raw.chats);
}

/** An answer that was streaming when the window closed is kept as what it is: a partial answer. */
export function settleInterruptedAnswers(chat: Chat): Chat {
  for (const message of chat.messages) if (message.status === 'streaming') message.status = 'partial';
  return chat;
}

export function summarize(chat: Chat): ChatSummary {
  return { id: chat.id, title: chat.title, updatedAt: chat.updatedAt, messageCount: chat.messages.length };
}

/** The index entry of a chat whose file is `bytes` long. */
export function indexEntry(chat: Chat, bytes: number): IndexEntry {
  return { ...summarize(chat), bytes, ...(chat.workspace === undefined ? {} : { workspace: chat.workspace }) };
}

export function chatFileJson(chat: Chat): string {
  return JSON.stringify({ schemaVersion: SCHEMA_VERSION, chat } satisfies ChatFile);
}

/** The index's entries and tombstones, each entry checked on its own: one bad entry does not lose the others. */
export function indexFromFile(file: IndexFile): Index {
  const index: Index = { chats: new Map(), deleted: new Map() };
  for (const entry of file.chats) {
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
  const deleted: unknown = file.deleted;
  if (Array.isArray(deleted)) {
    for (const t of deleted) if (isRecord(t) && isChatId(t.id) && typeof t.at === 'number') index.deleted.set(t.id, t.at);
  }
  return index;
}

/** The index file's JSON: every entry, and the newest MAX_TOMBSTONES tombstones. */
export function indexFileJson(index: Index): string {
  const deleted = [...index.deleted]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_TOMBSTONES)
    .map(([id, at]) => ({ id, at }));
  return JSON.stringify({ schemaVersion: SCHEMA_VERSION, chats: [...index.chats.values()], deleted } satisfies IndexFile);
}
