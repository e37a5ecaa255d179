// askLlama.ask: a question typed in an input box, with the editor's selection attached when there is one.
import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

export async function askCommand({ chat, requests, ui }: CommandDeps): Promise<void> {
  // The chat page loads while the question is typed (seconds in a fresh window), not after Enter.
  chat.openViewInBackground();
  // The selection is checked first, so a refused (binary) or too-large selection is settled before the user types.
  const attachment = await requests.captureSelection();
  if (attachment === null) return;
  const question = await ui.showInputBox({
    title: vscode.l10n.t('Ask Llama'),
    prompt: attachment
      ? vscode.l10n.t('Ask about {0}, lines {1}–{2}', attachment.fileName, attachment.startLine, attachment.endLine)
      : vscode.l10n.t('Ask a question (select code first to ask about it)'),
    placeHolder: vscode.l10n.t('e.g. Why does this loop never end?'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type a question, or press Escape to cancel.')),
  });
  const trimmed = question?.trim();
  if (!trimmed) return;
  await chat.ask(trimmed, attachment);
}
