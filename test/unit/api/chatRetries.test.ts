// Retries (counted on the server), retry-after, no retry after text, abort, and the idle timeout.
import * as assert from 'assert';
import type { ScriptedResponse } from '../../support/scriptedServer';
import { chatChunk, jsonCompletion, sseAnswer, sseData } from '../../support/scriptedServer';
import { eventually, failChat, JSON_HEADERS, runChat, SSE_HEADERS, useScriptedServer } from './apiTestKit';

function busy(status: number, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, chunks: [JSON.stringify({ message: 'busy', statusCode: status })] };
}

describe('api/chat retries, abort and timeouts', () => {
  const server = useScriptedServer();

  it('retries 429 and 5xx (honouring retry-after-ms) and then succeeds', async () => {
    server().enqueue(busy(429, { 'retry-after-ms': '5' }), busy(503, { 'retry-after-ms': '5' }), { headers: SSE_HEADERS, chunks: sseAnswer(['third time']) });
    const retries: Array<{ attempt: number; delayMs: number; status?: number }> = [];
    const { result } = await runChat(server(), {}, { onRetry: ({ attempt, delayMs, error }) => retries.push({ attempt, delayMs, status: error.status }) });
    assert.strictEqual(result.text, 'third time');
    assert.strictEqual(server().requests.length, 3);
    assert.deepStrictEqual(retries, [
      { attempt: 1, delayMs: 5, status: 429 },
      { attempt: 2, delayMs: 5, status: 503 },
    ]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    server().setFallback(busy(500, { 'retry-after-ms': '1' }));
    const { error } = await failChat(server(), { maxRetries: 1 });
    assert.strictEqual(error.kind, 'server');
    assert.strictEqual(server().requests.length, 2);
  });

  it('retries twice by default', async () => {
    server().setFallback(busy(502, { 'retry-after-ms': '1' }));
    await failChat(server());
    assert.strictEqual(server().requests.length, 3);
  });

  it('honours retry-after in seconds and as an HTTP date', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    server().enqueue(busy(429, { 'retry-after': '0' }), busy(429, { 'retry-after': past }), jsonCompletion('ok'));
    const delays: number[] = [];
    await runChat(server(), {}, { onRetry: ({ delayMs }) => delays.push(delayMs) });
    assert.deepStrictEqual(delays, [0, 0]);
    assert.strictEqual(server().requests.length, 3);
  });

  it('does not wait out a retry-after beyond the cap: fails at once with retryAfterMs set', async () => {
    server().enqueue(busy(429, { 'retry-after': '3600' }), jsonCompletion('too late'));
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'rate_limited');
    assert.strictEqual(error.retryAfterMs, 3_600_000);
    assert.strictEqual(server().requests.length, 1);
  });

  it('backs off and retries a connection dropped before any text', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [], end: 'destroy' }, { headers: SSE_HEADERS, chunks: sseAnswer(['recovered']) });
    const retries: Array<{ kind: string; delayMs: number }> = [];
    const { result } = await runChat(server(), { maxRetries: 1 }, { onRetry: ({ error, delayMs }) => retries.push({ kind: error.kind, delayMs }) });
    assert.strictEqual(result.text, 'recovered');
    assert.strictEqual(server().requests.length, 2);
    assert.strictEqual(retries[0].kind, 'network');
    // 0.5 s base back-off, shortened by up to 25 % jitter.
    assert.ok(retries[0].delayMs >= 375 && retries[0].delayMs <= 500, `delay ${retries[0].delayMs}`);
  });

  it('never retries once text was delivered: a dropped connection is truncated', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('half an'))], end: 'destroy' });
    server().setFallback({ headers: SSE_HEADERS, chunks: sseAnswer(['duplicate']) });
    const { error, deltas } = await failChat(server());
    assert.strictEqual(error.kind, 'truncated');
    assert.deepStrictEqual(deltas, ['half an']);
    assert.strictEqual(server().requests.length, 1);
  });

  it('does not retry client errors', async () => {
    server().setFallback(busy(400));
    await failChat(server());
    assert.strictEqual(server().requests.length, 1);
  });

  it('sends a fresh X-Client-Request-Id with each attempt', async () => {
    server().enqueue(busy(503, { 'retry-after-ms': '1' }), jsonCompletion('ok'));
    await runChat(server());
    const ids = server().requests.map((r) => r.headers['x-client-request-id']);
    assert.strictEqual(new Set(ids).size, 2);
  });

  it('abort mid-stream closes the connection at once and rejects with cancelled', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('started'))], end: 'hang' });
    const controller = new AbortController();
    const { error, deltas } = await failChat(server(), {}, { signal: controller.signal, onDelta: () => controller.abort() });
    assert.strictEqual(error.kind, 'cancelled');
    assert.deepStrictEqual(deltas, ['started']);
    await eventually(() => server().openRequestConnections === 0, 'the client closed its connection');
  });

  it('abort while waiting for the response closes the connection', async () => {
    server().enqueue({ headersDelayMs: 2000, headers: SSE_HEADERS, chunks: sseAnswer(['late']) });
    const controller = new AbortController();
    const run = failChat(server(), {}, { signal: controller.signal });
    await server().waitForRequests(1);
    assert.strictEqual(server().openConnections, 1);
    controller.abort();
    const { error } = await run;
    assert.strictEqual(error.kind, 'cancelled');
    await eventually(() => server().openRequestConnections === 0, 'the client closed its connection');
  });

  it('abort during a retry back-off rejects with cancelled and sends nothing more', async () => {
    server().setFallback(busy(429, { 'retry-after-ms': '5000' }));
    const controller = new AbortController();
    const { error } = await failChat(server(), {}, { signal: controller.signal, onRetry: () => controller.abort() });
    assert.strictEqual(error.kind, 'cancelled');
    assert.strictEqual(server().requests.length, 1);
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await failChat(server(), {}, { signal: controller.signal });
    assert.strictEqual(error.kind, 'cancelled');
    assert.strictEqual(server().requests.length, 0);
  });

  it('keep-alive comments do not reset the idle timer: a stream of only keep-alives times out', async () => {
    // Keep-alives every 50 ms for ~2 s, then the server closes. Were they counted as activity, the 300 ms idle
    // timer would never fire and the result would be "truncated" instead.
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [sseData(chatChunk('thinking…')), ...Array.from({ length: 40 }, () => ': keep-alive\n\n')],
      chunkDelayMs: 50,
    });
    const { error, deltas } = await failChat(server(), { idleTimeoutMs: 300 });
    assert.strictEqual(error.kind, 'timeout');
    assert.match(error.message, /stalled/);
    assert.deepStrictEqual(deltas, ['thinking…']);
    assert.strictEqual(server().requests.length, 1);
  });

  it('real data resets the idle timer: a slow but steady stream completes', async () => {
    // Each piece comes 100 ms after the last; the whole answer (9 chunks) takes over twice the 400 ms idle limit.
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['a', 'b', 'c', 'd', 'e', 'f']), chunkDelayMs: 100 });
    const { result } = await runChat(server(), { idleTimeoutMs: 400 });
    assert.strictEqual(result.text, 'abcdef');
  });
});
