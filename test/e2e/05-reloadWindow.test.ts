// A person reloads the window: the conversation is still there, including the answer they stopped.
import { chatFrame, messages, waitForAnswer } from './chatView';
import { e2e } from './e2eContext';
import { showAskLlamaSidebar, waitForWorkbench } from './workbench';

describe('Reload Window', () => {
  it('shows the same chat after the window reloads', async () => {
    const { page } = e2e();
    await page.reload();
    await waitForWorkbench(page);
    await showAskLlamaSidebar(page);
    const frame = chatFrame(page);
    await messages(frame, 'user').filter({ hasText: 'Is fibonacci here memoized?' }).first().waitFor({ timeout: 30_000 });
    await waitForAnswer(frame, 'No: each call recomputes both smaller values.', 'done');
    await waitForAnswer(frame, 'A memoized version keeps a table of results', 'partial');
  });
});
