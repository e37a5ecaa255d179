// Loads the core (dist/core.js, built from coreBundle.ts) on first use: the first command, the chat view's page
// connecting, Edit Selection or a chat surface's first call. Until then activation has only registered stand-ins,
// so a window that activates Ask Llama (VS Code's chat asking for its models, the status bar) without asking it
// anything never loads the request module, the chat controller or the commands' code.
import * as vscode from 'vscode';
import type { ChatMessage } from '../common/chatTypes';
import type { HostMessage, PageMessage } from '../common/protocol';
import type { ChatPageHandler } from './chat/chatViewProvider';
import type * as CoreBundle from './coreBundle';
import type { Core, CoreDeps } from './coreBundle';
import type { BusySource } from './statusBar';

export class LazyCore implements vscode.Disposable, BusySource, ChatPageHandler {
  private loaded: Core | undefined;
  private readonly busyChanged = new vscode.EventEmitter<boolean>();
  private readonly answerSettled = new vscode.EventEmitter<ChatMessage>();
  private relays: vscode.Disposable[] = [];
  readonly onDidChangeBusy = this.busyChanged.event;
  /** Fires with each answer once it has settled (ChatController.onDidSettleAnswer), from the core once loaded. */
  readonly onDidSettleAnswer = this.answerSettled.event;

  constructor(private readonly deps: CoreDeps) {}

  /** The core, loaded now if it was not; esbuild.js points this require at dist/core.js beside the extension bundle. */
  get core(): Core {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require('./coreBundle') as typeof CoreBundle;
      const core = bundle.createCore(this.deps);
      this.relays = [
        core.chat.onDidChangeBusy((busy) => this.busyChanged.fire(busy)),
        core.chat.onDidSettleAnswer((answer) => this.answerSettled.fire(answer)),
      ];
      this.loaded = core;
    }
    return this.loaded;
  }

  /** The core if something has loaded it already. */
  get ifLoaded(): Core | undefined {
    return this.loaded;
  }

  get busy(): boolean {
    return this.loaded?.chat.busy ?? false;
  }

  /** The view sets its page's HTML before this, so the page loads while the core does. */
  attachPage(post: (message: HostMessage) => Thenable<boolean>): vscode.Disposable {
    return this.core.chat.attachPage(post);
  }

  handlePageMessage(message: PageMessage): Promise<void> {
    return this.core.chat.handlePageMessage(message);
  }

  runCommand(id: string, args: unknown[]): Promise<void> {
    return this.core.runCommand(id, args);
  }

  /** Stops the answer in flight and flushes the chat history (deactivate() waits for it); nothing if never loaded. */
  dispose(): Promise<void> | undefined {
    for (const relay of this.relays) relay.dispose();
    this.busyChanged.dispose();
    this.answerSettled.dispose();
    this.loaded?.keys.dispose();
    return this.loaded?.chat.dispose();
  }
}
