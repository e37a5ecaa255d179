// Registers every askLlama.* command at activation; each hands its call, with its arguments, to `run`
// (commandHandlers.ts `runCommand`, wired in src/extension.ts).
import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';

export function registerCommands(run: (id: string, args: unknown[]) => Promise<void>): vscode.Disposable[] {
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => run(id, args)));
}
