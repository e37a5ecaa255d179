// What goes over the wire: URL, body parameters and headers.
import * as assert from 'assert';
import { isLocalBaseUrl } from '../../../src/api';
import { jsonCompletion, sseAnswer } from '../../support/scriptedServer';
import { runChat, SECRET_KEY, SSE_HEADERS, useScriptedServer } from './apiTestKit';

describe('api/chat request', () => {
  const server = useScriptedServer();

  it('POSTs to {baseUrl}/chat/completions, trimming trailing slashes', async () => {
    server().enqueue(jsonCompletion('ok'));
    await runChat(server(), { baseUrl: `${server().baseUrl}//` });
    assert.strictEqual(server().requests[0].method, 'POST');
    assert.strictEqual(server().requests[0].url, '/v1/chat/completions');
  });

  it('sends model, messages, stream and stream_options; temperature and max_tokens only when given', async () => {
    server().enqueue({ headers: SSE_HEADERS, chunks: sseAnswer(['a']) }, { headers: SSE_HEADERS, chunks: sseAnswer(['b']) });
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Hi' },
    ];
    await runChat(server(), { model: 'm1', messages });
    assert.deepStrictEqual(server().requests[0].json, { model: 'm1', messages, stream: true, stream_options: { include_usage: true } });

    await runChat(server(), { model: 'm2', messages, temperature: 0, maxTokens: 256 });
    const body = server().requests[1].json;
    assert.strictEqual(body.temperature, 0);
    assert.strictEqual(body.max_tokens, 256);
    assert.strictEqual(body.max_completion_tokens, undefined);
    assert.strictEqual(body.response_format, undefined);
    assert.strictEqual(server().requests[1].headers['content-type'], 'application/json');
  });

  it('sends the key only as a bearer header, and no Authorization header without a key', async () => {
    server().enqueue(jsonCompletion('a'), jsonCompletion('b'));
    await runChat(server(), { apiKey: SECRET_KEY });
    await runChat(server());
    assert.strictEqual(server().requests[0].headers.authorization, `Bearer ${SECRET_KEY}`);
    assert.ok(!server().requests[0].body.includes(SECRET_KEY), 'the key is not in the body');
    assert.strictEqual(server().requests[1].headers.authorization, undefined);
  });

  it('sends an X-Client-Request-Id the AI/ML API accepts', async () => {
    server().enqueue(jsonCompletion('a'));
    await runChat(server());
    const id = server().requests[0].headers['x-client-request-id'];
    assert.ok(typeof id === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(id), `id ${String(id)}`);
  });
});

describe('api/isLocalBaseUrl', () => {
  for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:1234/v1', 'http://127.8.9.10/v1', 'http://[::1]:8080/v1', 'http://LOCALHOST/v1', 'http://0.0.0.0:8000/v1']) {
    it(`treats ${url} as local`, () => assert.strictEqual(isLocalBaseUrl(url), true));
  }
  for (const url of ['https://api.aimlapi.com/v1', 'http://192.168.1.5:11434/v1', 'http://localhost.evil.com/v1', 'http://127.0.0.1.nip.io/v1', 'not a url']) {
    it(`treats ${url} as remote`, () => assert.strictEqual(isLocalBaseUrl(url), false));
  }
});
