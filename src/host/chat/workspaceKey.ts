// Names the workspace a chat belongs to, so each project's chats are offered in that project only. The key is a hash
// of the workspace file or first folder URI (the same in every window on that workspace): the stored chat carries no
// path, and a window without a folder gets a key of its own.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

export function currentWorkspaceKey(): string {
  const where = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  return workspaceKeyOf(where?.toString() ?? '');
}

export function workspaceKeyOf(workspaceUri: string): string {
  return createHash('sha256').update(`ask-llama-workspace:${workspaceUri}`).digest('hex').slice(0, 16);
}
