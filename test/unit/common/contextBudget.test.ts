import * as assert from 'node:assert/strict';
import { DEFAULT_CONTEXT_LENGTH, MAX_ANSWER_SHARE, PER_MESSAGE_OVERHEAD_TOKENS, RESERVE_TOKENS, fitNewestTurns, fitsBudget, planBudget, promptCost } from '../../../src/common/contextBudget';

describe('contextBudget', () => {
  describe('planBudget', () => {
    it('leaves the window minus the answer and the reserve for the prompt', () => {
      const budget = planBudget(9000, 1024);
      assert.equal(budget.contextLength, 9000);
      assert.equal(budget.maxTokens, 1024);
      assert.equal(budget.promptTokens, 9000 - 1024 - RESERVE_TOKENS);
    });

    it('uses the default window when the model does not say', () => {
      assert.equal(planBudget(undefined, 1024).contextLength, DEFAULT_CONTEXT_LENGTH);
      assert.equal(planBudget(0, 1024).contextLength, DEFAULT_CONTEXT_LENGTH);
      assert.equal(planBudget(Number.NaN, 1024).contextLength, DEFAULT_CONTEXT_LENGTH);
    });

    it('clamps maxTokens larger than the model allows, keeping room for the prompt', () => {
      const budget = planBudget(8192, 131072);
      assert.equal(budget.maxTokens, Math.floor(8192 * MAX_ANSWER_SHARE));
      assert.ok(budget.promptTokens > 0);
      assert.equal(budget.maxTokens + budget.promptTokens + RESERVE_TOKENS, 8192);
    });

    it('keeps maxTokens when the window is large enough', () => {
      assert.equal(planBudget(131000, 4096).maxTokens, 4096);
    });

    it('never produces a negative prompt budget for a tiny window', () => {
      const budget = planBudget(100, 50);
      assert.ok(budget.maxTokens >= 1);
      assert.equal(budget.promptTokens, 0);
    });
  });

  describe('fitNewestTurns', () => {
    const cost = (n: number) => n;

    it('keeps everything when it fits', () => {
      assert.deepEqual(fitNewestTurns([1, 2, 3], 6, cost), { kept: [1, 2, 3], omitted: 0 });
    });

    it('drops the oldest turns first', () => {
      assert.deepEqual(fitNewestTurns([5, 2, 3], 5, cost), { kept: [2, 3], omitted: 1 });
    });

    it('stops at the first turn that does not fit, even if an older, smaller one would', () => {
      assert.deepEqual(fitNewestTurns([1, 9, 2], 5, cost), { kept: [2], omitted: 2 });
    });

    it('keeps nothing when the newest turn is already too big', () => {
      assert.deepEqual(fitNewestTurns([1, 10], 5, cost), { kept: [], omitted: 2 });
    });
  });

  describe('promptCost and fitsBudget (the one fit test every surface applies before sending)', () => {
    it('counts every message with its template overhead, and fits up to exactly the prompt budget', () => {
      const messages = [{ content: 'abc' }, { content: 'abcdef' }];
      assert.equal(promptCost(messages), 1 + 2 + 2 * PER_MESSAGE_OVERHEAD_TOKENS);
      const budget = planBudget(2048, 512);
      const exact = [{ content: 'x'.repeat((budget.promptTokens - PER_MESSAGE_OVERHEAD_TOKENS) * 3) }];
      assert.equal(promptCost(exact), budget.promptTokens);
      assert.ok(fitsBudget(exact, budget));
      assert.ok(!fitsBudget([{ content: exact[0].content + 'x' }], budget));
    });
  });
});
