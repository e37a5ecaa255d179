// No request path follows a redirect with the key: server A answers 3xx pointing at server B, and B must never be
// asked at all (so it never sees `Authorization: Bearer <key for A>`). Two real loopback servers, for each redirect
// status, for a port change (127.0.0.1:A → 127.0.0.1:B: node-fetch 2 keeps the header there) and a host change
// (127.0.0.1:A → localhost:B), on the chat path (api/httpRequest.ts), the model list (api/models.ts, node-fetch) and
// local-server probing (api/localServers.ts, through the model list).
import * as assert from 'assert';
import { ApiError, chat, clearModelCache, listModels } from '../../../src/api';
import { findLocalServers } from '../../../src/api/localServers';
import { ScriptedServer, type ScriptedResponse } from '../../support/scriptedServer';
import { assertNoSecret, JSON_HEADERS, requestFor, SECRET_KEY, SSE_HEADERS } from './apiTestKit';
import { sseAnswer } from '../../support/scriptedServer';

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

const MODEL_LIST: ScriptedResponse = { headers: JSON_HEADERS, chunks: [JSON.stringify({ object: 'list', data: [{ id: 'stolen-model' }] })] };
const ANSWER: ScriptedResponse = { headers: SSE_HEADERS, chunks: sseAnswer(['hello from B']) };

const portOf = (server: ScriptedServer) => new URL(server.baseUrl).port;

/** Where A sends the client: the same path on B, by B's own address (port change) or by the name localhost (host change). */
const TARGETS = [
  { change: 'a port change (127.0.0.1:A → 127.0.0.1:B)', origin: (b: ScriptedServer) => `http://127.0.0.1:${portOf(b)}` },
  { change: 'a host change (127.0.0.1:A → localhost:B)', origin: (b: ScriptedServer) => `http://localhost:${portOf(b)}` },
];

/** The call's result or error, without judging it yet: what B saw is checked first. */
async function settle(run: () => Promise<unknown>): Promise<{ result?: unknown; error?: unknown }> {
  try {
    return { result: await run() };
  } catch (error) {
    return { error };
  }
}

async function errorOf(run: () => Promise<unknown>): Promise<ApiError> {
  return apiErrorOf(await settle(run));
}

function apiErrorOf(outcome: { result?: unknown; error?: unknown }): ApiError {
  if (outcome.error instanceof ApiError) return outcome.error;
  if (outcome.error !== undefined) throw outcome.error;
  return assert.fail(`expected an error, got ${JSON.stringify(outcome.result)}`);
}

describe('api: redirects are never followed with the key', () => {
  let a: ScriptedServer;
  let b: ScriptedServer;
  beforeEach(async () => {
    clearModelCache();
    a = await ScriptedServer.start();
    b = await ScriptedServer.start();
    // Were B ever asked, it would answer well: following the redirect would look like success.
    b.setFallback((req) => (req.url.endsWith('/models') ? MODEL_LIST : ANSWER));
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  function redirectTo(status: number, origin: string): void {
    a.setFallback((req) => ({ status, headers: { location: `${origin}${req.url}`, ...JSON_HEADERS }, chunks: ['{}'] }));
  }

  function assertRefused(outcome: { result?: unknown; error?: unknown }, status: number, origin: string): void {
    const seen = b.requests.map((r) => r.headers.authorization ?? '(no Authorization)');
    assert.strictEqual(b.requests.length, 0, `B was asked, with: ${seen.join(', ')}`);
    const error = apiErrorOf(outcome);
    assert.strictEqual(a.requests.length, 1, 'a redirect is not retried');
    assert.strictEqual(a.requests[0].headers.authorization, `Bearer ${SECRET_KEY}`);
    assert.strictEqual(error.kind, 'bad_request');
    assert.strictEqual(error.status, status);
    assert.strictEqual(error.retryable, false);
    assert.ok(error.message.includes(`redirected the request to ${origin}`), error.message);
    assert.ok(!error.message.includes('/v1/'), `only the origin is named: ${error.message}`);
    assertNoSecret(error);
  }

  for (const target of TARGETS) {
    for (const status of REDIRECT_STATUSES) {
      it(`chat: ${status} with ${target.change} is refused and B never sees the key`, async () => {
        redirectTo(status, target.origin(b));
        assertRefused(await settle(() => chat(requestFor(a, { apiKey: SECRET_KEY }))), status, target.origin(b));
      });

      it(`models: ${status} with ${target.change} is refused and B never sees the key`, async () => {
        redirectTo(status, target.origin(b));
        assertRefused(await settle(() => listModels(a.baseUrl, { apiKey: SECRET_KEY })), status, target.origin(b));
      });
    }
  }

  it('a relative Location names the answering server itself, and is not followed either', async () => {
    a.setFallback({ status: 302, headers: { location: '/v2/models' }, chunks: [] });
    const error = await errorOf(() => listModels(a.baseUrl, { apiKey: SECRET_KEY }));
    assert.match(error.message, new RegExp(`redirected the request to http://127\\.0\\.0\\.1:${portOf(a)}\\.`));
    assert.strictEqual(a.requests.length, 1);
  });

  it('a Location whose host name is the key does not put the key in the message', async () => {
    a.setFallback({ status: 307, headers: { location: `http://${SECRET_KEY}.example/v1/chat/completions` }, chunks: [] });
    const chatError = await errorOf(() => chat(requestFor(a, { apiKey: SECRET_KEY })));
    const modelsError = await errorOf(() => listModels(a.baseUrl, { apiKey: SECRET_KEY }));
    for (const error of [chatError, modelsError]) {
      assert.match(error.message, /redirected the request to http:\/\/\[redacted\]\.example\./);
      assertNoSecret(error);
    }
  });

  it('a redirect without a Location is refused too', async () => {
    a.setFallback({ status: 302, chunks: [] });
    const error = await errorOf(() => chat(requestFor(a, { apiKey: SECRET_KEY })));
    assert.match(error.message, /redirected the request elsewhere/);
  });

  it('local-server probing does not follow a redirect to another port', async () => {
    redirectTo(302, `http://127.0.0.1:${portOf(b)}`);
    const found = await findLocalServers([{ port: Number(portOf(a)), name: 'Ollama' }], { timeoutMs: 5000 });
    assert.deepStrictEqual(found, []);
    assert.strictEqual(a.requests.length, 1);
    assert.strictEqual(b.requests.length, 0);
  });
});
