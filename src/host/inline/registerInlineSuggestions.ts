// Registers inline suggestions at activation: a provider for every file that checks, on each call, that suggestions
// are on for the file's language, the file is not excluded, and the server may be sent to from this workspace; only
// then does it hand over to the provider's work (inlineProvider.ts: debounce, cache, request), built on that first
// call so activation does nothing for suggestions. Also the toggle command, the status bar item and the
// accepted-suggestion log line.
import * as vscode from 'vscode';
import { isLocalBaseUrl } from '../../api/baseUrl';
import { readSettings } from '../config';
import type { RequestContext } from '../requestContext';
import { InlineProvider } from './inlineProvider';
import { isExcluded, readInlineSettings, toggleInlineSuggestions } from './inlineSettings';
import { ACCEPTED_COMMAND, InlineStatus, TOGGLE_INLINE_COMMAND } from './inlineStatus';

export interface InlineSuggestionsDeps {
  requests: Pick<RequestContext, 'current'>;
  log: vscode.LogOutputChannel;
  /** The workspace trust the settings policy uses (tests stand in for Restricted Mode through it). */
  isTrusted(): boolean;
}

export class InlineSuggestionProvider implements vscode.InlineCompletionItemProvider {
  private loaded: InlineProvider | undefined;

  constructor(
    private readonly deps: InlineSuggestionsDeps,
    private readonly status: InlineStatus,
  ) {}

  /** Requests sent so far (0 until the provider is first asked), for tests and the bench. */
  get requestsSent(): number {
    return this.loaded?.requestsSent ?? 0;
  }

  reset(): void {
    this.loaded?.reset();
  }

  provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> | undefined {
    const { baseUrl, model } = readSettings();
    const settings = readInlineSettings(document.languageId, baseUrl);
    if (!settings.enabled || isExcluded(document, settings.exclude)) return undefined;
    // A remote server from an untrusted workspace: nothing leaves the machine while typing there.
    if (!this.deps.isTrusted() && !isLocalBaseUrl(baseUrl)) return undefined;
    return this.provider.provide(document, position, token, settings.model || model);
  }

  private get provider(): InlineProvider {
    this.loaded ??= new InlineProvider({ requests: this.deps.requests, log: this.deps.log, status: this.status });
    return this.loaded;
  }
}

export function registerInlineSuggestions(deps: InlineSuggestionsDeps): { provider: InlineSuggestionProvider; disposables: vscode.Disposable[] } {
  const status = new InlineStatus();
  const provider = new InlineSuggestionProvider(deps, status);
  const languageId = () => vscode.window.activeTextEditor?.document.languageId ?? '*';
  const render = () => status.showEnabled(readInlineSettings(languageId(), readSettings().baseUrl).enabled);
  render();
  const disposables = [
    status,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.commands.registerCommand(TOGGLE_INLINE_COMMAND, async () => {
      const on = await toggleInlineSuggestions(readSettings().baseUrl, languageId());
      deps.log.info(`inline: suggestions turned ${on ? 'on' : 'off'}`);
    }),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, (length: unknown) => deps.log.info(`inline: accepted (${Number(length)} chars)`)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('askLlama')) return;
      provider.reset();
      render();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      if (status.failureShown === undefined) render();
    }),
  ];
  return { provider, disposables };
}
