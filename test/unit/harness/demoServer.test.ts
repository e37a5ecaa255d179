// The `npm run try` demo server read through the real request module, on a free loopback port: it must stream an
// answer the extension accepts (several deltas, finish 'stop', usage) and list a model labelled [demo].
import * as assert from 'assert';
import { chat, listModels } from '../../../src/api';
import { DEMO_MODEL_ID, startDemoServer, type DemoServer } from '../../harness/demoServer';

describe('npm run try demo server', () => {
  let server: DemoServer;
  before(async () => {
    server = await startDemoServer({ port: 0, tokenDelayMs: 0 });
  });
  after(() => server.close());

  it('streams a Markdown answer with a code block through chat(), ending with stop and usage', async () => {
    const deltas: string[] = [];
    const result = await chat(
      { baseUrl: server.baseUrl, model: DEMO_MODEL_ID, messages: [{ role: 'user', content: 'Write unit tests for this' }], maxRetries: 0 },
      { onDelta: (text) => deltas.push(text) },
    );
    assert.ok(deltas.length > 10, `several deltas, got ${deltas.length}`);
    assert.strictEqual(deltas.join(''), result.text);
    assert.strictEqual(result.finishReason, 'stop');
    assert.match(result.text, /```ts\n[\s\S]+\n```/);
    assert.match(result.text, /describe\(/, 'a tests question gets the tests answer');
    assert.match(result.text, /demo server/);
    assert.ok(result.usage && result.usage.completionTokens > 0, 'the final usage chunk is read');
  });

  it('lists one model whose id and name carry [demo]', async () => {
    const models = await listModels(server.baseUrl, { maxRetries: 0 });
    assert.deepStrictEqual(models.map((m) => m.id), [DEMO_MODEL_ID]);
    assert.match(models[0].id, /\[demo\]/);
    assert.match(models[0].name ?? '', /\[demo\]/);
  });
});
