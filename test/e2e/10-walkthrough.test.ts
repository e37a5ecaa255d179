// A new user in a fresh browser profile (nothing stored: no key, no walkthrough progress) opens the "Get started with
// Ask Llama" walkthrough and follows it to a first answer: sets the key from the step's button, picks a model, explains
// a selection. Each step is checked only when its event has really happened, and the later ones stay unchecked until
// then. The code-server runs with ASK_LLAMA_API_KEY set (runE2e.ts), as `npm run try` does: that key is stored for the
// AI/ML API only, so it shows in Manage API Keys and is never sent to the scripted server.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../harness/browser';
import { workbenchUrl } from '../harness/workbenchUrl';
import { makeWorkspace } from '../harness/workspace';
import { sendKeyAnyway } from './apiKey';
import { chatFrame, waitForAnswer } from './chatView';
import { e2e } from './e2eContext';
import { E2E_ENVIRONMENT_KEY } from './environmentKey';
import { saveScreenshot } from './screenshots';
import { saveWindowEvidence } from './windowEvidence';
import { scriptedModelId, streamedAnswer } from './scriptedLlm';
import { answerInputBox, editorContextMenu, openFile, runCommand, selectLines, toast, waitForWorkbench } from './workbench';

const STEPS = ['setKey', 'pickModel', 'explain', 'chat'] as const;
type Step = (typeof STEPS)[number];

function stepButton(page: Page, step: Step) {
  return page.locator(`button.getting-started-step[data-step-id$="askLlama.firstRun.${step}"]`);
}

/** Waits until the step shows as checked (true) or reads that it is still unchecked (false). */
async function expectStep(page: Page, step: Step, checked: boolean): Promise<void> {
  const button = stepButton(page, step);
  if (checked) {
    await button.and(page.locator('[aria-checked="true"]')).waitFor({ timeout: 15_000 });
  } else {
    await button.waitFor({ timeout: 15_000 });
    assert.strictEqual(await button.getAttribute('aria-checked'), 'false', `the step "${step}" is checked before its event`);
  }
}

async function openWalkthrough(page: Page): Promise<void> {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Ask Llama' }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await stepButton(page, 'setKey').waitFor({ timeout: 15_000 });
}

/** Expands the step and clicks the button its description holds (a `command:` link on a line of its own). */
async function clickStepButton(page: Page, step: Step, label: string): Promise<void> {
  await stepButton(page, step).click();
  const button = stepButton(page, step).locator('.button-container .monaco-button', { hasText: label });
  await button.waitFor({ timeout: 10_000 });
  await button.click();
}

// Opt-in for a while: in one fresh-clone CI run of two (2026-11-29) the explain step's question never reached the
// scripted server ("expected chat request #10 within 30 s; saw 9"), and only the main window was photographed, so
// what this window showed is unknown. Not seen since: 10 of 10 runs right after 09 at load 7–15, and 2 full runs. A
// failure now leaves this window's picture and code-server's logs (windowEvidence.ts), and the explain step waits for
// its first visible effect, the plain-http modal, before the request: a command that never ran and a request that
// never left no longer fail with the same words.
describe('The walkthrough, from a fresh profile to a first answer', () => {
  let browser: Browser | undefined;
  after(async () => {
    await browser?.close();
  });
  // The harness photographs the main window on a failure; this scenario runs in a browser of its own.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) await saveWindowEvidence(browser.page, this.currentTest.title);
  });

  it('checks each step when it really happens: key stored, model chosen, first answer, chat opened', async function () {
    this.timeout(180_000);
    const { llm } = e2e();
    const key = `sk-walkthrough-${Date.now().toString(36)}`;
    browser = await launchBrowser();
    const page = browser.page;
    await page.goto(workbenchUrl(new URL(e2e().workbenchUrl).origin, makeWorkspace()));
    await waitForWorkbench(page);

    await openWalkthrough(page);
    for (const step of STEPS) await expectStep(page, step, false);

    await clickStepButton(page, 'setKey', 'Set API Key');
    await answerInputBox(page, key, { password: true });
    await toast(page, 'API key saved').first().waitFor({ timeout: 15_000 });
    await expectStep(page, 'setKey', true);
    await expectStep(page, 'pickModel', false);

    await clickStepButton(page, 'pickModel', 'Select Model');
    const modelRow = page.locator('.quick-input-list .monaco-list-row', { hasText: scriptedModelId }).first();
    await modelRow.waitFor({ timeout: 15_000 });
    await modelRow.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await expectStep(page, 'pickModel', true);
    await expectStep(page, 'explain', false);

    const requestNumber = llm.chatRequests().length + 1;
    llm.answerNext(streamedAnswer(['`fibonacci` calls itself ', 'twice per step.']));
    await openFile(page, 'sample.ts');
    await selectLines(page, 2, 5);
    await editorContextMenu(page, 'if (n < 2) return n;', 'Explain Selection');
    // A fresh profile, and the server is plain http: the first question asks before the key goes.
    await sendKeyAnyway(page);
    const request = await llm.waitForChatRequest(requestNumber);
    assert.strictEqual(request.headers.authorization, `Bearer ${key}`, 'the question carried the key set in the walkthrough');
    await waitForAnswer(chatFrame(page), 'fibonacci calls itself twice per step.', 'done');

    await openWalkthrough(page);
    for (const step of STEPS) await expectStep(page, step, true);
    await saveScreenshot(page, 'walkthrough-done');

    // The key from the environment: stored for the AI/ML API, and never sent to the scripted server.
    await runCommand(page, 'Ask Llama: Manage API Keys…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'api.aimlapi.com' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    const leaked = llm.server.requests.filter((r) => JSON.stringify(r).includes(E2E_ENVIRONMENT_KEY));
    assert.deepStrictEqual(leaked.map((r) => `${r.method} ${r.url}`), [], 'the environment key reached the scripted server');
  });
});
