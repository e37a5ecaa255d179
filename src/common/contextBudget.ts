// How much of a model's context window the prompt may use, and which prior turns fit into it.
// Pure: the chat controller and its tests share it; the token counts come from the conservative estimate in tokens.ts.
import { estimateTokens } from './tokens';

/** Used when the model list does not know the model's window: the smallest window of the models we target. */
export const DEFAULT_CONTEXT_LENGTH = 8192;
/** Headroom for the chat template's role markers and the estimate's error. */
export const RESERVE_TOKENS = 256;
/** Each message costs a few template tokens beyond its text (role header, end-of-turn marker). */
export const PER_MESSAGE_OVERHEAD_TOKENS = 8;
/** An answer may take at most this share of the window, so a question and some history always fit. */
export const MAX_ANSWER_SHARE = 0.5;

export interface Budget {
  contextLength: number;
  /** The `max_tokens` to send: the setting, lowered when the model's window cannot hold it. */
  maxTokens: number;
  /** Tokens the whole prompt (system, history, question) may use. */
  promptTokens: number;
}

export function planBudget(contextLength: number | undefined, requestedMaxTokens: number): Budget {
  const window = contextLength !== undefined && Number.isFinite(contextLength) && contextLength > 0 ? Math.floor(contextLength) : DEFAULT_CONTEXT_LENGTH;
  const answerCap = Math.max(1, Math.floor(window * MAX_ANSWER_SHARE));
  const requested = Number.isFinite(requestedMaxTokens) && requestedMaxTokens >= 1 ? Math.floor(requestedMaxTokens) : answerCap;
  const maxTokens = Math.min(requested, answerCap);
  const promptTokens = Math.max(0, window - maxTokens - RESERVE_TOKENS);
  return { contextLength: window, maxTokens, promptTokens };
}

export function messageTokens(content: string): number {
  return estimateTokens(content) + PER_MESSAGE_OVERHEAD_TOKENS;
}

/** What a whole prompt costs: every message's text and its template overhead. */
export function promptCost(messages: readonly { content: string }[]): number {
  return messages.reduce((sum, message) => sum + messageTokens(message.content), 0);
}

/**
 * True when `messages` fit what the window leaves after the answer. Every surface asks this before sending: a prompt
 * over it would be refused or silently cut by the server (and billed by a paid one), so it is not sent at all.
 */
export function fitsBudget(messages: readonly { content: string }[], budget: Budget): boolean {
  return promptCost(messages) <= budget.promptTokens;
}

export interface FitResult<T> {
  /** The newest turns that fit, oldest first. */
  kept: T[];
  /** How many turns were left out (always the oldest). */
  omitted: number;
}

/**
 * Keeps the newest turns whose cost fits in `available` tokens. A turn is kept whole or not at all, and once one
 * turn does not fit, every older one is dropped too, so the model never sees a conversation with a hole in it.
 */
export function fitNewestTurns<T>(turns: readonly T[], available: number, cost: (turn: T) => number): FitResult<T> {
  let remaining = available;
  let firstKept = turns.length;
  for (let i = turns.length - 1; i >= 0; i--) {
    const c = cost(turns[i]);
    if (c > remaining) break;
    remaining -= c;
    firstKept = i;
  }
  return { kept: turns.slice(firstKept), omitted: firstKept };
}
