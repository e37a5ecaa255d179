// The server's model list, fetched lazily (never at activation) and remembered for the session per base URL, so
// the context window and the "configured model is gone" check are available without waiting on the network again.
import type * as vscode from 'vscode';
import { hostOf, listModels, type ModelInfo } from '../../api';
import { contextLengthOf } from '../../common/modelChoices';

/** Long enough for a slow server, short enough that a dead one does not hold up a question for long. */
const LIST_TIMEOUT_MS = 5000;
/** After a failed fetch, `ensure` does not try again for this long, so a server without /models costs one wait. */
const RETRY_FAILED_AFTER_MS = 60_000;

export class ModelCatalog {
  private readonly known = new Map<string, ModelInfo[]>();
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The list from the last successful fetch for this base URL, if any. */
  cached(baseUrl: string): ModelInfo[] | undefined {
    return this.known.get(baseUrl);
  }

  /** The remembered list, else one fetch unless one failed recently. For checks that must not keep the user waiting. */
  async ensure(baseUrl: string, apiKey?: string): Promise<ModelInfo[] | undefined> {
    const cached = this.cached(baseUrl);
    if (cached) return cached;
    const failed = this.failedAt.get(baseUrl);
    if (failed !== undefined && Date.now() - failed < RETRY_FAILED_AFTER_MS) return undefined;
    return this.fetch(baseUrl, apiKey);
  }

  /** Fetches (the request module revalidates with ETag); undefined when the server cannot be reached or answers badly. */
  async fetch(baseUrl: string, apiKey?: string): Promise<ModelInfo[] | undefined> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), LIST_TIMEOUT_MS);
    try {
      const models = await listModels(baseUrl, { apiKey, signal: controller.signal });
      this.known.set(baseUrl, models);
      this.failedAt.delete(baseUrl);
      this.log.debug(`Model list from ${hostOf(baseUrl, '(invalid base URL)')}: ${models.length} models`);
      return models;
    } catch (error) {
      this.failedAt.set(baseUrl, Date.now());
      const kind = (error as { kind?: unknown })?.kind;
      this.log.info(`Model list from ${hostOf(baseUrl, '(invalid base URL)')} unavailable (${typeof kind === 'string' ? kind : 'error'}); using the built-in list`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  contextLength(baseUrl: string, model: string): number | undefined {
    return contextLengthOf(model, this.cached(baseUrl));
  }
}
