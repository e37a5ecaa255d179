import * as assert from 'assert';
import { ApiError, clearModelCache, listModels } from '../../../src/api';
import type { ScriptedResponse } from '../../support/scriptedServer';
import { JSON_HEADERS, SECRET_KEY, useScriptedServer } from './apiTestKit';

/** Two entries in the AI/ML API's /v1/models shape (see shared/aimlapi/models-endpoint.json). */
const AIML_LIST = {
  object: 'list',
  data: [
    {
      id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      aliases: ['llama-3.3-70b'],
      type: 'openai/chat-completions',
      info: { name: 'Llama 3.3 70B Instruct Turbo', developer: 'Meta', contextLength: 128000, outputMax: 4096 },
      tags: ['playground:chat'],
    },
    { id: 'flux/schnell', aliases: [], type: 'image', info: { name: 'Flux Schnell', developer: 'Black Forest Labs' } },
  ],
};

function jsonBody(body: unknown, headers: Record<string, string> = {}): { headers: Record<string, string>; chunks: string[] } {
  return { headers: { ...JSON_HEADERS, ...headers }, chunks: [JSON.stringify(body)] };
}

describe('api/listModels', () => {
  const server = useScriptedServer();
  beforeEach(() => clearModelCache());

  it('reads the AI/ML API shape: id, aliases, type, info.name/developer/contextLength', async () => {
    server().enqueue(jsonBody(AIML_LIST));
    const models = await listModels(server().baseUrl);
    assert.deepStrictEqual(models, [
      {
        id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
        aliases: ['llama-3.3-70b'],
        name: 'Llama 3.3 70B Instruct Turbo',
        developer: 'Meta',
        contextLength: 128000,
        type: 'openai/chat-completions',
      },
      { id: 'flux/schnell', aliases: [], name: 'Flux Schnell', developer: 'Black Forest Labs', type: 'image' },
    ]);
    assert.strictEqual(server().requests[0].method, 'GET');
    assert.strictEqual(server().requests[0].url, '/v1/models');
  });

  it("reads OpenAI's {data:[{id}]} and a bare array", async () => {
    server().enqueue(
      jsonBody({ object: 'list', data: [{ id: 'llama3.2:3b', object: 'model', owned_by: 'library' }] }),
      jsonBody([{ id: 'local-model' }]),
    );
    assert.deepStrictEqual(await listModels(server().baseUrl), [{ id: 'llama3.2:3b', aliases: [], developer: 'library' }]);
    assert.deepStrictEqual(await listModels(`${server().baseUrl}/`), [{ id: 'local-model', aliases: [] }]);
  });

  it('needs no key, and sends the key as a bearer header when given', async () => {
    server().enqueue(jsonBody(AIML_LIST), jsonBody(AIML_LIST));
    await listModels(server().baseUrl);
    assert.strictEqual(server().requests[0].headers.authorization, undefined);
    clearModelCache();
    await listModels(server().baseUrl, { apiKey: SECRET_KEY });
    assert.strictEqual(server().requests[1].headers.authorization, `Bearer ${SECRET_KEY}`);
  });

  it('revalidates with If-None-Match and serves the cached list on 304', async () => {
    server().enqueue(jsonBody(AIML_LIST, { etag: 'W/"v1"' }), { status: 304, headers: { etag: 'W/"v1"' } });
    const first = await listModels(server().baseUrl);
    const second = await listModels(server().baseUrl);
    assert.strictEqual(server().requests[0].headers['if-none-match'], undefined);
    assert.strictEqual(server().requests[1].headers['if-none-match'], 'W/"v1"');
    assert.deepStrictEqual(second, first);
    assert.strictEqual(second.length, 2);
  });

  it('replaces the cache when the list changed (new ETag)', async () => {
    server().enqueue(jsonBody(AIML_LIST, { etag: '"v1"' }), jsonBody({ data: [{ id: 'new-model' }] }, { etag: '"v2"' }), { status: 304 });
    await listModels(server().baseUrl);
    assert.deepStrictEqual((await listModels(server().baseUrl)).map((m) => m.id), ['new-model']);
    assert.deepStrictEqual((await listModels(server().baseUrl)).map((m) => m.id), ['new-model']);
    assert.strictEqual(server().requests[2].headers['if-none-match'], '"v2"');
  });

  it('returns copies: a caller changing the list does not change the cache', async () => {
    server().enqueue(jsonBody(AIML_LIST, { etag: '"v1"' }), { status: 304 });
    const first = await listModels(server().baseUrl);
    first[0].aliases.push('mutated');
    first.pop();
    const second = await listModels(server().baseUrl);
    assert.strictEqual(second.length, 2);
    assert.deepStrictEqual(second[0].aliases, ['llama-3.3-70b']);
  });

  it('reports HTTP errors and unreadable lists as ApiErrors', async () => {
    server().enqueue({ status: 500, headers: JSON_HEADERS, chunks: ['{"message":"boom","statusCode":500}'] }, { headers: JSON_HEADERS, chunks: ['not json'] });
    await assert.rejects(listModels(server().baseUrl, { maxRetries: 0 }), (e: unknown) => e instanceof ApiError && e.kind === 'server' && e.status === 500);
    await assert.rejects(listModels(server().baseUrl), (e: unknown) => e instanceof ApiError && e.kind === 'bad_response');
  });

  it('rejects with cancelled when aborted', async () => {
    server().enqueue({ headersDelayMs: 2000, ...jsonBody(AIML_LIST) });
    const controller = new AbortController();
    const pending = listModels(server().baseUrl, { signal: controller.signal });
    await server().waitForRequests(1);
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof ApiError && e.kind === 'cancelled');
  });

  describe('retries like chat()', () => {
    const busy = (status: number): ScriptedResponse => ({ status, headers: { ...JSON_HEADERS, 'retry-after-ms': '1' }, chunks: [JSON.stringify({ message: 'busy', statusCode: status })] });

    it('retries 408, 429 and 5xx, then returns the list', async () => {
      server().enqueue(busy(503), busy(429), jsonBody(AIML_LIST));
      assert.strictEqual((await listModels(server().baseUrl)).length, 2);
      assert.strictEqual(server().requests.length, 3);
      clearModelCache();
      server().enqueue(busy(408), jsonBody(AIML_LIST));
      assert.strictEqual((await listModels(server().baseUrl)).length, 2);
      assert.strictEqual(server().requests.length, 5);
    });

    it('gives up after two retries, and never retries a 404 (no /models) or a quota error', async () => {
      server().setFallback(busy(502));
      await assert.rejects(listModels(server().baseUrl), (e: unknown) => e instanceof ApiError && e.kind === 'server');
      assert.strictEqual(server().requests.length, 3);
      server().setFallback({ status: 404, headers: JSON_HEADERS, chunks: ['{"message":"Cannot GET /v1/models","statusCode":404}'] });
      await assert.rejects(listModels(server().baseUrl), (e: unknown) => e instanceof ApiError && e.kind === 'bad_request');
      assert.strictEqual(server().requests.length, 4);
      server().setFallback({ status: 429, headers: JSON_HEADERS, chunks: ['{"message":"Monthly quota exceeded","statusCode":429}'] });
      await assert.rejects(listModels(server().baseUrl), (e: unknown) => e instanceof ApiError && e.kind === 'forbidden' && !e.retryable);
      assert.strictEqual(server().requests.length, 5);
    });

    it('classifies an error inside a 200 list like its status, and retries it', async () => {
      server().enqueue(jsonBody({ error: { code: 429, message: 'Rate limit reached' } }), jsonBody(AIML_LIST));
      assert.strictEqual((await listModels(server().baseUrl)).length, 2);
      assert.strictEqual(server().requests.length, 2);
    });

    it('asks again, unconditionally, when a 304 comes with nothing cached', async () => {
      server().enqueue({ status: 304 }, jsonBody(AIML_LIST, { etag: '"v1"' }));
      assert.strictEqual((await listModels(server().baseUrl)).length, 2);
      assert.strictEqual(server().requests.length, 2);
      assert.strictEqual(server().requests[1].headers['if-none-match'], undefined);
    });
  });
});
