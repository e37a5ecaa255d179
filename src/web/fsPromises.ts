// Node's `fs/promises` as the chat history uses it (historyStore.ts, atomicFiles.ts, checkedJson.ts), for the web
// build: over `vscode.workspace.fs`, on the extension's global storage (a `vscode-userdata:` URI in a browser
// workbench). Paths are the URI strings path.ts joins; a plain path is a file path. Errors carry Node's codes where
// the history checks them.
import * as vscode from 'vscode';

function uriOf(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

export async function mkdir(folder: string, _options?: { recursive?: boolean }): Promise<void> {
  await vscode.workspace.fs.createDirectory(uriOf(folder)); // makes the parents too, and is fine if it exists
}

export async function readFile(file: string, _encoding: 'utf8'): Promise<string> {
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uriOf(file)));
}

export async function writeFile(file: string, body: string, _encoding?: 'utf8'): Promise<void> {
  await vscode.workspace.fs.writeFile(uriOf(file), new TextEncoder().encode(body));
}

export async function rename(from: string, to: string): Promise<void> {
  await vscode.workspace.fs.rename(uriOf(from), uriOf(to), { overwrite: true });
}

export async function rm(file: string, options?: { force?: boolean; recursive?: boolean }): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uriOf(file), { recursive: options?.recursive ?? false, useTrash: false });
  } catch (error) {
    if (!options?.force || !(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
  }
}

export async function readdir(folder: string): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(uriOf(folder))).map(([name]) => name);
}

export async function stat(file: string): Promise<{ size: number; mtimeMs: number; isDirectory(): boolean }> {
  const found = await vscode.workspace.fs.stat(uriOf(file));
  return { size: found.size, mtimeMs: found.mtime, isDirectory: () => (found.type & vscode.FileType.Directory) !== 0 };
}
