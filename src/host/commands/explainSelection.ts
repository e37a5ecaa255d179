// askLlama.explainSelection: explains the selected code with a fixed prompt (editor context menu and lightbulb).
import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

export async function explainSelectionCommand({ chat, requests, ui }: CommandDeps): Promise<void> {
  const attachment = await requests.captureSelection();
  if (attachment === null) return;
  if (attachment === undefined) {
    await ui.showInformationMessage(vscode.l10n.t('Select some code first, then run Explain Selection.'), {});
    return;
  }
  await chat.ask(
    vscode.l10n.t('Explain this code: what it does and how it works, step by step. Point out anything surprising or risky.'),
    attachment,
  );
}
