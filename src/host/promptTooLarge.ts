// The sentence for a prompt that does not fit the model's context window and so is not sent. One home: the sidebar
// (chat/answerTurn.ts) and @llama (lm/llamaParticipant.ts) refuse the same prompt in the same words.
import * as vscode from 'vscode';
import { promptCost, type Budget } from '../common/contextBudget';

export function promptTooLargeMessage(messages: readonly { content: string }[], budget: Budget): string {
  return vscode.l10n.t(
    "Not sent: this question and its code need about {0} tokens, more than the {1} the model's context window ({2} tokens) leaves after the answer. Send less code or a shorter question, or set askLlama.contextWindow if the model takes more.",
    promptCost(messages),
    budget.promptTokens,
    budget.contextLength,
  );
}
