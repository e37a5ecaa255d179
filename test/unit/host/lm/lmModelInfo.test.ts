// Which models the chat model provider offers, with which limits and capabilities.
import * as assert from 'assert';
import type { ModelInfo } from '../../../../src/api';
import { lmModelInfos } from '../../../../src/host/lm/lmModelInfo';

const t = (message: string, ...args: Array<string | number | boolean>) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
const model = (id: string, contextLength?: number): ModelInfo => ({ id, aliases: [], type: 'openai/chat-completions', ...(contextLength ? { contextLength } : {}) });
const LIVE: ModelInfo[] = [
  model('openai/gpt-4o', 128000),
  model('meta-llama/Llama-3.3-70B-Instruct-Turbo', 128000),
  model('meta-llama/Meta-Llama-3-8B-Instruct-Lite', 9000),
  { id: 'flux/schnell', aliases: [], type: 'image' },
];

describe('host/lm model infos', () => {
  it('offers the Llama models in Select Model\'s order, without a gateway\'s other models', () => {
    const infos = lmModelInfos({ live: LIVE, configuredModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'api.aimlapi.com' }, t);
    assert.deepStrictEqual(
      infos.map((i) => i.id),
      ['meta-llama/Meta-Llama-3-8B-Instruct-Lite', 'meta-llama/Llama-3.2-3B-Instruct-Turbo', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    );
    const [lite, threeB, main] = infos;
    assert.strictEqual(main.name, 'Llama-3.3-70B-Instruct-Turbo');
    assert.strictEqual(main.family, 'llama-3.3');
    assert.strictEqual(main.detail, 'Ask Llama setting');
    assert.strictEqual(threeB.detail, 'deprecated by the provider, not served by api.aimlapi.com');
    assert.strictEqual(lite.detail, 'deprecated by the provider');
  });

  it('takes the token limits from the context length as the sidebar budgets them', () => {
    const infos = lmModelInfos({ live: LIVE, configuredModel: 'x', settings: { contextWindow: 0, maxTokens: 8000 }, host: 'h' }, t);
    const main = infos.find((i) => i.id === 'meta-llama/Llama-3.3-70B-Instruct-Turbo')!;
    assert.strictEqual(main.maxOutputTokens, 8000);
    assert.strictEqual(main.maxInputTokens, 128000 - 8000 - 256);
    // A 9,000-token window: the answer is capped at half of it.
    const lite = infos.find((i) => i.id === 'meta-llama/Meta-Llama-3-8B-Instruct-Lite')!;
    assert.strictEqual(lite.maxOutputTokens, 4500);
    assert.strictEqual(lite.maxInputTokens, 9000 - 4500 - 256);
  });

  it('takes askLlama.contextWindow, when set, over the list\'s window, as every other surface does', () => {
    const infos = lmModelInfos({ live: LIVE, configuredModel: 'x', settings: { contextWindow: 4096, maxTokens: 1024 }, host: 'h' }, t);
    const main = infos.find((i) => i.id === 'meta-llama/Llama-3.3-70B-Instruct-Turbo')!;
    assert.strictEqual(main.maxOutputTokens, 1024);
    assert.strictEqual(main.maxInputTokens, 4096 - 1024 - 256);
    assert.match(main.tooltip, /4096 tokens of context/);
  });

  it('declares tool calling except for models known to refuse tools', () => {
    const infos = lmModelInfos({ live: LIVE, configuredModel: 'x', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    const tools = Object.fromEntries(infos.map((i) => [i.id, i.capabilities.toolCalling]));
    assert.strictEqual(tools['meta-llama/Llama-3.3-70B-Instruct-Turbo'], true);
    assert.strictEqual(tools['meta-llama/Meta-Llama-3-8B-Instruct-Lite'], false);
  });

  it('offers every chat model of a server that lists no Llama, and the configured model even when unlisted', () => {
    const infos = lmModelInfos({ live: [model('qwen2.5-coder:7b'), model('mistral:7b')], configuredModel: 'my-model', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'localhost:11434' }, t);
    const ids = infos.map((i) => i.id);
    for (const id of ['qwen2.5-coder:7b', 'mistral:7b', 'my-model']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    const unknown = infos.find((i) => i.id === 'mistral:7b')!;
    assert.strictEqual(unknown.maxInputTokens, 8192 - 1024 - 256, 'an unknown window budgets against the 8K default');
  });

  it('falls back to the built-in list when the server\'s list is unavailable', () => {
    const infos = lmModelInfos({ live: undefined, configuredModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    assert.ok(infos.length >= 3);
    assert.ok(infos.every((i) => i.detail === undefined || !i.detail.includes('not served')), 'offline, nothing is marked as not served');
  });
});
