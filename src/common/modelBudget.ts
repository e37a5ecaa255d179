// The one place a model's context window and token budget come from: the settings (askLlama.contextWindow, maxTokens)
// and the server's list. Every surface (sidebar and palette, Edit Selection, Fix with Llama, @llama, the chat model
// provider's limits) gets its figures from here, so none can forget the user's window. Pure.
import { planBudget, type Budget } from './contextBudget';
import { BUILT_IN_MODELS, findModel, type ModelEntry } from './modelChoices';

/** The settings the window depends on; `contextWindow` is askLlama.contextWindow (0: from the list). */
export interface WindowSettings {
  contextWindow: number;
}

/** The settings the budget depends on: the window's, plus askLlama.maxTokens (the answer cap). */
export interface BudgetSettings extends WindowSettings {
  maxTokens: number;
}

/**
 * The window to budget against: the user's `askLlama.contextWindow` when set (above 0), then the live list's figure,
 * then the built-in one, else unknown (the budget then assumes DEFAULT_CONTEXT_LENGTH). The settings are required, not
 * an optional override, so a caller cannot leave the user's window out by accident.
 */
export function modelContextWindow(model: string, live: readonly ModelEntry[] | undefined, settings: WindowSettings): number | undefined {
  const override = settings.contextWindow;
  if (Number.isFinite(override) && override > 0) return Math.floor(override);
  return (live && findModel(live, model)?.contextLength) ?? findModel(BUILT_IN_MODELS, model)?.contextLength;
}

/** The model's budget: window, the `max_tokens` to send and what the prompt may use. */
export function modelBudget(model: string, live: readonly ModelEntry[] | undefined, settings: BudgetSettings): Budget {
  return planBudget(modelContextWindow(model, live, settings), settings.maxTokens);
}
