// Reads what the extension sent to the model out of a recorded chat completion request.
import type { RecordedRequest } from '../support/scriptedServer';

type ChatContent = string | Array<{ type: string; text?: string }>;

function textOf(content: ChatContent | undefined): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

/** Every message's text, joined: what the model saw. */
export function allMessageText(request: RecordedRequest): string {
  const list: Array<{ content?: ChatContent }> = request.json?.messages ?? [];
  return list.map((message) => textOf(message.content)).join('\n');
}

/** The last user message's text (the question, possibly with the attached code). */
export function lastUserText(request: RecordedRequest): string {
  const list: Array<{ role: string; content?: ChatContent }> = request.json?.messages ?? [];
  const users = list.filter((message) => message.role === 'user');
  return textOf(users[users.length - 1]?.content);
}
