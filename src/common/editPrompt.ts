// The messages for Edit Selection: the user's instruction and the selected code, asking for the rewritten code only.
// Pure, so the wording and the budget check are unit-tested; the host sends it through the one request module.
import { fitsBudget, planBudget, type Budget } from './contextBudget';
import { fencedBlock, type PromptMessage } from './prompt';

export interface EditPromptInput {
  systemPrompt: string;
  instruction: string;
  /** The selected code, with LF line endings. */
  code: string;
  languageId: string;
  fileName: string;
  startLine: number;
  endLine: number;
  contextLength?: number;
  maxTokens: number;
}

export interface EditPrompt {
  messages: PromptMessage[];
  budget: Budget;
  /** False when the instruction and the code do not fit the model's context window next to the answer. */
  fits: boolean;
}

/** Appended to the system prompt: the reply replaces the selection verbatim, so it must be code only. */
export const EDIT_RULES =
  'You rewrite code. Reply with the complete rewritten code only, in one fenced code block, and nothing else: ' +
  'no explanation before or after it. Keep the indentation, style and anything the instruction does not ask to change. ' +
  // codeFence.ts cannot tell a nested block opened by a bare ``` from the end of the rewrite; a longer fence can.
  'If the code itself contains lines of backticks, make the fence around it longer than any of them.';

export function buildEditPrompt(input: EditPromptInput): EditPrompt {
  const budget = planBudget(input.contextLength, input.maxTokens);
  const system = input.systemPrompt.trim() ? `${input.systemPrompt.trim()}\n\n${EDIT_RULES}` : EDIT_RULES;
  const lines = input.startLine === input.endLine ? `line ${input.startLine}` : `lines ${input.startLine}-${input.endLine}`;
  const user =
    `Instruction: ${input.instruction}\n\n` +
    `Rewrite this code from ${input.fileName} (language: ${input.languageId}), ${lines}:\n` +
    fencedBlock(input.code, input.languageId);
  const messages: PromptMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
  return { messages, budget, fits: fitsBudget(messages, budget) };
}
