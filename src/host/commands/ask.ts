// askLlama.ask: a question typed in an input box, with the editor's selection attached when there is one.
import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

export async function askCommand({ chat, requests, ui }: CommandDeps): Promise<void> {
  // The chat page loads while the question is typed (seconds in a fresh window), not after Enter.
  chat.openViewInBackground();
  // The selection is checked first, so a refused (binary) or too-large selection is settled before the user types.
  const selection = await requests.captureSelection();
  if (selection === null) return;
  // No selection: the active file comes along (as much as fits), and the prompt says which part before sending.
  const attachment = selection ?? (await requests.captureCurrentFile());
  const question = await ui.showInputBox({
    title: vscode.l10n.t('Ask Llama'),
    prompt: !attachment
      ? vscode.l10n.t('Ask a question (select code first to ask about it)')
      : selection
        ? vscode.l10n.t('Ask about {0}, lines {1}–{2}', attachment.fileName, attachment.startLine, attachment.endLine)
        : attachment.truncatedTo
          ? vscode.l10n.t('Ask about {0} (lines 1–{1} of {2}: the rest does not fit the model’s context)', attachment.fileName, attachment.truncatedTo.endLine, attachment.endLine)
          : vscode.l10n.t('Ask about {0} (the whole file, {1} lines)', attachment.fileName, attachment.endLine),
    placeHolder: vscode.l10n.t('e.g. Why does this loop never end?'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type a question, or press Escape to cancel.')),
  });
  const trimmed = question?.trim();
  if (!trimmed) return;
  await chat.ask(trimmed, attachment);
}
