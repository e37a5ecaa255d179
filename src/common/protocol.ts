// The one typed message protocol between the extension host and the chat page.
// Both sides import this file; nothing else crosses the boundary. The action lists and `unbatch` are its only runtime code.
import type { Attachment, Chat, ChatMessage, ChatSummary, ErrorAction, Usage } from './chatTypes';

/**
 * Id of the JSON data block in the page's HTML with the page's translations (English text → translation), read once
 * before the page is built (src/webview/l10n.ts); absent in English.
 */
export const PAGE_L10N_ELEMENT_ID = 'ask-llama-l10n';

/** Host → page. */
export type HostMessage =
  /** Full state: sent on `ready`, after switching chats and after a window reload. */
  | { type: 'state'; chat: Chat; chats: ChatSummary[]; model: string; host?: string; busy: boolean; selection?: SelectionInfo }
  /** A message was appended to the open chat (the user's question, or an empty assistant answer that starts streaming). */
  | { type: 'messageAdded'; chatId: string; message: ChatMessage }
  /** Text to append to a streaming answer. Sent as it arrives; the page batches paints. */
  | { type: 'delta'; chatId: string; messageId: string; text: string }
  /** An answer changed state (finished, stopped, failed): the page replaces its copy. */
  | { type: 'messageUpdated'; chatId: string; message: ChatMessage }
  /** Messages removed from the end of the open chat (before a retry or an edited question). */
  | { type: 'messagesTruncated'; chatId: string; keepCount: number }
  | { type: 'chats'; chats: ChatSummary[] }
  | { type: 'busy'; busy: boolean }
  /** `host`: where questions go when that is not the default server (the AI/ML API), shown next to the model. */
  | { type: 'model'; model: string; host?: string }
  /** The active editor's selection, offered as a chip; undefined when nothing is selected. */
  | { type: 'selection'; selection?: SelectionInfo }
  /** A short note shown above the input, e.g. "2 older messages were left out to fit the model's context". */
  | { type: 'notice'; text: string; level: 'info' | 'warning' }
  /** The files attached to the next question, as chips (`label` says what was cut: "p.ts (lines 1–420 of 900)"). */
  | { type: 'files'; files: { label: string; cut: boolean }[] }
  /** The active editor's file, offered to the next question when nothing is selected; undefined: none offered. */
  | { type: 'currentFile'; file?: CurrentFileChip }
  | { type: 'focusInput'; text?: string };

/**
 * What the host posts: one message, or the messages sent in one turn of its event loop as one post. A question's
 * start is four messages (the question, the empty answer, busy, model); each post crosses the same queues in the
 * workbench (in a browser: a WebSocket frame read through a Blob), and the first token was queued behind them.
 */
export type HostPost = HostMessage | { type: 'batch'; messages: HostMessage[] };

/** The messages of one post, in the order they were sent. */
export function unbatch(post: HostPost): HostMessage[] {
  return post.type === 'batch' ? post.messages : [post];
}

/** The current file's chip: `label` says which lines will be sent, or that none fit (then `cut` and nothing is sent). */
export interface CurrentFileChip {
  fileName: string;
  label: string;
  cut: boolean;
}

/** What the page needs to show a selection chip: no code. */
export interface SelectionInfo {
  fileName: string;
  startLine: number;
  endLine: number;
}

/** The buttons on a code block in an answer. The page checks clicks and the host checks page messages against this list. */
export const CODE_BLOCK_ACTIONS = ['copy', 'insert', 'newEditor', 'apply'] as const;
export type CodeBlockAction = (typeof CODE_BLOCK_ACTIONS)[number];

export function isCodeBlockAction(value: unknown): value is CodeBlockAction {
  return (CODE_BLOCK_ACTIONS as readonly unknown[]).includes(value);
}

/** Page → host. */
export type PageMessage =
  | { type: 'ready' }
  /** A new question. `includeSelection` is false when the user removed the chip; `includeCurrentFile` likewise. */
  | { type: 'send'; text: string; includeSelection: boolean; includeCurrentFile?: boolean }
  | { type: 'stop' }
  /** Regenerate the last answer. */
  | { type: 'retry' }
  /** Replace the last question with new text and ask again. */
  | { type: 'editLast'; text: string }
  | { type: 'newChat' }
  | { type: 'openChat'; chatId: string }
  | { type: 'deleteChat'; chatId: string }
  | { type: 'exportChat'; chatId: string }
  | { type: 'chooseModel' }
  /** The composer's Add File button: the host runs Add File to Chat. */
  | { type: 'addFile' }
  /** A file chip's remove button (`index` in the last `files` message). */
  | { type: 'removeFile'; index: number }
  | { type: 'errorAction'; action: ErrorAction }
  /** A code block's button. `messageId`: the answer the block is in (Apply goes where its question was). */
  | { type: 'codeBlock'; action: CodeBlockAction; code: string; language?: string; messageId?: string }
  /** A link the user clicked in an answer. The host checks the scheme before opening it. */
  | { type: 'openLink'; href: string };

export type { Attachment, Chat, ChatMessage, ChatSummary, ErrorAction, Usage };
