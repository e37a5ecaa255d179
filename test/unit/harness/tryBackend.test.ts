// `npm run try` with ASK_LLAMA_API_KEY set: the AI/ML API mode hands the key to code-server's environment (where
// the extension stores it for the AI/ML API only) and writes no settings; the key never appears in what is printed.
import * as assert from 'assert';
import { chooseTryBackend } from '../../harness/tryBackend';

describe('npm run try: the api-key mode', () => {
  const saved = process.env.ASK_LLAMA_API_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.ASK_LLAMA_API_KEY;
    else process.env.ASK_LLAMA_API_KEY = saved;
  });

  it('passes the key to code-server through its environment, trimmed, and never prints it', async () => {
    process.env.ASK_LLAMA_API_KEY = '  sk-try-key-5e2f\n';
    const backend = await chooseTryBackend(8080);
    try {
      assert.strictEqual(backend.mode, 'api-key');
      assert.deepStrictEqual(backend.env, { ASK_LLAMA_API_KEY: 'sk-try-key-5e2f' });
      assert.deepStrictEqual(backend.settings, {}, 'the default base URL, the AI/ML API, stays');
      assert.ok(!backend.explanation.includes('sk-try-key-5e2f'), 'the key is printed');
      assert.match(backend.explanation, /https:\/\/api\.aimlapi\.com only/);
    } finally {
      await backend.stop();
    }
  });
});
