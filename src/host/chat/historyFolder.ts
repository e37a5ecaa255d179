// Where the chat history lives: `chats/` in the extension's global storage. A file path on the desktop; in a browser
// workbench the storage is a `vscode-userdata:` URI, so the folder is that URI as a string, which the web build's
// fs/path stand-ins (src/web/fsPromises.ts, path.ts) take as it is.
import * as path from 'node:path';
import * as vscode from 'vscode';

export function historyFolderOf(globalStorage: vscode.Uri): string {
  return globalStorage.scheme === 'file' ? path.join(globalStorage.fsPath, 'chats') : vscode.Uri.joinPath(globalStorage, 'chats').toString();
}
