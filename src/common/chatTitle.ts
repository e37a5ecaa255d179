// A chat's title is its first question, shortened to one line for the list of past chats.
export const MAX_TITLE_CHARS = 60;

export function titleFromQuestion(question: string, fallback = 'New chat'): string {
  const firstLine = question.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0);
  if (!firstLine) return fallback;
  return firstLine.length > MAX_TITLE_CHARS ? firstLine.slice(0, MAX_TITLE_CHARS - 1).trimEnd() + '…' : firstLine;
}
