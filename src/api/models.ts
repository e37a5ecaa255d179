// listModels(): the server's live model list, cached per base URL and revalidated with ETag / If-None-Match, with
// the same retry policy as chat() (408/409/429/5xx and network failures, honouring Retry-After).
import { fetch } from './lazyFetch';
import { abortableSleep } from './abortableSleep';
import { ApiError } from './apiError';
import { AttemptControl } from './attemptControl';
import { endpointUrl, hostOf } from './baseUrl';
import { keepAbortErrorsQuiet, readBodyText } from './bodyReading';
import { errorFromEmbedded } from './embeddedError';
import { isRecord } from './isRecord';
import { errorFromHttpResponse } from './httpErrors';
import { cancelledError, errorFromFailure } from './networkErrors';
import { isRedirectStatus, redirectError } from './redirects';
import { USER_AGENT } from './requestBuilder';
import { DEFAULT_MAX_RETRIES, parseRetryAfter, retryDelayMs } from './retryPolicy';
import type { ModelInfo } from './types';

const MODELS_TIMEOUT_MS = 30_000;
const MODELS_BODY_LIMIT = 32 * 1024 * 1024;

interface CachedList {
  etag: string;
  models: ModelInfo[];
}

const cache = new Map<string, CachedList>();

export interface ListModelsOptions {
  apiKey?: string;
  signal?: AbortSignal;
  /** Default 2, as for chat(). */
  maxRetries?: number;
}

export async function listModels(baseUrl: string, options: ListModelsOptions = {}): Promise<ModelInfo[]> {
  const url = endpointUrl(baseUrl, 'models');
  const maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES);
  for (let retryNumber = 1; ; retryNumber++) {
    if (options.signal?.aborted) throw cancelledError();
    try {
      return await fetchList(url, options, true);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('network', 'The request failed unexpectedly.');
      const delayMs = retryDelayMs(apiError, retryNumber, maxRetries, false);
      if (delayMs === undefined) throw apiError;
      if (!(await abortableSleep(delayMs, options.signal))) throw cancelledError();
    }
  }
}

/**
 * One GET. `revalidate`: send the cached ETag. A 304 when nothing is cached (the cache was cleared meanwhile, or a
 * proxy answered a request we never made conditional) asks again without it rather than failing.
 */
async function fetchList(url: string, options: ListModelsOptions, revalidate: boolean): Promise<ModelInfo[]> {
  const cached = revalidate ? cache.get(url) : undefined;
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': USER_AGENT };
  const key = options.apiKey?.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (cached) headers['If-None-Match'] = cached.etag;

  const control = new AttemptControl(options.signal);
  try {
    control.armTimeout(MODELS_TIMEOUT_MS, 'response');
    // 'manual': node-fetch's default 'follow' keeps the Authorization header across a port change (redirects.ts).
    const response = await fetch(url, { headers, signal: control.signal, redirect: 'manual' });
    keepAbortErrorsQuiet(response);
    if (isRedirectStatus(response.status)) {
      throw redirectError({
        status: response.status,
        statusText: response.statusText,
        location: response.headers.get('location'),
        requestUrl: url,
        apiKey: options.apiKey,
      });
    }
    if (response.status === 304) {
      if (cached) return cached.models.map(copyModel);
      if (!revalidate) throw new ApiError('bad_response', 'The server answered "304 Not Modified" to a request for its model list.');
      cache.delete(url);
    } else {
      const contentType = response.headers.get('content-type') ?? '';
      const text = await readBodyText(response.body, control, MODELS_TIMEOUT_MS, MODELS_BODY_LIMIT);
      if (!response.ok) {
        throw errorFromHttpResponse({
          status: response.status,
          statusText: response.statusText,
          contentType,
          body: text,
          headerRequestId: response.headers.get('x-inference-id') ?? undefined,
          retryAfterMs: parseRetryAfter(response.headers),
          endpoint: 'models',
          apiKey: options.apiKey,
        });
      }
      const models = parseModelList(text, options.apiKey);
      const etag = response.headers.get('etag');
      if (etag) cache.set(url, { etag, models });
      else cache.delete(url);
      return models.map(copyModel);
    }
  } catch (error) {
    throw errorFromFailure(error, control, hostOf(url), options.apiKey);
  } finally {
    control.stop('finished');
    control.dispose();
  }
  // Only a 304 with nothing cached gets here.
  return fetchList(url, options, false);
}

/** Forgets cached lists (tests; or after the user changes servers and wants a clean slate). */
export function clearModelCache(): void {
  cache.clear();
}

/** Reads the AI/ML API shape, OpenAI's `{data:[{id}]}`, and a bare array. */
export function parseModelList(text: string, apiKey?: string): ModelInfo[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError('bad_response', 'The model list is not valid JSON.');
  }
  if (isRecord(parsed) && parsed.error !== undefined && parsed.error !== null) {
    throw errorFromEmbedded(parsed, text, { apiKey, endpoint: 'models', midAnswer: false });
  }
  const entries = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.data) ? parsed.data : undefined;
  if (!entries) throw new ApiError('bad_response', 'The server did not answer with a model list.');
  const models: ModelInfo[] = [];
  for (const entry of entries) {
    const model = readModel(entry);
    if (model) models.push(model);
  }
  return models;
}

function readModel(entry: unknown): ModelInfo | undefined {
  if (typeof entry === 'string') return { id: entry, aliases: [] };
  if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') return undefined;
  const info = isRecord(entry.info) ? entry.info : {};
  const model: ModelInfo = {
    id: entry.id,
    aliases: Array.isArray(entry.aliases) ? entry.aliases.filter((a): a is string => typeof a === 'string') : [],
  };
  const name = stringField(info.name) ?? stringField(entry.name) ?? stringField(entry.display_name);
  if (name) model.name = name;
  const developer = stringField(info.developer) ?? stringField(entry.owned_by) ?? stringField(entry.organization);
  if (developer) model.developer = developer;
  // Other OpenAI-compatible servers put the window elsewhere: Together/LM Studio `context_length`, vLLM `max_model_len`.
  const contextLength = numberField(info.contextLength) ?? numberField(entry.context_length) ?? numberField(entry.max_model_len);
  if (contextLength !== undefined) model.contextLength = contextLength;
  const type = stringField(entry.type);
  if (type) model.type = type;
  return model;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function copyModel(model: ModelInfo): ModelInfo {
  return { ...model, aliases: [...model.aliases] };
}
