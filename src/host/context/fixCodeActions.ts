// "Fix with Llama" in the lightbulb on errors and warnings (a quick fix): asks the chat about the problems on those
// lines, sending their messages and codes with the code around them. The answer's code block then applies to exactly
// the lines that were sent.
import * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import { fixRequest, isFixable } from './problemAttachment';

export const FIX_COMMAND = 'askLlama.fixWithLlama';

export class FixWithLlamaProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter(isFixable);
    if (diagnostics.length === 0) return [];
    const title = vscode.l10n.t('Fix with Llama');
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics;
    action.command = { command: FIX_COMMAND, title, arguments: [document.uri, diagnostics] };
    return [action];
  }
}

/** The command behind the quick fix; also usable from the palette on the problems at the cursor. */
export function registerFixWithLlama(ask: (question: string, attachment: Attachment) => Promise<void>): vscode.Disposable[] {
  return [
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new FixWithLlamaProvider(), FixWithLlamaProvider.metadata),
    vscode.commands.registerCommand(FIX_COMMAND, async (uri?: vscode.Uri, diagnostics?: vscode.Diagnostic[]) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!document) return;
      const problems =
        diagnostics ?? vscode.languages.getDiagnostics(document.uri).filter((d) => editor && d.range.contains(editor.selection.active));
      const request = fixRequest(document, problems);
      if (!request) {
        void vscode.window.showInformationMessage(vscode.l10n.t('There is no error or warning here to fix.'));
        return;
      }
      await ask(request.question, request.attachment);
    }),
  ];
}
