import * as assert from 'assert';
import {
  buildModelChoices,
  BUILT_IN_MODELS,
  DEFAULT_MODEL,
  findModel,
  formatContextLength,
  isChatModel,
  isSeedModel,
  pickLiveLlama,
  SEED_MODEL_IDS,
  shortModelName,
  type ModelEntry,
} from '../../../src/common/modelChoices';

const live: ModelEntry[] = [
  { id: 'gpt-4o', aliases: [], developer: 'Open AI', contextLength: 128000, type: 'openai/chat-completions' },
  { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', aliases: ['llama-3.3-70b'], developer: 'Meta', contextLength: 128000, type: 'openai/chat-completions' },
  { id: 'flux/dev', aliases: [], type: 'openai/images-generation' },
  { id: 'meta/muse-glimmer-30b', aliases: [], developer: 'Meta', contextLength: 131072, type: 'openai/chat-completions' },
  { id: 'anthropic/claude', aliases: [], contextLength: 200000 },
];

describe('modelChoices', () => {
  it('keeps chat models only (typed chat-completions or untyped)', () => {
    const ids = buildModelChoices(live, 'gpt-4o').map((c) => c.id);
    assert.ok(!ids.includes('flux/dev'));
    assert.ok(ids.includes('anthropic/claude'));
    assert.ok(isChatModel({ id: 'x', aliases: [] }));
    assert.ok(!isChatModel({ id: 'x', aliases: [], type: 'openai/embeddings' }));
  });

  it('puts the two seeds first, in their order, then the other Meta Llama models, then the rest', () => {
    const choices = buildModelChoices(live, 'gpt-4o');
    assert.deepStrictEqual(choices.slice(0, 2).map((c) => c.id), [...SEED_MODEL_IDS]);
    const rest = choices.slice(2);
    const firstOther = rest.findIndex((c) => !c.isMetaLlama);
    assert.ok(firstOther > 0);
    assert.ok(rest.slice(0, firstOther).every((c) => c.isMetaLlama && !c.isSeed));
    assert.ok(rest.slice(firstOther).every((c) => !c.isMetaLlama));
  });

  it('defaults to a model the provider serves today, not a deprecated seed', () => {
    assert.strictEqual(DEFAULT_MODEL, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.ok(!isSeedModel(DEFAULT_MODEL));
    assert.ok(findModel(BUILT_IN_MODELS, DEFAULT_MODEL), 'the built-in list knows its context window');
    assert.strictEqual(pickLiveLlama(live)?.id, DEFAULT_MODEL);
  });

  it('always offers the seeds, marking them not listed when the live list lacks them', () => {
    const choices = buildModelChoices(live, 'gpt-4o');
    for (const seed of SEED_MODEL_IDS) {
      const row = choices.find((c) => c.id === seed);
      assert.ok(row, seed);
      assert.strictEqual(row.isSeed, true);
      assert.strictEqual(row.listedByServer, false);
      assert.ok(row.contextLength, 'seed context length comes from the built-in list');
    }
  });

  it('keeps a seed that the server lists once, as listed', () => {
    const withSeed = [...live, { id: 'meta-llama/Meta-Llama-3-8B-Instruct-Lite', aliases: [], contextLength: 9000 }];
    const rows = buildModelChoices(withSeed, 'gpt-4o').filter((c) => c.id === 'meta-llama/Meta-Llama-3-8B-Instruct-Lite');
    assert.strictEqual(rows.length, 1);
    assert.strictEqual(rows[0].listedByServer, true);
  });

  it('marks the current model, found by alias too, and keeps an unknown current model in the list', () => {
    const byAlias = buildModelChoices(live, 'llama-3.3-70b');
    assert.deepStrictEqual(byAlias.filter((c) => c.isCurrent).map((c) => c.id), ['meta-llama/Llama-3.3-70B-Instruct-Turbo']);
    const custom = buildModelChoices(live, 'my/finetune');
    const row = custom.find((c) => c.id === 'my/finetune');
    assert.ok(row?.isCurrent);
    assert.strictEqual(row?.listedByServer, false);
  });

  it('offline, offers the built-in list with context lengths', () => {
    const choices = buildModelChoices(undefined, 'meta-llama/Llama-3.2-3B-Instruct-Turbo');
    assert.deepStrictEqual(choices.map((c) => c.id).sort(), BUILT_IN_MODELS.map((m) => m.id).sort());
    assert.strictEqual(choices.find((c) => c.id === 'meta-llama/llama-3.3-70b-versatile')?.contextLength, 131000);
    assert.ok(choices.every((c) => c.listedByServer));
  });

  it('finds models by id or alias, case-insensitively', () => {
    assert.strictEqual(findModel(live, 'LLAMA-3.3-70B')?.id, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.strictEqual(findModel(live, 'meta-llama/llama-3.3-70b-instruct-turbo')?.id, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.strictEqual(findModel(live, 'nope'), undefined);
  });

  it('offers Llama-3.3-70B-Instruct-Turbo as the replacement when listed, else the largest live Llama', () => {
    assert.strictEqual(pickLiveLlama(live)?.id, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    const without = live.filter((m) => !m.id.includes('3.3-70B'));
    assert.strictEqual(pickLiveLlama(without)?.id, 'meta/muse-glimmer-30b');
    assert.strictEqual(pickLiveLlama([{ id: 'gpt-4o', aliases: [] }]), undefined);
  });

  it('shortens ids and context sizes for display', () => {
    assert.strictEqual(shortModelName('meta-llama/Llama-3.2-3B-Instruct-Turbo'), 'Llama-3.2-3B-Instruct-Turbo');
    assert.strictEqual(shortModelName('llama3.2:latest'), 'llama3.2:latest');
    // A hand-edited setting: spaces and a trailing slash do not leave the status bar or the page with an empty name.
    assert.strictEqual(shortModelName(' meta-llama/Llama-3.3-70B-Instruct-Turbo/ '), 'Llama-3.3-70B-Instruct-Turbo');
    assert.strictEqual(shortModelName('org/team/model'), 'model');
    assert.strictEqual(shortModelName('/'), '/');
    assert.strictEqual(formatContextLength(131000), '131K');
    assert.strictEqual(formatContextLength(1048576), '1M');
    assert.strictEqual(formatContextLength(512), '512');
  });
});
