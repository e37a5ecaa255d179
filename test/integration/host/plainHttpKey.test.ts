// A key never goes over plain http to another machine without the user's say: the first question to such a server
// asks, naming the host ("Send Anyway"), and until the user agrees the server receives neither the question nor the
// key (the quiet paths, e.g. Select Model's list, go without the key). Agreed once, that origin is not asked again,
// until the agreement is revoked in Manage API Keys. A loopback http server is never asked about.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { originOf } from '../../../src/api';
import type { AskLlamaApi } from '../../../src/host/testApi';
import type { RecordedRequest } from '../../support/scriptedServer';
import { ScriptedServer } from '../../support/scriptedServer';
import { streamed } from '../reliability/reliabilityKit';
import { activateExtension, chatRequests, isModelsRequest, routeServer, snapshotSettings, updateSettings, withScriptedUi } from './hostTestKit';
import { RemoteServers } from './remoteServers';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const FAR_KEY = 'key-far-plain-http-7e21c9';
const LOCAL_KEY = 'key-local-plain-http-40a1b8';
const PLAIN_HTTP_QUESTION = /Send your API key to far\.ask-llama\.test:\d+ over plain HTTP\?/;

const hasProviderApi = typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider === 'function';

/** One request through vscode.lm, the way VS Code's chat sends it: the answer's text, or what it failed with. */
async function lmRequest(model: vscode.LanguageModelChat, question: string): Promise<{ text?: string; error?: unknown }> {
  try {
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(question)], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const piece of response.text) text += piece;
    return { text };
  } catch (error) {
    return { error };
  }
}

function withKey(requests: RecordedRequest[], key: string): RecordedRequest[] {
  return requests.filter((r) => (r.headers.authorization ?? '').includes(key));
}

describe('host: a key over plain http to another machine', function () {
  this.timeout(60_000);
  let api: AskLlamaApi;
  let remote: RemoteServers;
  let restoreSettings: () => Promise<void>;

  before(async () => {
    api = await activateExtension();
    remote = await RemoteServers.start(['far'], { plainHttpAgreed: false });
  });
  after(async () => {
    await remote.close();
  });
  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    remote.clearRequests();
    routeServer(remote.server('far'), [{ id: MODEL }], Array.from({ length: 4 }, () => streamed(['Fine.'])));
    await updateSettings({ baseUrl: remote.baseUrl('far'), model: MODEL });
    await api.plainHttp.forget(remote.origin('far'));
    await api.keys.set(remote.origin('far'), FAR_KEY);
    await api.chat.newChat();
  });
  afterEach(async () => {
    await api.plainHttp.forget(remote.origin('far'));
    for (const origin of await api.keys.origins()) await api.keys.clear(origin);
    await restoreSettings();
  });

  it('asks once, naming the host; nothing is sent until the user agrees, then not asked again until revoked', async () => {
    const far = remote.server('far');

    // Select Model (no dialog of its own about the key): the list is asked for without the key.
    await withScriptedUi(api, async () => {
      await vscode.commands.executeCommand('askLlama.selectModel');
    });
    assert.ok(far.requests.some(isModelsRequest), 'Select Model asked for the list');
    assert.deepStrictEqual(withKey(far.requests, FAR_KEY), [], 'the key went over plain http before the user agreed');

    // Cancelled: no question and no key reach the server.
    await withScriptedUi(api, async (ui) => {
      await api.chat.ask('Cancelled');
      const [warning] = ui.of('showWarningMessage');
      assert.match(warning?.message ?? '', PLAIN_HTTP_QUESTION);
      assert.strictEqual(warning.options.modal, true);
      assert.deepStrictEqual(warning.items, ['Send Anyway']);
    });
    assert.strictEqual(chatRequests(far).length, 0);
    assert.deepStrictEqual(withKey(far.requests, FAR_KEY), []);

    // Agreed: the question goes with the key, and the next one is not asked about.
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' && PLAIN_HTTP_QUESTION.test(call.message ?? '') ? 'Send Anyway' : undefined), async (ui) => {
      await api.chat.ask('Agreed');
      await api.chat.ask('Agreed, not asked again');
      assert.strictEqual(ui.of('showWarningMessage').length, 1);
    });
    assert.strictEqual(chatRequests(far).length, 2);
    for (const sent of chatRequests(far)) assert.strictEqual(sent.headers.authorization, `Bearer ${FAR_KEY}`);

    // Revoked in Manage API Keys: asked again.
    await withScriptedUi(api, (call) => (call.kind === 'showQuickPick' ? call.items.find((row: any) => row.revoke && /plain HTTP/.test(row.description)) : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.manageApiKeys');
    });
    assert.deepStrictEqual(api.plainHttp.origins(), []);
    await withScriptedUi(api, async (again) => {
      await api.chat.ask('Revoked');
      assert.match(again.of('showWarningMessage')[0]?.message ?? '', PLAIN_HTTP_QUESTION);
    });
    assert.strictEqual(chatRequests(far).length, 2, 'a question went without asking after the revoke');
  });

  (hasProviderApi ? it : it.skip)("VS Code's chat model provider asks once; a no sends nothing and is not asked again on every request", async () => {
    const far = remote.server('far');
    const [model] = await vscode.lm.selectChatModels({ vendor: 'ask-llama', id: MODEL });
    assert.ok(model, 'no ask-llama model');

    // Declined: two requests VS Code starts at once get one modal, and neither reaches the server.
    await withScriptedUi(api, async (ui) => {
      const declined = await Promise.all([lmRequest(model, 'First'), lmRequest(model, 'Second')]);
      for (const outcome of declined) assert.match(String(outcome.error), /Not sent: your API key would go to far\.ask-llama\.test:\d+ over plain HTTP/);
      assert.strictEqual(ui.of('showWarningMessage').length, 1, 'one modal for two requests');
      assert.match(ui.of('showWarningMessage')[0].message ?? '', PLAIN_HTTP_QUESTION);
      // The no holds for the session: the next request fails the same way without a modal.
      assert.match(String((await lmRequest(model, 'Third')).error), /Not sent/);
      assert.strictEqual(ui.of('showWarningMessage').length, 1, 'asked again after a no');
    });
    assert.strictEqual(chatRequests(far).length, 0, 'a declined request reached the server');

    // Agreed where the user asks (the sidebar): the provider's requests carry the key, with no modal.
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' && PLAIN_HTTP_QUESTION.test(call.message ?? '') ? 'Send Anyway' : undefined), async () => {
      await api.chat.ask('Agreed in the sidebar');
    });
    await withScriptedUi(api, async (ui) => {
      assert.deepStrictEqual(await lmRequest(model, 'After agreeing'), { text: 'Fine.' });
      assert.deepStrictEqual(ui.calls, []);
    });
    assert.strictEqual(chatRequests(far).length, 2);
    for (const sent of chatRequests(far)) assert.strictEqual(sent.headers.authorization, `Bearer ${FAR_KEY}`);
  });

  it('a loopback http server with a key is not asked about', async () => {
    const local = await ScriptedServer.start();
    try {
      routeServer(local, [{ id: MODEL }], [streamed(['Local.'])]);
      await updateSettings({ baseUrl: local.baseUrl });
      await api.keys.set(originOf(local.baseUrl)!, LOCAL_KEY);
      await withScriptedUi(api, async (ui) => {
        await api.chat.ask('To the loopback server');
        assert.deepStrictEqual(ui.calls, []);
      });
      assert.strictEqual(chatRequests(local)[0]?.headers.authorization, `Bearer ${LOCAL_KEY}`);
    } finally {
      await local.close();
    }
  });
});
