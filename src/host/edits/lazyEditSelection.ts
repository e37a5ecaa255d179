// Registers Edit Selection's commands at activation and loads the feature itself (dist/edits.js, built from
// editSelectionBundle.ts) on the first askLlama.editSelection: a user who never edits a selection never pays for it.
// Accept / Reject / Stop only act on an open proposal, so before the first edit they have nothing to do.
import * as vscode from 'vscode';
import type { RequestContext } from '../requestContext';
import type { HostUi } from '../ui';
import type { EditRuntime } from './editRuntime';
import type * as EditsBundle from './editSelectionBundle';
import type { EditSelectionController } from './editSelectionController';
import type { EditSession } from './editSession';

export const EDIT_COMMANDS = ['askLlama.editSelection', 'askLlama.acceptEdit', 'askLlama.rejectEdit', 'askLlama.stopEdit'] as const;
export type EditCommand = (typeof EDIT_COMMANDS)[number];

export interface LazyEditSelectionDeps {
  /** The core (lazyCore.ts), loaded with Edit Selection: the request context and the request module to inject. */
  core: () => { requests: RequestContext; editRuntime: EditRuntime };
  ui: HostUi;
  log: vscode.LogOutputChannel;
}

export class LazyEditSelection implements vscode.Disposable {
  private loaded: EditSelectionController | undefined;
  private readonly commands: vscode.Disposable[];

  constructor(private readonly deps: LazyEditSelectionDeps) {
    this.commands = EDIT_COMMANDS.map((command) =>
      vscode.commands.registerCommand(command, () => {
        if (command === 'askLlama.editSelection') return this.controller().commands[command]();
        return this.loaded?.commands[command]();
      }),
    );
  }

  /** The open proposal, if any (tests read its state and proposal document). */
  get session(): EditSession | undefined {
    return this.loaded?.session;
  }

  /** Loads Edit Selection on first use; esbuild.js points this require at dist/edits.js beside the extension bundle. */
  controller(): EditSelectionController {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require('./editSelectionBundle') as typeof EditsBundle;
      const { requests, editRuntime } = this.deps.core();
      this.loaded = new bundle.EditSelectionController({ requests, ui: this.deps.ui, log: this.deps.log, runtime: editRuntime });
    }
    return this.loaded;
  }

  dispose(): void {
    for (const d of this.commands) d.dispose();
    this.loaded?.dispose();
  }
}
