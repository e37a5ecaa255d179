// Settings are read fresh for every request, the model list gives the context window, and a configured model the
// server no longer lists is caught before the first request with a one-click switch.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { ScriptedServer } from '../../support/scriptedServer';
import { isModelsRequest, routeServer, updateSettings, useScriptedHost, withScriptedUi } from './hostTestKit';

const LIVE_LLAMA = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

describe('host: settings and the model check', () => {
  const host = useScriptedHost();
  let api: AskLlamaApi;
  let server: ScriptedServer;
  beforeEach(() => {
    ({ api, server } = host);
  });

  it('reads every setting fresh for each request, without a reload', async () => {
    routeServer(server, [{ id: 'custom/model-a', contextLength: 4096 }, { id: 'custom/model-b', contextLength: 32000 }], []);
    await updateSettings({ model: 'custom/model-a', temperature: 0.7, maxTokens: 300, systemPrompt: 'Be brief.', requestTimeoutSeconds: 12 });
    const first = await api.requests.prepare();
    assert.deepStrictEqual(
      { ...first, baseUrl: undefined },
      { baseUrl: undefined, apiKey: undefined, model: 'custom/model-a', temperature: 0.7, maxTokens: 300, systemPrompt: 'Be brief.', timeoutMs: 12000, contextLength: 4096 },
    );
    await updateSettings({ model: 'custom/model-b', temperature: 1.1, maxTokens: 77, systemPrompt: 'Be thorough.', requestTimeoutSeconds: 90 });
    const second = await api.requests.prepare();
    assert.strictEqual(second?.model, 'custom/model-b');
    assert.strictEqual(second?.temperature, 1.1);
    assert.strictEqual(second?.maxTokens, 77);
    assert.strictEqual(second?.systemPrompt, 'Be thorough.');
    assert.strictEqual(second?.timeoutMs, 90000);
    assert.strictEqual(second?.contextLength, 32000);
  });

  it('offers a live Llama model when the server does not list the configured one, and switches globally', async () => {
    routeServer(server, [{ id: 'gpt-4o', contextLength: 128000 }, { id: LIVE_LLAMA, contextLength: 128000 }], []);
    await updateSettings({ model: 'meta-llama/Llama-3.2-3B-Instruct-Turbo' });
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items[0] : undefined), async (ui) => {
      const settings = await api.requests.prepare();
      const warning = ui.of('showWarningMessage')[0];
      assert.ok(warning, 'the missing model should be reported');
      assert.match(warning.message ?? '', /Llama-3\.2-3B-Instruct-Turbo.*deprecated/);
      assert.match(warning.items[0], /Switch to Llama-3\.3-70B-Instruct-Turbo/);
      assert.strictEqual(settings?.model, LIVE_LLAMA);
      assert.strictEqual(settings?.contextLength, 128000);
    });
    const inspected = vscode.workspace.getConfiguration('askLlama').inspect<string>('model');
    assert.strictEqual(inspected?.globalValue, LIVE_LLAMA);
  });

  it('asks the server again before calling a model missing: a list remembered from earlier may be out of date', async () => {
    routeServer(server, [{ id: LIVE_LLAMA }], []);
    await updateSettings({ model: LIVE_LLAMA });
    assert.strictEqual((await api.requests.prepare())?.model, LIVE_LLAMA, 'the list is fetched and remembered');
    // The server now lists a model it did not before (pulled since), and the user picks it.
    routeServer(server, [{ id: LIVE_LLAMA }, { id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct' }], []);
    await updateSettings({ model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct' });
    await withScriptedUi(api, () => undefined, async (ui) => {
      const settings = await api.requests.prepare();
      assert.deepStrictEqual(ui.of('showWarningMessage'), [], 'no "does not list the model" warning');
      assert.strictEqual(settings?.model, 'meta-llama/Llama-4-Scout-17B-16E-Instruct');
    });
  });

  it('"Use Anyway" keeps the configured model, and the check is not repeated in the session', async () => {
    routeServer(server, [{ id: LIVE_LLAMA }], []);
    await updateSettings({ model: 'meta-llama/Meta-Llama-3-8B-Instruct-Lite' });
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items.find((b: string) => /Anyway/.test(b)) : undefined), async (ui) => {
      const first = await api.requests.prepare();
      assert.strictEqual(first?.model, 'meta-llama/Meta-Llama-3-8B-Instruct-Lite');
      assert.strictEqual(first?.contextLength, 9000, 'context length falls back to the built-in list');
      const second = await api.requests.prepare();
      assert.strictEqual(second?.model, 'meta-llama/Meta-Llama-3-8B-Instruct-Lite');
      assert.strictEqual(ui.of('showWarningMessage').length, 1);
    });
  });

  it('matches the configured model against aliases, and dismissing the warning sends nothing', async () => {
    routeServer(server, [{ id: LIVE_LLAMA, aliases: ['llama-3.3-70b'] }], []);
    await updateSettings({ model: 'llama-3.3-70b' });
    await withScriptedUi(api, async (quiet) => {
      assert.strictEqual((await api.requests.prepare())?.model, 'llama-3.3-70b');
      assert.strictEqual(quiet.of('showWarningMessage').length, 0);
    });
    await updateSettings({ model: 'gone/model' });
    await withScriptedUi(api, async (dismiss) => {
      assert.strictEqual(await api.requests.prepare(), undefined);
      assert.strictEqual(dismiss.of('showWarningMessage').length, 1);
      // Dismissed once for this model and server: the next questions are sent as configured, not warned again.
      assert.strictEqual((await api.requests.prepare())?.model, 'gone/model');
      assert.strictEqual((await api.requests.prepare())?.model, 'gone/model');
      assert.strictEqual(dismiss.of('showWarningMessage').length, 1, 'the warning is not repeated before every question');
    });
  });

  it('"Switch to …" takes effect when a trusted workspace sets the model: written to the workspace, asked once', async () => {
    routeServer(server, [{ id: LIVE_LLAMA, contextLength: 128000 }], []);
    const config = () => vscode.workspace.getConfiguration('askLlama');
    await config().update('model', 'meta-llama/Llama-3.2-3B-Instruct-Turbo', vscode.ConfigurationTarget.Workspace);
    try {
      await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items[0] : undefined), async (ui) => {
        assert.strictEqual((await api.requests.prepare())?.model, LIVE_LLAMA);
        assert.strictEqual(config().inspect('model')?.workspaceValue, LIVE_LLAMA);
        assert.strictEqual((await api.requests.prepare())?.model, LIVE_LLAMA, 'the next question uses the switched model');
        assert.strictEqual(ui.of('showWarningMessage').length, 1, 'and is not warned again');
      });
    } finally {
      await config().update('model', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('without a model list (server error) sends as configured, with no warning', async () => {
    routeServer(server, 'fail', []);
    await updateSettings({ model: 'whatever/model' });
    await withScriptedUi(api, async (ui) => {
      const settings = await api.requests.prepare();
      assert.strictEqual(settings?.model, 'whatever/model');
      assert.strictEqual(settings?.contextLength, undefined);
      assert.strictEqual(ui.calls.length, 0);
    });
    assert.ok(server.requests.some(isModelsRequest), 'the list should have been asked for');
  });

  it('askLlama.contextWindow, when above 0, is the window the request is budgeted against; 0 leaves it to the list', async () => {
    routeServer(server, [{ id: 'listed/model', contextLength: 65536 }], []);
    await updateSettings({ model: 'listed/model', contextWindow: 0 });
    assert.strictEqual((await api.requests.prepare())?.contextLength, 65536);
    await updateSettings({ contextWindow: 32768 });
    assert.strictEqual((await api.requests.prepare())?.contextLength, 32768);
  });

  describe('the /models pre-check backs off after a failure', () => {
    const countModelsRequests = () => server.requests.filter(isModelsRequest).length;

    it('a server without /models (404) is asked once, not before every question', async () => {
      server.setFallback(() => ({ status: 404, headers: { 'content-type': 'application/json' }, chunks: ['{"message":"Cannot GET /v1/models","statusCode":404}'] }));
      await updateSettings({ model: 'whatever/model' });
      for (let question = 0; question < 3; question++) assert.strictEqual((await api.requests.prepare())?.model, 'whatever/model');
      assert.strictEqual(countModelsRequests(), 1);
    });

    it('a /models that hangs costs one wait, then none', async function () {
      this.timeout(60_000);
      server.setFallback({ headers: { 'content-type': 'application/json' }, chunks: [], end: 'hang' });
      await updateSettings({ model: 'whatever/model' });
      assert.strictEqual((await api.requests.prepare())?.model, 'whatever/model', 'the first question waits for the list, then goes ahead');
      assert.strictEqual((await api.requests.prepare())?.model, 'whatever/model');
      assert.strictEqual(countModelsRequests(), 1);
    });
  });
});
