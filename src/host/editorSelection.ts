// Turns the active editor's selection into the attachment that goes with a question: refuses what is not text, and
// when the code would not fit the model's context window, lets the user send the first lines that do, or cancel.
import * as vscode from 'vscode';
import type { Attachment, CodeLocation } from '../common/chatTypes';
import { fitSelection, selectionTokenBudget, type BudgetInput } from '../common/selectionBudget';
import type { HostUi } from './ui';

/** Schemes whose documents are rendered output or raw bytes, not source code the user wrote. */
const NON_TEXT_SCHEMES = new Set(['vscode-notebook-cell-output', 'vscode-notebook', 'output']);

export interface SelectionBudget extends BudgetInput {
  model: string;
  /** Tokens already taken by what the question carries besides the selection (attached files). */
  reservedTokens?: number;
}

/** undefined: no usable selection. null: refused or cancelled (a message was shown; send nothing). */
export async function captureEditorSelection(ui: HostUi, budget: SelectionBudget): Promise<Attachment | undefined | null> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document, selection } = editor;
  if (selection.isEmpty) return undefined;
  const code = document.getText(selection);
  if (!code.trim()) return undefined;

  if (NON_TEXT_SCHEMES.has(document.uri.scheme) || code.includes('\u0000')) {
    await ui.showWarningMessage(
      vscode.l10n.t('Ask Llama only sends text: {0} looks like a binary or non-text document.', displayName(document)),
      {},
    );
    return null;
  }

  const startLine = selection.start.line + 1;
  const endLine = lastSelectedLine(selection);
  const attachment: Attachment = {
    fileName: displayName(document),
    languageId: document.languageId,
    startLine,
    endLine,
    code,
    location: codeLocation(document.uri, selection),
  };

  const fit = fitSelection(code, startLine, Math.max(0, selectionTokenBudget(budget) - (budget.reservedTokens ?? 0)));
  if (fit.fits) return attachment;
  if (fit.endLine === undefined) {
    await ui.showWarningMessage(
      vscode.l10n.t('The selection is too large for the context window of {0}, even a single line of it.', budget.model),
      { modal: true, detail: vscode.l10n.t('Choose a model with a larger context, or lower askLlama.maxTokens.') },
    );
    return null;
  }
  const sendPart = vscode.l10n.t('Send lines {0}–{1} only', fit.startLine, fit.endLine);
  const choice = await ui.showWarningMessage(
    vscode.l10n.t('The selection (lines {0}–{1}) is too large for the context window of {2}.', startLine, endLine, budget.model),
    {
      modal: true,
      detail: vscode.l10n.t('Ask Llama can send the first part, lines {0}–{1}, or you can cancel and select less.', fit.startLine, fit.endLine),
    },
    sendPart,
  );
  if (choice !== sendPart) return null;
  // The part sent is the first lines of the selection: from its start to the end of its last kept line.
  const partRange = new vscode.Range(selection.start, document.lineAt(selection.start.line + fit.endLine - fit.startLine).range.end);
  return {
    ...attachment,
    code: fit.code,
    truncatedTo: { startLine: fit.startLine, endLine: fit.endLine },
    location: codeLocation(document.uri, partRange),
  };
}

export function codeLocation(uri: vscode.Uri, range: vscode.Range): CodeLocation {
  return { uri: uri.toString(), start: [range.start.line, range.start.character], end: [range.end.line, range.end.character] };
}

/**
 * The 1-based last line of a selection or range. One that ends at column 0 of a later line does not include that line
 * (the usual whole-line selection). The chip, the attachment, Edit Selection, Apply and @llama all use this rule.
 */
export function lastSelectedLine({ start, end }: vscode.Range): number {
  return end.character === 0 && end.line > start.line ? end.line : end.line + 1;
}

function displayName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false);
}
