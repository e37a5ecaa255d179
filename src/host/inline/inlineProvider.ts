// Ghost text from the configured server for every file: a debounce from the typing rhythm, the request aborted when
// VS Code cancels (the next keystroke), typed-through and an LRU cache before any request, the suggestion cleaned
// (common/inlineCleanup.ts), one log line per request (time to first token, total, cache hit, shown; a later line
// when it is accepted), kept in InlineStats for the p50/p95 printed on demand. The key and settings come from RequestContext.current(),
// which never asks the user anything: nobody is prompted for a key while typing.
import * as vscode from 'vscode';
import { complete } from '../../api';
import type { ErrorKind } from '../../api/types';
import { cleanSuggestion } from '../../common/inlineCleanup';
import { formatMs, type InlineRecord, InlineStats } from '../../common/inlineStats';
import { cacheKey, type ShownSuggestion, SuggestionCache, typedThrough } from '../../common/suggestionCache';
import { TypingDebounce } from '../../common/typingDebounce';
import type { RequestContext } from '../requestContext';
import { ACCEPTED_COMMAND, type InlineStatus } from './inlineStatus';

const PREFIX_CHARS = 3_000;
const SUFFIX_CHARS = 1_000;
/** Failures no next keystroke will fix: requests pause, doubling, until settings change or one succeeds. */
const BACKOFF_KINDS: ReadonlySet<ErrorKind> = new Set(['auth', 'forbidden', 'network', 'timeout', 'rate_limited', 'model_unavailable']);
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export interface InlineProviderDeps {
  /** Settings and the stored key; current() never prompts. */
  requests: Pick<RequestContext, 'current'>;
  log: vscode.LogOutputChannel;
  status: InlineStatus;
  stats: InlineStats;
}

export class InlineProvider {
  private readonly cache = new SuggestionCache(100);
  private readonly debounce = new TypingDebounce();
  private shown: ShownSuggestion | undefined;
  /** The last edit (the keystroke the debounce last noted): the document and its version after it. */
  private lastEdit: [document: vscode.TextDocument, version: number] | undefined;
  private pausedUntil = 0;
  private backoffMs = FIRST_BACKOFF_MS;
  /** Requests actually sent, for tests and the bench. */
  requestsSent = 0;

  constructor(private readonly deps: InlineProviderDeps) {}

  /** Settings changed: a paused provider may try again, and cached suggestions may be for another model. */
  reset(): void {
    this.pausedUntil = 0;
    this.backoffMs = FIRST_BACKOFF_MS;
    this.cache.clear();
    this.shown = undefined;
  }

  /**
   * A keystroke (an edit of a document), as the extension host heard of it. The typing rhythm comes from these, not
   * from VS Code's calls: VS Code calls only after its own delay and spaces its calls out while one is pending, so
   * timing the calls made the debounce believe in slow typing (its maximum, 400 ms, at 8 keys a second) and start
   * counting only once VS Code's own delay was over.
   */
  edited(document: vscode.TextDocument): void {
    this.debounce.keystroke(Date.now());
    this.lastEdit = [document, document.version];
  }

  /**
   * Called by the provider VS Code calls (registerInlineSuggestions.ts), once it has checked that suggestions are on
   * for this file and may be sent; `model` is the completion model to ask.
   */
  async provide(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
    model: string,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const offset = document.offsetAt(position);
    const text = document.getText();
    const prefix = text.slice(Math.max(0, offset - PREFIX_CHARS), offset);
    const suffix = text.slice(offset, offset + SUFFIX_CHARS);
    const range = new vscode.Range(position, position);

    const rest = this.shown && typedThrough(this.shown, prefix, suffix);
    if (rest) return [this.item(rest, range, this.record({ cacheHit: true, shown: true }, 'typed through'))];
    const key = cacheKey(model, prefix, suffix);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      const record = this.record({ cacheHit: true, shown: cached !== '' }, 'cache hit');
      return cached === '' ? undefined : [this.remember(prefix, suffix, cached, range, record)];
    }
    if (Date.now() < this.pausedUntil) return undefined;
    // The debounce counted from the keystroke that made this text (possibly over already: no wait then); with no edit
    // heard for it (the cursor moved, an explicit trigger) the call stands for the keystroke.
    const edit = this.lastEdit;
    const waitMs = edit?.[0] === document && edit[1] === document.version
      ? this.debounce.waitLeft(Date.now())
      : this.debounce.keystroke(Date.now());
    if (!(await this.wait(waitMs, token))) return undefined;

