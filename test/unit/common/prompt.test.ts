import * as assert from 'node:assert/strict';
import type { Attachment, ChatMessage } from '../../../src/common/chatTypes';
import { RESERVE_TOKENS } from '../../../src/common/contextBudget';
import { buildPrompt, chooseFence, describeAttachment, fencedBlock, formatAttachment, priorTurns, userContent } from '../../../src/common/prompt';

let nextId = 0;
function user(text: string, attachment?: Attachment): ChatMessage {
  return { id: `u${++nextId}`, role: 'user', text, createdAt: nextId, attachment };
}
function assistant(text: string, status: ChatMessage['status'] = 'done'): ChatMessage {
  return { id: `a${++nextId}`, role: 'assistant', text, createdAt: nextId, status };
}

const attachment: Attachment = { fileName: 'src/math.ts', languageId: 'typescript', startLine: 10, endLine: 12, code: 'const a = 1;\nconst b = 2;\nexport { a, b };' };

describe('prompt', () => {
  describe('chooseFence', () => {
    it('uses three backticks for code without backticks', () => {
      assert.equal(chooseFence('let x = 1;'), '```');
    });

    it('is longer than the longest backtick run in the code', () => {
      assert.equal(chooseFence('a ``` b'), '````');
      assert.equal(chooseFence('````` and ` and ``'), '``````');
    });

    it('cannot be closed by a fence inside the code', () => {
      const code = 'README:\n```js\nconsole.log(1)\n```\n';
      const block = fencedBlock(code, 'markdown');
      const fence = chooseFence(code);
      const lines = block.split('\n');
      assert.equal(lines[0], `${fence}markdown`);
      assert.equal(lines[lines.length - 1], fence);
      // The only lines that are exactly the fence are the opening (without the tag) and the closing one.
      assert.equal(lines.filter((l) => l === fence).length, 1);
    });
  });

  describe('fencedBlock', () => {
    it('ends the code with a newline before the closing fence', () => {
      assert.equal(fencedBlock('x', 'python'), '```python\nx\n```');
      assert.equal(fencedBlock('x\n', 'python'), '```python\nx\n```');
    });

    it('drops a language id that could break the info string', () => {
      assert.equal(fencedBlock('x', 'bad lang`'), '```\nx\n```');
    });
  });

  describe('attachment', () => {
    it('names the file, language and line range, then the code in a fence', () => {
      const text = formatAttachment(attachment);
      assert.match(text, /^File: src\/math\.ts \(language: typescript\), lines 10-12\n```typescript\n/);
      assert.ok(text.includes(attachment.code));
      assert.ok(text.endsWith('\n```'));
    });

    it('says a single line as "line N"', () => {
      assert.match(describeAttachment({ ...attachment, startLine: 4, endLine: 4 }), /, line 4$/);
    });

    it('says which lines were sent when the selection was truncated', () => {
      const text = describeAttachment({ ...attachment, startLine: 1, endLine: 900, truncatedTo: { startLine: 1, endLine: 300 } });
      assert.match(text, /lines 1-300/);
      assert.match(text, /1-900/);
    });

    it('puts the question before the attachment', () => {
      const content = userContent('What does this do?', attachment);
      assert.ok(content.startsWith('What does this do?\n\nFile: src/math.ts'));
      assert.equal(userContent('Plain question'), 'Plain question');
    });
  });

  describe('priorTurns', () => {
    it('pairs questions with their answers and rebuilds attachments', () => {
      const turns = priorTurns([user('q1', attachment), assistant('a1'), user('q2'), assistant('a2', 'partial')]);
      assert.equal(turns.length, 2);
      assert.ok(turns[0].user.content.includes('```typescript'));
      assert.equal(turns[1].assistant.content, 'a2');
    });

    it('skips a question whose answer failed without text', () => {
      const turns = priorTurns([user('q1'), assistant('', 'error'), user('q2'), assistant('a2')]);
      assert.deepEqual(turns.map((t) => t.user.content), ['q2']);
    });
  });

  describe('buildPrompt', () => {
    it('sends the system prompt, prior turns, then the question with its attachment', () => {
      const built = buildPrompt({
        systemPrompt: 'Be brief.',
        history: [user('first'), assistant('first answer')],
        question: 'Explain',
        attachment,
        maxTokens: 512,
      });
      assert.deepEqual(built.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
      assert.equal(built.messages[0].content, 'Be brief.');
      assert.equal(built.messages[3].content, userContent('Explain', attachment));
      assert.equal(built.omittedMessages, 0);
      assert.equal(built.budget.maxTokens, 512);
      assert.ok(built.fits);
    });

    it('leaves out an empty system prompt', () => {
      const built = buildPrompt({ systemPrompt: '  ', history: [], question: 'Hi', maxTokens: 100 });
      assert.deepEqual(built.messages, [{ role: 'user', content: 'Hi' }]);
    });

    it('drops the oldest turns to fit the window and counts the dropped messages', () => {
      // Each old turn is ~2 × (1000 chars / 3 + overhead) ≈ 683 tokens; the prompt budget of a 4000-token window
      // with a 1000-token answer is 2744, so only the newest three of ten turns fit.
      const history: ChatMessage[] = [];
      for (let i = 0; i < 10; i++) history.push(user(`q${i} ` + 'x'.repeat(997)), assistant(`a${i} ` + 'y'.repeat(997)));
      const built = buildPrompt({ systemPrompt: 'S', history, question: 'now?', contextLength: 4000, maxTokens: 1000 });
      const kept = built.messages.filter((m) => m.role !== 'system').slice(0, -1);
      assert.equal(kept.length + built.omittedMessages, 20);
      assert.ok(built.omittedMessages > 0);
      assert.ok(kept[0].content.startsWith(`q${10 - kept.length / 2} `), 'the newest turns are kept');
      assert.ok(kept[kept.length - 1].content.startsWith('a9 '));
      const used = built.messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 3) + 8, 0);
      assert.ok(used <= 4000 - built.budget.maxTokens - RESERVE_TOKENS, `prompt of ${used} tokens exceeds the budget`);
    });

    it('reports when even the question alone does not fit', () => {
      const built = buildPrompt({ systemPrompt: '', history: [user('a'), assistant('b')], question: 'z'.repeat(30000), contextLength: 8192, maxTokens: 1024 });
      assert.equal(built.fits, false);
      assert.equal(built.omittedMessages, 2);
      assert.equal(built.messages.length, 1);
    });
  });
});
