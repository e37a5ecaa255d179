// Merges one chat as this window wants to write it with the copy another window wrote meanwhile, so that two windows
// continuing the same chat never lose each other's turns. Pure: no vscode, no disk.
//
// A three-way merge by message id. `base` is the chat as this window last read or wrote it; from it we can tell what
// this window changed (its messages that differ from base), what it removed (retry and edit drop the last turn), and
// what another window added, changed or removed (present or absent on disk but not in base).
import type { Chat, ChatMessage } from '../../common/chatTypes';

/** What this window last saw of a chat: each message id with its serialized content. */
export type ChatBase = ReadonlyMap<string, string>;

export function baseOf(chat: Chat): ChatBase {
  return new Map(chat.messages.map((m) => [m.id, JSON.stringify(m)]));
}

/**
 * The chat to write: ours, plus the other window's work. A message this window left unchanged takes the disk's
 * version (the other window may have finished streaming it) or goes if the other window removed it; a message this
 * window changed or added is ours; a message only on disk is kept, placed after the message it followed there.
 * `oursBase` is `baseOf(ours)`, when the caller has it already (serialising a long chat twice per save is waste).
 */
export function mergeChat(known: ChatBase | undefined, ours: Chat, theirs: Chat | undefined, oursBase?: ChatBase): Chat {
  if (!theirs) return ours;
  const oursNow = oursBase ?? baseOf(ours);
  // Never read here (e.g. two windows starting the same chat): everything on disk is the other window's work.
  const base: ChatBase = known ?? new Map();
  const theirsById = new Map(theirs.messages.map((m) => [m.id, m]));
  const merged: ChatMessage[] = [];
  for (const message of ours.messages) {
    const known = base.get(message.id);
    const onDisk = theirsById.get(message.id);
    const unchangedHere = known !== undefined && known === oursNow.get(message.id);
    if (!unchangedHere) merged.push(message);
    else if (onDisk) merged.push(onDisk);
    // else: unchanged here and removed by the other window.
  }
  const present = new Set(merged.map((m) => m.id));
  let after: string | undefined;
  for (const message of theirs.messages) {
    if (present.has(message.id)) {
      after = message.id;
      continue;
    }
    if (base.has(message.id)) continue; // removed here
    const anchor = after === undefined ? -1 : merged.findIndex((m) => m.id === after);
    merged.splice(anchor + 1, 0, message);
    present.add(message.id);
    after = message.id;
  }
  return {
    ...theirs,
    ...ours,
    title: ours.title || theirs.title,
    createdAt: Math.min(ours.createdAt, theirs.createdAt),
    updatedAt: Math.max(ours.updatedAt, theirs.updatedAt),
    messages: merged,
  };
}
