// Which models the Ask Llama chat model provider offers VS Code, with the token limits and capabilities VS Code shows.
// Pure (no `vscode` import): the provider feeds it the server's live list, the settings and `vscode.l10n.t`; strings
// are literal `l10n.t(...)` calls so the l10n bundle picks them up (scripts/exportL10n.js).
import type { ModelInfo } from '../../api/types';
import { modelBudget, type BudgetSettings } from '../../common/modelBudget';
import { buildModelChoices, findModel, pickLiveLlama, shortModelName, type ModelChoice } from '../../common/modelChoices';
import type { Translate } from '../../common/errorTable';

/** The shape of vscode.LanguageModelChatInformation, kept plain so it can be unit tested. */
export interface LmModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  tooltip: string;
  detail?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { toolCalling: boolean; imageInput: boolean };
  /**
   * Shown in VS Code's model picker. Set on every model, true or false: since VS Code 1.120 the picker left out models
   * that did not say (microsoft/vscode#316469). False for the deprecated seed models (unless configured): VS Code sorts
   * the picker by name and preselects the first, which was the deprecated Llama-3.2-3B. They stay in `vscode.lm`.
   */
  isUserSelectable: boolean;
  /** The picker's group for Ask Llama's models (VS Code reads it where it groups; others ignore it). */
  category: { label: string; order: number };
  /** The model a new user gets: the sidebar's model when served. Read by VS Code where the chatProvider API allows. */
  isDefault?: true;
}

/** Where Ask Llama's group goes among the picker's groups (lower is higher up); after the built-in ones. */
const CATEGORY_ORDER = 100;

/** Models that take images (`image_url` parts): Llama 4 Scout and Maverick, Llama 3.2 11B/90B Vision. */
const VISION_MODELS = /llama-4-(scout|maverick)|llama-3\.2-\d+b-vision/i;

export function supportsImages(modelId: string): boolean {
  return VISION_MODELS.test(modelId);
}

/**
 * Models known not to accept `tools`. VS Code's Chat view only offers models that declare tool calling, so these stay
 * out of its picker but remain usable through `vscode.lm` and the sidebar. (AI/ML API docs: `tools` on the 3B seed
 * only, not on 8B-Lite.) A server's list says nothing about tools, so every other model is declared tool-capable; a
 * server that then rejects the tools answers with its own error.
 */
const MODELS_WITHOUT_TOOLS: readonly string[] = ['meta-llama/Meta-Llama-3-8B-Instruct-Lite'];

export interface LmModelInputs {
  /** The server's live list; undefined when it could not be fetched (the built-in list is used). */
  live: readonly ModelInfo[] | undefined;
  configuredModel: string;
  /** askLlama.contextWindow and maxTokens: the limits are the ones every other surface budgets with. */
  settings: BudgetSettings;
  host: string;
}

export function supportsTools(modelId: string): boolean {
  return !MODELS_WITHOUT_TOOLS.some((id) => id.toLowerCase() === modelId.toLowerCase());
}

/**
 * The sidebar's Select Model rows, narrowed to Meta Llama models (plus the configured model) so VS Code's picker is not
 * flooded with a gateway's hundreds of models; a server that lists no Llama at all (a local Qwen, say) offers all of
 * its chat models. The default model first (callers of `selectChatModels` that take the first get it), then Select
 * Model's order (the seeds, marked, then the other Llama models).
 */
export function lmModelInfos(inputs: LmModelInputs, t: Translate): LmModelInfo[] {
  const choices = buildModelChoices(inputs.live, inputs.configuredModel);
  const anyLlama = choices.some((choice) => choice.isMetaLlama && choice.listedByServer);
  const offered = anyLlama ? choices.filter((choice) => choice.isMetaLlama || choice.isCurrent) : choices;
  const defaultId = defaultModelId(inputs)?.toLowerCase();
  const infos = offered.map((choice) => toInfo(choice, inputs, { t }, choice.id.toLowerCase() === defaultId));
  return [...infos.filter((info) => info.isDefault), ...infos.filter((info) => !info.isDefault)];
}

/**
 * What the sidebar would send to: the configured model when the server lists it (or no list is known), else the live
 * Llama model its "model not listed" prompt offers (requestContextImpl.ts).
 */
function defaultModelId(inputs: LmModelInputs): string | undefined {
  if (!inputs.live || inputs.live.length === 0) return inputs.configuredModel;
  const listed = findModel(inputs.live, inputs.configuredModel);
  return listed ? listed.id : pickLiveLlama(inputs.live)?.id;
}

function toInfo(choice: ModelChoice, inputs: LmModelInputs, l10n: { t: Translate }, isDefault: boolean): LmModelInfo {
  const budget = modelBudget(choice.id, inputs.live, inputs.settings);
  const notes: string[] = [];
  if (choice.isSeed) notes.push(l10n.t('deprecated by the provider'));
  if (!choice.listedByServer) notes.push(l10n.t('not served by {0}', inputs.host));
  if (choice.isCurrent) notes.push(l10n.t('Ask Llama setting'));
  const name = shortModelName(choice.id);
  const info: LmModelInfo = {
    id: choice.id,
    name,
    family: familyOf(name),
    version: choice.id,
    tooltip: l10n.t('{0} on {1}, {2} tokens of context', choice.id, inputs.host, budget.contextLength),
    maxInputTokens: budget.promptTokens,
    maxOutputTokens: budget.maxTokens,
    capabilities: { toolCalling: supportsTools(choice.id), imageInput: supportsImages(choice.id) },
    isUserSelectable: !choice.isSeed || choice.isCurrent,
    category: { label: 'Ask Llama', order: CATEGORY_ORDER },
  };
  if (isDefault) info.isDefault = true;
  if (notes.length > 0) info.detail = notes.join(', ');
  return info;
}

/** "Llama-3.3-70B-Instruct-Turbo" → "llama-3.3": what `selectChatModels({family})` can match on. */
function familyOf(name: string): string {
  const match = /^(.*?llama[-_ ]?\d+(?:\.\d+)?)/i.exec(name);
  return (match ? match[1] : name).toLowerCase();
}
