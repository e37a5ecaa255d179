// Offers "Explain Selection" in the lightbulb whenever the user has selected something, unless
// `askLlama.explainInLightbulb` is off. Not a quick fix: it changes nothing in the file, it only opens the chat with
// the selection.
import * as vscode from 'vscode';
import { readSettings } from './config';

export class ExplainCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.Empty.append('askLlama').append('explain');
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [ExplainCodeActionProvider.kind] };

  provideCodeActions(_document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (range.isEmpty || !readSettings().explainInLightbulb) return [];
    const title = vscode.l10n.t('Ask Llama: Explain Selection');
    const action = new vscode.CodeAction(title, ExplainCodeActionProvider.kind);
    action.command = { command: 'askLlama.explainSelection', title };
    return [action];
  }
}
