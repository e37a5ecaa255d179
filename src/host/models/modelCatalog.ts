// The server's model list, fetched lazily (never at activation) and remembered for the session per base URL, so
// the context window and the "configured model is gone" check are available without waiting on the network again.
import type * as vscode from 'vscode';
import { hostOf, listModels, type ModelInfo } from '../../api';
import { modelContextWindow, type WindowSettings } from '../../common/modelBudget';

/** Long enough for a slow server, short enough that a dead one does not hold up a question for long. */
const LIST_TIMEOUT_MS = 5000;
/**
 * After a failed fetch `ensure` does not try again for this long, doubling with each further failure up to
 * `MAX_BACKOFF_MS`: a server without /models, or one whose /models hangs, costs one wait, not one per question.
 */
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export interface ModelCatalogOptions {
  /** Test seam: how long one fetch may take in all (retries included). */
  listTimeoutMs?: number;
}

interface Failure {
  at: number;
  /** Failures in a row. */
  count: number;
}

export class ModelCatalog {
  private readonly known = new Map<string, ModelInfo[]>();
  private readonly failures = new Map<string, Failure>();
  /** One fetch per base URL at a time: questions asked while it runs wait for the same answer. */
  private readonly inFlight = new Map<string, Promise<ModelInfo[] | undefined>>();
  private readonly listTimeoutMs: number;
  private readonly fetchListeners = new Set<(baseUrl: string) => void>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    options: ModelCatalogOptions = {},
  ) {
    this.listTimeoutMs = options.listTimeoutMs ?? LIST_TIMEOUT_MS;
  }

  /** Calls `listener` with the base URL each time a fetch brings a list (the chat model provider re-offers its models). */
  onDidFetch(listener: (baseUrl: string) => void): { dispose(): void } {
    this.fetchListeners.add(listener);
    return { dispose: () => this.fetchListeners.delete(listener) };
  }

  /** The list from the last successful fetch for this base URL, if any. */
  cached(baseUrl: string): ModelInfo[] | undefined {
    return this.known.get(baseUrl);
  }

  /** The remembered list, else one fetch unless one failed recently. For checks that must not keep the user waiting. */
  async ensure(baseUrl: string, apiKey?: string): Promise<ModelInfo[] | undefined> {
    const cached = this.cached(baseUrl);
    if (cached) return cached;
    const failed = this.failures.get(baseUrl);
    if (failed && Date.now() - failed.at < Math.min(FIRST_BACKOFF_MS * 2 ** (failed.count - 1), MAX_BACKOFF_MS)) return undefined;
    return this.fetch(baseUrl, apiKey);
  }

  /**
   * Fetches now, for a user who asked for the list (the request module revalidates with ETag); undefined when the
   * server cannot be reached or answers badly. Joins a fetch already running for this base URL.
   */
  fetch(baseUrl: string, apiKey?: string): Promise<ModelInfo[] | undefined> {
    let running = this.inFlight.get(baseUrl);
    if (!running) {
      running = this.fetchNow(baseUrl, apiKey).finally(() => this.inFlight.delete(baseUrl));
      this.inFlight.set(baseUrl, running);
    }
    return running;
  }

  private async fetchNow(baseUrl: string, apiKey?: string): Promise<ModelInfo[] | undefined> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.listTimeoutMs);
    try {
      const models = await listModels(baseUrl, { apiKey, signal: controller.signal });
      this.known.set(baseUrl, models);
      this.failures.delete(baseUrl);
      this.log.debug(`Model list from ${hostOf(baseUrl, '(invalid base URL)')}: ${models.length} models`);
      for (const listener of this.fetchListeners) listener(baseUrl);
      return models;
    } catch (error) {
      this.failures.set(baseUrl, { at: Date.now(), count: (this.failures.get(baseUrl)?.count ?? 0) + 1 });
      const kind = (error as { kind?: unknown })?.kind;
      this.log.info(`Model list from ${hostOf(baseUrl, '(invalid base URL)')} unavailable (${typeof kind === 'string' ? kind : 'error'}); using the built-in list`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The model's window on this server as the settings make it (common/modelBudget.ts), from the list known now. */
  contextLength(baseUrl: string, model: string, settings: WindowSettings): number | undefined {
    return modelContextWindow(model, this.cached(baseUrl), settings);
  }
}
