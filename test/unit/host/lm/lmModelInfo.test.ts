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
  it('offers the Llama models, the default first and then in Select Model\'s order, without a gateway\'s other models', () => {
    const infos = lmModelInfos({ live: LIVE, configuredModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'api.aimlapi.com' }, t);
    assert.deepStrictEqual(
      infos.map((i) => i.id),
      ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'meta-llama/Meta-Llama-3-8B-Instruct-Lite', 'meta-llama/Llama-3.2-3B-Instruct-Turbo'],
    );
    const [main, lite, threeB] = infos;
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

  it('sets isUserSelectable and a category on every model, and hides the deprecated seeds from the picker', () => {
    const infos = lmModelInfos({ live: LIVE, configuredModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    const selectable = Object.fromEntries(infos.map((i) => [i.id, i.isUserSelectable]));
    assert.deepStrictEqual(selectable, {
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': true,
      'meta-llama/Meta-Llama-3-8B-Instruct-Lite': false,
      'meta-llama/Llama-3.2-3B-Instruct-Turbo': false,
    });
    for (const info of infos) assert.deepStrictEqual(info.category, { label: 'Ask Llama', order: 100 });
    const seedConfigured = lmModelInfos({ live: LIVE, configuredModel: 'meta-llama/Meta-Llama-3-8B-Instruct-Lite', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    assert.strictEqual(seedConfigured.find((i) => i.id === 'meta-llama/Meta-Llama-3-8B-Instruct-Lite')!.isUserSelectable, true, 'the configured seed stays pickable');
  });

  it('flags the model a new user gets as the default: the configured one, else the live Llama the sidebar offers', () => {
    const configured = lmModelInfos({ live: LIVE, configuredModel: 'meta-llama/Meta-Llama-3-8B-Instruct-Lite', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    assert.deepStrictEqual(configured.filter((i) => i.isDefault).map((i) => i.id), ['meta-llama/Meta-Llama-3-8B-Instruct-Lite']);
    const gone = lmModelInfos({ live: LIVE, configuredModel: 'meta-llama/Llama-3.2-3B-Instruct-Turbo', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    assert.deepStrictEqual(gone.filter((i) => i.isDefault).map((i) => i.id), ['meta-llama/Llama-3.3-70B-Instruct-Turbo']);
    assert.strictEqual(gone[0].id, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
  });

  it('declares image input for Llama 4 Scout and Maverick and Llama 3.2 Vision only', () => {
    const live = [
      model('meta-llama/Llama-4-Scout-17B-16E-Instruct', 1000000),
      model('meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8', 1000000),
      model('meta-llama/Llama-3.2-90B-Vision-Instruct-Turbo', 131072),
      model('meta-llama/Llama-3.3-70B-Instruct-Turbo', 128000),
    ];
    const infos = lmModelInfos({ live, configuredModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', settings: { contextWindow: 0, maxTokens: 1024 }, host: 'h' }, t);
    const images = Object.fromEntries(infos.map((i) => [i.id, i.capabilities.imageInput]));
    assert.strictEqual(images['meta-llama/Llama-4-Scout-17B-16E-Instruct'], true);
    assert.strictEqual(images['meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8'], true);
    assert.strictEqual(images['meta-llama/Llama-3.2-90B-Vision-Instruct-Turbo'], true);
    assert.strictEqual(images['meta-llama/Llama-3.3-70B-Instruct-Turbo'], false);
  });
});
