// How a model server that allows browsers answers: the CORS preflight and the Access-Control-Allow-Origin on every
// answer. A browser (the web build in Chromium: test/browser, test/e2e-web) reaches a server on another origin only
// through these; Node's clients never send a preflight, so the Node suites need none of this.
import type { RecordedRequest, ScriptedResponse } from './scriptedServer';

/** What a server that allows the page sends: the page's origin, and the request headers the client asked for. */
export function allowing(origin: string, req: RecordedRequest, response: ScriptedResponse): ScriptedResponse {
  const allow = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (req.method !== 'OPTIONS') return { ...response, headers: { ...response.headers, ...allow } };
  return {
    status: 204,
    headers: {
      ...allow,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
      'access-control-max-age': '600',
    },
  };
}

/**
 * What Ollama answers with OLLAMA_ORIGINS="*" (server/routes.go, gin-contrib/cors): any origin, but a fixed list of
 * request headers, the OpenAI SDK's and little else. A header not on it fails the browser's preflight.
 */
export const OLLAMA_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'User-Agent', 'Accept', 'X-Requested-With', 'OpenAI-Beta',
  'x-stainless-arch', 'x-stainless-async', 'x-stainless-custom-poll-interval', 'x-stainless-helper-method', 'x-stainless-lang',
  'x-stainless-os', 'x-stainless-package-version', 'x-stainless-poll-helper', 'x-stainless-retry-count', 'x-stainless-runtime',
  'x-stainless-runtime-version', 'x-stainless-timeout'].join(',');

export function likeOllama(req: RecordedRequest, response: ScriptedResponse): ScriptedResponse {
  const allow = { 'access-control-allow-origin': '*' };
  if (req.method !== 'OPTIONS') return { ...response, headers: { ...response.headers, ...allow } };
  return {
    status: 204,
    headers: { ...allow, 'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS', 'access-control-allow-headers': OLLAMA_ALLOW_HEADERS, 'access-control-max-age': '43200' },
  };
}
