// Whether Ask Llama may change a document: not when it is read-only (a read-only file system, a file without write
// permission, a virtual document from a content provider, output, a diff's proposal side).
import * as vscode from 'vscode';

/** Editable without a file system behind them. Notebook cells are edited as text like any document. */
const EDITABLE_SCHEMES = new Set(['untitled', 'vscode-notebook-cell']);

export async function isWritableDocument(document: vscode.TextDocument): Promise<boolean> {
  const { scheme } = document.uri;
  if (EDITABLE_SCHEMES.has(scheme)) return true;
  // undefined: no file system provider for the scheme (a content provider's virtual, read-only document).
  if (vscode.workspace.fs.isWritableFileSystem(scheme) !== true) return false;
  try {
    const stat = await vscode.workspace.fs.stat(document.uri);
    return ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) === 0;
  } catch {
    // Not on disk (deleted meanwhile): the edit would recreate it on save, which is what editing it means.
    return true;
  }
}
