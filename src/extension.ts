// The one composition root: builds the host's objects and connects them. Nothing here does work of its own, and
// nothing touches the network or the disk: the model list is fetched when first needed, the chat history when the view
// opens. (SecretStorage is read at activation only when ASK_LLAMA_API_KEY is set, to store that key before the first
// question.) The whole host is one bundle, dist/extension.js; only node-fetch loads later (api/lazyFetch.ts).
import * as vscode from 'vscode';
import { LOCAL_SERVER_PORTS } from './api/localServers';
import { ChatController } from './host/chat/chatController';
import { ChatViewProvider } from './host/chat/chatViewProvider';
import { runCommand } from './host/commands/commandHandlers';
import type { CommandDeps } from './host/commands/deps';
import { registerCommands } from './host/commands/registerCommands';
import { legacyKeyOrigin } from './host/config';
import { registerFixWithLlama } from './host/context/fixCodeActions';
import { EditSelectionController } from './host/edits/editSelectionController';
import { ExplainCodeActionProvider } from './host/explainCodeActions';
import { registerInlineSuggestions } from './host/inline/registerInlineSuggestions';
import { registerLanguageModelSurfaces } from './host/lm/registerLanguageModelSurfaces';
import { BaseUrlApprovals } from './host/baseUrlApprovals';
import { keyFromEnvironment } from './host/environmentKey';
import { ModelCatalog } from './host/models/modelCatalog';
import { PlainHttpConsent } from './host/plainHttpConsent';
import { RequestContextImpl } from './host/requestContextImpl';
import { ApiKeyStore } from './host/secrets';
import { ModelStatusBar } from './host/statusBar';
import { PlayedRestrictedMode, type AskLlamaApi } from './host/testApi';
import { createWindowUi } from './host/ui';
import { WalkthroughProgress } from './host/walkthroughProgress';
import { useWorkspaceSettingsPolicy } from './host/workspaceSettings';

/** What `deactivate()` waits for: the answer in flight stopped and the chat's last save. */
let shutdown: (() => Promise<void>) | undefined;

/**
 * Returns the test API only to the integration tests (extension mode Test). Installed normally, `exports` is
 * undefined: any extension can read another's exports, and this object reads and sets keys and answers dialogs.
 */
export function activate(context: vscode.ExtensionContext): AskLlamaApi | undefined {
  const log = vscode.window.createOutputChannel('Ask Llama', { log: true });
  const ui = createWindowUi();
  const walkthrough = new WalkthroughProgress(context.globalState);
  const environmentKey = keyFromEnvironment(process.env, log);
  const approvals = new BaseUrlApprovals(context.globalState);
  // Only the integration tests (extension mode Test) can play Restricted Mode; installed, trust is VS Code's alone.
  const restrictedMode = context.extensionMode === vscode.ExtensionMode.Test ? new PlayedRestrictedMode() : undefined;
  const isTrusted = restrictedMode ? () => restrictedMode.isTrusted() : () => vscode.workspace.isTrusted;
  useWorkspaceSettingsPolicy({ isTrusted, decision: (origin) => approvals.decision(origin) });
  // Yes/no questions go through `ui`, so integration tests can answer them like every other dialog.
  const confirm = (question: string, action: string) =>
    Promise.resolve(ui.showWarningMessage(question, { modal: true }, action)).then((choice) => choice === action);
  const localServers = { ports: [...LOCAL_SERVER_PORTS] };

  const keys = new ApiKeyStore(context.secrets, legacyKeyOrigin, {
    onDidStore: (origin) => walkthrough.keyStored(origin),
    fromEnvironment: environmentKey,
  });
  if (environmentKey) keys.prepare();
  const models = new ModelCatalog(log);
  const plainHttp = new PlainHttpConsent(context.globalState);
  const requests = new RequestContextImpl({ keys, approvals, plainHttp, models, ui, log });
  const chat = new ChatController({ context, requests, log, confirm });
  const commandDeps: CommandDeps = { chat, requests, keys, approvals, plainHttp, models, ui, log, localServers, walkthrough };
  const edits = new EditSelectionController({ requests, ui, log });
  const inline = registerInlineSuggestions({ requests, log, isTrusted });
  walkthrough.restore();
  shutdown = () => {
    keys.dispose();
    return chat.dispose();
  };

  context.subscriptions.push(
    log,
    edits,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, new ChatViewProvider(context.extensionUri, walkthrough.watchChatPage(chat), log), {
      webviewOptions: { retainContextWhenHidden: false },
    }),
    ...registerCommands((id, args) => runCommand(commandDeps, id, args)),
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new ExplainCodeActionProvider(), ExplainCodeActionProvider.metadata),
    ...registerFixWithLlama((question, attachment) => chat.ask(question, attachment)),
    new ModelStatusBar(chat),
    ...registerLanguageModelSurfaces({ requests, models, log }),
    ...inline.disposables,
    walkthrough,
    ...walkthrough.watch({ keyFor: (baseUrl) => keys.keyFor(baseUrl), answers: chat.onDidSettleAnswer }),
  );
  if (!restrictedMode) return undefined; // not in Test mode
  return { ui, secrets: context.secrets, approvals, plainHttp, restrictedMode, edits, localServers, walkthrough, requests, keys, chat, inline: inline.provider };
}

/** VS Code waits for this promise: the answer in flight is stopped and the chat history flushed to disk. */
export function deactivate(): Promise<void> | undefined {
  const stop = shutdown;
  shutdown = undefined;
  return stop?.();
}
