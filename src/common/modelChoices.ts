// Which models to offer and in what order. Pure: the host feeds it the server's live list (or nothing, offline).
import type { ModelInfo } from '../api/types';

/** A model as the request module's listModels() reports it, so its list can be passed in as is. */
export type ModelEntry = ModelInfo;

/**
 * The models this product was asked for. The provider lists both as deprecated, so they are offered first in the
 * picker with their live status, but the default (`DEFAULT_MODEL`) is one the provider serves today.
 */
export const SEED_MODEL_IDS: readonly string[] = [
  'meta-llama/Meta-Llama-3-8B-Instruct-Lite',
  'meta-llama/Llama-3.2-3B-Instruct-Turbo',
];

/** Used when the server's list cannot be fetched; context lengths from the provider's model docs. */
export const BUILT_IN_MODELS: readonly ModelEntry[] = [
  { id: 'meta-llama/Meta-Llama-3-8B-Instruct-Lite', aliases: [], developer: 'Meta', contextLength: 9000, type: 'chat-completions' },
  { id: 'meta-llama/Llama-3.2-3B-Instruct-Turbo', aliases: [], developer: 'Meta', contextLength: 131000, type: 'chat-completions' },
  { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', aliases: [], developer: 'Meta', contextLength: 128000, type: 'chat-completions' },
  { id: 'meta-llama/llama-3.3-70b-versatile', aliases: [], developer: 'Meta', contextLength: 131000, type: 'chat-completions' },
];

/** The `askLlama.model` default (package.json says the same): the provider's main live Llama model. */
export const DEFAULT_MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

/** Offered first when the configured model is missing. */
const PREFERRED_LIVE_LLAMA = DEFAULT_MODEL;

export interface ModelChoice {
  id: string;
  contextLength?: number;
  isMetaLlama: boolean;
  isSeed: boolean;
  isCurrent: boolean;
  /** False when the live list was available and did not contain it (only seeds and the current model can be). */
  listedByServer: boolean;
}

/** Chat models only: the AI/ML API types them "openai/chat-completions"; other servers give no type at all. */
export function isChatModel(model: ModelEntry): boolean {
  return model.type === undefined || model.type === '' || /chat-completions$/.test(model.type);
}

export function isMetaLlama(model: ModelEntry): boolean {
  const id = model.id.toLowerCase();
  return id.startsWith('meta-llama/') || id.startsWith('meta/') || id.includes('llama') || /^meta\b/i.test(model.developer ?? '');
}

export function isSeedModel(id: string): boolean {
  return SEED_MODEL_IDS.some((seed) => seed.toLowerCase() === id.toLowerCase());
}

/** Finds a model by id or alias; ids are compared case-insensitively because servers differ in case. */
export function findModel(models: readonly ModelEntry[], idOrAlias: string): ModelEntry | undefined {
  const wanted = idOrAlias.toLowerCase();
  return models.find((m) => m.id.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted));
}

/**
 * The quick pick's rows: chat models only, the two seeds first (present even when the server no longer lists them,
 * `listedByServer` tells), then the other Meta Llama models, then the rest by id; the current model is always present.
 * `live` undefined means offline: the built-in list.
 */
export function buildModelChoices(live: readonly ModelEntry[] | undefined, currentModel: string): ModelChoice[] {
  const source = live ?? BUILT_IN_MODELS;
  const byId = new Map<string, ModelChoice>();
  const add = (entry: ModelEntry, listedByServer: boolean): void => {
    const key = entry.id.toLowerCase();
    if (byId.has(key)) return;
    byId.set(key, {
      id: entry.id,
      contextLength: entry.contextLength ?? findModel(BUILT_IN_MODELS, entry.id)?.contextLength,
      isMetaLlama: isMetaLlama(entry),
      isSeed: isSeedModel(entry.id),
      isCurrent: false,
      listedByServer,
    });
  };
  for (const entry of source) if (isChatModel(entry)) add(entry, true);
  for (const seed of SEED_MODEL_IDS) {
    if (!findModel(source, seed)) add(findModel(BUILT_IN_MODELS, seed) ?? { id: seed, aliases: [] }, live === undefined);
  }
  const current = findModel(source, currentModel);
  const currentKey = (current?.id ?? currentModel).toLowerCase();
  if (currentModel && !byId.has(currentKey)) add({ id: currentModel, aliases: [] }, live === undefined);
  const choices = [...byId.values()];
  for (const choice of choices) choice.isCurrent = choice.id.toLowerCase() === currentKey;
  return choices.sort(compareChoices);
}

function compareChoices(a: ModelChoice, b: ModelChoice): number {
  // The seeds first, in their order: the product was asked for them, and their row says whether they are served.
  if (a.isSeed !== b.isSeed) return a.isSeed ? -1 : 1;
  if (a.isSeed) return seedIndex(a.id) - seedIndex(b.id);
  if (a.isMetaLlama !== b.isMetaLlama) return a.isMetaLlama ? -1 : 1;
  return a.id.localeCompare(b.id);
}

function seedIndex(id: string): number {
  return SEED_MODEL_IDS.findIndex((seed) => seed.toLowerCase() === id.toLowerCase());
}

/** A live Meta Llama chat model to switch to when the configured one is gone; undefined when there is none. */
export function pickLiveLlama(live: readonly ModelEntry[]): ModelEntry | undefined {
  const chatModels = live.filter(isChatModel);
  const preferred = findModel(chatModels, PREFERRED_LIVE_LLAMA);
  if (preferred) return preferred;
  const llamas = chatModels.filter((m) => isMetaLlama(m) && !isSeedModel(m.id));
  llamas.sort((a, b) => (b.contextLength ?? 0) - (a.contextLength ?? 0) || a.id.localeCompare(b.id));
  return llamas[0];
}

/**
 * "meta-llama/Llama-3.3-70B-Instruct-Turbo" → "Llama-3.3-70B-Instruct-Turbo": the id without its vendor prefix, which
 * the status bar and the narrow chat page cannot afford. Both show this same name. A trailing slash or spaces (a
 * hand-edited setting) are ignored; an id that is nothing but slashes is shown as it is.
 */
export function shortModelName(model: string): string {
  const trimmed = model.trim().replace(/\/+$/, '');
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return name || model.trim();
}

/** "131000" → "131K", "1048576" → "1M": compact context sizes for a list row. */
export function formatContextLength(tokens: number): string {
  if (tokens >= 1_000_000) return `${trimZero((tokens / 1_000_000).toFixed(1))}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

function trimZero(value: string): string {
  return value.endsWith('.0') ? value.slice(0, -2) : value;
}
