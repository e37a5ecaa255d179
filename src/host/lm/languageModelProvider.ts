// The "Ask Llama" chat model provider: puts the configured server's Llama models into VS Code's model picker (Chat
// view, inline chat, agent mode) and into `vscode.lm` for every extension. Each request goes through the one request
// module (src/api chat()); settings and key come through the RequestContext, errors read as in the sidebar.
import * as vscode from 'vscode';
import { chat, hostOf } from '../../api';
import { messageTokens, planBudget } from '../../common/contextBudget';
import { estimateTokens } from '../../common/tokens';
import { affectsModelOrBaseUrl, readSettings } from '../config';
import { streamedChatRequest } from '../requestContext';
import type { LmDeps } from './lmDeps';
import { lmModelInfos, type LmModelInfo } from './lmModelInfo';
import { messageText, toChatMessages, toChatTools, toToolChoice } from './lmMessages';
import { LmResponseWriter } from './lmResponseParts';

export type LanguageModelProviderDeps = LmDeps;

/**
 * The model list is fetched only when VS Code asks for the models (its picker, `vscode.lm.selectChatModels`), never
 * because a setting changed: VS Code re-reads the list as soon as it is told of a change, so that re-read is answered
 * from what is known already (the list fetched for that server earlier, else the built-in one). When a fetch
 * elsewhere (Select Model, a question) brings the current server's list, VS Code is told to re-read it.
 */
export class AskLlamaChatModelProvider implements vscode.LanguageModelChatProvider<LmModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly listeners: vscode.Disposable[];
  /** VS Code has asked for the models, so it holds a list that a change can make stale; before that, nothing to tell. */
  private asked = false;
  /** Set when a change was signalled: the re-read that follows stays off the network. */
  private rereadWithoutNetwork = false;
  /** Calls of provideLanguageModelChatInformation running (their own fetch needs no change signal). */
  private answering = 0;
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly deps: LanguageModelProviderDeps) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsModelOrBaseUrl(event) || event.affectsConfiguration('askLlama.maxTokens')) this.signalChange();
      }),
      deps.models.onDidFetch((baseUrl) => {
        if (this.answering === 0 && baseUrl === readSettings().baseUrl) this.signalChange();
      }),
    ];
  }

  private signalChange(): void {
    if (!this.asked) return;
    this.rereadWithoutNetwork = true;
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(): Promise<LmModelInfo[]> {
    this.asked = true;
    const network = !this.rereadWithoutNetwork;
    this.rereadWithoutNetwork = false;
    this.answering++;
    try {
      return await this.modelInfos({ network });
    } finally {
      this.answering--;
    }
  }

  /**
   * The server's list (fetched once per session per base URL, like Select Model); the built-in list when offline.
   * With `network: false`, only a list already fetched is used (else the built-in list): nothing is sent.
   */
  private async modelInfos({ network }: { network: boolean }): Promise<LmModelInfo[]> {
    const settings = await this.deps.requests.current();
    const live = network ? await this.deps.models.ensure(settings.baseUrl, settings.apiKey) : this.deps.models.cached(settings.baseUrl);
    return lmModelInfos(
      { live, configuredModel: settings.model, settings: readSettings(), host: hostOf(settings.baseUrl) },
      vscode.l10n.t,
    );
  }

  async provideLanguageModelChatResponse(
    model: LmModelInfo,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const settings = await this.deps.requests.current(model.id);
    const budget = planBudget(settings.contextLength, settings.maxTokens);
    const temperature = options.modelOptions?.temperature;
    const writer = new LmResponseWriter(progress);
    // VS Code picked the model, and the caller may set the temperature.
    const request = streamedChatRequest(
      { ...settings, model: model.id, temperature: typeof temperature === 'number' ? temperature : settings.temperature },
      toChatMessages(messages, writer),
      budget.maxTokens,
    );
    const tools = toChatTools(options.tools);
    if (tools) {
      request.tools = tools;
      const toolChoice = toToolChoice(options.toolMode, options.tools);
      if (toolChoice) request.toolChoice = toolChoice;
    }

    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const started = Date.now();
    try {
      const result = await chat(request, {
        signal: controller.signal,
        onDelta: (text) => writer.text(text),
        onReasoning: (text) => writer.reasoning(text),
      });
      writer.end();
      for (const call of result.toolCalls ?? []) writer.toolCall(call);
      if (result.usage) writer.usage(result.usage);
      this.deps.log.info(
        `Chat model request to ${model.id}: ${result.finishReason ?? 'done'} in ${Date.now() - started} ms` +
          (result.toolCalls ? `, ${result.toolCalls.length} tool call(s)` : '') +
          (result.usage ? `, tokens ${result.usage.promptTokens}+${result.usage.completionTokens}` : ''),
      );
    } catch (error) {
      // Stopped by the caller: the parts already reported are the answer.
      if (token.isCancellationRequested) return;
      throw this.toLanguageModelError(error, model.id);
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(_model: LmModelInfo, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return typeof text === 'string' ? estimateTokens(text) : messageTokens(messageText(text));
  }

  /** The sidebar's sentence for the failure; the kind decides which LanguageModelError code callers see. */
  private toLanguageModelError(error: unknown, model: string): vscode.LanguageModelError {
    const view = this.deps.requests.describeError(error, model);
    this.deps.log.warn(`Chat model request to ${model} failed (${view.kind})`);
    if (view.kind === 'auth' || view.kind === 'forbidden') return vscode.LanguageModelError.NoPermissions(view.message);
    if (view.kind === 'model_unavailable') return vscode.LanguageModelError.NotFound(view.message);
    return new vscode.LanguageModelError(view.message);
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.changed.dispose();
  }
}
