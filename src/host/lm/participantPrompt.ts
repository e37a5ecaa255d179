// The messages the @llama chat participant sends: the system prompt, the earlier turns with @llama that still fit,
// then the slash command's instruction, the user's words and the code (the editor's selection first, then the
// request's #file references), each kept whole, shortened or left out so the whole fits the context budget.
// Pure (no `vscode` import), so it is unit tested directly.
import type { Attachment } from '../../common/chatTypes';
import { fitNewestTurns, fitsBudget, messageTokens, planBudget, type Budget } from '../../common/contextBudget';
import { formatAttachment, type PromptMessage } from '../../common/prompt';
import { fitSelection } from '../../common/selectionBudget';
import { estimateTokens } from '../../common/tokens';

export const PARTICIPANT_COMMANDS = ['explain', 'fix', 'tests', 'doc'] as const;
export type ParticipantCommand = (typeof PARTICIPANT_COMMANDS)[number];

/** What each slash command asks of the model, in English like the rest of the prompt. */
const INSTRUCTIONS: Record<ParticipantCommand, string> = {
  explain: 'Explain what this code does and how, step by step, and point out anything surprising or risky.',
  fix: 'Find the bugs in this code. Show the corrected code in a fenced block, then one short line per fix.',
  tests: 'Write unit tests for this code with the test framework its project or language most likely uses, in a fenced block.',
  doc: "Add documentation comments to this code in its language's usual style. Show the documented code in a fenced block.",
};

/** Room for the framing line and fence around each piece of code. */
const FRAMING_TOKENS = 32;

export interface ParticipantTurn {
  question: string;
  answer: string;
}

export interface ParticipantPromptInput {
  command: string | undefined;
  prompt: string;
  /** In priority order: the selection first, then the references in the order the user gave them. */
  code: readonly Attachment[];
  history: readonly ParticipantTurn[];
  systemPrompt: string;
  contextLength?: number;
  maxTokens: number;
}

export interface ParticipantPrompt {
  messages: PromptMessage[];
  budget: Budget;
  /** The code sent, some of it possibly shortened (`truncatedTo`). */
  included: Attachment[];
  /** Names of the code left out because nothing of it fit. */
  omitted: string[];
  /** False when the system prompt and the question alone exceed the budget: not sent (as in the sidebar). */
  fits: boolean;
}

export function isParticipantCommand(command: string | undefined): command is ParticipantCommand {
  return (PARTICIPANT_COMMANDS as readonly string[]).includes(command ?? '');
}

export function questionText(command: string | undefined, prompt: string): string {
  const instruction = isParticipantCommand(command) ? INSTRUCTIONS[command] : '';
  return [instruction, prompt.trim()].filter((part) => part !== '').join('\n\n');
}

export function buildParticipantPrompt(input: ParticipantPromptInput): ParticipantPrompt {
  const budget = planBudget(input.contextLength, input.maxTokens);
  const system: PromptMessage | undefined = input.systemPrompt.trim() ? { role: 'system', content: input.systemPrompt } : undefined;
  const question = questionText(input.command, input.prompt);
  let available = budget.promptTokens - (system ? messageTokens(system.content) : 0) - messageTokens(question);

  const included: Attachment[] = [];
  const omitted: string[] = [];
  let shortenedOne = false;
  for (const attachment of input.code) {
    // After one piece was cut short, the scraps left would only hold a few lines of the next: leave the rest out.
    if (shortenedOne) {
      omitted.push(attachment.fileName);
      continue;
    }
    const cost = estimateTokens(formatAttachment(attachment)) + FRAMING_TOKENS;
    if (cost <= available) {
      included.push(attachment);
      available -= cost;
      continue;
    }
    const fit = fitSelection(attachment.code, attachment.startLine, available - FRAMING_TOKENS - estimateTokens(attachment.fileName));
    if (fit.fits || fit.endLine === undefined) {
      omitted.push(attachment.fileName);
      continue;
    }
    const shortened: Attachment = { ...attachment, code: fit.code, truncatedTo: { startLine: fit.startLine, endLine: fit.endLine } };
    included.push(shortened);
    shortenedOne = true;
    available -= estimateTokens(formatAttachment(shortened)) + FRAMING_TOKENS;
  }

  const content = [question, ...included.map(formatAttachment)].join('\n\n');
  const turns = input.history.filter((turn) => turn.answer.trim() !== '');
  const { kept } = fitNewestTurns(turns, Math.max(0, available), (turn) => messageTokens(turn.question) + messageTokens(turn.answer));
  const messages: PromptMessage[] = [];
  if (system) messages.push(system);
  for (const turn of kept) messages.push({ role: 'user', content: turn.question }, { role: 'assistant', content: turn.answer });
  messages.push({ role: 'user', content });
  return { messages, budget, included, omitted, fits: fitsBudget(messages, budget) };
}
