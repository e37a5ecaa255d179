// One chat's size bound and the streaming save's wait (issue 20): pure functions.
import * as assert from 'node:assert/strict';
import type { Chat, ChatMessage } from '../../../../src/common/chatTypes';
import { splitOversized, STREAMING_SAVE_BYTES, streamingSaveDelay } from '../../../../src/host/chat/chatSize';

/** A chat of `turns` question/answer pairs, each message about `chars` long. */
function chatOf(turns: number, chars = 100): Chat {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < turns; i++) {
    messages.push({ id: `q${i}`, role: 'user', text: 'q'.repeat(chars), createdAt: 1000 + 2 * i });
    messages.push({ id: `a${i}`, role: 'assistant', text: 'a'.repeat(chars), createdAt: 1001 + 2 * i, status: 'done' });
  }
  return { id: 'chat', title: 'Long chat', createdAt: 1000, updatedAt: 1000 + 2 * turns, messages, workspace: 'ws' };
}

const bytesOf = (messages: ChatMessage[]) => messages.reduce((sum, m) => sum + Buffer.byteLength(JSON.stringify(m)), 0);

describe('chatSize', () => {
  describe('splitOversized', () => {
    it('moves the oldest turns to a new chat so that at most half the bound stays, losing none', () => {
      const chat = chatOf(100);
      const max = bytesOf(chat.messages) / 2; // the chat is twice the bound
      const split = splitOversized(chat, max, 'earlier-id', 'Long chat (earlier)');
      assert.ok(split);
      assert.deepEqual([...split.earlier.messages, ...split.chat.messages].map((m) => m.id), chat.messages.map((m) => m.id));
      assert.ok(bytesOf(split.chat.messages) <= max / 2, 'what stays is at most half the bound');
      assert.ok(bytesOf(split.chat.messages) > max / 2 - bytesOf(chat.messages.slice(0, 2)), 'and no more than a turn less');
      assert.equal(split.chat.messages[0].role, 'user', 'cut before a question');
      assert.equal(split.earlier.messages[0].id, 'q0');
      assert.deepEqual(
        { id: split.earlier.id, title: split.earlier.title, createdAt: split.earlier.createdAt, workspace: split.earlier.workspace },
        { id: 'earlier-id', title: 'Long chat (earlier)', createdAt: 1000, workspace: 'ws' },
      );
      assert.equal(split.earlier.updatedAt, split.earlier.messages[split.earlier.messages.length - 1].createdAt, 'listed at its last message');
      assert.equal(split.chat.id, 'chat');
      assert.equal(split.chat.title, 'Long chat');
    });

    it('always keeps the last question and its (streaming) answer, however large', () => {
      const chat = chatOf(5);
      chat.messages.push({ id: 'big-q', role: 'user', text: 'x'.repeat(10_000), createdAt: 5000 });
      chat.messages.push({ id: 'big-a', role: 'assistant', text: 'y'.repeat(10_000), createdAt: 5001, status: 'streaming' });
      const split = splitOversized(chat, 1000, 'e', 't');
      assert.deepEqual(split?.chat.messages.map((m) => m.id), ['big-q', 'big-a']);
      assert.equal(split?.earlier.messages.length, 10);
    });

    it('does not split a chat of one turn, or one without a question after the first message', () => {
      const one = chatOf(1, 10_000);
      assert.equal(splitOversized(one, 100, 'e', 't'), undefined);
      const answersOnly: Chat = { ...chatOf(0), messages: [{ id: 'a', role: 'assistant', text: 'x'.repeat(5000), createdAt: 1, status: 'done' }] };
      assert.equal(splitOversized(answersOnly, 100, 'e', 't'), undefined);
    });
  });

  describe('streamingSaveDelay', () => {
    it('is the base delay for a small chat, and grows with the chat so that bytes saved per second stay bounded', () => {
      assert.equal(streamingSaveDelay(0, 1000), 1000);
      assert.equal(streamingSaveDelay(STREAMING_SAVE_BYTES, 1000), 1000);
      for (const bytes of [1, 10, 100].map((mb) => mb * 1024 * 1024)) {
        const perSecond = bytes / (streamingSaveDelay(bytes, 1000) / 1000);
        assert.ok(perSecond <= STREAMING_SAVE_BYTES * 1.001, `${bytes} bytes: ${perSecond} bytes a second`);
      }
    });
  });
});
