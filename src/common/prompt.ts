// Builds the messages sent to the model for one answer: the system prompt, as many prior turns as the context budget
// allows (oldest dropped first), then the question with its attached code. Pure, so it is unit-tested directly.
import type { Attachment, ChatMessage } from './chatTypes';
import { fitNewestTurns, fitsBudget, messageTokens, planBudget, type Budget } from './contextBudget';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * A backtick fence longer than any backtick run inside the code, so code that itself contains Markdown fences
 * (a README, a template literal with ```) cannot close the block early.
 */
export function chooseFence(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A fence info string must not contain backticks or whitespace; VS Code language ids never need more than this. */
export function fenceLanguage(languageId: string): string {
  return /^[A-Za-z0-9_+#.-]{1,40}$/.test(languageId) ? languageId : '';
}

export function fencedBlock(code: string, languageId = ''): string {
  const fence = chooseFence(code);
  const body = code.endsWith('\n') ? code : code + '\n';
  return `${fence}${fenceLanguage(languageId)}\n${body}${fence}`;
}

export function describeAttachment(attachment: Attachment): string {
  const shown = attachment.truncatedTo ?? { startLine: attachment.startLine, endLine: attachment.endLine };
  const lines = shown.startLine === shown.endLine ? `line ${shown.startLine}` : `lines ${shown.startLine}-${shown.endLine}`;
  const truncation = attachment.truncatedTo
    ? ` (only part of the selected lines ${attachment.startLine}-${attachment.endLine}, shortened to fit)`
    : '';
  return `File: ${attachment.fileName} (language: ${attachment.languageId}), ${lines}${truncation}`;
}

export function formatAttachment(attachment: Attachment): string {
  return `${describeAttachment(attachment)}\n${fencedBlock(attachment.code, attachment.languageId)}`;
}

/** What a user message says to the model: the question, then the code it is about. */
export function userContent(text: string, attachment?: Attachment, files: readonly Attachment[] = []): string {
  return [text, ...(attachment ? [attachment] : []), ...files].map((part) => (typeof part === 'string' ? part : formatAttachment(part))).join('\n\n');
}

interface Turn {
  user: PromptMessage;
  assistant: PromptMessage;
}

/**
 * Pairs prior messages into question/answer turns. A question whose answer has no text (failed before the first
 * token) is left out: the model gains nothing from it and two user messages in a row confuse some chat templates.
 */
export function priorTurns(history: readonly ChatMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (let i = 0; i < history.length; i++) {
    const question = history[i];
    if (question.role !== 'user') continue;
    const answer = history[i + 1];
    if (!answer || answer.role !== 'assistant' || answer.text.trim() === '') continue;
    turns.push({
      user: { role: 'user', content: userContent(question.text, question.attachment, question.files) },
      assistant: { role: 'assistant', content: answer.text },
    });
    i++;
  }
  return turns;
}

export interface PromptInput {
  systemPrompt: string;
  /** The open chat's messages before the question being asked now. */
  history: readonly ChatMessage[];
  question: string;
  attachment?: Attachment;
  /** Files attached in the chat, already fitted to the budget (fileAttachments.ts). */
  files?: readonly Attachment[];
  contextLength?: number;
  maxTokens: number;
}

export interface BuiltPrompt {
  messages: PromptMessage[];
  budget: Budget;
  /** Prior messages (questions and answers) left out to fit the context window. */
  omittedMessages: number;
  /** False when even the system prompt and the question alone exceed the budget (the server will likely refuse). */
  fits: boolean;
}

export function buildPrompt(input: PromptInput): BuiltPrompt {
  const budget = planBudget(input.contextLength, input.maxTokens);
  const system: PromptMessage | undefined = input.systemPrompt.trim() ? { role: 'system', content: input.systemPrompt } : undefined;
  const question: PromptMessage = { role: 'user', content: userContent(input.question, input.attachment, input.files) };
  const fixedCost = (system ? messageTokens(system.content) : 0) + messageTokens(question.content);
  const available = budget.promptTokens - fixedCost;
  const turns = priorTurns(input.history);
  const { kept, omitted } = fitNewestTurns(turns, Math.max(0, available), (t) => messageTokens(t.user.content) + messageTokens(t.assistant.content));
  const messages: PromptMessage[] = [];
  if (system) messages.push(system);
  for (const turn of kept) messages.push(turn.user, turn.assistant);
  messages.push(question);
  return { messages, budget, omittedMessages: omitted * 2, fits: fitsBudget(messages, budget) };
}

