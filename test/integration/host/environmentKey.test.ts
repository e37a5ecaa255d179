// ASK_LLAMA_API_KEY in the extension host's environment becomes the AI/ML API's key in SecretStorage — for that
// origin only, whatever the base URL is, never over a key already there — and is never sent to another server.
// The suite's host runs without the variable (one host serves every suite), so the store is built here over the
// extension's real SecretStorage with the environment given as an object; activate() passes `process.env` the same way.
import * as assert from 'assert';
import { keyFromEnvironment } from '../../../src/host/environmentKey';
import { legacyKeyOrigin } from '../../../src/host/config';
import { ApiKeyStore } from '../../../src/host/secrets';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { streamed } from '../reliability/reliabilityKit';
import { chatRequests, routeServer, useScriptedHost, withScriptedUi } from './hostTestKit';

const AIMLAPI = 'https://api.aimlapi.com';
const ENV_KEY = 'sk-from-environment-7f3a91';
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

describe('host: ASK_LLAMA_API_KEY', () => {
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  let api: AskLlamaApi;
  beforeEach(async () => {
    api = host.api;
    await api.keys.clear(AIMLAPI);
  });
  afterEach(async () => {
    await api.keys.clear(AIMLAPI);
  });

  it('is ignored when unset or blank', () => {
    const log = { info: () => assert.fail('nothing to log') };
    assert.strictEqual(keyFromEnvironment({}, log), undefined);
    assert.strictEqual(keyFromEnvironment({ ASK_LLAMA_API_KEY: '  ' }, log), undefined);
  });

  it("is stored for the AI/ML API's origin only, logged without the key, and not sent to the configured server", async () => {
    const lines: string[] = [];
    const seed = keyFromEnvironment({ ASK_LLAMA_API_KEY: ` ${ENV_KEY}\n` }, { info: (line) => lines.push(line) });
    // The base URL points at the scripted server: the key still belongs to the AI/ML API and nothing else.
    const keys = new ApiKeyStore(api.secrets, legacyKeyOrigin, { fromEnvironment: seed });
    assert.strictEqual(await keys.keyFor(host.server.baseUrl), undefined, 'the configured server gets no key from the environment');
    assert.strictEqual(await keys.get(AIMLAPI), ENV_KEY);
    assert.deepStrictEqual(await api.keys.origins(), [AIMLAPI], 'stored in the extension\'s SecretStorage, for one origin');
    assert.strictEqual(lines.length, 1);
    assert.match(lines[0], /ASK_LLAMA_API_KEY.*https:\/\/api\.aimlapi\.com/);
    assert.ok(!lines[0].includes(ENV_KEY), 'the log line holds the key');

    routeServer(host.server, [{ id: MODEL }], [streamed(['Fine.'])]);
    await withScriptedUi(api, async () => {
      await api.chat.ask('Does the key leak?');
    });
    for (const request of host.server.requests) {
      assert.strictEqual(request.headers.authorization, undefined, `${request.method} ${request.url} carried a key`);
    }
    assert.strictEqual(chatRequests(host.server).length, 1);
    assert.ok(!JSON.stringify(api.chat.currentChat).includes(ENV_KEY), 'the key is in the chat');
  });

  it('never replaces a key the user stored', async () => {
    await api.keys.set(AIMLAPI, 'sk-users-own');
    const lines: string[] = [];
    const keys = new ApiKeyStore(api.secrets, legacyKeyOrigin, { fromEnvironment: keyFromEnvironment({ ASK_LLAMA_API_KEY: ENV_KEY }, { info: (line) => lines.push(line) }) });
    assert.strictEqual(await keys.get(AIMLAPI), 'sk-users-own');
    assert.deepStrictEqual(lines, []);
  });
});
