// How big one chat may grow, and how often its growing copy is saved while an answer streams (issue 20). Pure: no
// vscode, no disk.
//
// A chat file is rewritten whole at each save (re-read, merged with other windows' turns, serialised, written), so a
// save costs time in proportion to the whole chat: about 40 ms a megabyte on a laptop core. Two bounds follow:
// - one chat is at most MAX_CHAT_BYTES. Past it, its oldest turns move to a new chat of their own, listed as
//   "<title> (earlier messages)" at the time of their last message, and the user is told. Nothing is dropped and
//   nothing vanishes unannounced: the turns stay readable and deletable like any chat. Refusing new questions would
//   stop the user's work and dropping the oldest turns would lose them; moving them is the simplest design that
//   loses nothing. What stays is at most half the bound, so a long chat splits once in many turns, not at each save;
// - while an answer streams, a scheduled save waits longer the larger the chat is (streamingSaveDelay), so the work
//   of saving per second of streaming is bounded, whatever the chat's size.
import type { Chat } from '../../common/chatTypes';

export const MAX_CHAT_BYTES = 4 * 1024 * 1024;
/** A scheduled save waits its base delay once per this many bytes of chat file. */
export const STREAMING_SAVE_BYTES = 512 * 1024;

/** How long a scheduled save of a chat whose file is `bytes` long waits: `baseDelayMs` per STREAMING_SAVE_BYTES. */
export function streamingSaveDelay(bytes: number, baseDelayMs: number): number {
  return Math.round(baseDelayMs * Math.max(1, bytes / STREAMING_SAVE_BYTES));
}

export interface Split {
  /** The chat with its oldest turns taken out. */
  chat: Chat;
  /** The turns taken out, as a chat of their own. */
  earlier: Chat;
}

/**
 * Splits a chat that is larger than `maxBytes` so that what stays is at most half of it: the oldest turns go to a new
 * chat `earlierId`, titled `earlierTitle`. It cuts only before a question, and the last question with its answer
 * always stays, so a chat of one huge turn is not split (a turn's size is bounded by the question, file and answer
 * limits). Undefined when there is nothing to move.
 */
export function splitOversized(chat: Chat, maxBytes: number, earlierId: string, earlierTitle: string): Split | undefined {
  const { messages } = chat;
  const sizes = messages.map((m) => Buffer.byteLength(JSON.stringify(m)));
  let cut = -1;
  let kept = 0;
  for (let i = messages.length - 1; i > 0; i--) {
    kept += sizes[i];
    if (messages[i].role !== 'user') continue;
    if (cut !== -1 && kept > maxBytes / 2) break;
    cut = i; // the last question always; an earlier one while what stays is at most half the bound
  }
  if (cut <= 0) return undefined;
  const moved = messages.slice(0, cut);
  const earlier: Chat = {
    id: earlierId,
    title: earlierTitle,
    createdAt: chat.createdAt,
    updatedAt: moved.reduce((latest, m) => Math.max(latest, m.createdAt), chat.createdAt),
    messages: moved,
    ...(chat.workspace === undefined ? {} : { workspace: chat.workspace }),
  };
  return { chat: { ...chat, messages: messages.slice(cut) }, earlier };
}
