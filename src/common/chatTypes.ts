// The conversation data that the host stores and the chat page renders. Pure types (and the list of error actions):
// no vscode, no DOM.
import type { Usage } from '../api/types';

/** Token counts as the request module reports them; one declaration, in src/api/types.ts. */
export type { Usage };

/** Where a selection came from; shown in the page as a chip ("file.ts:10-24"). */
export interface Attachment {
  /** Workspace-relative path (or untitled name) for display. */
  fileName: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The code itself. Present in stored user messages so the prompt can be rebuilt. */
  code: string;
  /** Set when the user chose to send only part of an over-long selection. */
  truncatedTo?: { startLine: number; endLine: number };
  /** Where the sent code is (the document and the exact range), when it came from an open document: Apply targets it. */
  location?: CodeLocation;
}

/** A range of a document: its URI as a string and 0-based [line, character] positions, end exclusive. */
export interface CodeLocation {
  uri: string;
  start: [number, number];
  end: [number, number];
}

/** The buttons an error answer can offer. The page checks clicks and the host checks page messages against this list. */
export const ERROR_ACTIONS = ['setApiKey', 'chooseModel', 'retry', 'openSettings', 'openMaxTokens', 'showLog'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

export function isErrorAction(value: unknown): value is ErrorAction {
  return (ERROR_ACTIONS as readonly unknown[]).includes(value);
}

/** An error as the page shows it: already a human sentence, never the key, never raw HTML. */
export interface ErrorView {
  kind: string;
  message: string;
  actions: ErrorAction[];
}


/**
 * streaming: the answer is arriving now.
 * done: finished normally. partial: stopped early (Stop, truncation, window reload) and kept as it was.
 * error: failed; `error` says why (the partial text, if any, is kept in `text`).
 */
export type AnswerStatus = 'streaming' | 'done' | 'partial' | 'error';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  createdAt: number;
  /** user messages: the selection sent with the question. */
  attachment?: Attachment;
  /** user messages: files the user attached in the chat (Add File to Chat), each whole or its first lines. */
  files?: Attachment[];
  /** assistant messages only. */
  status?: AnswerStatus;
  model?: string;
  usage?: Usage;
  /** assistant: wall time from request to last token. */
  durationMs?: number;
  finishReason?: string;
  error?: ErrorView;
}

export interface Chat {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: ChatMessage[];
  /** A hash naming the workspace the chat was started in (host/chat/workspaceKey.ts); absent in older chats. */
  workspace?: string;
}

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
}
