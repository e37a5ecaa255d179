// VS Code's own Chat view (the workbench's chat, with Copilot Chat 0.67.0 as its default agent in code-server
// 4.139.1), driven as a person does: open it, let VS Code ask the model providers for their models, pick a model in
// its picker, type into its input, read its answers. Bounded waits on visible states only.
//
// The e2e server starts with `chat.disableAIFeatures: true` (codeServer.ts), so the other scenarios never see the
// chat. `openWindowWithVsCodeChat` turns it on for one window in a fresh browser profile: a running workbench does not
// notice edits to settings.json here, and a new window in the main profile kept the chat off in 2 of 8 runs (most
// likely it started from the configuration the workbench caches in the browser profile; a fresh profile has none).
import * as fs from 'fs';
import type { Locator, Page } from 'playwright-core';
import { progress } from '../harness/log';
import { launchBrowser } from '../harness/browser';
import { makeWorkspace } from '../harness/workspace';
import { workbenchUrl } from '../harness/workbenchUrl';
import { setApiKeyThroughCommand } from './apiKey';
import { e2e } from './e2eContext';
import { runCommand, waitForWorkbench } from './workbench';

const chatTimeoutMs = 30_000;

/**
 * A window with VS Code's chat enabled, in a fresh browser profile (on a fresh copy of the sample workspace), with an
 * API key set as a person does; `close` closes that browser and restores the setting.
 */
export async function openWindowWithVsCodeChat(): Promise<{ page: Page; close: () => Promise<void> }> {
  const { userSettingsFile, workbenchUrl: mainUrl } = e2e();
  const original = fs.readFileSync(userSettingsFile, 'utf8');
  fs.writeFileSync(userSettingsFile, JSON.stringify({ ...JSON.parse(original), 'chat.disableAIFeatures': false }, null, 2));
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close().catch(() => undefined);
    fs.writeFileSync(userSettingsFile, original);
  };
  try {
    await browser.page.goto(workbenchUrl(new URL(mainUrl).origin, makeWorkspace()));
    await waitForWorkbench(browser.page);
    await setApiKeyThroughCommand(browser.page, `sk-e2e-chat-${Date.now().toString(36)}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { page: browser.page, close };
}

/** Opens the Chat view in `mode` and waits for its input with the model picker. */
export async function openVsCodeChat(page: Page, mode: 'Agent' | 'Ask'): Promise<void> {
  // The chat's commands arrive with the window's chat contributions, later than Ask Llama's own under load.
  await runCommand(page, `Chat: Open Chat (${mode})`, 90_000);
  await modelPicker(page).waitFor({ timeout: chatTimeoutMs });
}

/**
 * On a fresh profile nobody has asked the model providers for their models yet, and the Chat view's picker offers
 * only "Sign in to use Copilot". "Chat: Manage Language Models" asks every provider (activating Ask Llama by
 * `onLanguageModelChatProvider:ask-llama` if VS Code has not started it yet) and lists what they return; `modelName`
 * must show up there.
 */
export async function listModelsInManageLanguageModels(page: Page, modelName: string): Promise<void> {
  await runCommand(page, 'Chat: Manage Language Models', 90_000);
  const row = page.locator('.monaco-list-row', { hasText: modelName }).first();
  try {
    await row.waitFor({ timeout: chatTimeoutMs });
  } catch {
    throw new Error(`"Chat: Manage Language Models" never listed ${modelName}; it shows:\n${await visibleRows(page)}`);
  }
  await page.keyboard.press('Escape');
  await row.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Waits until Copilot Chat, the Chat view's default agent, has started and taken in the Ask Llama models, then
 * dismisses its notice. Every question in the Chat view goes through that agent, whatever the model. Until Copilot
 * Chat has started (it activates on startup finished and loads for 15 s or more under load), VS Code answers with its
 * own placeholder agent, and that one counts only models configured in chatLanguageModels.json as "your own models",
 * not an extension's: for a profile that never signed in it opens "Sign in to use GitHub Copilot" instead of sending
 * the question (seen with the question sent 13 s before Copilot Chat's log said "ConversationFeature: BYOK models
 * available"). Copilot Chat shows its "Set BYOK utility models" notice after the same check on the models
 * (`lm.selectChatModels` finds a non-Copilot model) that registers its agents, and registers them first: a person sees
 * the notice, and from then on the question reaches the model.
 */
export async function waitForCopilotChatAgent(page: Page, timeoutMs = 90_000): Promise<void> {
  const notice = page.locator('.interactive-input-part .chat-input-notification-widget', { hasText: /Set BYOK utility model/ }).first();
  try {
    await notice.waitFor({ timeout: timeoutMs });
  } catch {
    throw new Error(`Copilot Chat never showed its "Set BYOK utility models" notice within ${timeoutMs / 1000} s: its agent, which carries the Chat view's questions, is not up`);
  }
  // It would sit behind the picker's pictures.
  await notice.locator('.chat-input-notification-dismiss').click();
  await notice.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Opens the Chat view's model picker, filters it by `modelName` and picks that model. */
export async function pickChatModel(page: Page, modelName: string): Promise<void> {
  const row = await openModelPicker(page, modelName);
  await row.click();
  await modelPicker(page).filter({ hasText: modelName }).waitFor({ timeout: 10_000 });
}

/**
 * Opens the Chat view's model picker filtered by `filter`; returns the first row offering a model named so. The
 * picker shows what the chat knew when it opened, and Copilot Chat takes a moment (longer under load) to take in the
 * models Manage Language Models found, so it is closed and reopened until the model is there.
 */
export async function openModelPicker(page: Page, filter: string, timeoutMs = chatTimeoutMs): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  const search = page.locator('.action-widget .action-list-filter-input');
  const row = page.locator('.action-widget .monaco-list-row', { hasText: filter }).first();
  for (;;) {
    await modelPicker(page).locator('.action-label').first().click();
    // Without models the picker is a bare menu ("Sign in to use Copilot"), with no search box.
    const searchable = await search.waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (searchable) {
      await search.fill(filter);
      if (await row.waitFor({ timeout: 3000 }).then(() => true, () => false)) return row;
    }
    const shown = await visibleRows(page);
    await page.keyboard.press('Escape');
    await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
    if (Date.now() > deadline) {
      throw new Error(`the model picker ${searchable ? `does not offer ${filter}` : 'has no models to search'}; it shows:\n${shown}`);
    }
  }
}

