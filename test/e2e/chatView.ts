// The Ask Llama chat page, read and driven from inside its webview iframes. The DOM hooks used here are the page's
// fixed contract (textarea#prompt, button#send/#stop, #messages, article.message[data-role][data-status]...).
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const answerTimeoutMs = 30_000;

/** The chat page's document: the extension's webview, then the webview's active content frame. */
export function chatFrame(page: Page): FrameLocator {
  return page
    .frameLocator('iframe.webview[src*="extensionId=ask-llama.ask-llama"]')
    .frameLocator('iframe#active-frame');
}

export function messages(frame: FrameLocator, role: 'user' | 'assistant'): Locator {
  return frame.locator(`#messages article.message[data-role="${role}"]`);
}

/** Waits for an assistant message in `status` whose body contains `text`, and returns it. */
export async function waitForAnswer(frame: FrameLocator, text: string, status: string, timeoutMs = answerTimeoutMs): Promise<Locator> {
  const answer = frame
    .locator(`#messages article.message[data-role="assistant"][data-status="${status}"]`)
    .filter({ has: frame.locator('.message-body', { hasText: text }) })
    .last();
  try {
    await answer.waitFor({ timeout: timeoutMs });
  } catch {
    throw new Error(`no ${status} answer containing ${JSON.stringify(text)} appeared; the chat shows:\n${await describeChat(frame)}`);
  }
  return answer;
}

/** Types a question into the page's input and presses its Send button. */
export async function sendFromChat(frame: FrameLocator, question: string): Promise<void> {
  const prompt = frame.locator('textarea#prompt');
  await prompt.waitFor({ timeout: answerTimeoutMs });
  await prompt.fill(question);
  await frame.locator('button#send').click();
}

/** One observed state of the newest answer. */
export interface AnswerFrame {
  status: string | null;
  text: string;
}

/**
 * Records every state the newest assistant answer goes through, from inside the page (a MutationObserver, so no
 * intermediate paint is missed by polling). Call before the answer starts; read with `readAnswerTrace`.
 */
export async function startAnswerTrace(frame: FrameLocator): Promise<void> {
  await frame.locator('#messages').evaluate((list) => {
    const frames: Array<{ status: string | null; text: string }> = [];
    const before = new Set(Array.from(list.querySelectorAll('article.message[data-role="assistant"]')));
    const record = () => {
      const answers = Array.from(list.querySelectorAll('article.message[data-role="assistant"]')).filter((a) => !before.has(a));
      const newest = answers[answers.length - 1];
      if (!newest) return;
      const state = { status: newest.getAttribute('data-status'), text: newest.querySelector('.message-body')?.textContent ?? '' };
      const last = frames[frames.length - 1];
      if (!last || last.status !== state.status || last.text !== state.text) frames.push(state);
    };
    new MutationObserver(record).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
    (window as unknown as { askLlamaAnswerTrace: typeof frames }).askLlamaAnswerTrace = frames;
  });
}

export async function readAnswerTrace(frame: FrameLocator): Promise<AnswerFrame[]> {
  return frame.locator('#messages').evaluate(() => (window as unknown as { askLlamaAnswerTrace?: AnswerFrame[] }).askLlamaAnswerTrace ?? []);
}

/** A short text picture of the chat for failure messages. */
export async function describeChat(frame: FrameLocator): Promise<string> {
  const read = frame.locator('#messages article.message').evaluateAll((articles) =>
    articles.map((a) => `${a.getAttribute('data-role')} [${a.getAttribute('data-status') ?? '-'}]: ${(a.textContent ?? '').trim().slice(0, 200)}`));
  // Reading must not hang a failure report when the page never loaded.
  read.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 3000).unref());
  try {
    const rows = await Promise.race([read, timeout]);
    return rows.length ? rows.join('\n') : '(no messages)';
  } catch (error) {
    return `(the chat page could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}
