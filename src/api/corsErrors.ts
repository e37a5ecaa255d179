// A browser's fetch that fails with a bare TypeError (no status, no reason) is a server that did not allow the page's
// origin (CORS: its preflight was refused or its answer lacked Access-Control-Allow-Origin), or one that could not be
// reached at all: the browser hides which, on purpose. Only the web build meets this (fetchRequest.ts); the message
// says what to do for each local server, and for a remote API that a browser may not call, says so.
import { ApiError } from './apiError';
import { hostOf, isLocalBaseUrl } from './baseUrl';

/** The flag or setting each local server uses to allow a browser origin. */
export const LOCAL_CORS_ADVICE: readonly { name: string; port: number; advice: string }[] = [
  { name: 'Ollama', port: 11434, advice: 'set OLLAMA_ORIGINS (for example OLLAMA_ORIGINS="*") and restart it' },
  { name: 'LM Studio', port: 1234, advice: 'start it with `lms server start --cors` (or turn on CORS in its server settings)' },
  { name: 'llama.cpp', port: 8080, advice: 'start llama-server with `--cors-origins <this page’s origin>` (older builds allow every origin)' },
  { name: 'vLLM', port: 8000, advice: 'start it with `--allowed-origins \'["*"]\'`' },
];

export function corsRefusal(url: string): ApiError {
  const host = hostOf(url, 'the server');
  let message: string;
  if (isLocalBaseUrl(url)) {
    const port = portOf(url);
    const known = LOCAL_CORS_ADVICE.find((server) => server.port === port);
    const advice = known
      ? `${known.name}: ${known.advice}.`
      : LOCAL_CORS_ADVICE.map((server) => `${server.name}: ${server.advice}`).join('; ') + '.';
    message = `The browser could not reach ${host}: the server is not running, or it does not allow requests from this page's origin (CORS). To allow it, ${advice}`;
  } else {
    message = `The browser could not reach ${host}: the server does not allow requests from a web page (CORS), or it cannot be reached. If this API does not allow browsers, use Ask Llama in VS Code desktop or a remote workspace, or a server that allows this page's origin.`;
  }
  return new ApiError('cors', message, { retryable: false });
}

function portOf(url: string): number | undefined {
  try {
    const parsed = new URL(url);
    return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  } catch {
    return undefined;
  }
}
