// The web build's transport in real Chromium (issue 23): chat() over fetch from a page on one loopback port to scripted
// OpenAI-compatible servers on others, i.e. cross-origin, as vscode.dev is to a local model server. A server that
// answers the CORS preflight streams its answer through (byte by byte, and the text arrives whole and in order, the
// key only in the Authorization header), and so does one that allows only Ollama's fixed list of request headers;
// one that does not answer CORS is reported as the `cors` ApiError that says what to set for each local server; Stop
// cuts the stream and the connection. The Node-side fetch suites (test/unit/api/overFetch.test.ts) cannot show these:
// Node's fetch has no CORS and its errors carry a cause.
import * as assert from 'node:assert';
import type { ChatRequest } from '../../src/api';
import { allowing, likeOllama, OLLAMA_ALLOW_HEADERS } from '../support/corsResponses';
import { ScriptedServer, sseAnswer } from '../support/scriptedServer';
import { FetchPage } from './fetchPage';

const KEY = 'sk-browser-7c1e9a4f2b8d6e30';
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
/** Multi-byte text too: a byte-by-byte stream splits these characters across reads. */
const PIECES = ['Hello', ' from', ' the', ' browser', ':', ' café', ' →', ' 日本語', ' 😀', ' done', '.'];

/** Splits the whole body into one-byte writes (each flushed on its own, see ScriptedServer's writeChunk). */
function byteByByte(chunks: string[]): Uint8Array[] {
  return [...Buffer.from(chunks.join(''), 'utf8')].map((byte) => Uint8Array.of(byte));
}

function request(server: ScriptedServer, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { baseUrl: server.baseUrl, model: MODEL, apiKey: KEY, messages: [{ role: 'user', content: 'Say hello' }], ...overrides };
}

