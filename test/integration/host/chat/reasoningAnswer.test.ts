// The sidebar with a reasoning model: a leading <think>…</think> block and reasoning_content deltas are decoded apart
// from the answer by the request module (src/api), so neither is posted to the page or stored as answer text.
import * as assert from 'node:assert/strict';
import { HistoryStore } from '../../../../src/host/chat/historyStore';
import { sseAnswer, sseData } from '../../../support/scriptedServer';
import { SSE_HEADERS, createKit, messagesOfType, type Kit } from './chatTestKit';

describe('ChatController with a reasoning model (extension host, scripted server)', () => {
  let kit: Kit;

  beforeEach(async () => {
    kit = await createKit();
  });

  afterEach(async () => {
    await kit.dispose();
  });

  it('shows and stores only the answer, not the model\'s <think> block or reasoning_content', async () => {
    kit.server.enqueue({
      headers: SSE_HEADERS,
      chunks: [
        sseData({ choices: [{ index: 0, delta: { reasoning_content: 'Hidden reasoning. ' }, finish_reason: null }] }),
        ...sseAnswer(['<think>The user asks', ' about sums.</think>\n\n', 'It adds ', 'two numbers.']),
      ],
    });
    await kit.controller.ask('What does sum do?');
    const deltas = messagesOfType(kit.posted, 'delta').map((d) => d.text);
    assert.equal(deltas.join(''), 'It adds two numbers.');
    const stored = await new HistoryStore(kit.historyFolder).load(kit.controller.currentChat.id);
    assert.equal(stored?.messages[1].text, 'It adds two numbers.');
  });
});
