// The e2e model server looks remote, so the extension asks for a key before any question. Scenario 01 sets it
// through the command and checks it; the later scenarios call `ensureApiKey` in `before`, so each of them also
// runs alone (ASK_LLAMA_TEST_GREP) without failing for a reason that is not theirs.
import type { Page } from 'playwright-core';
import { answerInputBox, runCommand, toast } from './workbench';

let keyInSession: string | undefined;

/** Sets the key as a person does: the command, then the password box; waits for the confirmation toast. */
export async function setApiKeyThroughCommand(page: Page, key: string): Promise<void> {
  await runCommand(page, 'Ask Llama: Set API Key');
  await answerInputBox(page, key, { password: true });
  await toast(page, 'API key saved').first().waitFor({ timeout: 15_000 });
  keyInSession = key;
}

export async function ensureApiKey(page: Page): Promise<void> {
  if (!keyInSession) await setApiKeyThroughCommand(page, 'sk-e2e-default-key');
}
