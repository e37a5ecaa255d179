import * as assert from 'assert';
import { buildEditPrompt, EDIT_RULES } from '../../../src/common/editPrompt';

const base = {
  systemPrompt: 'Be brief.',
  instruction: 'Rename x to count',
  code: 'let x = 0;\nx++;\n',
  languageId: 'typescript',
  fileName: 'src/a.ts',
  startLine: 3,
  endLine: 4,
  maxTokens: 512,
};

describe('editPrompt', () => {
  it('sends the system prompt with the code-only rules, then the instruction and the fenced code', () => {
    const { messages, fits } = buildEditPrompt(base);
    assert.strictEqual(fits, true);
    assert.strictEqual(messages.length, 2);
    assert.strictEqual(messages[0].content, `Be brief.\n\n${EDIT_RULES}`);
    assert.match(messages[1].content, /^Instruction: Rename x to count/);
    assert.match(messages[1].content, /src\/a\.ts \(language: typescript\), lines 3-4/);
    assert.match(messages[1].content, /```typescript\nlet x = 0;\nx\+\+;\n```$/);
  });

  it('uses only the rules when the system prompt is empty', () => {
    assert.strictEqual(buildEditPrompt({ ...base, systemPrompt: '  ' }).messages[0].content, EDIT_RULES);
  });

  it('says it does not fit when the code exceeds the prompt share of the window', () => {
    const big = 'x'.repeat(3 * 8192);
    assert.strictEqual(buildEditPrompt({ ...base, code: big, contextLength: 8192 }).fits, false);
    assert.strictEqual(buildEditPrompt({ ...base, code: big, contextLength: 128000 }).fits, true);
  });
});
