// Registers inline suggestions at activation: a provider for every file that checks, on each call, that suggestions
// are on for the file's language, the file is not excluded, and the server may be sent to from this workspace; only
// then does it hand over to the provider's work (inlineProvider.ts: debounce, cache, request), built on that first
// call so activation does nothing for suggestions. Also the toggle command, the status bar item, the
// accepted-suggestion log line and the statistics command.
import * as vscode from 'vscode';
import { isLocalBaseUrl } from '../../api/baseUrl';
import { inStringOrComment } from '../../common/codeContext';
import { formatSummary, InlineStats } from '../../common/inlineStats';
import { readSettings } from '../config';
import type { RequestContext } from '../requestContext';
import { InlineProvider } from './inlineProvider';
import { isExcluded, readInlineSettings, toggleInlineSuggestions } from './inlineSettings';
import { ACCEPTED_COMMAND, INLINE_STATS_COMMAND, InlineStatus, TOGGLE_INLINE_COMMAND } from './inlineStatus';

/** Lines above the cursor read to tell whether it is inside a string or comment (from a line start). */
const CONTEXT_LINES = 50;

export interface InlineSuggestionsDeps {
  requests: Pick<RequestContext, 'current'>;
  log: vscode.LogOutputChannel;
  /** The workspace trust the settings policy uses (activate() passes the same function to both). */
  isTrusted(): boolean;
}

export class InlineSuggestionProvider implements vscode.InlineCompletionItemProvider {
  private loaded: InlineProvider | undefined;
  /** Every request's figures this session (the statistics command prints them). */
  readonly stats = new InlineStats();

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

  /**
   * Each keystroke, for the typing rhythm: edits of the active editor's file only (not the log being written to the
   * Output panel, say); nothing to note before suggestions were first asked for.
   */
  edited(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length > 0 && event.document === vscode.window.activeTextEditor?.document) this.loaded?.edited(event.document);
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
    if (!settings.inStringsAndComments && inStringOrComment(linesBefore(document, position), document.languageId)) return undefined;
    return this.provider.provide(document, position, token, settings.model || model);
  }

  private get provider(): InlineProvider {
    this.loaded ??= new InlineProvider({ requests: this.deps.requests, log: this.deps.log, status: this.status, stats: this.stats });
    return this.loaded;
  }
}

function linesBefore(document: vscode.TextDocument, position: vscode.Position): string {
  return document.getText(new vscode.Range(Math.max(0, position.line - CONTEXT_LINES), 0, position.line, position.character));
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
    vscode.commands.registerCommand(ACCEPTED_COMMAND, (id: unknown, length: unknown) => {
      if (provider.stats.accept(Number(id))) deps.log.info(`inline #${Number(id)}: accepted (${Number(length)} chars)`);
    }),
    // Returns the lines too, for tests.
    vscode.commands.registerCommand(INLINE_STATS_COMMAND, () => {
      const lines = formatSummary(provider.stats.summary());
      for (const line of lines) deps.log.info(line);
      deps.log.show(true);
      return lines;
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('askLlama')) return;
      provider.reset();
      render();
    }),
    vscode.workspace.onDidChangeTextDocument(provider.edited, provider),
    vscode.window.onDidChangeActiveTextEditor(() => {
      if (status.failureShown === undefined) render();
    }),
  ];
  return { provider, disposables };
}
