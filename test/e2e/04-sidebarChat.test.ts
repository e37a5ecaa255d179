// A person types in the sidebar chat and sends; then stops a long answer half-way and keeps what arrived.
import * as assert from 'assert';
import { sseData, chatChunk } from '../support/scriptedServer';
import { chatFrame, waitForAnswer, sendFromChat } from './chatView';
import { e2e } from './e2eContext';
import { lastUserText } from './requestText';
import { streamedAnswer } from './scriptedLlm';
import { showAskLlamaSidebar } from './workbench';

describe('Sidebar chat', () => {
  it('sends a question typed in the chat and shows the answer', async () => {
    const { page, llm } = e2e();
    const question = 'Is fibonacci here memoized?';
    const answer = ['No: each call recomputes ', 'both smaller values.'];
    const requestNumber = llm.chatRequests().length + 1;
    llm.answerNext(streamedAnswer(answer));

    await showAskLlamaSidebar(page);
    await sendFromChat(chatFrame(page), question);

    const request = await llm.waitForChatRequest(requestNumber);
    assert.ok(lastUserText(request).includes(question), `the question is not in the request: ${request.body.slice(0, 500)}`);
    await waitForAnswer(chatFrame(page), answer.join(''), 'done');
  });

  it('stops an answer mid-stream and keeps the part that arrived', async () => {
    const { page, llm } = e2e();
    const frame = chatFrame(page);
    const requestNumber = llm.chatRequests().length + 1;
    // Two pieces, then the server keeps the stream open without finishing: only Stop can end this answer.
    llm.answerNext({
      headers: { 'content-type': 'text/event-stream' },
      chunks: [sseData(chatChunk('A memoized version keeps ')), sseData(chatChunk('a table of results'))],
      end: 'hang',
    });

    await sendFromChat(frame, 'How would I memoize it?');
    await llm.waitForChatRequest(requestNumber);
    await waitForAnswer(frame, 'a table of results', 'streaming');
    await frame.locator('button#stop').click();

    const stopped = await waitForAnswer(frame, 'A memoized version keeps a table of results', 'partial');
    assert.strictEqual(await stopped.getAttribute('data-status'), 'partial');
  });
});
