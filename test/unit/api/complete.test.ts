// complete() against the scripted server: each fill-in-the-middle endpoint's exact request and streamed answer, the
// chat hole-filler, vLLM's rejected `suffix`, abort seen by the server, errors as ApiError, the key only in its header.
import * as assert from 'assert';
import { ApiError, clearSuffixMemory, complete, type CompletionRequest, type CompletionResult } from '../../../src/api';
import { ScriptedServer, sseAnswer, sseData } from '../../support/scriptedServer';
import { assertNoSecret, eventually, JSON_HEADERS, SECRET_KEY, SSE_HEADERS, useScriptedServer } from './apiTestKit';

const NDJSON_HEADERS = { 'content-type': 'application/x-ndjson' };
const PREFIX = 'function add(a, b) {\n  return ';
const SUFFIX = '\n}\n';

function requestFor(server: ScriptedServer, overrides: Partial<CompletionRequest>): CompletionRequest {
  return { baseUrl: server.baseUrl, apiKey: SECRET_KEY, model: 'qwen2.5-coder:1.5b', prefix: PREFIX, suffix: SUFFIX, ...overrides };
}

async function failComplete(server: ScriptedServer, overrides: Partial<CompletionRequest>, signal?: AbortSignal): Promise<ApiError> {
  try {
    const result: CompletionResult = await complete(requestFor(server, overrides), { signal });
    assert.fail(`expected complete() to fail, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error;
  }
}

function ollamaLines(...pieces: string[]): string[] {
  const lines = pieces.map((response) => `${JSON.stringify({ model: 'm', response, done: false })}\n`);
  lines.push(`${JSON.stringify({ model: 'm', response: '', done: true, done_reason: 'stop' })}\n`);
  return lines;
}

function openAiCompletionChunks(...pieces: string[]): string[] {
  const chunks = pieces.map((text) => sseData({ object: 'text_completion', choices: [{ index: 0, text, finish_reason: null }] }));
  chunks.push(sseData({ object: 'text_completion', choices: [{ index: 0, text: '', finish_reason: 'stop' }] }), sseData('[DONE]'));
  return chunks;
}

describe('api/complete', () => {
  const server = useScriptedServer();
  beforeEach(() => clearSuffixMemory());

  it('Ollama: POST /api/generate at the server root with prompt and suffix, NDJSON read piece by piece', async () => {
    server().enqueue({ headers: NDJSON_HEADERS, chunks: ollamaLines('a ', '+ b;') });
    const result = await complete(requestFor(server(), { endpoint: 'ollama', maxTokens: 64, stop: ['\n\n'] }));
    assert.strictEqual(result.text, 'a + b;');
    assert.strictEqual(result.endpoint, 'ollama');
    assert.ok(result.firstTokenMs !== undefined && result.firstTokenMs <= result.totalMs);
    const sent = server().requests[0];
    assert.strictEqual(sent.url, '/api/generate');
    assert.deepStrictEqual(sent.json, {
      model: 'qwen2.5-coder:1.5b',
      prompt: PREFIX,
      suffix: SUFFIX,
      stream: true,
      options: { temperature: 0.2, num_predict: 64, stop: ['\n\n'] },
    });
  });

  it('Ollama: an error line inside a 200 answer is a stream_error', async () => {
    server().enqueue({ headers: NDJSON_HEADERS, chunks: [`${JSON.stringify({ error: 'model does not support insert' })}\n`] });
    const error = await failComplete(server(), { endpoint: 'ollama' });
    assert.strictEqual(error.kind, 'stream_error');
    assert.match(error.message, /does not support insert/);
  });

  it('llama.cpp: POST /infill with input_prefix/input_suffix, SSE content pieces', async () => {
    server().enqueue({
      headers: SSE_HEADERS,
      chunks: [sseData({ content: 'a + ', stop: false }), sseData({ content: 'b;', stop: false }), sseData({ content: '', stop: true })],
    });
    const result = await complete(requestFor(server(), { endpoint: 'llamacpp' }));
    assert.strictEqual(result.text, 'a + b;');
    const sent = server().requests[0];
    assert.strictEqual(sent.url, '/infill');
    assert.strictEqual(sent.json.input_prefix, PREFIX);
    assert.strictEqual(sent.json.input_suffix, SUFFIX);
    assert.strictEqual(sent.json.stream, true);
    assert.strictEqual(sent.json.n_predict, 128);
  });

  it('OpenAI-style: /v1/completions with prompt + suffix for a model without a known FIM template', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: openAiCompletionChunks('a + b;') });
    const result = await complete(requestFor(server(), { endpoint: 'openai', model: 'bigcode/starcoder2-3b' }));
    assert.strictEqual(result.text, 'a + b;');
    assert.strictEqual(result.prefixOnly, undefined);
    const sent = server().requests[0];
    assert.strictEqual(sent.url, '/v1/completions');
    assert.strictEqual(sent.json.prompt, PREFIX);
    assert.strictEqual(sent.json.suffix, SUFFIX);
  });

  it('OpenAI-style: a model with a FIM template gets the template prompt and its stop tokens, no suffix field', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: openAiCompletionChunks('a + b;') });
    await complete(requestFor(server(), { endpoint: 'openai', model: 'Qwen/Qwen2.5-Coder-7B' }));
    const sent = server().requests[0];
    assert.strictEqual(sent.json.prompt, `<|fim_prefix|>${PREFIX}<|fim_suffix|>${SUFFIX}<|fim_middle|>`);
    assert.strictEqual('suffix' in sent.json, false);
    assert.ok(sent.json.stop.includes('<|endoftext|>'));
  });

  it('vLLM rejecting suffix with 400: answered from the prefix alone, and that server is not sent suffix again', async () => {
    const rejected = { status: 400, headers: JSON_HEADERS, chunks: [JSON.stringify({ object: 'error', message: 'suffix is not currently supported', type: 'BadRequestError', code: 400 })] };
    server().enqueue(rejected, { headers: SSE_HEADERS, chunks: openAiCompletionChunks('a + b;') }, { headers: SSE_HEADERS, chunks: openAiCompletionChunks('x') });
    const first = await complete(requestFor(server(), { endpoint: 'openai', model: 'bigcode/starcoder2-3b' }));
    assert.strictEqual(first.text, 'a + b;');
    assert.strictEqual(first.prefixOnly, true);
    assert.strictEqual(server().requests[0].json.suffix, SUFFIX);
    assert.strictEqual('suffix' in server().requests[1].json, false);
    assert.strictEqual(server().requests[1].json.prompt, PREFIX);
    const second = await complete(requestFor(server(), { endpoint: 'openai', model: 'bigcode/starcoder2-3b' }));
    assert.strictEqual(second.prefixOnly, true);
    assert.strictEqual(server().requests.length, 3, 'one request, no second rejection');
    assert.strictEqual('suffix' in server().requests[2].json, false);
  });

  it('another 400 is not taken for a suffix rejection: it fails as bad_request, once', async () => {
    server().enqueue({ status: 400, headers: JSON_HEADERS, chunks: [JSON.stringify({ error: { message: 'temperature must be positive' } })] });
    const error = await failComplete(server(), { endpoint: 'openai', model: 'bigcode/starcoder2-3b' });
    assert.strictEqual(error.kind, 'bad_request');
    assert.strictEqual(server().requests.length, 1);
  });

  it('chat hole-filler: one chat request with the marked hole, retries off, the reply read strictly', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['```js\n', 'a + b;\n```']) });
    const result = await complete(requestFor(server(), { endpoint: 'chat', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', languageId: 'javascript' }));
    assert.strictEqual(result.text, 'a + b;');
    assert.strictEqual(result.endpoint, 'chat');
    const sent = server().requests[0];
    assert.strictEqual(sent.url, '/v1/chat/completions');
    const user = sent.json.messages[1].content as string;
    assert.ok(user.includes(`${PREFIX}<HOLE>${SUFFIX}`), user);
    assert.match(user, /javascript/);
  });

  it('chat hole-filler: prose is refused, giving no suggestion', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['Here is the completed code:\n', '```js\na + b;\n```']) });
    const result = await complete(requestFor(server(), { endpoint: 'chat', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' }));
    assert.strictEqual(result.text, '');
    assert.strictEqual(result.refused, true);
  });

  it('chat hole-filler: a 500 fails at once (no retry) as an ApiError', async () => {
    server().enqueue({ status: 500, headers: JSON_HEADERS, chunks: ['{"message":"boom"}'] });
    const error = await failComplete(server(), { endpoint: 'chat', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' });
    assert.strictEqual(error.kind, 'server');
    assert.strictEqual(server().requests.length, 1);
  });

  for (const endpoint of ['ollama', 'llamacpp', 'openai', 'chat'] as const) {
    it(`${endpoint}: abort while the server is thinking closes the connection and rejects with cancelled`, async () => {
      server().enqueue({ headers: endpoint === 'ollama' ? NDJSON_HEADERS : SSE_HEADERS, chunks: [], end: 'hang' });
      const controller = new AbortController();
      const failing = failComplete(server(), { endpoint }, controller.signal);
      await server().waitForRequests(1);
      await eventually(() => server().openConnections === 1, 'the request is open');
      controller.abort();
      const error = await failing;
      assert.strictEqual(error.kind, 'cancelled');
      await eventually(() => server().openRequestConnections === 0, 'the client closed its connection');
    });

    it(`${endpoint}: 401 is an auth ApiError without the key; the key went only in the Authorization header`, async () => {
      server().enqueue({ status: 401, headers: JSON_HEADERS, chunks: [JSON.stringify({ message: `bad key ${SECRET_KEY}` })] });
      const error = await failComplete(server(), { endpoint });
      assert.strictEqual(error.kind, 'auth');
      assertNoSecret(error);
      const sent = server().requests[0];
      assert.strictEqual(sent.headers.authorization, `Bearer ${SECRET_KEY}`);
      assert.ok(!sent.body.includes(SECRET_KEY) && !sent.url.includes(SECRET_KEY));
      assert.strictEqual(server().requests.length, 1, 'not retried');
    });
  }

  it('a redirect is not followed: the key is sent to the base URL\'s origin only', async () => {
    const elsewhere = await ScriptedServer.start();
    try {
      server().enqueue({ status: 307, headers: { location: `${elsewhere.baseUrl.replace(/\/v1$/, '')}/api/generate` } });
      const error = await failComplete(server(), { endpoint: 'ollama' });
      assert.strictEqual(error.kind, 'bad_request');
      assert.match(error.message, /redirected/);
      assertNoSecret(error);
      assert.strictEqual(elsewhere.requests.length, 0);
    } finally {
      await elsewhere.close();
    }
  });

  it('no key, no Authorization header (a local server)', async () => {
    server().enqueue({ headers: NDJSON_HEADERS, chunks: ollamaLines('x') });
    await complete(requestFor(server(), { endpoint: 'ollama', apiKey: undefined }));
    assert.strictEqual(server().requests[0].headers.authorization, undefined);
  });

  it('a server that goes silent times out as an ApiError', async () => {
    server().enqueue({ headers: NDJSON_HEADERS, chunks: [], end: 'hang' });
    const error = await failComplete(server(), { endpoint: 'ollama', timeoutMs: 200 });
    assert.strictEqual(error.kind, 'timeout');
  });

  it('a stream cut before its end is truncated, not a suggestion', async () => {
    server().enqueue({ headers: NDJSON_HEADERS, chunks: [`${JSON.stringify({ response: 'a +', done: false })}\n`], end: 'destroy' });
    const error = await failComplete(server(), { endpoint: 'ollama' });
    assert.ok(error.kind === 'truncated' || error.kind === 'network', error.kind);
  });

  it('a non-streamed JSON answer (a server that ignored stream) is read whole', async () => {
    server().enqueue({ headers: JSON_HEADERS, chunks: [JSON.stringify({ content: 'a + b;', stop: true }, null, 2)] });
    const result = await complete(requestFor(server(), { endpoint: 'llamacpp' }));
    assert.strictEqual(result.text, 'a + b;');
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failComplete(server(), { endpoint: 'ollama' }, controller.signal);
    assert.strictEqual(error.kind, 'cancelled');
    assert.strictEqual(server().requests.length, 0);
  });
});
