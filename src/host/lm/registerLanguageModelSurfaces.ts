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

/**
 * Owns the change event and hands each call to the loaded provider. The model list is fetched only when VS Code asks
 * for the models (its picker, `vscode.lm.selectChatModels`), never because a setting changed: VS Code re-reads the
 * list as soon as it is told of a change, so that re-read is answered from what is known already (the list fetched
 * for that server earlier, else the built-in one). When a fetch elsewhere (Select Model, a question) brings the
 * current server's list, VS Code is told to re-read it.
 */
class LazyChatModelProvider implements vscode.LanguageModelChatProvider<LmModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly listeners: vscode.Disposable[];
  private loaded: LmBundle.AskLlamaChatModelProvider | undefined;
  /** VS Code has asked for the models, so it holds a list that a change can make stale; before that, nothing to tell. */
  private asked = false;
  /** Set when a change was signalled: the re-read that follows stays off the network. */
  private rereadWithoutNetwork = false;
  /** Calls of provideLanguageModelChatInformation running (their own fetch needs no change signal). */
  private answering = 0;
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly deps: { lmDeps: () => LmDeps }) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsModelOrBaseUrl(event) || event.affectsConfiguration('askLlama.maxTokens')) this.signalChange();
      }),
    ];
  }

  private signalChange(): void {
    if (!this.asked) return;
    this.rereadWithoutNetwork = true;
    this.changed.fire();
  }

  /** The first time VS Code asks (the model list lives in the core, loaded then, not at activation). */
  private listenForFetches(): void {
    const { models, runtime } = this.deps.lmDeps();
    this.listeners.push(
      models.onDidFetch((baseUrl) => {
        if (this.answering === 0 && baseUrl === runtime.readSettings().baseUrl) this.signalChange();
      }),
    );
  }

  private get provider(): LmBundle.AskLlamaChatModelProvider {
    this.loaded ??= new (loadLmBundle().AskLlamaChatModelProvider)(this.deps.lmDeps());
    return this.loaded;
  }

  async provideLanguageModelChatInformation(): Promise<LmModelInfo[]> {
    if (!this.asked) this.listenForFetches();
    this.asked = true;
    const network = !this.rereadWithoutNetwork;
    this.rereadWithoutNetwork = false;
    this.answering++;
    try {
      return await this.provider.provideLanguageModelChatInformation({ network });
    } finally {
      this.answering--;
    }
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
    for (const listener of this.listeners) listener.dispose();
    this.changed.dispose();
  }
}
