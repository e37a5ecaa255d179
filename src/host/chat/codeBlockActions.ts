// What the buttons on a code block in an answer do: Copy, Insert at Cursor, Open in New Editor, Apply to Selection.
// Apply never edits silently: it shows a diff of the whole file with the proposed change, asks, and applies only to
// the exact range that was selected, refusing if the document changed meanwhile (users of other chat extensions report
// edits applied at the wrong place, e.g. Continue issues #4478 and #7424).
import * as vscode from 'vscode';
import type { CodeBlockAction } from '../../common/protocol';
import { languageIdForFence } from './languageIds';

export const PROPOSAL_SCHEME = 'ask-llama-proposal';

export type ApplyOutcome = 'applied' | 'declined' | 'documentChanged' | 'noSelection' | 'failed';

export interface CodeBlockActionsOptions {
  /** Asks the user to accept the diff; the default is a modal dialog. Tests replace it. */
  confirmApply?: (question: string) => Thenable<boolean>;
}

/** Serves the right-hand side of the Apply diff: the file as it would be after the change. */
class ProposalDocuments implements vscode.TextDocumentContentProvider {
  private static instances = 0;
  private readonly instance = `${process.pid}-${++ProposalDocuments.instances}`;
  private readonly contents = new Map<string, string>();
  private counter = 0;

  add(fileName: string, content: string): vscode.Uri {
    const key = `${this.instance}-${++this.counter}`;
    this.contents.set(key, content);
    // Keep only the last few proposals: an old diff tab that is still open re-reads its content.
    for (const old of [...this.contents.keys()].slice(0, -10)) this.contents.delete(old);
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${fileName}`, query: key });
  }

  provideTextDocumentContent(uri: vscode.Uri): string | undefined {
    return this.contents.get(uri.query);
  }
}

export class CodeBlockActions implements vscode.Disposable {
  private readonly proposals = new ProposalDocuments();
  private readonly registration: vscode.Disposable;
  private readonly confirmApply: (question: string) => Thenable<boolean>;

  constructor(options: CodeBlockActionsOptions = {}) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this.proposals);
    this.confirmApply =
      options.confirmApply ??
      ((question) => {
        const apply = vscode.l10n.t('Apply');
        return vscode.window.showInformationMessage(question, { modal: true }, apply).then((choice) => choice === apply);
      });
  }

  async run(action: CodeBlockAction, code: string, language?: string): Promise<void> {
    switch (action) {
      case 'copy':
        await vscode.env.clipboard.writeText(code);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Code copied to the clipboard.'), 2000);
        return;
      case 'insert':
        await this.insertAtCursor(code);
        return;
      case 'newEditor':
        await this.openInNewEditor(code, language);
        return;
      case 'apply':
        await this.applyToSelection(code);
        return;
    }
  }

  /** The editor the user was working in: focus is in the chat view when a button is clicked. */
  private targetEditor(): vscode.TextEditor | undefined {
    return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
  }

  async insertAtCursor(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an editor and place the cursor where the code should go.'));
      return false;
    }
    const position = editor.selection.active;
    return editor.edit((edit) => edit.insert(position, code));
  }

  async openInNewEditor(code: string, language?: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument({ content: code, language: await languageIdForFence(language) });
    return vscode.window.showTextDocument(document, { preview: false });
  }

  async applyToSelection(code: string): Promise<ApplyOutcome> {
    const editor = this.targetEditor();
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the code to replace in an editor, then choose Apply again.'));
      return 'noSelection';
    }
    const document = editor.document;
    const range = new vscode.Range(editor.selection.start, editor.selection.end);
    const version = document.version;
    const original = document.getText(range);
    const whole = document.getText();
    const proposed = whole.slice(0, document.offsetAt(range.start)) + code + whole.slice(document.offsetAt(range.end));
    const fileName = document.uri.path.split('/').pop() || 'untitled';
    const proposalUri = this.proposals.add(fileName, proposed);
    const lines = `${range.start.line + 1}-${range.end.line + 1}`;
    await vscode.commands.executeCommand(
      'vscode.diff',
      document.uri,
      proposalUri,
      vscode.l10n.t('{0} ↔ proposed change (lines {1})', fileName, lines),
      { preview: true },
    );
    const accepted = await this.confirmApply(vscode.l10n.t('Apply the proposed change to {0}, lines {1}?', fileName, lines));
    if (!accepted) return 'declined';
    if (document.isClosed || document.version !== version || document.getText(range) !== original) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} changed while the diff was open; the change was not applied. Select the code and try again.', fileName));
      return 'documentChanged';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, code);
    return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'failed';
  }

  dispose(): void {
    this.registration.dispose();
  }
}
