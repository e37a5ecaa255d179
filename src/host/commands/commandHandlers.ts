// What each askLlama.* command does, run when the command registered by registerCommands.ts is called.
// Handlers return their promise so `executeCommand` settles when they do.
import * as vscode from 'vscode';
import { addFileToChatCommand } from './addFileToChat';
import { askCommand } from './ask';
import { showChatsFromAllWorkspacesCommand, showChatsFromThisWorkspaceCommand } from './chatScope';
import { clearApiKeyCommand } from './clearApiKey';
import type { CommandId } from './commandIds';
import type { CommandDeps } from './deps';
import { explainSelectionCommand } from './explainSelection';
import { manageApiKeysCommand } from './manageApiKeys';
import { newChatCommand } from './newChat';
import { selectModelCommand } from './selectModel';
import { setApiKeyCommand } from './setApiKey';
import { showLogCommand } from './showLog';
import { stopCommand } from './stop';

const COMMANDS: Record<CommandId, (deps: CommandDeps, args: unknown[]) => unknown> = {
  'askLlama.ask': askCommand,
  'askLlama.explainSelection': explainSelectionCommand,
  'askLlama.setApiKey': setApiKeyCommand,
  'askLlama.clearApiKey': clearApiKeyCommand,
  'askLlama.manageApiKeys': manageApiKeysCommand,
  'askLlama.selectModel': selectModelCommand,
  'askLlama.newChat': newChatCommand,
  'askLlama.showChatsFromAllWorkspaces': showChatsFromAllWorkspacesCommand,
  'askLlama.showChatsFromThisWorkspace': showChatsFromThisWorkspaceCommand,
  'askLlama.stop': stopCommand,
  'askLlama.showLog': showLogCommand,
  // Menus pass the clicked file(s).
  'askLlama.addFileToChat': (deps, [clicked, all]) => addFileToChatCommand(deps, clicked, all),
};

/** Runs a command; one that throws would otherwise fail silently from a menu, so it is logged and the user told once. */
export async function runCommand(deps: CommandDeps, id: string, args: unknown[]): Promise<void> {
  const run = COMMANDS[id as CommandId];
  if (!run) return;
  try {
    await run(deps, args);
  } catch (error) {
    const { message } = deps.requests.describeError(error);
    deps.log.error(`${id} failed: ${message}`);
    // Not awaited: an unanswered notification must not keep the command (and executeCommand) pending.
    const showLog = vscode.l10n.t('Show Log');
    void Promise.resolve(deps.ui.showErrorMessage(message, {}, showLog)).then((choice) => {
      if (choice === showLog) deps.log.show(true);
    });
  }
}
