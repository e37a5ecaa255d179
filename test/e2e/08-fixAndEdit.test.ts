// A person fixes a type error from the lightbulb: Ctrl+. on the red squiggle, "Fix with Llama", the answer streams
// into the chat, Apply puts its code block on the lines the question was about (through the diff and one
// confirmation). Then they select a function, press Ctrl+Alt+E, type an instruction, review the rewrite in the diff
// and accept it with Ctrl+Enter; one Ctrl+Z takes it back. The README's screenshots of both come from here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ensureApiKey } from './apiKey';
import { chatFrame, waitForAnswer } from './chatView';
import { e2e } from './e2eContext';
import { allMessageText } from './requestText';
import { around, saveScreenshot } from './screenshots';
import { streamedAnswer } from './scriptedLlm';
import { applyWorkbenchTheme, themeCases } from './themes';
import {
  activeEditorText,
  activeTab,
  answerInputBox,
  checkQuickPickItem,
  confirmQuickPick,
  dialogButton,
  goToLine,
  openFile,
  quickFixEntry,
  saveActiveEditor,
  selectLines,
  showAskLlamaSidebar,
  toast,
} from './workbench';

/** A TypeScript file with one type error on line 5 (ts 2322), which VS Code's built-in TypeScript reports offline. */
const brokenFile = 'quantity.ts';
const brokenLines = [
  '// Reads the quantity field of an order form.',
  'export interface OrderLine { sku: string; quantity: number }',
  '',
  'export function parseQuantity(text: string): number {',
  '  const quantity: number = text.trim();',
  '  return quantity;',
  '}',
];
const fixedLine = '  const quantity = Number.parseInt(text.trim(), 10);';
const fixedLines = brokenLines.map((line, i) => (i === 4 ? fixedLine : line));

/** A file whose function is rewritten by Edit Selection. */
const editedFile = 'basket.ts';
const editedLines = [
  '// How a line of the basket reads.',
  'export function label(sku: string, n: number) {',
  "  return 'Item ' + sku + ': ' + n + ' pcs';",
  '}',
];
const rewrittenLine = '  return `Item ${sku}: ${n} pcs`;';
const rewrittenLines = editedLines.map((line, i) => (i === 2 ? rewrittenLine : line));

const text = (lines: string[]) => lines.join('\n') + '\n';

