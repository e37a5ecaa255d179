// What a person does in the VS Code workbench, as Playwright steps: wait for it, run a command from the palette,
// answer an input box, open a file, select lines, use the editor's context menu, read toasts. Bounded waits only.
import type { Locator, Page } from 'playwright-core';

const workbenchTimeoutMs = 60_000;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: workbenchTimeoutMs });
  // The Ask Llama icon shows once the remote extension host has registered the extension's contributions.
  await askLlamaIcon(page).waitFor({ timeout: workbenchTimeoutMs });
}

/**
 * Runs a command by its palette label. The palette shows a snapshot taken when it opens, and an extension's
 * commands arrive a little after the workbench shows, so it is closed and reopened until the command is listed.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openCommandPalette(page);
    const input = quickInput(page);
    await input.fill(`>${label}`);
    const row = quickPickRow(page, label);
    try {
      await row.waitFor({ timeout: 3000 });
      await row.click();
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`the command palette never listed "${label}": ${String(error)}`);
    }
  }
}

/**
 * F1, from wherever focus is. When focus sits in a webview whose page swallows keys, F1 never reaches the
 * workbench: then focus goes back to the workbench's document and F1 is pressed again.
 */
async function openCommandPalette(page: Page): Promise<void> {
  const input = quickInput(page);
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`F1 did not open the command palette: ${String(error)}`);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    }
  }
}

/** Types into the open input box (a question, a key) and confirms with Enter. */
export async function answerInputBox(page: Page, text: string, options: { password?: boolean } = {}): Promise<void> {
  const input = options.password ? page.locator('.quick-input-widget input[type="password"]') : quickInput(page);
  await input.waitFor({ timeout: 15_000 });
  await input.fill(text);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Opens a workspace file through Quick Open and waits until its editor has focus. Quick Open answers from a file
 * search that may not yet know a file a test has just written (the file watcher reports it later under load: "No
 * matching results" was seen in CI), so it is closed and asked again until the file is listed.
 */
export async function openFile(page: Page, fileName: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Control+P');
    const input = quickInput(page);
    await input.waitFor({ timeout: 10_000 });
    await input.fill(fileName);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
    try {
      await row.waitFor({ timeout: 5000 });
      await input.press('Enter');
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`Quick Open never listed "${fileName}": ${String(error)}`);
    }
  }
  await page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 15_000 });
}

/** Selects whole lines `from`..`to` (1-based) in the focused editor with Go to Line and Shift+ArrowDown. */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = quickInput(page);
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${from}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.keyboard.press('Home');
  await page.keyboard.press('Home'); // twice: the first may stop at the indentation
  for (let line = from; line < to; line++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

/** Moves the cursor of the focused editor to `line`:`column` (1-based) with Go to Line. */
export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = quickInput(page);
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The text of the active editor as Monaco renders it (visible lines; non-breaking spaces as spaces). */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return ((await lines.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
}

/** The active editor tab; it has the class `dirty` while its file has unsaved changes. */
export function activeTab(page: Page, fileName: string): Locator {
  return page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`);
}

/** Ctrl+S in the focused editor, then waits until its tab no longer shows unsaved changes. */
export async function saveActiveEditor(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator(`.tabs-container .tab.active.dirty[aria-label*="${fileName}"]`).waitFor({ state: 'detached', timeout: 15_000 });
}

/**
 * Ctrl+. on the cursor's problem: the Quick Fix menu (VS Code's action widget). Returns its entry labelled `item`
 * once listed; the code actions of slower providers may arrive after the menu opens.
 */
export async function quickFixEntry(page: Page, item: string): Promise<Locator> {
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  await menu.waitFor({ timeout: 15_000 });
  const entry = menu.locator('.monaco-list-row', { hasText: item }).first();
  await entry.waitFor({ timeout: 15_000 });
  return entry;
}

/** A button of the open modal dialog (e.g. the confirmation before a change is applied). */
export function dialogButton(page: Page, label: string): Locator {
  return page.locator('.monaco-dialog-box .dialog-buttons').getByRole('button', { name: label, exact: true });
}

/** Right-clicks the editor line containing `lineText` (inside the selection) and picks `item` from the menu. */
export async function editorContextMenu(page: Page, lineText: string, item: string): Promise<void> {
  const line = page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: lineText }).first();
  await line.click({ button: 'right' });
  // Context menus may live in a shadow root; Playwright's CSS engine pierces open shadow roots.
  const entry = page.locator('.monaco-menu .action-item .action-label', { hasText: new RegExp(`^${escapeRegExp(item)}$`) }).first();
  await entry.waitFor({ timeout: 10_000 });
  // VS Code's menu listens for a mouse-up on an item only 100 ms after it rendered the item (menu.ts,
  // runOnceToEnableMouseUp, so that releasing the right button does not pick an entry): a click sooner is ignored and
  // the menu stays open. That happens on a quiet machine; so click until the menu closes.
  for (let attempt = 1; ; attempt++) {
    await entry.click();
    try {
      await entry.waitFor({ state: 'hidden', timeout: 1_000 });
      return;
    } catch (error) {
      if (attempt === 5) throw new Error(`the context menu entry "${item}" did not take a click: ${String(error)}`);
    }
  }
}

/** A notification toast containing `text` (toasts are visible because the server runs without the smoke driver). */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/**
 * Shows the Ask Llama chat. Through its "Focus on Chat View" command rather than the activity-bar icon: clicking
 * the icon hides the sidebar when it is already showing (or is being restored after a reload).
 */
export async function showAskLlamaSidebar(page: Page): Promise<void> {
  const title = page.locator('.part.sidebar .composite.title', { hasText: 'Ask Llama' });
  if (await title.isVisible()) return;
  await runCommand(page, 'Ask Llama: Focus on Chat View');
  await title.waitFor({ timeout: 15_000 });
}

/** Picks an entry in the open quick pick by its exact label. */
export async function pickQuickPickItem(page: Page, label: string): Promise<void> {
  const input = quickInput(page);
  await input.waitFor({ timeout: 10_000 });
  await input.fill(label);
  await quickPickRow(page, label).waitFor({ timeout: 10_000 });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Ticks the entry labelled `label` in the open multi-select quick pick (filtering to it first). */
export async function checkQuickPickItem(page: Page, label: string): Promise<void> {
  const input = quickInput(page);
  await input.waitFor({ timeout: 10_000 });
  await input.fill(label);
  const row = quickPickRow(page, label);
  await row.waitFor({ timeout: 10_000 });
  const checkbox = row.getByRole('checkbox');
  await checkbox.click();
  await checkbox.and(page.locator('[aria-checked="true"]')).waitFor({ timeout: 5000 });
}

/** Clicks OK in the open multi-select quick pick (Enter would toggle the checkbox that has focus), and waits for it to close. */
export async function confirmQuickPick(page: Page): Promise<void> {
  await page.locator('.quick-input-widget').getByRole('button', { name: 'OK', exact: true }).click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

function askLlamaIcon(page: Page): Locator {
  return page.locator('.part.activitybar .action-item a.action-label[aria-label^="Ask Llama"]');
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

function quickPickRow(page: Page, label: string): Locator {
  return page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
