// A bare TypeError from a browser's fetch (no status, no cause) becomes a `cors` ApiError that says what to do.
import * as assert from 'assert';
import { ApiError } from '../../../src/api';
import { corsRefusal } from '../../../src/api/corsErrors';
import { fetchRequest } from '../../../src/api/fetchRequest';

describe('api: CORS refusals (fetch transport)', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('turns a fetch TypeError without a cause into a cors ApiError naming the local server\'s setting', async () => {
    // What Chromium throws for a refused preflight: "Failed to fetch", nothing else (test/browser/fetchTransport.test.ts sees it for real).
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await fetchRequest('http://127.0.0.1:11434/v1/chat/completions', { method: 'POST', headers: {}, body: '{}', stopper: { onStop: () => undefined } }).then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError);
    assert.strictEqual(error.kind, 'cors');
    assert.strictEqual(error.retryable, false);
    assert.match(error.message, /127\.0\.0\.1:11434.*CORS.*OLLAMA_ORIGINS/);
  });

  it('keeps Node\'s own reason (fetch failed, cause ECONNREFUSED) as the network error it is', async () => {
    globalThis.fetch = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    const error = await fetchRequest('http://127.0.0.1:1/v1/x', { method: 'GET', headers: {}, stopper: { onStop: () => undefined } }).then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e as { code?: string },
    );
    assert.strictEqual(error.code, 'ECONNREFUSED');
  });

  it('says a remote API may not allow browsers, and lists every local server for an unusual port', () => {
    assert.match(corsRefusal('https://api.aimlapi.com/v1/chat/completions').message, /api\.aimlapi\.com.*does not allow requests from a web page.*desktop or a remote workspace/);
    const local = corsRefusal('http://localhost:9999/v1/chat/completions').message;
    for (const advice of [/OLLAMA_ORIGINS/, /lms server start --cors/, /--cors-origins/, /--allowed-origins/]) assert.match(local, advice);
  });

  it('from a page, sends another origin only the headers every CORS-enabled server accepts (Ollama lists no others)', async () => {
    const sent: Record<string, string>[] = [];
    globalThis.fetch = (_url: unknown, init?: RequestInit) => {
      sent.push(init?.headers as Record<string, string>);
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'User-Agent': 'ask-llama', 'X-Client-Request-Id': 'askllama-1', 'If-None-Match': '"v1"', Authorization: 'Bearer k' };
    const send = (url: string) => fetchRequest(url, { method: 'POST', headers, body: '{}', stopper: { onStop: () => undefined } }).catch(() => undefined);
    const global = globalThis as { location?: { origin: string } };
    try {
      global.location = { origin: 'https://vscode.dev' };
      await send('http://127.0.0.1:11434/v1/chat/completions');
      await send('https://vscode.dev/v1/chat/completions');
    } finally {
      delete global.location;
    }
    await send('http://127.0.0.1:11434/v1/chat/completions'); // Node: no page, no origin
    assert.deepStrictEqual(sent[0], { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: 'Bearer k' });
    assert.deepStrictEqual(sent[1], headers, 'same origin: no preflight, every header');
    assert.deepStrictEqual(sent[2], headers);
  });
});
