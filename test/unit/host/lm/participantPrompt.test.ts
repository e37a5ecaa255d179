// What @llama sends: the command's instruction, the question, the code within the budget, and the turns that fit.
import * as assert from 'assert';
import type { Attachment } from '../../../../src/common/chatTypes';
import { buildParticipantPrompt, questionText } from '../../../../src/host/lm/participantPrompt';

const code = (fileName: string, lines: number, startLine = 1): Attachment => ({
  fileName,
  languageId: 'typescript',
  startLine,
  endLine: startLine + lines - 1,
  code: Array.from({ length: lines }, (_, i) => `const line${startLine + i} = ${i};`).join('\n'),
});

describe('host/lm @llama prompt', () => {
  it('puts the command\'s instruction, the user\'s words and the code in one user message after the system prompt', () => {
    const prompt = buildParticipantPrompt({ command: 'explain', prompt: ' focus on errors ', code: [code('src/a.ts', 3, 10)], history: [], systemPrompt: 'Be brief.', maxTokens: 1024, contextLength: 128000 });
    assert.strictEqual(prompt.messages.length, 2);
    assert.deepStrictEqual(prompt.messages[0], { role: 'system', content: 'Be brief.' });
    const user = prompt.messages[1].content;
    assert.match(user, /^Explain what this code does/);
    assert.match(user, /focus on errors\n\nFile: src\/a\.ts \(language: typescript\), lines 10-12\n```typescript\nconst line10 = 0;/);
    assert.deepStrictEqual(prompt.omitted, []);
  });

  it('has an instruction for each of /explain, /fix, /tests and /doc, and none for free questions', () => {
    for (const command of ['explain', 'fix', 'tests', 'doc']) assert.notStrictEqual(questionText(command, ''), '', command);
    assert.strictEqual(questionText(undefined, 'Why?'), 'Why?');
    assert.strictEqual(questionText('unknown', 'Why?'), 'Why?');
  });

  it('keeps the selection first, shortens the code that only partly fits, and leaves out what does not fit at all', () => {
    // An 8K window with a 1024-token answer leaves ~6.9K prompt tokens: the selection fits, the big file is cut, the last is left out.
    const selection = code('sel.ts', 20);
    const big = code('big.ts', 2000);
    const last = code('last.ts', 50);
    const prompt = buildParticipantPrompt({ command: 'fix', prompt: '', code: [selection, big, last], history: [], systemPrompt: '', maxTokens: 1024 });
    assert.deepStrictEqual(prompt.included.map((a) => a.fileName), ['sel.ts', 'big.ts']);
    assert.strictEqual(prompt.included[0].truncatedTo, undefined);
    const cut = prompt.included[1].truncatedTo;
    assert.ok(cut && cut.startLine === 1 && cut.endLine > 100 && cut.endLine < 2000, JSON.stringify(cut));
    assert.deepStrictEqual(prompt.omitted, ['last.ts']);
    const total = prompt.messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 3) + 8, 0);
    assert.ok(total <= prompt.budget.promptTokens, `${total} > ${prompt.budget.promptTokens}`);
  });

  it('adds the newest earlier turns that still fit, and skips turns without an answer', () => {
    const history = [
      { question: 'old question '.repeat(2000), answer: 'old answer' },
      { question: 'failed', answer: '' },
      { question: 'recent question', answer: 'recent answer' },
    ];
    const prompt = buildParticipantPrompt({ command: undefined, prompt: 'And now?', code: [], history, systemPrompt: '', maxTokens: 1024 });
    assert.deepStrictEqual(prompt.messages, [
      { role: 'user', content: 'recent question' },
      { role: 'assistant', content: 'recent answer' },
      { role: 'user', content: 'And now?' },
    ]);
  });

  it('says the prompt does not fit when the question alone exceeds the window (the code is left out, not sent)', () => {
    const small = buildParticipantPrompt({ command: 'explain', prompt: 'Why?', code: [code('a.ts', 3)], history: [], systemPrompt: 'Be brief.', maxTokens: 512, contextLength: 2048 });
    assert.strictEqual(small.fits, true);
    const huge = 'Why does this fail? '.repeat(600); // ~12 000 characters, ~4 000 tokens: over a 2K window.
    const prompt = buildParticipantPrompt({ command: undefined, prompt: huge, code: [code('a.ts', 3)], history: [], systemPrompt: '', maxTokens: 512, contextLength: 2048 });
    assert.strictEqual(prompt.fits, false);
    assert.deepStrictEqual(prompt.omitted, ['a.ts']);
  });
});

