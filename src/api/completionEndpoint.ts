// Which way a server fills a hole, from what the base URL says about the server and the model's name. Loopback
// servers are recognised by the ports their software listens on by default (localServers.ts); anything remote —
// the AI/ML API included, which has no /v1/completions — gets the chat hole-filler, which every server has.
import { endpointUrl, isLocalBaseUrl } from './baseUrl';
import type { CompletionEndpoint } from './completionTypes';
import { fimTemplateFor } from './fimTemplates';
import { LOCAL_SERVER_PORTS } from './localServers';

/** Names a chat-tuned model: better asked through chat than through a raw completion. */
const CHAT_MODEL = /instruct|chat|llama[-_ ]?3/i;

/** "Ollama", "LM Studio", "llama.cpp" or "vLLM" for a loopback base URL on that server's default port. */
export function localServerKindOf(baseUrl: string): string | undefined {
  if (!isLocalBaseUrl(baseUrl)) return undefined;
  let port: number;
  try {
    const url = new URL(baseUrl.trim());
    port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  } catch {
    return undefined;
  }
  return LOCAL_SERVER_PORTS.find((server) => server.port === port)?.name;
}

export function pickCompletionEndpoint(baseUrl: string, model: string): CompletionEndpoint {
  const kind = localServerKindOf(baseUrl);
  const fim = fimTemplateFor(model) !== undefined;
  switch (kind) {
    case 'llama.cpp':
      return 'llamacpp'; // /infill applies the loaded model's own FIM tokens
    case 'Ollama':
      return fim ? 'ollama' : 'chat'; // Ollama refuses `suffix` for a model whose template has none
    case 'vLLM':
    case 'LM Studio':
      return fim || !CHAT_MODEL.test(model) ? 'openai' : 'chat';
    default:
      return 'chat';
  }
}

/** The server's root: the base URL without its OpenAI-style `/v1` (Ollama's and llama.cpp's own APIs live there). */
export function serverRoot(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

export function completionUrl(baseUrl: string, endpoint: Exclude<CompletionEndpoint, 'chat'>): string {
  if (endpoint === 'ollama') return endpointUrl(serverRoot(baseUrl), 'api/generate');
  if (endpoint === 'llamacpp') return endpointUrl(serverRoot(baseUrl), 'infill');
  return endpointUrl(baseUrl, 'completions');
}
