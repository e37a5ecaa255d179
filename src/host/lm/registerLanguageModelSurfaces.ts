// Registers Ask Llama's surfaces in VS Code's own AI features, each only where the running VS Code has the API:
// the chat model provider needs 1.104, the @llama participant 1.90 (see vscodeLmTypes.d.ts). On an older VS Code, or
// a fork without them, nothing is registered and nothing fails: the sidebar and commands do not depend on these.
import * as vscode from 'vscode';
import { AskLlamaChatModelProvider } from './languageModelProvider';
import { answerChatRequest, followupsFor } from './llamaParticipant';
import type { LmDeps } from './lmDeps';
import { LM_VENDOR, PARTICIPANT_ID } from './lmIds';

export function registerLanguageModelSurfaces(deps: LmDeps): vscode.Disposable[] {
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
      const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) =>
        answerChatRequest(deps, request, context, stream, token),
      );
      participant.iconPath = new vscode.ThemeIcon('comment-discussion');
      participant.followupProvider = { provideFollowups: (result) => followupsFor(result) };
      disposables.push(participant);
    } catch (error) {
      deps.log.warn(`The @llama chat participant could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return disposables;
}