/** The open model picker's dropdown. */
export function modelPickerDropdown(page: Page): Locator {
  return page.locator('.action-widget').filter({ has: page.locator('.action-list-filter-input') }).first();
}

/** The Chat view's input box with its pickers (what a screenshot of the picker shows under the dropdown). */
export function vsCodeChatInput(page: Page): Locator {
  return page.locator('.interactive-input-part .chat-input-container').first();
}

/**
 * Puts `text` into the Chat view's input and sends it with Enter. Inserted as one piece: typed key by key, the input
 * (an EditContext editor) lost some of the spaces under load ("Whatisrecursion,inone sentence?").
 */
export async function sendInVsCodeChat(page: Page, text: string): Promise<void> {
  const input = page.locator('.interactive-input-part .native-edit-context').first();
  await input.focus();
  await page.keyboard.insertText(text);
  // Send only once the input shows the whole text.
  const typed = () => page.locator('.interactive-input-part .view-lines').first().innerText().then((shown) => shown.replace(/\u00a0/g, ' '));
  const deadline = Date.now() + 10_000;
  while (!(await typed()).includes(text.trim())) {
    if (Date.now() > deadline) throw new Error(`the Chat view's input shows ${JSON.stringify(await typed())}, not ${JSON.stringify(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.locator('.interactive-input-part .suggest-widget.visible').waitFor({ state: 'hidden', timeout: 10_000 });
  // The Chat view takes the question by emptying its input. In some full e2e runs on a quiet machine it left the
  // question there after Enter, with no dialog and nothing sent (2 of 4 runs on 2026-12-06, never alone): Enter is
  // pressed again then, as a person would, and what the input part showed is logged.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await typed()).includes(text.trim())) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!(await typed()).includes(text.trim())) return;
    const toolbar = await page.locator('.interactive-input-part').first().evaluate((part) =>
      Array.from(part.querySelectorAll('.action-item a, .action-item .action-label'))
        .map((a) => `${a.getAttribute('aria-label') ?? a.textContent ?? ''}${a.classList.contains('disabled') ? ' (disabled)' : ''}`)
        .filter(Boolean).join(' | ')).catch(() => 'unreadable');
    progress(`the Chat view kept the question after Enter (attempt ${attempt}); focus in ${await page.evaluate(() => document.activeElement?.className ?? 'nothing')}; its toolbar: ${toolbar}`);
    if (attempt === 3) throw new Error(`the Chat view did not take the question after ${attempt} Enters`);
    await page.locator('.interactive-input-part .native-edit-context').first().focus();
  }
}

/** The newest answer in the Chat view containing `text`. */
export async function waitForVsCodeChatAnswer(page: Page, text: string): Promise<Locator> {
  const answer = page.locator('.interactive-session .interactive-response', { hasText: text }).last();
  try {
    await answer.waitFor({ timeout: chatTimeoutMs });
  } catch {
    const shown = await page.locator('.interactive-session .interactive-item-container').allInnerTexts().catch(() => []);
    throw new Error(`no answer containing ${JSON.stringify(text)} in the Chat view; it shows:\n${shown.join('\n---\n') || '(nothing)'}`);
  }
  return answer;
}

function modelPicker(page: Page): Locator {
  return page.locator('.interactive-input-part .model-picker-item').first();
}

async function visibleRows(page: Page): Promise<string> {
  const rows = await page.locator('.monaco-list-row:visible').allInnerTexts().catch(() => []);
  return rows.map((row) => row.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n') || '(nothing)';
}
