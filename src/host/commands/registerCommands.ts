// Registers every askLlama.* command at activation as a stand-in that hands the call, with its arguments, to the
// core (dist/core.js, loaded on the first command: see lazyCore.ts), where commandHandlers.ts runs it.
import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';

export function registerCommands(run: (id: string, args: unknown[]) => Promise<void>): vscode.Disposable[] {
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => run(id, args)));
}
