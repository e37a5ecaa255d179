// A new user's first question, in a fresh window: the chat view never opened (Ask Llama itself starts with the window,
// once start-up has finished). They run "Ask Llama" from the palette and type a question; the answer must appear
// while it is still streaming, not once it has ended. Two parts: the chat page loads while the question is typed (it used to start loading only after Enter,
// and took seconds), and the page, once ready, shows the text so far and streams the rest. The server proves the
// second: after the first tokens it holds the stream open until the test has seen them painted, then sends the rest.
import * as assert from 'assert';
import { chatFrame, describeChat, waitForAnswer } from './chatView';
import { ensureApiKey } from './apiKey';
import { e2e } from './e2eContext';
import { streamedAnswer } from './scriptedLlm';
import { answerInputBox, runCommand, waitForWorkbench } from './workbench';
import { makeWorkspace } from '../harness/workspace';
import { workbenchUrl } from '../harness/workbenchUrl';

describe('The first question in a fresh window', () => {
  before(() => ensureApiKey(e2e().page));

  it('shows the first tokens while the answer is still streaming', async () => {
    const { page, llm } = e2e();
    const pieces = ['First tokens ', 'arrive at once; ', 'the rest ', 'comes later.'];
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Two content chunks, then nothing until released: the stream is provably still open while the test looks.
    llm.answerNext({ ...streamedAnswer(pieces), hold: { afterChunks: 2, until: released } });

    const fresh = await page.context().newPage();
    try {
      await fresh.goto(workbenchUrl(new URL(e2e().workbenchUrl).origin, makeWorkspace()));
      await waitForWorkbench(fresh);
      await runCommand(fresh, 'Ask Llama');
      // The chat page loads while the question is being typed, and the input box keeps the keyboard.
      const frame = chatFrame(fresh);
      await frame.locator('textarea#prompt').waitFor({ state: 'attached', timeout: 30_000 });
      const questionBox = fresh.locator('.quick-input-widget .quick-input-box input');
      assert.ok(await questionBox.isVisible(), 'the question box closed when the chat view opened');
      assert.ok(await questionBox.evaluate((input) => input === document.activeElement), 'the chat view took the focus from the question box');
      await answerInputBox(fresh, 'What happens first?');

      try {
        await waitForAnswer(frame, pieces.slice(0, 2).join(''), 'streaming');
      } catch (error) {
        throw new Error(`the first tokens were not shown while the stream was held open: ${String(error)}\n${await describeChat(frame)}`);
      } finally {
        release();
      }
      await waitForAnswer(frame, pieces.join(''), 'done');
    } finally {
      release();
      await fresh.close();
    }
  });
});
