// What the buttons on a code block in an answer do: Copy, Insert at Cursor, Open in New Editor, Apply.
// Apply goes where the question was (its code, followed through the edits since), else to the selection, else to the
// declaration of the same name in the active file (or asks for a selection when several have it), else to the cursor.
// It never edits silently: it shows a diff of the whole file with the proposed change, asks, and applies only to that
// exact range, in the file's line endings and indentation, refusing if the document changed meanwhile (users of other
// chat extensions report edits applied at the wrong place, e.g. Continue issues #4478 and #7424).
import * as vscode from 'vscode';
import { findBestMatch } from '../../common/bestMatch';
import { matchTrailingNewline } from '../../common/codeFence';
import type { CodeBlockAction } from '../../common/protocol';
import { inFileStyle } from '../../common/textStyle';
import { lastSelectedLine } from '../editorSelection';
import { fileNameOf } from '../edits/editSession';
import { fileStyle } from '../edits/fileStyle';
import { APPLY_PROPOSAL_SCHEME, closeDiffsOf, EDIT_PROPOSAL_SCHEME, ProposalDocuments } from '../edits/proposalDocuments';
import type { ResolvedLocation } from '../edits/rangeTracker';
import { isWritableDocument } from '../edits/writableDocument';
import { languageIdForFence } from './languageIds';

const NOT_USER_CODE = new Set([APPLY_PROPOSAL_SCHEME, EDIT_PROPOSAL_SCHEME, 'output']);

export type ApplyOutcome = 'applied' | 'declined' | 'documentChanged' | 'noSelection' | 'readOnly' | 'failed';

interface ApplyTarget {
  document: vscode.TextDocument;
  range: vscode.Range;
  /** For the diff title and the question, e.g. "lines 3–9" or "parse, lines 3–9". */
  where: string;
}

function linesLabel(range: vscode.Range): string {
  const last = lastSelectedLine(range);
  return range.start.line + 1 === last ? vscode.l10n.t('line {0}', last) : vscode.l10n.t('lines {0}–{1}', range.start.line + 1, last);
}

export interface CodeBlockActionsOptions {
  /** Asks the user to accept the diff; the default is a modal dialog. Tests replace it. */
  confirmApply?: (question: string) => Thenable<boolean>;
}

export class CodeBlockActions implements vscode.Disposable {
  /** The same provider as Edit Selection's, under Apply's own scheme (see proposalDocuments.ts). */
  private readonly proposals = new ProposalDocuments(APPLY_PROPOSAL_SCHEME);
  private readonly confirmApply: (question: string) => Thenable<boolean>;

  constructor(options: CodeBlockActionsOptions = {}) {
    this.confirmApply =
      options.confirmApply ??
      ((question) => {
        const apply = vscode.l10n.t('Apply');
        return vscode.window.showInformationMessage(question, { modal: true }, apply).then((choice) => choice === apply);
      });
  }

  async run(action: CodeBlockAction, code: string, language?: string, location?: ResolvedLocation): Promise<void> {
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
        await this.apply(code, location);
        return;
    }
  }

  /** The editor the user was working in: focus is in the chat view when a button is clicked. */
  /** Never a proposal (the right side of a diff still open) or the output panel: those are not the user's code. */
  private targetEditor(): vscode.TextEditor | undefined {
    const isUserCode = (editor: vscode.TextEditor | undefined) => editor !== undefined && !NOT_USER_CODE.has(editor.document.uri.scheme);
    const active = vscode.window.activeTextEditor;
    return isUserCode(active) ? active : vscode.window.visibleTextEditors.find(isUserCode);
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

  /**
   * Apply: proposes replacing the code the question was about (`location`, followed through the edits since), else
   * the selection, else the declaration of the active file with the block's name, else inserting at the cursor;
   * always as a diff the user confirms, and never into a read-only document or one that changed meanwhile.
   */
  async apply(code: string, location?: ResolvedLocation): Promise<ApplyOutcome> {
    const target = await this.applyTarget(code, location);
    if (typeof target === 'string') return target;
    const { document, range, where } = target;
    if (!(await isWritableDocument(document))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is read-only; the code was not applied.', fileNameOf(document)));
      return 'readOnly';
    }
    const version = document.version;
    const original = document.getText(range);
    const replacement = inFileStyle(range.isEmpty ? code : matchTrailingNewline(code.replace(/\r\n?/g, '\n'), original.replace(/\r\n?/g, '\n')), fileStyle(document));
    const whole = document.getText();
    const proposed = whole.slice(0, document.offsetAt(range.start)) + replacement + whole.slice(document.offsetAt(range.end));
    const fileName = fileNameOf(document);
    const proposalUri = this.proposals.create(fileName, proposed);
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposalUri, vscode.l10n.t('{0} ↔ proposed change ({1})', fileName, where), {
      preview: false,
    });
    const question = range.isEmpty
      ? vscode.l10n.t('Insert the code into {0} ({1})?', fileName, where)
      : vscode.l10n.t('Apply the proposed change to {0}, {1}?', fileName, where);
    let accepted: boolean;
    try {
      accepted = await this.confirmApply(question);
    } finally {
      await closeDiffsOf(proposalUri);
      this.proposals.remove(proposalUri);
    }
    if (!accepted) return 'declined';
    if (document.isClosed || document.version !== version || document.getText(range) !== original) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} changed while the diff was open; the change was not applied. Choose Apply again.', fileName));
      return 'documentChanged';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, replacement);
    return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'failed';
  }

  /** Where Apply goes, in order of what the user meant most clearly; an outcome when there is nowhere to go. */
  private async applyTarget(code: string, location: ResolvedLocation | undefined): Promise<ApplyTarget | ApplyOutcome> {
    if (location?.kind === 'range') return { document: location.document, range: location.range, where: linesLabel(location.range) };
    const editor = this.targetEditor();
    if (editor && !editor.selection.isEmpty) {
      const range = new vscode.Range(editor.selection.start, editor.selection.end);
      return { document: editor.document, range, where: linesLabel(range) };
    }
    if (location?.kind === 'gone') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The code this answer is about was changed or removed since the question. Select the code to replace, then choose Apply again.'),
      );
      return 'noSelection';
    }
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the file to change (and select the code to replace), then choose Apply again.'));
      return 'noSelection';
    }
    const document = editor.document;
    const match = findBestMatch(document.getText(), code);
    if (match && 'ambiguous' in match) {
      // Two declarations of the name (two classes' `__init__`) and nothing says which: asking beats a wrong guess.
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} is declared {1} times in {2}. Select the one to replace, then choose Apply again.', match.name, match.startLines.length, fileNameOf(document)),
      );
      return 'noSelection';
    }
    if (match) {
      const range = new vscode.Range(match.startLine, 0, match.endLine, document.lineAt(match.endLine).text.length);
      return { document, range, where: vscode.l10n.t('{0}, {1}', match.name, linesLabel(range)) };
    }
    const cursor = editor.selection.active;
    return { document, range: new vscode.Range(cursor, cursor), where: vscode.l10n.t('at line {0}', cursor.line + 1) };
  }

  dispose(): void {
    this.proposals.dispose();
  }
}
