import * as assert from 'node:assert/strict';
import type { Chat } from '../../../src/common/chatTypes';
import { chatToMarkdown, exportFileName } from '../../../src/common/chatMarkdown';
import { titleFromQuestion } from '../../../src/common/chatTitle';

const chat: Chat = {
  id: 'c1',
  title: 'What is `x`?',
  createdAt: 0,
  updatedAt: Date.UTC(2026, 0, 2),
  messages: [
    { id: 'u', role: 'user', text: 'What is x?', createdAt: 1, attachment: { fileName: 'a.py', languageId: 'python', startLine: 1, endLine: 1, code: 'x = "```"' } },
    { id: 'a', role: 'assistant', text: 'A string.', createdAt: 2, status: 'partial', model: 'm/llama' },
    { id: 'u2', role: 'user', text: 'And?', createdAt: 3 },
    { id: 'a2', role: 'assistant', text: '', createdAt: 4, status: 'error', error: { kind: 'auth', message: 'Set your API key.', actions: ['setApiKey'] } },
  ],
};

describe('chatToMarkdown', () => {
  it('writes the title, every message, the attachment in a safe fence, and stopped/failed answers as such', () => {
    const md = chatToMarkdown(chat);
    assert.ok(md.startsWith('# What is `x`?\n'));
    assert.ok(md.includes('2026-01-02T00:00:00.000Z'));
    assert.ok(md.includes('### You\n\nWhat is x?'));
    assert.ok(md.includes('````python\nx = "```"\n````'), 'fence longer than the code\'s backticks');
    assert.ok(md.includes('### Llama (m/llama)\n\nA string.\n\n_(answer stopped early)_'));
    assert.ok(md.includes('> Error: Set your API key.'));
  });

  it('makes a file name from the title', () => {
    assert.equal(exportFileName(chat), 'What-is-x.md');
    assert.equal(exportFileName({ ...chat, title: '///' }), 'chat.md');
  });
});

describe('titleFromQuestion', () => {
  it('uses the first non-empty line, shortened', () => {
    assert.equal(titleFromQuestion('\n  Explain this  \nmore'), 'Explain this');
    const long = titleFromQuestion('x'.repeat(100));
    assert.equal(long.length, 60);
    assert.ok(long.endsWith('…'));
    assert.equal(titleFromQuestion('   ', 'New chat'), 'New chat');
  });
});
