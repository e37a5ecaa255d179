// Registers every askLlama.* command. Handlers return their promise so `executeCommand` settles when they do.
import * as vscode from 'vscode';
import { addFileToChatCommand } from './addFileToChat';
import { askCommand } from './ask';
import { showChatsFromAllWorkspacesCommand, showChatsFromThisWorkspaceCommand } from './chatScope';
import { clearApiKeyCommand } from './clearApiKey';
import type { CommandDeps } from './deps';
import { explainSelectionCommand } from './explainSelection';
import { manageApiKeysCommand } from './manageApiKeys';
import { newChatCommand } from './newChat';
import { selectModelCommand } from './selectModel';
import { setApiKeyCommand } from './setApiKey';
import { showLogCommand } from './showLog';
import { stopCommand } from './stop';

const COMMANDS: Record<string, (deps: CommandDeps) => unknown> = {
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
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    ...Object.entries(COMMANDS).map(([id, run]) => vscode.commands.registerCommand(id, () => runLogged(id, () => run(deps), deps))),
    // Menus pass the clicked file(s).
    vscode.commands.registerCommand('askLlama.addFileToChat', (clicked?: unknown, all?: unknown) =>
      runLogged('askLlama.addFileToChat', () => addFileToChatCommand(deps, clicked, all), deps),
    ),
  ];
}

/** A command that throws would otherwise fail silently from a menu; log it and tell the user once. */
async function runLogged(id: string, run: () => unknown, deps: CommandDeps): Promise<void> {
  try {
    await run();
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