    const request = await this.deps.requests.current(model);
    if (token.isCancellationRequested) return undefined;
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    this.requestsSent++;
    const sentAt = performance.now();
    try {
      const result = await complete(
        { baseUrl: request.baseUrl, apiKey: request.apiKey, model, prefix, suffix, languageId: document.languageId, timeoutMs: Math.min(request.timeoutMs, 15_000) },
        { signal: controller.signal },
      );
      const lineText = document.lineAt(position.line).text;
      const cleaned = cleanSuggestion(result.text, {
        linePrefix: lineText.slice(0, position.character),
        suffix,
        style: styleOf(document),
      });
      this.cache.set(key, cleaned);
      this.backoffMs = FIRST_BACKOFF_MS;
      const shown = cleaned !== '' && !token.isCancellationRequested;
      const record = this.record(
        { cacheHit: false, firstTokenMs: result.firstTokenMs, totalMs: result.totalMs, shown },
        `${result.endpoint} ${model}: first token ${formatMs(result.firstTokenMs)}, total ${formatMs(result.totalMs)}, cache miss` +
          (result.refused ? ', reply refused (not code)' : '') +
          (result.prefixOnly ? ', prefix only' : ''),
      );
      return shown ? [this.remember(prefix, suffix, cleaned, range, record)] : undefined;
    } catch (error) {
      this.failed(error, performance.now() - sentAt);
      return undefined;
    } finally {
      listener.dispose();
    }
  }

  private failed(error: unknown, afterMs: number): void {
    const kind = (error as { kind?: ErrorKind }).kind;
    const message = error instanceof Error ? error.message : String(error);
    if (kind === 'cancelled') {
      this.record({ cacheHit: false, shown: false, cancelled: true }, `cancelled by typing after ${formatMs(afterMs)}`);
      return;
    }
    const record = this.deps.stats.add({ cacheHit: false, shown: false, failed: kind ?? 'error' });
    this.deps.log.warn(`inline #${record.id}: failed after ${formatMs(afterMs)} (${kind ?? 'error'}): ${message}`);
    if (kind !== undefined && BACKOFF_KINDS.has(kind)) {
      this.deps.status.showFailure(kind, message);
      this.pausedUntil = Date.now() + this.backoffMs;
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    }
  }

  /** Keeps the request's figures and writes its log line: `inline #7: <what>, shown true`. */
  private record(figures: Omit<InlineRecord, 'id' | 'accepted'>, what: string): InlineRecord {
    const record = this.deps.stats.add(figures);
    this.deps.log.info(`inline #${record.id}: ${what}, shown ${figures.shown}`);
    return record;
  }

  private remember(prefix: string, suffix: string, text: string, range: vscode.Range, record: InlineRecord): vscode.InlineCompletionItem {
    this.shown = { prefix, suffix, text };
    return this.item(text, range, record);
  }

  /** The item's command runs when VS Code inserts it whole (Tab): logged against that request's id. */
  private item(text: string, range: vscode.Range, record: InlineRecord): vscode.InlineCompletionItem {
    const item = new vscode.InlineCompletionItem(text, range);
    item.command = { command: ACCEPTED_COMMAND, title: 'accepted', arguments: [record.id, text.length] };
    return item;
  }

  /** Resolves false when cancelled first (another keystroke came). */
  private wait(delayMs: number, token: vscode.CancellationToken): Promise<boolean> {
    return new Promise((resolve) => {
      if (token.isCancellationRequested) return resolve(false);
      const timer = setTimeout(() => (listener.dispose(), resolve(true)), delayMs);
      const listener = token.onCancellationRequested(() => (clearTimeout(timer), listener.dispose(), resolve(false)));
    });
  }
}

function styleOf(document: vscode.TextDocument): { eol: '\n' | '\r\n'; insertSpaces: boolean; tabSize: number } {
  const editor = vscode.window.visibleTextEditors.find((shown) => shown.document === document);
  const options = editor?.options;
  return {
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    insertSpaces: options?.insertSpaces !== false,
    tabSize: typeof options?.tabSize === 'number' ? options.tabSize : 4,
  };
}
