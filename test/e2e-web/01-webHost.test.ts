// Ask Llama's web build in a browser workbench's web worker extension host (runE2eWeb.ts), as on vscode.dev: a
// person asks in the sidebar and sees the answer stream in from a model server on another origin that allows the
// workbench's; when the server stops allowing it, the error says what to set (OLLAMA_ORIGINS and the others).
// That the extension really runs in the browser is read at the model server, where only a browser sends the CORS
// preflight and the workbench's Origin, and only a browser withholds an answer without CORS headers (the Node
// extension host sends neither and would show that answer); and in Developer: Show Running Extensions.
import * as assert from 'assert';
import type { RecordedRequest } from '../support/scriptedServer';
import { chatFrame, describeChat, readAnswerTrace, sendFromChat, startAnswerTrace, waitForAnswer } from '../e2e/chatView';
import { lastUserText } from '../e2e/requestText';
import { around, saveScreenshot } from '../e2e/screenshots';
import { streamedAnswer } from '../e2e/scriptedLlm';
import { runCommand, showAskLlamaSidebar } from '../e2e/workbench';
import { webHost } from './webHostContext';

function methodsAndOrigins(requests: RecordedRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.url} origin=${String(request.headers.origin)}`);
}

describe('Web build in the browser extension host', () => {
  it('streams the answer to a question asked in the sidebar, from a server that allows the workbench (CORS)', async () => {
    const { page, llm, workbenchOrigin } = webHost();
    const question = 'Where does this run?';
    const pieces = ['In your browser: ', 'this answer came through ', '`fetch` in a web worker, ', 'piece by piece.'];
    llm.answerNext(streamedAnswer(pieces, 150));

    await showAskLlamaSidebar(page);
    const frame = chatFrame(page);
    await frame.locator('#messages').waitFor({ timeout: 30_000 });
    await startAnswerTrace(frame);
    await sendFromChat(frame, question);
    const request = await llm.waitForChatRequest(1);
    await waitForAnswer(frame, 'In your browser: this answer came through fetch in a web worker, piece by piece.', 'done');

    assert.ok(lastUserText(request).includes(question), `the question is not in the request: ${request.body.slice(0, 300)}`);
    // Sent by the browser: the chat request carries the workbench's origin and came after a preflight from it.
    assert.strictEqual(request.headers.origin, workbenchOrigin, methodsAndOrigins(llm.server.requests).join('\n'));
    const post = llm.server.requests.indexOf(request);
    const preflight = llm.server.requests.slice(0, post).find((r) => r.method === 'OPTIONS' && r.url === request.url);
    assert.ok(preflight, `no CORS preflight before the chat request:\n${methodsAndOrigins(llm.server.requests).join('\n')}`);
    assert.strictEqual(preflight.headers.origin, workbenchOrigin);
    // Streamed: the page showed the answer growing before it was done.
    const streaming = (await readAnswerTrace(frame)).filter((state) => state.status === 'streaming' && state.text.length > 0);
    assert.ok(streaming.length >= 2, `the answer did not grow while streaming: ${JSON.stringify(await readAnswerTrace(frame))}`);

    await saveScreenshot(page, 'chat-web');
  });

  it('explains a server that does not allow the workbench’s origin: what to set for each local server', async () => {
    const { page, llm, workbenchOrigin, setCorsAllowed } = webHost();
    const frame = chatFrame(page);
    const errors = frame.locator('#messages article.message[data-role="assistant"][data-status="error"] .message-error-text');
    const errorsBefore = await errors.count();
    const requestsBefore = llm.server.requests.length;
    const withheld = 'This answer is sent without CORS headers.';
    llm.answerNext(streamedAnswer([withheld]));
    setCorsAllowed(false);
    try {
      await sendFromChat(frame, 'Is this server allowed?');
      try {
        await errors.nth(errorsBefore).waitFor({ timeout: 30_000 });
      } catch {
        throw new Error(`no error was shown; the chat shows:\n${await describeChat(frame)}`);
      }
      const text = (await errors.last().textContent()) ?? '';
      assert.ok(text.includes(new URL(llm.baseUrl).host), text);
      for (const advice of [/CORS/, /Ollama: set OLLAMA_ORIGINS/, /LM Studio: start it with `lms server start --cors`/, /llama\.cpp/, /vLLM/]) {
        assert.match(text, advice);
      }
      // The browser withheld the answer from the extension: none of it reached the page, and it was not asked again.
      assert.ok(!(await describeChat(frame)).includes(withheld), await describeChat(frame));
      const refused = llm.server.requests.slice(requestsBefore);
      const seen = methodsAndOrigins(refused).join('\n');
      assert.ok(refused.some((r) => r.url.endsWith('/chat/completions')), seen);
      assert.ok(refused.filter((r) => r.method === 'POST' && r.url.endsWith('/chat/completions')).length <= 1, `asked again:\n${seen}`);
      assert.ok(refused.every((r) => r.headers.origin === workbenchOrigin), seen);

      // For the README: the sidebar from its title to the error, in the browser host.
      const title = await page.locator('.part.sidebar .composite.title').boundingBox();
      const lastAnswer = await frame.locator('#messages article.message[data-role="assistant"]').last().boundingBox();
      await saveScreenshot(page, 'chat-web-cors', await around(page, [title, lastAnswer], 4));
    } finally {
      setCorsAllowed(true);
    }
  });

  it('runs in the web worker extension host (Developer: Show Running Extensions, once it has been used)', async () => {
    const { page, workbenchOrigin } = webHost();
    await runCommand(page, 'Developer: Show Running Extensions');
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    const askLlama = rows.filter({ hasText: 'Ask Llama' }).first();
    await askLlama.waitFor({ timeout: 30_000 });
    // Each row names its host: "web worker", or the server's host:port for code-server's Node extension host.
    const text = (await askLlama.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /web worker/, text);
    assert.ok(!text.includes(new URL(workbenchOrigin).host), text);
    await page.keyboard.press('Control+W');
  });
});
