// Every stream fact in aimlapi.md, each as its own byte-exact case against a real HTTP server.
import * as assert from 'assert';
import { chatChunk, jsonCompletion, sseAnswer, sseData } from '../../support/scriptedServer';
import { failChat, JSON_HEADERS, runChat, SSE_HEADERS, splitBytes, useScriptedServer } from './apiTestKit';

const USAGE = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 };
const EXPECTED_USAGE = { promptTokens: 12, completionTokens: 3, totalTokens: 15 };

describe('api/chat streaming', () => {
  const server = useScriptedServer();

  it('streams each content piece to onDelta and returns text, finish reason, usage, model and request id', async () => {
    server().enqueue({
      headers: { ...SSE_HEADERS, 'x-inference-id': 'inf-123' },
      chunks: sseAnswer(['Hel', 'lo', ' world'], { usage: USAGE }),
    });
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['Hel', 'lo', ' world']);
    assert.deepStrictEqual(result, {
      text: 'Hello world',
      finishReason: 'stop',
      usage: EXPECTED_USAGE,
      model: 'scripted-model',
      requestId: 'inf-123',
    });
  });

  it('delivers deltas as they arrive, while the stream is still open', async () => {
    // The server sends one piece and then goes silent. A client that held deltas back until the stream ended would
    // never call onDelta and would time out; a streaming one sees the piece, and the test then stops it.
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('first'))], end: 'hang' });
    const controller = new AbortController();
    const { error, deltas } = await failChat(server(), { idleTimeoutMs: 3000 }, { signal: controller.signal, onDelta: () => controller.abort() });
    assert.deepStrictEqual(deltas, ['first']);
    assert.strictEqual(error.kind, 'cancelled');
  });

  it('strips a UTF-8 BOM split across the first two reads', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sseAnswer(['ok']).join(''))]);
    server().enqueue({ headers: SSE_HEADERS, chunks: [body.subarray(0, 2), body.subarray(2)] });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'ok');
  });

  it('reads a stream with bare \\r line endings', async () => {
    const chunks = sseAnswer(['a', 'b']).map((chunk) => chunk.replace(/\n/g, '\r'));
    server().enqueue({ headers: SSE_HEADERS, chunks });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'ab');
    assert.strictEqual(result.finishReason, 'stop');
  });

  it('reads \\r\\n line endings with the pair split across reads', async () => {
    const text = sseAnswer(['one', 'two']).join('').replace(/\n/g, '\r\n');
    const pieces: string[] = [];
    let rest = text;
    // Cut right after every "\r" so each "\n" arrives in the next read.
    for (let at = rest.indexOf('\r'); at !== -1; at = rest.indexOf('\r')) {
      pieces.push(rest.slice(0, at + 1));
      rest = rest.slice(at + 1);
    }
    pieces.push(rest);
    server().enqueue({ headers: SSE_HEADERS, chunks: pieces });
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['one', 'two']);
    assert.strictEqual(result.finishReason, 'stop');
  });

  it('reassembles multi-byte UTF-8 characters split across reads', async () => {
    const text = sseAnswer(['héllo ✓ 🦙']).join('');
    const start = Buffer.from(text).indexOf(Buffer.from('é'));
    const llama = Buffer.from(text).indexOf(Buffer.from('🦙'));
    server().enqueue({ headers: SSE_HEADERS, chunks: splitBytes(text, start + 1, llama + 1, llama + 3) });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'héllo ✓ 🦙');
  });

  it('joins a JSON chunk spread over several data: lines', async () => {
    const multiLine = 'data: {"choices":[{"index":0,\ndata: "delta":{"content":"joined"},\ndata: "finish_reason":"stop"}]}\n\n';
    server().enqueue({ headers: SSE_HEADERS, chunks: [multiLine, sseData('[DONE]')] });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'joined');
    assert.strictEqual(result.finishReason, 'stop');
  });

  it('succeeds without [DONE] when the provider ends with a choices:[] usage chunk (AI/ML API captures)', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['no', ' done'], { usage: USAGE, done: false }) });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'no done');
    assert.deepStrictEqual(result.usage, EXPECTED_USAGE);
  });

  it('reads usage from a choices:null chunk (vLLM)', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [
        sseData(chatChunk('v')),
        sseData(chatChunk(null, { finishReason: 'length' })),
        sseData({ id: 'x', object: 'chat.completion.chunk', choices: null, usage: USAGE }),
        sseData('[DONE]'),
      ],
    });
    const { result } = await runChat(server());
    assert.strictEqual(result.finishReason, 'length');
    assert.deepStrictEqual(result.usage, EXPECTED_USAGE);
  });

  it('handles Together chunks: extra text/seed/token_id fields, and eos with usage in the last content chunk', async () => {
    const together = (content: string, last: boolean): object => ({
      id: 'tg-1',
      object: 'chat.completion.chunk',
      model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      choices: [{ index: 0, text: content, seed: last ? 42 : null, delta: { token_id: 9, role: 'assistant', content }, finish_reason: last ? 'eos' : null, logprobs: null }],
      ...(last ? { usage: USAGE } : {}),
    });
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(together('Hi', false)), sseData(together(' there', true))] });
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['Hi', ' there'], 'the duplicate `text` field must not be added again');
    assert.strictEqual(result.text, 'Hi there');
    assert.strictEqual(result.finishReason, 'stop', "'eos' is reported as 'stop'");
    assert.deepStrictEqual(result.usage, EXPECTED_USAGE);
    assert.strictEqual(result.model, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
  });

  it('ignores llama.cpp top-level timings and AI/ML API meta.usage', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [
        sseData({ ...chatChunk('cpp'), timings: { predicted_ms: 12.5, prompt_n: 4 } }),
        sseData({ ...chatChunk(null, { finishReason: 'stop', usage: USAGE }), meta: { usage: { credits_used: 10, usd_spent: 0.0001 } } }),
        sseData('[DONE]'),
      ],
    });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'cpp');
    assert.deepStrictEqual(result.usage, EXPECTED_USAGE);
  });

  it('skips keep-alive comments, empty data events and data: without a space', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [
        ': OPENROUTER PROCESSING\n\n',
        'data:\n\n',
        `data:${JSON.stringify(chatChunk('tight'))}\n\n`,
        ':ping\n\n',
        'data: \n\n',
        ...sseAnswer([' fit']),
      ],
    });
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['tight', ' fit']);
    assert.strictEqual(result.text, 'tight fit');
  });

  it('accepts [DONE] without its closing blank line right before the connection closes', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('end')), 'data: [DONE]\n'] });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'end');
  });

  it('reports a stream that closes with neither finish reason nor [DONE] as truncated, after delivering the partial text', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('partial ')), sseData(chatChunk('answer'))] });
    const { error, deltas } = await failChat(server());
    assert.strictEqual(error.kind, 'truncated');
    assert.deepStrictEqual(deltas, ['partial ', 'answer']);
    assert.strictEqual(server().requests.length, 1, 'a truncated answer is never retried');
  });

  it('ends successfully shortly after the finish reason when the server never closes the stream', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: [sseData(chatChunk('hang')), sseData(chatChunk(null, { finishReason: 'stop' }))], end: 'hang' });
    const { result } = await runChat(server(), { idleTimeoutMs: 300 });
    assert.strictEqual(result.text, 'hang');
    assert.strictEqual(result.finishReason, 'stop');
  });

  it('turns data: {"error":…} inside a 200 stream into the error its type names, with the server message, after partial text', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [sseData(chatChunk('Once upon')), sseData({ error: { message: 'Model overloaded, try later', type: 'server_error' } })],
    });
    const { error, deltas } = await failChat(server());
    assert.strictEqual(error.kind, 'server');
    assert.match(error.message, /Model overloaded, try later/);
    assert.deepStrictEqual(deltas, ['Once upon']);
    assert.strictEqual(server().requests.length, 1);
  });

  it('turns an `event: error` event into stream_error', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [sseData(chatChunk('a')), 'event: error\ndata: {"message":"upstream went away"}\n\n', ...sseAnswer(['never'])],
    });
    const { error, deltas } = await failChat(server());
    assert.strictEqual(error.kind, 'stream_error');
    assert.match(error.message, /upstream went away/);
    assert.deepStrictEqual(deltas, ['a']);
  });

  it('reports unparseable JSON in a data line as bad_response', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: ['data: {"choices":[{"delta":{"content":"x"}\n\n', sseData('[DONE]')] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'bad_response');
  });

  it('handles plain JSON answering a stream request as one delta with the whole text', async () => {
    server().enqueue(jsonCompletion('The whole answer at once', { usage: USAGE, finishReason: 'length' }));
    const { result, deltas } = await runChat(server());
    assert.deepStrictEqual(deltas, ['The whole answer at once']);
    assert.strictEqual(result.text, 'The whole answer at once');
    assert.strictEqual(result.finishReason, 'length');
    assert.deepStrictEqual(result.usage, EXPECTED_USAGE);
  });

  it('reads an SSE body sent without a content type', async () => {
    server().enqueue({ chunks: sseAnswer(['untyped']) });
    const { result } = await runChat(server());
    assert.strictEqual(result.text, 'untyped');
  });

  it('sends stream:false when asked and reads the JSON completion', async () => {
    server().enqueue(jsonCompletion('not streamed'));
    const { result } = await runChat(server(), { stream: false });
    assert.strictEqual(result.text, 'not streamed');
    assert.strictEqual(server().requests[0].json.stream, false);
    assert.strictEqual(server().requests[0].json.stream_options, undefined);
  });

  it('turns a 200 text/html answer (captive portal) into a short error without any HTML', async () => {
    server().enqueue({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      chunks: ['<!DOCTYPE html><html><head><title>Hotel WiFi Login</title></head><body><form>…</form></body></html>'],
    });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'bad_response');
    assert.doesNotMatch(error.message, /[<>]|DOCTYPE|WiFi/);
    assert.match(error.message, /web page/);
  });

  it('turns a Cloudflare 502 HTML page into a server error without any HTML', async () => {
    const page = '<!DOCTYPE html>\n<html><head><title>api.aimlapi.com | 502: Bad gateway</title></head><body>cloudflare</body></html>';
    server().enqueue({ status: 502, headers: { 'content-type': 'text/html' }, chunks: [page] });
    const { error } = await failChat(server(), { maxRetries: 0 });
    assert.strictEqual(error.kind, 'server');
    assert.strictEqual(error.status, 502);
    assert.strictEqual(error.retryable, true);
    assert.doesNotMatch(error.message, /[<>]|cloudflare/i);
  });

  it('reports a non-JSON body with a JSON content type as bad_response', async () => {
    server().enqueue({ headers: JSON_HEADERS, chunks: ['{"choices": ['] });
    const { error } = await failChat(server());
    assert.strictEqual(error.kind, 'bad_response');
  });
});
