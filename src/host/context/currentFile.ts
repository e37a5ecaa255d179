// With no selection, a question from Ask Llama comes with the active editor's file: as much of it as fits the model's
// context window (the first lines), said before sending ("parser.ts, lines 1–420 of 900"). The setting
// askLlama.includeCurrentFile turns this off.
import * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import { fitSelection, selectionTokenBudget, type BudgetInput } from '../../common/selectionBudget';
import { CONFIG_SECTION } from '../config';
import { codeLocation } from '../editorSelection';

/** Rendered output and raw bytes are never sent implicitly. */
const NON_TEXT_SCHEMES = new Set(['vscode-notebook-cell-output', 'vscode-notebook', 'output']);

export function includeCurrentFile(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('includeCurrentFile', true) !== false;
}

/** The active file as an attachment (its first lines when it does not fit whole), or undefined. */
export function captureCurrentFile(budget: BudgetInput): Attachment | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !includeCurrentFile()) return undefined;
  const { document } = editor;
  const text = document.getText();
  if (!text.trim() || NON_TEXT_SCHEMES.has(document.uri.scheme) || text.includes('\u0000')) return undefined;
  const lineCount = document.lineCount;
  const attachment: Attachment = {
    fileName: document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false),
    languageId: document.languageId,
    startLine: 1,
    endLine: lineCount,
    code: text,
    location: codeLocation(document.uri, new vscode.Range(0, 0, lineCount - 1, document.lineAt(lineCount - 1).text.length)),
  };
  const fit = fitSelection(text, 1, selectionTokenBudget(budget));
  if (fit.fits) return attachment;
  if (fit.endLine === undefined) return undefined;
  return {
    ...attachment,
    code: fit.code,
    truncatedTo: { startLine: 1, endLine: fit.endLine },
    location: codeLocation(document.uri, new vscode.Range(0, 0, fit.endLine - 1, document.lineAt(fit.endLine - 1).text.length)),
  };
}
