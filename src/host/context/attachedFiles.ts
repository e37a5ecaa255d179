// The files attached to the chat's next question (Add File to Chat), shown as removable chips in the page. Each file
// gets what the files before it left of the context budget (common/fileAttachments.ts); a cut is shown on its chip
// and a refusal (binary, too large, no room left) is said in the page and in a notification, never silently.
import * as vscode from 'vscode';
import type { Attachment } from '../../common/chatTypes';
import { fileChipLabel, fitFile, MAX_ATTACHED_FILE_BYTES } from '../../common/fileAttachments';
import type { HostMessage } from '../../common/protocol';
import { selectionTokenBudget, type BudgetInput } from '../../common/selectionBudget';
import { codeLocation } from '../editorSelection';

export class AttachedFiles {
  private files: Attachment[] = [];

  constructor(private readonly send: (message: HostMessage) => void) {}

  /** The files the next question carries, in the order they were attached. */
  get list(): readonly Attachment[] {
    return this.files;
  }

  /** Attaches `uris` (a file already attached is skipped) as far as the budget allows. */
  async add(uris: readonly vscode.Uri[], budget: BudgetInput): Promise<void> {
    const tokens = selectionTokenBudget(budget);
    const refused: string[] = [];
    for (const uri of uris) {
      const fileName = vscode.workspace.asRelativePath(uri, false);
      if (this.files.some((f) => f.location?.uri === uri.toString())) continue;
      const problem = await readProblem(uri);
      if (problem) {
        refused.push(vscode.l10n.t('{0}: {1}', fileName, problem));
        continue;
      }
      const document = await vscode.workspace.openTextDocument(uri);
      const file = fitFile(fileName, document.languageId, document.getText(), tokens, this.files);
      if (!file) {
        refused.push(vscode.l10n.t('{0}: no room is left in the model’s context window', fileName));
        continue;
      }
      const lastLine = (file.truncatedTo?.endLine ?? file.endLine) - 1;
      this.files.push({ ...file, location: codeLocation(uri, new vscode.Range(0, 0, lastLine, document.lineAt(Math.min(lastLine, document.lineCount - 1)).text.length)) });
    }
    this.sync();
    if (refused.length > 0) {
      const text = vscode.l10n.t('Not attached: {0}', refused.join('; '));
      this.send({ type: 'notice', text, level: 'warning' });
      void vscode.window.showWarningMessage(text);
    }
  }

  remove(index: number): void {
    if (index < 0 || index >= this.files.length) return;
    this.files.splice(index, 1);
    this.sync();
  }

  /** After the question that carried them: the chips go. */
  clear(): void {
    if (this.files.length === 0) return;
    this.files = [];
    this.sync();
  }

  /** Sends the chips to the page. */
  sync(): void {
    this.send({ type: 'files', files: this.files.map((f) => ({ label: fileChipLabel(f), cut: !!f.truncatedTo })) });
  }
}

/** Why `uri` cannot be attached (not a file, too large, binary), or undefined. */
async function readProblem(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return vscode.l10n.t('a folder, not a file');
    if (stat.size > MAX_ATTACHED_FILE_BYTES) return vscode.l10n.t('too large ({0} MB; at most {1} MB)', (stat.size / 1048576).toFixed(1), MAX_ATTACHED_FILE_BYTES / 1048576);
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.includes(0)) return vscode.l10n.t('looks like a binary file; Ask Llama only sends text');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
