// The e2e model server looks remote, so the extension asks for a key before any question. Scenario 01 sets it
// through the command and checks it; the later scenarios call `ensureApiKey` in `before`, so each of them also
// runs alone (ASK_LLAMA_TEST_GREP) without failing for a reason that is not theirs.
//
// It is also plain http (http://api.ask-llama.test, through the proxy), so the first question of a browser profile
// raises the extension's "Send your API key to api.ask-llama.test:<port> over plain HTTP?" modal, and a person clicks
// Send Anyway: the answer is kept in that profile's extension state, and later questions go without asking.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { chatFrame, sendFromChat, waitForAnswer } from './chatView';
import { e2e } from './e2eContext';
import { streamedAnswer } from './scriptedLlm';
import { answerInputBox, dialogButton, runCommand, showAskLlamaSidebar, toast } from './workbench';

let keyInSession: string | undefined;
/** The main window's profile has agreed to the key going over plain http (other browsers have their own). */
let plainHttpAgreed = false;

/** Sets the key as a person does: the command, then the password box; waits for the confirmation toast. */
export async function setApiKeyThroughCommand(page: Page, key: string): Promise<void> {
  await runCommand(page, 'Ask Llama: Set API Key');
  await answerInputBox(page, key, { password: true });
  await toast(page, 'API key saved').first().waitFor({ timeout: 15_000 });
  keyInSession = key;
}

/**
 * Waits for the plain-http modal a question raises in a profile that has not agreed yet, checks that it names the
 * scripted server's host, and clicks Send Anyway as a person does.
 */
export async function sendKeyAnyway(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'over plain HTTP' });
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  assert.match(text, /Send your API key to api\.ask-llama\.test:\d+ over plain HTTP\?/, `the modal reads: ${text}`);
  await dialogButton(page, 'Send Anyway').click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  if (page === e2e().page) plainHttpAgreed = true;
}

/** The first question of the main window's profile: asked, and the key allowed over plain http. */
export async function askFirstQuestion(page: Page, question: string): Promise<void> {
  await showAskLlamaSidebar(page);
  await sendFromChat(chatFrame(page), question);
  if (!plainHttpAgreed) await sendKeyAnyway(page);
}

export async function ensureApiKey(page: Page): Promise<void> {
  if (!keyInSession) await setApiKeyThroughCommand(page, 'sk-e2e-default-key');
  if (plainHttpAgreed) return;
  // Run alone, a scenario's own first question would meet the modal: a short question first, as a person would.
  e2e().llm.answerNext(streamedAnswer(['Ready.']));
  await askFirstQuestion(page, 'Are you there?');
  await waitForAnswer(chatFrame(page), 'Ready.', 'done');
}
