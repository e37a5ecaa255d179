// Wires the extension together. Nothing here does work of its own, and nothing touches the network or the disk:
// the model list is fetched when first needed, the chat history when the view opens. What answers questions (the
// request module, the chat controller, the commands' work) is the core, dist/core.js, loaded on first use by
// host/lazyCore.ts; activation registers stand-ins for it. (SecretStorage is read at activation only when
// ASK_LLAMA_API_KEY is set, to store that key before the first question: that loads the core at once.)
import * as vscode from 'vscode';
import { LOCAL_SERVER_PORTS } from './api/localServers';
import { ChatViewProvider } from './host/chat/chatViewProvider';
import { registerCommands } from './host/commands/registerCommands';
import { registerFixWithLlama } from './host/context/fixCodeActions';
import { LazyEditSelection } from './host/edits/lazyEditSelection';
import { ExplainCodeActionProvider } from './host/explainCodeActions';
import { registerInlineSuggestions } from './host/inline/registerInlineSuggestions';
import { LazyCore } from './host/lazyCore';
import { registerLanguageModelSurfaces } from './host/lm/registerLanguageModelSurfaces';
import { BaseUrlApprovals } from './host/baseUrlApprovals';
import { keyFromEnvironment } from './host/environmentKey';
import { ModelStatusBar } from './host/statusBar';
import type { AskLlamaApi } from './host/testApi';
import { createWindowUi } from './host/ui';
import { WalkthroughProgress } from './host/walkthroughProgress';
import { useWorkspaceSettingsPolicy } from './host/workspaceSettings';

// The modules dist/core.js, dist/edits.js and dist/lm.js take from this bundle instead of holding their own copy.
export { sharedModules } from './host/sharedModules';

/** The core of the active window: `deactivate()` waits for its chat's last save. */
let activeCore: LazyCore | undefined;

/**
 * Returns the test API only to the integration tests (extension mode Test). Installed normally, `exports` is
 * undefined: any extension can read another's exports, and this object reads and sets keys and answers dialogs.
 */
export function activate(context: vscode.ExtensionContext): AskLlamaApi | undefined {
  const log = vscode.window.createOutputChannel('Ask Llama', { log: true });
  const ui = createWindowUi();
  const walkthrough = new WalkthroughProgress(context.globalState);
  const environmentKey = keyFromEnvironment(process.env, log);
  const keyOptions = { onDidStore: (origin: string) => walkthrough.keyStored(origin), fromEnvironment: environmentKey };
  const approvals = new BaseUrlApprovals(context.globalState);
  const trust = { isTrusted: () => vscode.workspace.isTrusted };
  useWorkspaceSettingsPolicy({ isTrusted: () => trust.isTrusted(), decision: (origin) => approvals.decision(origin) });
  // Yes/no questions go through `ui`, so integration tests can answer them like every other dialog.
  const confirm = (question: string, action: string) =>
    Promise.resolve(ui.showWarningMessage(question, { modal: true }, action)).then((choice) => choice === action);
  const localServers = { ports: [...LOCAL_SERVER_PORTS] };
  const lazyCore = new LazyCore({ context, log, ui, approvals, localServers, confirm, keyOptions, walkthrough });
  activeCore = lazyCore;
  if (environmentKey) lazyCore.core.keys.prepare();
  const core = () => lazyCore.core;
  const edits = new LazyEditSelection({ core, ui, log });
  walkthrough.restore();
  const inline = registerInlineSuggestions({ log, isTrusted: () => trust.isTrusted(), runtime: () => ({ complete: core().complete, current: (model) => core().requests.current(model) }) });

  context.subscriptions.push(
    log,
    lazyCore,
    edits,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, new ChatViewProvider(context.extensionUri, walkthrough.watchChatPage(lazyCore), log), {
      webviewOptions: { retainContextWhenHidden: false },
    }),
    ...registerCommands((id, args) => lazyCore.runCommand(id, args)),
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new ExplainCodeActionProvider(), ExplainCodeActionProvider.metadata),
    ...registerFixWithLlama((question, attachment) => lazyCore.core.chat.ask(question, attachment)),
    new ModelStatusBar(lazyCore),
    ...registerLanguageModelSurfaces({ core, log }),
    ...inline.disposables,
    walkthrough,
    ...walkthrough.watch({ keyFor: (baseUrl) => lazyCore.core.keys.keyFor(baseUrl), answers: lazyCore.onDidSettleAnswer }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    ui,
    secrets: context.secrets,
    approvals,
    trust,
    edits,
    localServers,
    walkthrough,
    inline: inline.provider,
    get requests() {
      return lazyCore.core.requests;
    },
    get keys() {
      return lazyCore.core.keys;
    },
    get chat() {
      return lazyCore.core.chat;
    },
  };
}

/** VS Code waits for this promise: the answer in flight is stopped and the chat history flushed to disk. */
export function deactivate(): Promise<void> | undefined {
  const core = activeCore;
  activeCore = undefined;
  return core?.dispose();
}
