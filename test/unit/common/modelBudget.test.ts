// The one computation of a model's window and budget from the settings, shared by every surface.
import * as assert from 'assert';
import { planBudget } from '../../../src/common/contextBudget';
import { modelBudget, modelContextWindow } from '../../../src/common/modelBudget';
import type { ModelEntry } from '../../../src/common/modelChoices';

const live: ModelEntry[] = [
  { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', aliases: ['llama-3.3-70b'], developer: 'Meta', contextLength: 128000, type: 'openai/chat-completions' },
  { id: 'meta/muse-glimmer-30b', aliases: [], developer: 'Meta', contextLength: 131072, type: 'openai/chat-completions' },
];
const FROM_LIST = { contextWindow: 0 };

describe('common/modelBudget', () => {
  it('takes the window from the live list, else the built-in list', () => {
    assert.strictEqual(modelContextWindow('meta/muse-glimmer-30b', live, FROM_LIST), 131072);
    assert.strictEqual(modelContextWindow('llama-3.3-70b', live, FROM_LIST), 128000, 'by alias');
    assert.strictEqual(modelContextWindow('meta-llama/Meta-Llama-3-8B-Instruct-Lite', live, FROM_LIST), 9000);
    assert.strictEqual(modelContextWindow('meta-llama/Meta-Llama-3-8B-Instruct-Lite', undefined, FROM_LIST), 9000);
    assert.strictEqual(modelContextWindow('unknown/model', live, FROM_LIST), undefined);
  });

  it('askLlama.contextWindow above 0 wins over the list and the built-in figures; 0 or nonsense leaves them', () => {
    assert.strictEqual(modelContextWindow('unknown/model', live, { contextWindow: 32768 }), 32768);
    assert.strictEqual(modelContextWindow('meta/muse-glimmer-30b', live, { contextWindow: 4096.7 }), 4096);
    assert.strictEqual(modelContextWindow('meta-llama/Meta-Llama-3-8B-Instruct-Lite', undefined, { contextWindow: 2048 }), 2048);
    assert.strictEqual(modelContextWindow('meta/muse-glimmer-30b', live, { contextWindow: Number.NaN }), 131072);
    assert.strictEqual(modelContextWindow('meta/muse-glimmer-30b', live, { contextWindow: -5 }), 131072);
  });

  it('plans the budget for that window with the maxTokens setting', () => {
    assert.deepStrictEqual(modelBudget('meta/muse-glimmer-30b', live, { contextWindow: 2048, maxTokens: 4000 }), {
      contextLength: 2048,
      maxTokens: 1024,
      promptTokens: 2048 - 1024 - 256,
    });
    assert.deepStrictEqual(modelBudget('meta/muse-glimmer-30b', live, { contextWindow: 0, maxTokens: 1000 }), planBudget(131072, 1000));
    assert.deepStrictEqual(modelBudget('unknown/model', undefined, { contextWindow: 0, maxTokens: 1000 }), planBudget(undefined, 1000));
  });
});
