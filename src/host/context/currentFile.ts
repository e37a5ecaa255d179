// With no selection, a question comes with the active editor's file: as much of it as fits what the other context
// (the files attached to the chat) left of the model's context window, as its first lines when it does not fit whole,
// said before sending ("parser.ts (lines 1–420 of 900)"). The setting askLlama.includeCurrentFile turns this off.
// Ask Llama uses it directly; the chat offers it as a chip (currentFileOffer.ts).
import * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import { fitFile } from '../../common/fileAttachments';
import { selectionTokenBudget, type BudgetInput } from '../../common/selectionBudget';
import { readSettings } from '../config';
import { codeLocation } from '../editorSelection';

/** Rendered output and raw bytes are never sent implicitly. */
const NON_TEXT_SCHEMES = new Set(['vscode-notebook-cell-output', 'vscode-notebook', 'output']);

/** The setting, read like every cost setting (a workspace value counts only in a trusted workspace). */
export function includeCurrentFile(): boolean {
  return readSettings().includeCurrentFile;
}

/** The active editor's document when it may be sent implicitly (the setting is on, it holds text), else undefined. */
export function sendableActiveDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !includeCurrentFile() || NON_TEXT_SCHEMES.has(document.uri.scheme)) return undefined;
  const text = document.getText();
  if (!text.trim() || text.includes('\u0000')) return undefined;
  return document;
}

/** How the current file is named in prompts and chips. */
export function currentFileName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false);
}

/**
 * The active file as an attachment, in what `attached` left of the budget (its first lines when it does not fit
 * whole), or undefined (no sendable file, or no room left).
 */
export function captureCurrentFile(budget: BudgetInput, attached: readonly Attachment[] = []): Attachment | undefined {
  const document = sendableActiveDocument();
  if (!document) return undefined;
  const file = fitFile(currentFileName(document), document.languageId, document.getText(), selectionTokenBudget(budget), attached);
  if (!file) return undefined;
  const lastLine = Math.min((file.truncatedTo ?? file).endLine, document.lineCount) - 1;
  return { ...file, location: codeLocation(document.uri, new vscode.Range(0, 0, lastLine, document.lineAt(lastLine).text.length)) };
}
