// HTTP and connection failures → ApiError kind, status, retryable, retryAfterMs, requestId and a short message.
import * as assert from 'assert';
import { ScriptedServer, chatChunk, sseData } from '../../support/scriptedServer';
import { assertNoSecret, failChat, JSON_HEADERS, SECRET_KEY, SSE_HEADERS, useScriptedServer } from './apiTestKit';

/** The AI/ML API's own error body shape. */
function aimlError(status: number, message: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ message, path: '/v1/chat/completions', requestId: 'req-aiml-1', statusCode: status, timestamp: '2026-01-01T00:00:00Z', ...extra });
}

function openAiError(message: string, code: string | null = null, type = 'invalid_request_error'): string {
  return JSON.stringify({ error: { message, type, code } });
}

describe('api/chat errors', () => {
  const server = useScriptedServer();

  it('401 → auth, with the AI/ML API message and requestId from the body', async () => {
    server().enqueue({ status: 401, headers: JSON_HEADERS, chunks: [aimlError(401, 'This request requires a valid API key in the Authorization header.')] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'auth');
    assert.strictEqual(error.status, 401);
    assert.strictEqual(error.retryable, false);
    assert.strictEqual(error.requestId, 'req-aiml-1');
    assert.match(error.message, /requires a valid API key/);
  });

  it('prefers the x-inference-id header for the request id', async () => {
    server().enqueue({ status: 401, headers: { ...JSON_HEADERS, 'x-inference-id': 'inf-header' }, chunks: [aimlError(401, 'nope')] });
    const { error } = await failChat(server());
    assert.strictEqual(error.requestId, 'inf-header');
  });

  it('403 → forbidden (out of credits)', async () => {
    server().enqueue({ status: 403, headers: JSON_HEADERS, chunks: [aimlError(403, 'You have run out of credits')] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'forbidden');
    assert.match(error.message, /out of credits/);
  });

  it("a plan stop keeps the server's own sentence (redacted, one line) for the UI to quote", async () => {
    server().enqueue({
      status: 403,
      headers: JSON_HEADERS,
      chunks: [aimlError(403, `You've reached your free limit for the hour.\nKey ${SECRET_KEY} is on the free plan.`)],
    });
    const { error } = await failChat(server(), { apiKey: SECRET_KEY });
    assert.strictEqual(error.kind, 'forbidden');
    assert.strictEqual(error.serverMessage, "You've reached your free limit for the hour. Key [redacted] is on the free plan.");
    assertNoSecret(error);
  });

  it('an HTML page or a body that only repeats the status carries no server sentence', async () => {
    server().enqueue(
      { status: 403, headers: { 'content-type': 'text/html' }, chunks: ['<html><body>Forbidden</body></html>'] },
      { status: 403, headers: JSON_HEADERS, chunks: [aimlError(403, 'Forbidden')] },
    );
    assert.strictEqual((await failChat(server())).error.serverMessage, undefined);
    assert.strictEqual((await failChat(server())).error.serverMessage, undefined);
  });

  it('404 without a body → model_unavailable, naming the model and saying it may be deprecated', async () => {
    server().enqueue({ status: 404 });
    const { error } = await failChat(server(), { model: 'meta-llama/Llama-3.2-3B-Instruct-Turbo' });
    assert.strictEqual(error.kind, 'model_unavailable');
    assert.strictEqual(error.status, 404);
    assert.match(error.message, /meta-llama\/Llama-3\.2-3B-Instruct-Turbo/);
    assert.match(error.message, /deprecated/);
    assert.strictEqual(server().requests.length, 1, '404 is not retried');
  });

  it('a "Model is deprecated" answer → model_unavailable with the server message', async () => {
    server().enqueue({ status: 400, headers: JSON_HEADERS, chunks: [aimlError(400, 'Model is deprecated. You cannot call it anymore.')] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'model_unavailable');
    assert.match(error.message, /deprecated/);
  });

  it('a 404 naming the model (Ollama) → model_unavailable', async () => {
    server().enqueue({ status: 404, headers: JSON_HEADERS, chunks: [JSON.stringify({ error: 'model "llama9" not found, try pulling it first' })] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'model_unavailable');
    assert.match(error.message, /try pulling it first/);
  });

  it('a 404 about the path (wrong base URL) → bad_request that points at the base URL', async () => {
    server().enqueue({ status: 404, headers: JSON_HEADERS, chunks: [aimlError(404, 'Cannot POST /v2/chat/completions')] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'bad_request');
    assert.match(error.message, /base URL/);
  });

  it('400 about the context length (OpenAI shape) → context_length', async () => {
    server().enqueue({
      status: 400,
      headers: JSON_HEADERS,
      chunks: [openAiError("This model's maximum context length is 9000 tokens. However, you requested 12000 tokens.", 'context_length_exceeded')],
    });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'context_length');
    assert.match(error.message, /maximum context length is 9000/);
  });

  it('other 400s → bad_request, reading a string statusCode and a list of messages', async () => {
    server().enqueue({ status: 400, headers: JSON_HEADERS, chunks: [aimlError(400, 'Body validation error', { statusCode: '400' })] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'bad_request');
    assert.strictEqual(error.retryable, false);
    assert.match(error.message, /Body validation error/);

    server().enqueue({ status: 400, headers: JSON_HEADERS, chunks: [JSON.stringify({ message: ['temperature must be ≤ 2', 'top_p must be > 0'], statusCode: '400' })] });
    const second = await failChat(server());
    assert.match(second.error.message, /temperature must be ≤ 2; top_p must be > 0/);
  });

  it('408 → timeout, 409 and 429 → rate_limited, all retryable, with retry-after read', async () => {
    server().enqueue(
      { status: 408, headers: JSON_HEADERS, chunks: [aimlError(408, 'Request Timeout')] },
      { status: 409, headers: JSON_HEADERS, chunks: [aimlError(409, 'Conflict')] },
      { status: 429, headers: { ...JSON_HEADERS, 'retry-after': '120' }, chunks: [aimlError(429, 'Too Many Requests')] },
    );
    const timeout = await failChat(server(), { maxRetries: 0 });
    assert.deepStrictEqual([timeout.error.kind, timeout.error.status, timeout.error.retryable], ['timeout', 408, true]);
    const conflict = await failChat(server(), { maxRetries: 0 });
    assert.deepStrictEqual([conflict.error.kind, conflict.error.status, conflict.error.retryable], ['rate_limited', 409, true]);
    const limited = await failChat(server(), { maxRetries: 0 });
    assert.deepStrictEqual([limited.error.kind, limited.error.status, limited.error.retryable], ['rate_limited', 429, true]);
    assert.strictEqual(limited.error.retryAfterMs, 120_000);
  });

  it('5xx → server, retryable, with the "under maintenance" message', async () => {
    server().enqueue({ status: 500, headers: JSON_HEADERS, chunks: [aimlError(500, 'The model is under maintenance')] });
    const { error } = await failChat(server(), { maxRetries: 0 });
    assert.strictEqual(error.kind, 'server');
    assert.strictEqual(error.retryable, true);
    assert.match(error.message, /under maintenance/);
  });

  it('falls back to the status text for an empty error body', async () => {
    server().enqueue({ status: 503 });
    const { error } = await failChat(server(), { maxRetries: 0 });
    assert.strictEqual(error.kind, 'server');
    assert.match(error.message, /503 Service Unavailable/);
  });

  it('cuts a very long server message short', async () => {
    server().enqueue({ status: 400, headers: JSON_HEADERS, chunks: [openAiError(`Invalid messages: ${'x'.repeat(5000)}`)] });
    const { error } = await failChat(server());
    assert.ok(error.message.length <= 300, `message is ${error.message.length} characters`);
    assert.match(error.message, /Invalid messages/);
  });

  it('connection refused → network', async () => {
    const closed = await ScriptedServer.start();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { error } = await failChat(server(), { baseUrl, maxRetries: 0 });
    assert.strictEqual(error.kind, 'network');
    assert.strictEqual(error.retryable, true);
    assert.match(error.message, /refused/);
  });

  it('a silent server → timeout after timeoutMs, not retried', async () => {
    server().enqueue({ headersDelayMs: 2000, headers: SSE_HEADERS, chunks: [] });
    const { error } = await failChat(server(), { timeoutMs: 200 });
    assert.strictEqual(error.kind, 'timeout');
    assert.match(error.message, /No response/);
    assert.strictEqual(server().requests.length, 1);
  });

  it('headers sent but no first byte → timeout after timeoutMs', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [], end: 'hang' });
    const { error } = await failChat(server(), { timeoutMs: 200, idleTimeoutMs: 10_000 });
    assert.strictEqual(error.kind, 'timeout');
  });

  describe('the API key', () => {
    it('is scrubbed from a server message that echoes it', async () => {
      server().enqueue({ status: 401, headers: JSON_HEADERS, chunks: [openAiError(`Incorrect API key provided: ${SECRET_KEY}.`, 'invalid_api_key')] });
      const { error } = await failChat(server(), { apiKey: SECRET_KEY });
      assert.strictEqual(error.kind, 'auth');
      assert.match(error.message, /Incorrect API key provided/);
      assertNoSecret(error);
    });

    it('is scrubbed from errors reported inside a stream', async () => {
      server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('x')), sseData({ error: { message: `key ${SECRET_KEY} exhausted` } })] });
      const { error } = await failChat(server(), { apiKey: SECRET_KEY });
      assert.strictEqual(error.kind, 'stream_error');
      assertNoSecret(error);
    });

    it('never appears in network, timeout or HTML errors', async () => {
      server().enqueue({ status: 502, headers: { 'content-type': 'text/html' }, chunks: [`<html>${SECRET_KEY}</html>`] });
      assertNoSecret((await failChat(server(), { apiKey: SECRET_KEY, maxRetries: 0 })).error);
      server().enqueue({ headersDelayMs: 2000 });
      assertNoSecret((await failChat(server(), { apiKey: SECRET_KEY, timeoutMs: 100 })).error);
      const refused = `http://127.0.0.1:${await closedPort()}/v1`;
      assertNoSecret((await failChat(server(), { apiKey: SECRET_KEY, baseUrl: refused, maxRetries: 0 })).error);
    });
  });
});

async function closedPort(): Promise<string> {
  const temporary = await ScriptedServer.start();
  const port = new URL(temporary.baseUrl).port;
  await temporary.close();
  return port;
}
