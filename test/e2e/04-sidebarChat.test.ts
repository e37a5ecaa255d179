// A person types in the sidebar chat and sends; then stops a long answer half-way and keeps what arrived.
import * as assert from 'assert';
import { sseData, chatChunk } from '../support/scriptedServer';
import { chatFrame, waitForAnswer, sendFromChat } from './chatView';
import { ensureApiKey } from './apiKey';
import { e2e } from './e2eContext';
import { lastUserText } from './requestText';
import { streamedAnswer } from './scriptedLlm';
import { activeEditorText, showAskLlamaSidebar } from './workbench';

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Sidebar chat', () => {
  before(() => ensureApiKey(e2e().page));

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

  it('renders a fenced code block whose Open in New Editor and Insert at Cursor work', async () => {
    const { page, llm } = e2e();
    const frame = chatFrame(page);
    const requestNumber = llm.chatRequests().length + 1;
    llm.answerNext(streamedAnswer([
      'Keep results in a map:\n\n```ts\n',
      'const memo = new Map<number, number>();\n',
      'export function fibonacci(n: number): number {\n  if (n < 2) return n;\n',
      '  if (!memo.has(n)) memo.set(n, fibonacci(n - 1) + fibonacci(n - 2));\n  return memo.get(n)!;\n}\n```\n',
      'Each value is now computed **once**.',
    ], 30));

    await sendFromChat(frame, 'Show me the memoized version.');
    await llm.waitForChatRequest(requestNumber);
    const answer = await waitForAnswer(frame, 'Each value is now computed once.', 'done');
    const block = answer.locator('.code-block', { hasText: 'const memo = new Map<number, number>();' });
    await block.waitFor({ timeout: 5000 });
    for (const action of ['copy', 'insert', 'newEditor', 'apply']) {
      assert.strictEqual(await block.locator(`button[data-action="${action}"]`).count(), 1, `no ${action} button on the code block`);
    }
    // Fences and emphasis markers are rendered, not shown as text.
    const text = (await answer.locator('.message-body').textContent()) ?? '';
    assert.ok(!text.includes('```') && !text.includes('**'), `Markdown syntax shows through: ${text}`);

    // Open in New Editor: an untitled TypeScript editor holding exactly the block's code.
    await block.locator('button[data-action="newEditor"]').click();
    const editorText = () => activeEditorText(page);
    await until(async () => (await editorText()).includes('const memo = new Map<number, number>();'), 'the code in a new editor');
    const opened = await editorText();
    assert.strictEqual(occurrences(opened, 'export function fibonacci'), 1, `new editor: ${opened}`);

    // Insert at Cursor puts the code into that editor at its cursor: now it is there twice.
    await block.locator('button[data-action="insert"]').click();
    await until(async () => occurrences(await editorText(), 'export function fibonacci') === 2, 'the code inserted at the cursor');
  });
});
