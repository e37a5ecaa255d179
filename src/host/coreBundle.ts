// The entry of dist/core.js (esbuild.js): what answers questions — the request module, the request context, the key
// store, the model list, the chat controller and the commands' work. lazyCore.ts loads it on first use (a command,
// the chat view's page connecting, a chat surface's call), so an activation that needs none of it stays small.
// The modules it shares with the extension bundle (settings, the workspace policy) are taken from that bundle at run
// time (esbuild.js, sharedModules.ts), so there is one copy of their state.
import type * as vscode from 'vscode';
import { ApiError, chat, complete, hostOf } from '../api';
import { buildEditPrompt } from '../common/editPrompt';
import type { BaseUrlApprovals } from './baseUrlApprovals';
import { ChatController } from './chat/chatController';
import { runCommand } from './commands/commandHandlers';
import type { CommandDeps } from './commands/deps';
import { legacyKeyOrigin, readSettings } from './config';
import type { EditRuntime } from './edits/editRuntime';
import type { LmRuntime } from './lm/lmRuntime';
import { ModelCatalog } from './models/modelCatalog';
import { streamedChatRequest } from './requestContext';
import { RequestContextImpl } from './requestContextImpl';
import { ApiKeyStore, type ApiKeyStoreOptions } from './secrets';
import type { HostUi } from './ui';

export interface CoreDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  ui: HostUi;
  approvals: BaseUrlApprovals;
  /** The loopback ports Select Model probes for local servers; tests replace the list. */
  localServers: CommandDeps['localServers'];
  confirm: (question: string, action: string) => Thenable<boolean>;
  /** What the key store tells the walkthrough, and the key from ASK_LLAMA_API_KEY (host/environmentKey.ts). */
  keyOptions: ApiKeyStoreOptions;
  walkthrough: CommandDeps['walkthrough'];
}

/** The loaded core: the objects the stand-ins in the extension bundle hand their calls to. */
export interface Core {
  readonly keys: ApiKeyStore;
  readonly models: ModelCatalog;
  readonly requests: RequestContextImpl;
  readonly chat: ChatController;
  /** Runs an askLlama.* command (commandHandlers.ts): errors are logged and shown, never thrown. */
  runCommand(id: string, args: unknown[]): Promise<void>;
  /** What the Edit Selection and chat-surface bundles get injected, so they hold no copy of the request module. */
  readonly editRuntime: EditRuntime;
  readonly lmRuntime: LmRuntime;
  /** Inline suggestions' request function (host/inline/): one copy of the request module, in the core. */
  readonly complete: typeof complete;
}

export function createCore(deps: CoreDeps): Core {
  const { context, log, ui, approvals, localServers, confirm, keyOptions, walkthrough } = deps;
  const keys = new ApiKeyStore(context.secrets, legacyKeyOrigin, keyOptions);
  const models = new ModelCatalog(log);
  const requests = new RequestContextImpl({ keys, approvals, models, ui, log });
  const chatController = new ChatController({ context, requests, log, confirm });
  const commandDeps: CommandDeps = { chat: chatController, requests, keys, models, ui, log, localServers, walkthrough };
  return {
    keys,
    models,
    requests,
    chat: chatController,
    runCommand: (id, args) => runCommand(commandDeps, id, args),
    editRuntime: { chat, ApiError, streamedChatRequest, buildEditPrompt },
    lmRuntime: { chat, hostOf, readSettings, streamedChatRequest },
    complete,
  };
}
