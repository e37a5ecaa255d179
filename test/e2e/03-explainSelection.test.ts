// A person opens a file, selects a function, right-clicks "Explain Selection" and reads the explanation.
import * as assert from 'assert';
import { chatFrame, waitForAnswer } from './chatView';
import { ensureApiKey } from './apiKey';
import { e2e } from './e2eContext';
import { allMessageText } from './requestText';
import { streamedAnswer } from './scriptedLlm';
import { editorContextMenu, openFile, selectLines } from './workbench';

describe('Explain Selection from the editor context menu', () => {
  before(() => ensureApiKey(e2e().page));

  const explanation = ['`fibonacci` returns the n-th Fibonacci number ', 'by calling itself twice.'];

  it('sends the selected code and shows the explanation in the chat', async () => {
    const { page, llm } = e2e();
    const requestNumber = llm.chatRequests().length + 1;
    llm.answerNext(streamedAnswer(explanation, 50));

    await openFile(page, 'sample.ts');
    await selectLines(page, 2, 5); // the whole fibonacci function
    await editorContextMenu(page, 'if (n < 2) return n;', 'Explain Selection');

    const request = await llm.waitForChatRequest(requestNumber);
    const sent = allMessageText(request);
    assert.ok(sent.includes('return fibonacci(n - 1) + fibonacci(n - 2);'), `the selected code was not sent:\n${sent}`);
    assert.ok(!sent.includes('Hello, ${name}!'), 'code outside the selection was sent');
    // Markdown is rendered: the backticks become an inline code element.
    const answer = await waitForAnswer(chatFrame(page), 'fibonacci returns the n-th Fibonacci number by calling itself twice.', 'done');
    await answer.locator('.message-body code', { hasText: 'fibonacci' }).first().waitFor({ timeout: 5000 });
  });
});
