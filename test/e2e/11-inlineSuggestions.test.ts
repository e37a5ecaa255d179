// A person types in a file and Ask Llama's ghost text appears from the scripted server (the chat hole-filler: the
// e2e server looks remote, so suggestions are first turned on with the toggle command, as the walkthrough says);
// Tab accepts it. A keystroke while a request is pending cancels it: the server sees the connection close. The README's
// screenshot of ghost text comes from here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { RecordedRequest } from '../support/scriptedServer';
import { ensureApiKey } from './apiKey';
import { e2e } from './e2eContext';
import { around, saveScreenshot } from './screenshots';
import { streamedAnswer } from './scriptedLlm';
import { activeEditorText, goToLine, openFile, runCommand } from './workbench';

const fileName = 'prices.ts';
const lines = ['// What an order costs.', 'export function total(prices: number[]): number {', '  ', '}', ''];
const suggestion = 'prices.reduce((sum, price) => sum + price, 0);';

/** Bounded wait for a condition the server or the editor reaches. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The newest open request once no request has arrived or closed for `quietMs` (every one here hangs until closed). */
async function settledOpenRequest(requests: () => RecordedRequest[], quietMs = 500): Promise<RecordedRequest> {
  const state = () => requests().map((request) => String(request.aborted)).join();
  let last = state();
  let quietSince = Date.now();
  let open: RecordedRequest | undefined;
  await until(() => {
    const now = state();
    if (now !== last) [last, quietSince] = [now, Date.now()];
    open = requests().filter((request) => request.aborted === undefined).pop();
    return open !== undefined && Date.now() - quietSince >= quietMs;
  }, 'an open suggestion request after the typing paused');
  return open!;
}

function ghostText(page: Page) {
  return page.locator('.editor-group-container.active .monaco-editor .ghost-text-decoration, .editor-group-container.active .monaco-editor .ghost-text');
}

describe('Inline suggestions as you type', () => {
  before(async () => {
    const { page, workspace } = e2e();
    await ensureApiKey(page);
    fs.writeFileSync(path.join(workspace, 'src', fileName), lines.join('\n'));
    await page.keyboard.press('Escape');
    // Off by default for a remote server: the user turns them on.
    await runCommand(page, 'Ask Llama: Toggle Inline Suggestions');
  });

  after(async () => {
    const { page, llm } = e2e();
    llm.answerHoles(undefined);
    await page.keyboard.press('Escape');
    await runCommand(page, 'Ask Llama: Toggle Inline Suggestions').catch(() => undefined);
  });

  it('shows ghost text from the server while typing, and Tab accepts it', async () => {
    const { page, llm } = e2e();
    llm.answerHoles(streamedAnswer([suggestion]));
    await openFile(page, fileName);
    await goToLine(page, 3, 3);
    await page.keyboard.type('return ', { delay: 40 });

    await ghostText(page).first().waitFor({ timeout: 20_000 });
    await until(async () => (await ghostText(page).allInnerTexts()).join('').includes('reduce'), 'the suggestion in the ghost text');
    const [request] = llm.holeRequests().slice(-1);
    assert.match(request.json.messages[1].content, /return <HOLE>\n\}/, 'the hole at the cursor was sent');
    const group = await page.locator('.editor-group-container.active .monaco-editor .view-lines').boundingBox();
    await saveScreenshot(page, 'inline-suggestion', await around(page, [group && { ...group, height: 80 }], 4));

    await page.keyboard.press('Tab');
    await until(async () => (await activeEditorText(page)).includes(`  return ${suggestion}`), 'the suggestion in the file after Tab');
    // Monaco may keep empty ghost-text elements a moment after the accept; what counts is that none shows the text.
    await until(async () => !(await ghostText(page).allInnerTexts()).join('').includes('reduce'), 'no ghost text left after accepting', 5000);
  });

  it('a keystroke cancels the pending request: the server sees it closed', async () => {
    const { page, llm } = e2e();
    // The next requests hang with their headers sent: only a cancellation closes them.
    llm.answerHoles({ headers: { 'content-type': 'text/event-stream' }, chunks: [], end: 'hang' });
    const beforeTyping = llm.holeRequests().length;
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('const average = ', { delay: 40 });
    // The request for the pause after the last key. Under load a request for an earlier key can reach the server after
    // typing ended and be closed a moment later (its key was followed by others): the one that counts is the newest
    // request that is still open once the server has seen nothing new for half a second.
    const pending: RecordedRequest = await settledOpenRequest(() => llm.holeRequests().slice(beforeTyping));
    assert.strictEqual(pending.aborted, undefined, 'the request is still open before the keystroke');

    await page.keyboard.type('t');
    await until(() => pending.aborted === true, 'the server to see the pending request closed after the keystroke', 10_000);
    llm.answerHoles(streamedAnswer(['']));
  });
});
