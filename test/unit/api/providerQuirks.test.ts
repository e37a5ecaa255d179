// Provider quirks: errors inside HTTP 200 answers (JSON body or stream event) are classified like the status they
// name, and quota / billing / credit exhaustion is never retried, whatever status it comes with.
import * as assert from 'assert';
import type { ScriptedResponse } from '../../support/scriptedServer';
import { chatChunk, sseAnswer, sseData } from '../../support/scriptedServer';
import { failChat, JSON_HEADERS, runChat, SSE_HEADERS, useScriptedServer } from './apiTestKit';

function json200(body: unknown): ScriptedResponse {
  return { status: 200, headers: JSON_HEADERS, chunks: [JSON.stringify(body)] };
}

function sse200(...events: string[]): ScriptedResponse {
  return { status: 200, headers: SSE_HEADERS, chunks: events };
}

describe('api/chat provider quirks', () => {
  const server = useScriptedServer();

  describe('an error object inside a 200 answer', () => {
    it('{"error":{"code":429}} as a JSON body is rate_limited and retried, then the answer arrives', async () => {
      server().enqueue(json200({ error: { code: 429, message: 'Rate limit reached for requests' } }), sse200(...sseAnswer(['after the wait'])));
      const kinds: string[] = [];
      const { result } = await runChat(server(), {}, { onRetry: ({ error }) => kinds.push(`${error.kind} ${error.status} ${error.retryable}`) });
      assert.strictEqual(result.text, 'after the wait');
      assert.deepStrictEqual(kinds, ['rate_limited 429 true']);
      assert.strictEqual(server().requests.length, 2);
    });

    it('as the first stream event (before any text) is classified by its status string and retried', async () => {
      server().enqueue(
        sse200(sseData({ error: { code: '503', status: 'UNAVAILABLE', message: 'The model is overloaded.' } })),
        sse200(...sseAnswer(['second try'])),
      );
      const { result } = await runChat(server());
      assert.strictEqual(result.text, 'second try');
      assert.strictEqual(server().requests.length, 2);
    });

    it('after partial text keeps the text, is classified by its type, and is not retried', async () => {
      server().enqueue(sse200(sseData(chatChunk('Once upon')), sseData({ error: { type: 'rate_limit_error', message: 'Slow down' } })));
      const { error, deltas } = await failChat(server());
      assert.strictEqual(error.kind, 'rate_limited');
      assert.strictEqual(error.retryable, true, 'the user may retry by hand');
      assert.match(error.message, /middle of its answer.*Slow down/);
      assert.deepStrictEqual(deltas, ['Once upon']);
      assert.strictEqual(server().requests.length, 1);
    });

    it('an `event: error` with an AI/ML API body names its statusCode', async () => {
      server().enqueue(sse200('event: error\ndata: {"message":"This request requires a valid API key","statusCode":401}\n\n'));
      const { error } = await failChat(server());
      assert.strictEqual(error.kind, 'auth');
      assert.strictEqual(server().requests.length, 1);
    });

    it('with only a message, is classified by its words; with nothing to go on, stays a stream_error', async () => {
      server().enqueue(json200({ error: { message: 'Too many requests, please slow down' } }), sse200(...sseAnswer(['ok'])));
      assert.strictEqual((await runChat(server())).result.text, 'ok');
      server().enqueue(sse200(sseData({ error: { message: 'something odd happened' } })));
      const { error } = await failChat(server());
      assert.strictEqual(error.kind, 'stream_error');
      assert.match(error.message, /something odd happened/);
    });

    it('an unknown model named by code is model_unavailable', async () => {
      server().enqueue(json200({ error: { code: 'model_not_found', message: 'The model `x` does not exist' } }));
      assert.strictEqual((await failChat(server())).error.kind, 'model_unavailable');
    });
  });

  describe('quota, billing and credit exhaustion is never retried', () => {
    const cases: Array<[string, ScriptedResponse]> = [
      ['a 429 "You exceeded your current quota" (OpenAI insufficient_quota)', {
        status: 429,
        headers: { ...JSON_HEADERS, 'retry-after-ms': '1' },
        chunks: [JSON.stringify({ error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } })],
      }],
      ['a 503 "quota exceeded"', { status: 503, headers: { ...JSON_HEADERS, 'retry-after-ms': '1' }, chunks: [JSON.stringify({ message: 'Quota exceeded for this key', statusCode: 503 })] }],
      ['a 402', { status: 402, headers: JSON_HEADERS, chunks: [JSON.stringify({ message: 'Payment Required' })] }],
      ['a 200 JSON body with insufficient credits and code 429', json200({ error: { code: 429, message: 'Insufficient credits: top up your balance' } })],
      ['a stream event with insufficient_quota', sse200(sseData({ error: { type: 'insufficient_quota', message: 'out of quota' } }))],
    ];
    for (const [name, response] of cases) {
      it(name, async () => {
        server().setFallback(response);
        const { error } = await failChat(server());
        assert.strictEqual(error.kind, 'forbidden');
        assert.strictEqual(error.retryable, false);
        assert.strictEqual(server().requests.length, 1);
      });
    }
  });
});
