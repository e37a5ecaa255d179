// Which models the Ask Llama chat model provider offers VS Code, with the token limits and capabilities VS Code shows.
// Pure (no `vscode` import): the provider feeds it the server's live list, the settings and `vscode.l10n.t`; strings
// are literal `l10n.t(...)` calls so the l10n bundle picks them up (scripts/exportL10n.js).
import type { ModelInfo } from '../../api/types';
import { modelBudget, type BudgetSettings } from '../../common/modelBudget';
import { buildModelChoices, shortModelName, type ModelChoice } from '../../common/modelChoices';
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
 * its chat models. In Select Model's order (the seeds, marked, then the other Llama models).
 */
export function lmModelInfos(inputs: LmModelInputs, t: Translate): LmModelInfo[] {
  const choices = buildModelChoices(inputs.live, inputs.configuredModel);
  const anyLlama = choices.some((choice) => choice.isMetaLlama && choice.listedByServer);
  const offered = anyLlama ? choices.filter((choice) => choice.isMetaLlama || choice.isCurrent) : choices;
  return offered.map((choice) => toInfo(choice, inputs, { t }));
}

function toInfo(choice: ModelChoice, inputs: LmModelInputs, l10n: { t: Translate }): LmModelInfo {
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
    capabilities: { toolCalling: supportsTools(choice.id), imageInput: false },
  };
  if (notes.length > 0) info.detail = notes.join(', ');
  return info;
}

/** "Llama-3.3-70B-Instruct-Turbo" → "llama-3.3": what `selectChatModels({family})` can match on. */
function familyOf(name: string): string {
  const match = /^(.*?llama[-_ ]?\d+(?:\.\d+)?)/i.exec(name);
  return (match ? match[1] : name).toLowerCase();
}
