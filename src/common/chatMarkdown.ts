// Turns a stored chat into a Markdown document for "Export Chat". Pure, so the format is unit-tested.
import type { Chat, ChatMessage } from './chatTypes';
import { formatAttachment } from './prompt';

const STATUS_NOTES: Partial<Record<string, string>> = {
  partial: '_(answer stopped early)_',
  streaming: '_(answer was still streaming)_',
};

function messageMarkdown(message: ChatMessage): string {
  if (message.role === 'user') {
    const parts = ['### You', '', message.text];
    if (message.attachment) parts.push('', formatAttachment(message.attachment));
    for (const file of message.files ?? []) parts.push('', formatAttachment(file));
    return parts.join('\n');
  }
  const heading = message.model ? `### Llama (${message.model})` : '### Llama';
  const parts = [heading, '', message.text];
  const note = message.status ? STATUS_NOTES[message.status] : undefined;
  if (note) parts.push('', note);
  if (message.status === 'error' && message.error) parts.push('', `> Error: ${message.error.message}`);
  return parts.join('\n');
}

export function chatToMarkdown(chat: Chat): string {
  const header = `# ${chat.title || 'Chat'}\n\n_Exported from Ask Llama, ${new Date(chat.updatedAt).toISOString()}_`;
  return [header, ...chat.messages.map(messageMarkdown)].join('\n\n') + '\n';
}

/** A file name for the export derived from the title: safe on every OS. */
export function exportFileName(chat: Chat): string {
  const base = chat.title.replace(/[^A-Za-z0-9 _-]+/g, ' ').trim().replace(/\s+/g, '-').slice(0, 60);
  return `${base || 'chat'}.md`;
}
