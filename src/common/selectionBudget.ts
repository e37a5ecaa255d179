// Decides, before anything is sent, whether a selection fits the model's context window, and if not, how many of
// its lines do. Estimates come from tokens.ts, which over-counts on purpose, so "fits" here errs on the safe side.
import { messageTokens, planBudget } from './contextBudget';
import { estimateTokens } from './tokens';

/** Room for the question and the fenced-block framing around the code. */
export const QUESTION_RESERVE_TOKENS = 256;

export interface BudgetInput {
  contextLength?: number;
  maxTokens: number;
  systemPrompt: string;
}

/**
 * Tokens left for the selected code: the prompt share of the window as the chat side plans it (contextBudget.ts:
 * default window when unknown, the answer capped at half the window), minus the system prompt and the question.
 */
export function selectionTokenBudget(input: BudgetInput): number {
  const { promptTokens } = planBudget(input.contextLength, input.maxTokens);
  return Math.max(0, promptTokens - messageTokens(input.systemPrompt) - QUESTION_RESERVE_TOKENS);
}

export type SelectionFit =
  | { fits: true }
  /** The first lines that fit: `code` is lines startLine..endLine of the selection. */
  | { fits: false; startLine: number; endLine: number; code: string }
  /** Not even the first line fits. */
  | { fits: false; startLine: number; endLine: undefined; code: '' };

/** `startLine` is the selection's first line number (1-based); the result keeps that numbering. */
export function fitSelection(code: string, startLine: number, budgetTokens: number): SelectionFit {
  if (estimateTokens(code) <= budgetTokens) return { fits: true };
  const lines = code.split('\n');
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    // +1 for the newline that joins it to the next line.
    const cost = estimateTokens(line) + 1;
    if (used + cost > budgetTokens) break;
    used += cost;
    kept++;
  }
  if (kept === 0) return { fits: false, startLine, endLine: undefined, code: '' };
  return { fits: false, startLine, endLine: startLine + kept - 1, code: lines.slice(0, kept).join('\n') };
}
