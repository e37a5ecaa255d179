// Registers Ask Llama's surfaces in VS Code's own AI features, each only where the running VS Code has the API:
// the chat model provider needs 1.104, the @llama participant 1.90 (see vscodeLmTypes.d.ts). On an older VS Code, or
// a fork without them, nothing is registered and nothing fails: the sidebar and commands do not depend on these.
// Registration happens at activation; what answers (dist/lm.js, built from lmBundle.ts) loads on the first call.
import * as vscode from 'vscode';
import { affectsModelOrBaseUrl } from '../config';
import type { ModelCatalog } from '../models/modelCatalog';
import type { RequestContext } from '../requestContext';
import type * as LmBundle from './lmBundle';
import { LM_VENDOR, PARTICIPANT_ID } from './lmIds';
import type { LmModelInfo } from './lmModelInfo';
import type { LmDeps, LmRuntime } from './lmRuntime';

export interface LanguageModelSurfaceDeps {
  /** The core (lazyCore.ts), loaded on the first call: the request context, the model list, the runtime to inject. */
  core: () => { requests: RequestContext; models: ModelCatalog; lmRuntime: LmRuntime };
  log: vscode.LogOutputChannel;
}

export function registerLanguageModelSurfaces(surfaceDeps: LanguageModelSurfaceDeps): vscode.Disposable[] {
  let loadedDeps: LmDeps | undefined;
  const lmDeps = (): LmDeps => {
    if (!loadedDeps) {
      const { requests, models, lmRuntime } = surfaceDeps.core();
      loadedDeps = { requests, models, log: surfaceDeps.log, runtime: lmRuntime };
    }
    return loadedDeps;
  };
  const deps = { lmDeps, log: surfaceDeps.log };
  const disposables: vscode.Disposable[] = [];
  if (typeof vscode.lm?.registerLanguageModelChatProvider === 'function') {
    try {
      const provider = new LazyChatModelProvider(deps);
      disposables.push(provider, vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider));
    } catch (error) {
      deps.log.warn(`Ask Llama's chat models could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    deps.log.info('This VS Code has no chat model provider API (1.104+): Ask Llama models are not offered in its chat.');
  }
  if (typeof vscode.chat?.createChatParticipant === 'function') {
    try {
      const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) =>
        loadLmBundle().answerChatRequest(deps.lmDeps(), request, context, stream, token),
      );
      participant.iconPath = new vscode.ThemeIcon('comment-discussion');
      participant.followupProvider = { provideFollowups: (result) => loadLmBundle().followupsFor(result) };
      disposables.push(participant);
    } catch (error) {
      deps.log.warn(`The @llama chat participant could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return disposables;
}

let lmBundle: typeof LmBundle | undefined;

/** esbuild.js points this require at dist/lm.js beside the extension bundle. */
function loadLmBundle(): typeof LmBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lmBundle ??= require('./lmBundle') as typeof LmBundle;
  return lmBundle;
}

/** Owns the change event (a model or base URL change re-reads the list) and hands each call to the loaded provider. */
class LazyChatModelProvider implements vscode.LanguageModelChatProvider<LmModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly configListener: vscode.Disposable;
  private loaded: LmBundle.AskLlamaChatModelProvider | undefined;
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly deps: { lmDeps: () => LmDeps }) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsModelOrBaseUrl(event) || event.affectsConfiguration('askLlama.maxTokens')) this.changed.fire();
    });
  }

  private get provider(): LmBundle.AskLlamaChatModelProvider {
    this.loaded ??= new (loadLmBundle().AskLlamaChatModelProvider)(this.deps.lmDeps());
    return this.loaded;
  }

  provideLanguageModelChatInformation(): Promise<LmModelInfo[]> {
    return this.provider.provideLanguageModelChatInformation();
  }

  provideLanguageModelChatResponse(
    ...args: Parameters<LmBundle.AskLlamaChatModelProvider['provideLanguageModelChatResponse']>
  ): Promise<void> {
    return this.provider.provideLanguageModelChatResponse(...args);
  }

  provideTokenCount(...args: Parameters<LmBundle.AskLlamaChatModelProvider['provideTokenCount']>): Promise<number> {
    return this.provider.provideTokenCount(...args);
  }

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
  }
}
