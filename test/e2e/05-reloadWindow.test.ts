// A person reloads the window: the same conversation is there afterwards, every message with the same text and
// state (a stopped answer stays "partial", it is not resumed or lost).
import * as assert from 'assert';
import { chatFrame, messages } from './chatView';
import { ensureConversation, MessageSnapshot, snapshotChat } from './conversation';
import { e2e } from './e2eContext';
import { showAskLlamaSidebar, waitForWorkbench } from './workbench';

describe('Reload Window', () => {
  before(() => ensureConversation());

  it('shows the same chat after the window reloads', async () => {
    const { page } = e2e();
    const before = await snapshotChat();
    assert.ok(before.length >= 2, 'the chat should hold a conversation before the reload');

    await page.reload();
    await waitForWorkbench(page);
    await showAskLlamaSidebar(page);
    await messages(chatFrame(page), 'user').first().waitFor({ timeout: 30_000 });

    // The page may paint the restored chat in more than one step; wait (bounded) until it has all messages.
    let after: MessageSnapshot[] = [];
    const deadline = Date.now() + 15_000;
    do {
      after = await snapshotChat();
      if (after.length >= before.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
    assert.deepStrictEqual(after, before);
  });
});
