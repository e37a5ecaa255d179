// A person opens the command palette, runs "Ask Llama", types a question, and watches the answer stream into the
// sidebar chat.
import * as assert from 'assert';
import { chatFrame, messages, readAnswerTrace, startAnswerTrace, waitForAnswer } from './chatView';
import { ensureApiKey } from './apiKey';
import { e2e } from './e2eContext';
import { lastUserText } from './requestText';
import { streamedAnswer } from './scriptedLlm';
import { answerInputBox, runCommand, showAskLlamaSidebar } from './workbench';

describe('Ask Llama from the command palette', () => {
  before(() => ensureApiKey(e2e().page));

  const question = 'What is recursion, in one sentence?';
  const pieces = ['Recursion is ', 'when a function ', 'calls itself ', 'on a smaller input.'];

  it('streams the answer to a typed question into the sidebar chat', async () => {
    const { page, llm } = e2e();
    const frame = chatFrame(page);
    await showAskLlamaSidebar(page);
    await startAnswerTrace(frame);
    const requestNumber = llm.chatRequests().length + 1;
    // Spaced pieces, so the page has painted each before the next arrives.
    llm.answerNext(streamedAnswer(pieces, 250));

    await runCommand(page, 'Ask Llama');
    await answerInputBox(page, question);

    const request = await llm.waitForChatRequest(requestNumber);
    assert.ok(lastUserText(request).includes(question), `the question is not in the request: ${request.body.slice(0, 500)}`);
    assert.strictEqual(request.json?.stream, true, 'the question is asked as a streamed completion');

    await waitForAnswer(frame, pieces.join(''), 'done');
    await messages(frame, 'user').filter({ hasText: question }).first().waitFor({ timeout: 5000 });

    // Streamed, not painted at once: the page showed part of the answer while it was still arriving.
    const trace = await readAnswerTrace(frame);
    const partial = trace.filter((state) => state.status === 'streaming' && state.text.trim() !== '' && state.text.length < pieces.join('').length);
    assert.ok(partial.length > 0, `no partial answer was shown while streaming; states seen: ${JSON.stringify(trace)}`);
  });
});
