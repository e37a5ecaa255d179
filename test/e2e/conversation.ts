// For scenarios that need a chat with something in it (reload, screenshots): when they run alone there is none
// yet, so one question is asked first. In the full run the earlier scenarios have already filled the chat.
import { ensureApiKey } from './apiKey';
import { chatFrame, messages, sendFromChat, waitForAnswer } from './chatView';
import { e2e } from './e2eContext';
import { streamedAnswer } from './scriptedLlm';
import { showAskLlamaSidebar } from './workbench';

export async function ensureConversation(): Promise<void> {
  const { page, llm } = e2e();
  await showAskLlamaSidebar(page);
  const frame = chatFrame(page);
  await frame.locator('#messages').waitFor({ timeout: 30_000 });
  if ((await messages(frame, 'assistant').count()) > 0) return;
  await ensureApiKey(page);
  llm.answerNext(streamedAnswer(['A first answer, ', 'so the chat is not empty.']));
  await sendFromChat(frame, 'Say something short.');
  await waitForAnswer(frame, 'A first answer, so the chat is not empty.', 'done');
}

export interface MessageSnapshot {
  role: string | null;
  status: string | null;
  text: string;
}

/** Role, status and rendered text of every message in the open chat. */
export async function snapshotChat(): Promise<MessageSnapshot[]> {
  return chatFrame(e2e().page)
    .locator('#messages article.message')
    .evaluateAll((articles) =>
      articles.map((a) => ({
        role: a.getAttribute('data-role'),
        status: a.getAttribute('data-status'),
        text: (a.querySelector('.message-body')?.textContent ?? '').trim(),
      })),
    );
}