describe('fetch transport in Chromium: streaming, CORS and Stop (web build)', function () {
  this.timeout(30_000);
  let page: FetchPage;
  let server: ScriptedServer;

  before(async () => {
    page = await FetchPage.open();
  });
  after(async () => {
    await page?.close();
  });
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server?.close();
    assert.deepStrictEqual(page.errors, [], 'the page threw');
  });

  it('streams a byte-by-byte answer from a server that allows the page: whole, in order, key only in Authorization', async () => {
    server.setFallback((req) => allowing(page.origin, req, { headers: { 'content-type': 'text/event-stream' }, chunks: byteByByte(sseAnswer(PIECES)) }));
    const outcome = await page.chat(request(server));

    assert.strictEqual(outcome.error, undefined, outcome.error?.message);
    assert.deepStrictEqual(outcome.deltas.join(''), PIECES.join(''));
    assert.deepStrictEqual(outcome.deltas, PIECES, 'one delta per event, in order, none split or merged');
    assert.strictEqual(outcome.text, PIECES.join(''));
    assert.strictEqual(outcome.finishReason, 'stop');

    const [preflight, post, ...rest] = server.requests;
    assert.deepStrictEqual(rest, [], 'one preflight and one request');
    assert.strictEqual(preflight.method, 'OPTIONS');
    assert.strictEqual(preflight.headers.origin, page.origin);
    assert.match(String(preflight.headers['access-control-request-headers']), /(^|,)authorization(,|$)/);
    assert.strictEqual(preflight.headers.authorization, undefined, 'a preflight never carries the key');
    assert.strictEqual(post.method, 'POST');
    assert.strictEqual(post.url, '/v1/chat/completions');
    assert.strictEqual(post.headers.authorization, `Bearer ${KEY}`);
    assert.strictEqual(post.headers.cookie, undefined);
    const elsewhere = [post.url, post.body, ...Object.entries(post.headers).filter(([name]) => name !== 'authorization').map(([, value]) => String(value))];
    assert.ok(!elsewhere.some((text) => text.includes(KEY)), 'the key is in no other header, nor the URL or body');
    assert.strictEqual(post.json?.stream, true);
  });

  it('streams from a server that allows only a fixed list of headers, as Ollama does with OLLAMA_ORIGINS set', async () => {
    server.setFallback((req) => likeOllama(req, { headers: { 'content-type': 'text/event-stream' }, chunks: sseAnswer(PIECES) }));
    const outcome = await page.chat(request(server, { apiKey: undefined }));

    assert.strictEqual(outcome.error, undefined, outcome.error?.message);
    assert.strictEqual(outcome.text, PIECES.join(''));
    const [preflight, post] = server.requests;
    const allowed = new Set(OLLAMA_ALLOW_HEADERS.toLowerCase().split(','));
    const asked = String(preflight.headers['access-control-request-headers']).split(',');
    assert.deepStrictEqual(asked.filter((name) => !allowed.has(name)), [], 'every header the request carries is on the list');
    assert.strictEqual(post.method, 'POST');
  });

  it('reports a server that does not answer CORS as the cors error, with what to set for each local server', async () => {
    server.setFallback({ headers: { 'content-type': 'text/event-stream' }, chunks: sseAnswer(PIECES) });
    const outcome = await page.chat(request(server));

    assert.strictEqual(outcome.error?.kind, 'cors', `expected a cors ApiError, got ${JSON.stringify(outcome.error)}`);
    assert.strictEqual(outcome.error.name, 'ApiError');
    assert.strictEqual(outcome.error.retryable, false);
    const message = outcome.error.message;
    const host = new URL(server.baseUrl).host;
    assert.ok(message.includes(host), message);
    assert.match(message, /CORS/);
    // An unusual port: the advice for every local server it could be.
    for (const advice of [/Ollama: set OLLAMA_ORIGINS/, /LM Studio: start it with `lms server start --cors`/, /llama\.cpp: start llama-server with `--cors-origins/, /vLLM: start it with `--allowed-origins/]) {
      assert.match(message, advice);
    }
    assert.ok(!message.includes(KEY));
    assert.deepStrictEqual(outcome.deltas, []);
    // The browser stopped at the refused preflight: the request with the key never left the page, and no retry came.
    assert.deepStrictEqual(server.requests.map((r) => r.method), ['OPTIONS']);
  });

  it('reports an answer without Access-Control-Allow-Origin (preflight allowed) as the same cors error', async () => {
    server.setFallback((req) => req.method === 'OPTIONS'
      ? allowing(page.origin, req, {})
      : { headers: { 'content-type': 'text/event-stream' }, chunks: sseAnswer(PIECES) });
    const outcome = await page.chat(request(server));

    assert.strictEqual(outcome.error?.kind, 'cors', JSON.stringify(outcome.error));
    assert.match(outcome.error.message, /OLLAMA_ORIGINS/);
    assert.deepStrictEqual(outcome.deltas, [], 'nothing of a refused answer reaches the page');
    assert.deepStrictEqual(server.requests.map((r) => r.method), ['OPTIONS', 'POST']);
  });

  it('Stop mid-stream ends chat() as cancelled with the text so far, and closes the connection', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const chunks = sseAnswer(PIECES);
    server.setFallback((req) => allowing(page.origin, req, { headers: { 'content-type': 'text/event-stream' }, chunks, hold: { afterChunks: 4, until: held } }));
    try {
      await page.start('stopped', request(server));
      await page.waitForDeltas('stopped', 4);
      await server.waitForRequests(2);
      const post = server.requests[1];
      assert.strictEqual(post.aborted, undefined, 'the stream is still open before Stop');
      await page.stop('stopped');
      const outcome = await page.outcome('stopped');

      assert.strictEqual(outcome.error?.kind, 'cancelled', JSON.stringify(outcome.error));
      assert.deepStrictEqual(outcome.deltas, PIECES.slice(0, 4));
      // The browser closed the socket: the server's response ended without finishing.
      const deadline = Date.now() + 5_000;
      while (!post.aborted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.strictEqual(post.aborted, true, 'the server saw the connection close');
      assert.strictEqual(server.requests.length, 2, 'no retry after Stop');
    } finally {
      release();
    }
  });
});