/** Waits (bounded) until the file on disk holds `expected`; saving goes through the server, so it may lag. */
async function waitForFileText(file: string, expected: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actual = fs.readFileSync(file, 'utf8');
    if (actual === expected) return;
    if (Date.now() > deadline) assert.strictEqual(actual, expected, `${path.basename(file)} on disk`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits (bounded) until the active editor shows exactly `expected` (compared without trailing blank lines). */
async function waitForEditorText(page: Page, expected: string, when: string, timeoutMs = 10_000): Promise<void> {
  const normal = (value: string) => value.replace(/\s+$/, '');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await activeEditorText(page);
    if (normal(shown) === normal(expected)) return;
    if (Date.now() > deadline) assert.strictEqual(normal(shown), normal(expected), `the editor ${when}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Fix with Llama and Edit Selection', () => {
  let brokenPath = '';
  let editedPath = '';

  before(async () => {
    const { page } = e2e();
    await ensureApiKey(page);
    // The README's images are in the dark theme; an earlier scenario may have left another one.
    if (!(await page.locator('.monaco-workbench.vs-dark').count())) await applyWorkbenchTheme(page, themeCases[0]);
    const srcDir = path.join(e2e().workspace, 'src');
    brokenPath = path.join(srcDir, brokenFile);
    editedPath = path.join(srcDir, editedFile);
    fs.writeFileSync(brokenPath, text(brokenLines));
    fs.writeFileSync(editedPath, text(editedLines));
  });

  beforeEach(() => e2e().llm.discardUnusedAnswers());

  it('fixes a type error from the lightbulb and applies the answer where the problem was', async () => {
    const { page, llm } = e2e();
    const requestNumber = llm.chatRequests().length + 1;
    const answer = ['`text.trim()` is a string; ', 'parse it into a number:\n\n', '```ts\n', `${text(fixedLines)}`, '```\n'];
    llm.answerNext(streamedAnswer(answer, 30));

    await openFile(page, brokenFile);
    // The squiggle shows once TypeScript has checked the file; the quick fix is offered only on a reported problem.
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    await goToLine(page, 5, 20);
    const fix = await quickFixEntry(page, 'Fix with Llama');
    // For the README: from the function's first line and the gutter to the menu's corner.
    const groupBox = await page.locator('.editor-group-container.active').boundingBox();
    const firstLine = await page.locator('.editor-group-container.active .view-line', { hasText: 'export function parseQuantity' }).boundingBox();
    const menuBox = await page.locator('.action-widget:not(.action-list-submenu-panel)').boundingBox();
    const corner = groupBox && firstLine && { x: groupBox.x, y: firstLine.y, width: 1, height: 1 };
    await saveScreenshot(page, 'fix-with-llama', await around(page, [corner, menuBox], 8));
    await fix.click();

    const request = await llm.waitForChatRequest(requestNumber);
    const sent = allMessageText(request);
    assert.match(sent, /error at line 5 \(ts 2322\): Type 'string' is not assignable to type 'number'/, `the problem was not sent:\n${sent}`);
    assert.ok(sent.includes(brokenLines[4]), `the problem's line was not sent:\n${sent}`);

    const frame = chatFrame(page);
    const reply = await waitForAnswer(frame, 'parse it into a number', 'done');
    await reply.locator('.code-block button[data-action="apply"]').click();
    // The diff shows the change on the lines the question sent, and one dialog asks before anything changes.
    await page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'Number.parseInt' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.monaco-dialog-box', { hasText: `${brokenFile}, lines 1–7` }).waitFor({ timeout: 15_000 });
    await dialogButton(page, 'Apply').click();
    await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden', timeout: 10_000 });

    await activeTab(page, brokenFile).waitFor({ timeout: 15_000 });
    await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'Number.parseInt' }).first().click();
    await saveActiveEditor(page, brokenFile);
    await waitForFileText(brokenPath, text(fixedLines));
  });

  it('accepts an Edit Selection diff from the keyboard, in one undo step', async () => {
    const { page, llm } = e2e();
    const requestNumber = llm.chatRequests().length + 1;
    llm.answerNext(streamedAnswer(['```ts\n', `${editedLines[1]}\n`, `${rewrittenLine}\n`, '}\n', '```\n'], 30));
    await page.keyboard.press('Escape'); // nothing left open by an earlier step takes the keys

    await openFile(page, editedFile);
    await selectLines(page, 2, 4);
    await page.keyboard.press('Control+Alt+E');
    await answerInputBox(page, 'Use a template literal');

    const request = await llm.waitForChatRequest(requestNumber);
    const sent = allMessageText(request);
    assert.ok(sent.includes('Use a template literal') && sent.includes(editedLines[2]), `the instruction and selection were not sent:\n${sent}`);
    // The proposal is on the right of the diff; the file itself is untouched until Accept.
    await page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'Item ${sku}' }).first().waitFor({ timeout: 15_000 });
    await toast(page, 'ready to review').first().waitFor({ timeout: 15_000 });
    const diffGroup = await page.locator('.editor-group-container.active').boundingBox();
    const lines = await page.locator('.monaco-diff-editor .editor.modified .view-line').evaluateAll((all) =>
      all.map((line) => {
        const { x, y, width, height } = line.getBoundingClientRect();
        return { x, y, width, height };
      }));
    await saveScreenshot(page, 'edit-selection', await around(page, [diffGroup && { ...diffGroup, height: 1 }, ...lines], 6));
    assert.strictEqual(fs.readFileSync(editedPath, 'utf8'), text(editedLines), 'the file changed before Accept');

    await page.keyboard.press('Control+Enter');
    await page.locator('.monaco-diff-editor').waitFor({ state: 'detached', timeout: 15_000 });
    await activeTab(page, editedFile).waitFor({ timeout: 15_000 });
    await waitForEditorText(page, text(rewrittenLines), 'after Accept');

    // One undo step takes the whole rewrite back.
    await page.keyboard.press('Control+Z');
    await waitForEditorText(page, text(editedLines), 'after one Ctrl+Z');
  });

  it('attaches files from the chat composer, each shown as a removable chip', async () => {
    const { page } = e2e();
    await page.keyboard.press('Escape');
    await showAskLlamaSidebar(page);
    const frame = chatFrame(page);
    await frame.locator('#file-chips button[aria-label="Add File to Chat"]').click();
    for (const file of [brokenFile, editedFile]) await checkQuickPickItem(page, `src/${file}`);
    await confirmQuickPick(page);

    const chips = frame.locator('#file-chips .chip');
    for (const file of [brokenFile, editedFile]) await chips.filter({ hasText: file }).waitFor({ timeout: 15_000 });
    const chipRow = await frame.locator('#file-chips').boundingBox();
    const composer = await frame.locator('.composer').boundingBox();
    await saveScreenshot(page, 'add-file-to-chat', await around(page, [chipRow, composer], 4));

    // Removing the chips leaves the composer as it was for whatever comes next.
    for (let left = await chips.count(); left > 0; left--) {
      await chips.first().locator('button.remove').click();
      await frame.locator('#file-chips .chip').nth(left - 1).waitFor({ state: 'detached', timeout: 10_000 });
    }
  });
});
