// The three-way merge of a chat with the copy another window wrote (chatMerge.ts).
import * as assert from 'node:assert/strict';
import type { Chat } from '../../../../src/common/chatTypes';
import { baseOf, mergeChat } from '../../../../src/host/chat/chatMerge';

const chat = (...ids: string[]): Chat => ({
  id: 'c',
  title: 't',
  createdAt: 1,
  updatedAt: 1,
  messages: ids.map((id) => ({ id, role: 'user', text: id, createdAt: 1 })),
});

describe('mergeChat', () => {
  it('keeps what another window wrote when this window never read the chat (both started it at once)', () => {
    // Found by the lock stress script: the second window's first save replaced the first window's messages.
    const merged = mergeChat(undefined, chat('mine'), chat('theirs1', 'theirs2'));
    assert.deepEqual(merged.messages.map((m) => m.id).sort(), ['mine', 'theirs1', 'theirs2']);
  });

  it('still honours a message removed on disk that this window had read and left unchanged', () => {
    const base = baseOf(chat('a', 'b'));
    assert.deepEqual(mergeChat(base, chat('a', 'b', 'c'), chat('a')).messages.map((m) => m.id), ['a', 'c']);
  });
});
