// Registers Ask Llama's surfaces in VS Code's own AI features, each only where the running VS Code has the API:
// the chat model provider needs 1.104, the @llama participant 1.91 (see vscodeLmTypes.d.ts). On an older VS Code, or
// a fork without them, nothing is registered and nothing fails: the sidebar and commands do not depend on these.
import * as vscode from 'vscode';
import { AskLlamaChatModelProvider, LM_VENDOR, type LanguageModelProviderDeps } from './languageModelProvider';
import { createLlamaParticipant } from './llamaParticipant';

export type LanguageModelSurfaceDeps = LanguageModelProviderDeps;

export function registerLanguageModelSurfaces(deps: LanguageModelSurfaceDeps): vscode.Disposable[] {
  const disposables: vscode.Disposable[] = [];
  if (typeof vscode.lm?.registerLanguageModelChatProvider === 'function') {
    try {
      const provider = new AskLlamaChatModelProvider(deps);
      disposables.push(provider, vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider));
    } catch (error) {
      deps.log.warn(`Ask Llama's chat models could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    deps.log.info('This VS Code has no chat model provider API (1.104+): Ask Llama models are not offered in its chat.');
  }
  if (typeof vscode.chat?.createChatParticipant === 'function') {
    try {
      disposables.push(createLlamaParticipant(deps));
    } catch (error) {
      deps.log.warn(`The @llama chat participant could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return disposables;
}
