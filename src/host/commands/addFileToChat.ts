// askLlama.addFileToChat: attaches files to the chat's next question. From the Explorer or an editor tab the clicked
// file(s) come as arguments; from the palette or the chat's Add File button, a multi-select pick of workspace files.
import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

/** Folders no one wants to attach from; the pick lists at most MAX_PICKED_FILES files. */
const EXCLUDE = '**/{node_modules,.git,out,dist,build,.vscode-test,coverage}/**';
const MAX_PICKED_FILES = 2000;

export async function addFileToChatCommand(deps: CommandDeps, clicked?: unknown, allClicked?: unknown): Promise<void> {
  const uris = clickedUris(clicked, allClicked) ?? (await pickFiles(deps));
  if (!uris || uris.length === 0) return;
  deps.chat.openViewInBackground();
  await deps.chat.addFiles(uris);
}

/** Explorer menus pass (clicked, all selected); an editor tab passes (its Uri). */
function clickedUris(clicked: unknown, allClicked: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(allClicked) && allClicked.length > 0 && allClicked.every((u) => u instanceof vscode.Uri)) return allClicked as vscode.Uri[];
  return clicked instanceof vscode.Uri ? [clicked] : undefined;
}

async function pickFiles(deps: CommandDeps): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_PICKED_FILES);
  if (found.length === 0) {
    await deps.ui.showInformationMessage(vscode.l10n.t('There are no files in this workspace to attach.'), {});
    return undefined;
  }
  const items = found
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await deps.ui.showQuickPickMany(items, { title: vscode.l10n.t('Add Files to Chat'), placeHolder: vscode.l10n.t('Files to send with the next question'), matchOnDescription: true });
  return picked?.map((item) => item.uri);
}
