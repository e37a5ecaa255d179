// Finds OpenAI-compatible servers running on this machine: GET /v1/models on 127.0.0.1 at the ports the common
// local servers use. Only a port that answers with a model list counts; anything else there (code-server's own page
// on 8080, a web app) is skipped. Called only while Select Model is open.
import { listModels } from './models';
import type { ModelInfo } from './types';

export interface LocalServerPort {
  port: number;
  /** The server that usually listens there, e.g. "Ollama"; shown as the group name. */
  name: string;
}

export const LOCAL_SERVER_PORTS: readonly LocalServerPort[] = [
  { port: 11434, name: 'Ollama' },
  { port: 1234, name: 'LM Studio' },
  { port: 8080, name: 'llama.cpp' },
  { port: 8000, name: 'vLLM' },
];

export interface LocalServer extends LocalServerPort {
  baseUrl: string;
  models: ModelInfo[];
}

export interface FindLocalServersOptions {
  /** Per port; a closed port refuses at once, this bounds one that accepts and then says nothing. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called as each server answers, in the order they answer. */
  onFound?: (server: LocalServer) => void;
}

export function localBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}/v1`;
}

/** Probes every port at once; resolves with the servers that listed at least one model, in the order of `ports`. */
export async function findLocalServers(ports: readonly LocalServerPort[], options: FindLocalServersOptions = {}): Promise<LocalServer[]> {
  const found = await Promise.all(ports.map((port) => probe(port, options)));
  return found.filter((server): server is LocalServer => server !== undefined);
}

async function probe(port: LocalServerPort, { timeoutMs = 1500, signal, onFound }: FindLocalServersOptions): Promise<LocalServer | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const stop = () => controller.abort();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const baseUrl = localBaseUrl(port.port);
    const models = await listModels(baseUrl, { signal: controller.signal, maxRetries: 0 });
    if (models.length === 0 || controller.signal.aborted) return undefined;
    const server = { ...port, baseUrl, models };
    onFound?.(server);
    return server;
  } catch {
    return undefined; // Nothing there, or something that is not a model server.
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
