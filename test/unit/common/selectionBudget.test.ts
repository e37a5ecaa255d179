import * as assert from 'assert';
import { DEFAULT_CONTEXT_LENGTH, planBudget } from '../../../src/common/contextBudget';
import { fitSelection, QUESTION_RESERVE_TOKENS, selectionTokenBudget } from '../../../src/common/selectionBudget';
import { estimateTokens } from '../../../src/common/tokens';

describe('selectionBudget', () => {
  it('leaves the prompt share of the window minus system prompt and question', () => {
    const system = 'You are helpful.';
    const budget = selectionTokenBudget({ contextLength: 9000, maxTokens: 1024, systemPrompt: system });
    const prompt = planBudget(9000, 1024).promptTokens;
    assert.ok(budget < prompt - estimateTokens(system) - QUESTION_RESERVE_TOKENS + 1);
    assert.ok(budget > prompt - estimateTokens(system) - QUESTION_RESERVE_TOKENS - 20);
  });

  it('uses the safe default window when the context length is unknown', () => {
    const unknown = selectionTokenBudget({ maxTokens: 1024, systemPrompt: '' });
    const known = selectionTokenBudget({ contextLength: DEFAULT_CONTEXT_LENGTH, maxTokens: 1024, systemPrompt: '' });
    assert.strictEqual(unknown, known);
    assert.ok(selectionTokenBudget({ contextLength: 131000, maxTokens: 1024, systemPrompt: '' }) > unknown);
  });

  it('does not let a huge max tokens setting swallow the whole window', () => {
    assert.ok(selectionTokenBudget({ contextLength: 9000, maxTokens: 131072, systemPrompt: '' }) > 3000);
  });

  it('shrinks as the system prompt grows', () => {
    const short = selectionTokenBudget({ contextLength: 9000, maxTokens: 1024, systemPrompt: 'x' });
    const long = selectionTokenBudget({ contextLength: 9000, maxTokens: 1024, systemPrompt: 'x'.repeat(3000) });
    assert.ok(short - long >= 900);
  });

  it('says a selection within budget fits', () => {
    assert.deepStrictEqual(fitSelection('const a = 1;\nconst b = 2;', 10, 100), { fits: true });
  });

  it('keeps the first whole lines that fit and says which lines they are', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'y'.repeat(20)}`);
    const code = lines.join('\n');
    const fit = fitSelection(code, 41, 100);
    assert.strictEqual(fit.fits, false);
    if (fit.fits || fit.endLine === undefined) throw new Error('expected a truncated fit');
    assert.strictEqual(fit.startLine, 41);
    const kept = fit.endLine - fit.startLine + 1;
    assert.ok(kept > 0 && kept < 100);
    assert.strictEqual(fit.code, lines.slice(0, kept).join('\n'));
    assert.ok(estimateTokens(fit.code) <= 100);
    // One more line would not have fitted.
    assert.ok(estimateTokens(lines.slice(0, kept + 1).join('\n')) + kept + 1 > 100);
  });

  it('reports when not even the first line fits', () => {
    const fit = fitSelection('z'.repeat(1000), 5, 10);
    assert.deepStrictEqual(fit, { fits: false, startLine: 5, endLine: undefined, code: '' });
  });
});
