// Keys belong to servers: each origin has its own key in SecretStorage and receives only that key, a server without
// one asks for it naming its host, a loopback server gets none unless one was set for it, the key commands act on
// the current server, and the single key of earlier versions moves to the user-level base URL's origin.
// The servers look remote (see RemoteServers), so the real key paths are used.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { originOf } from '../../../src/api';
import { legacyKeyOrigin } from '../../../src/host/config';
import { ApiKeyStore } from '../../../src/host/secrets';
import type { AskLlamaApi } from '../../../src/host/testApi';
import type { RecordedRequest } from '../../support/scriptedServer';
import { ScriptedServer } from '../../support/scriptedServer';
import { activateExtension, chatRequests, routeServer, snapshotSettings, updateSettings, withScriptedUi } from './hostTestKit';
import { RemoteServers } from './remoteServers';
import { streamed } from '../reliability/reliabilityKit';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const KEY_ALPHA = 'key-alpha-5d1e0b';
const KEY_BETA = 'key-beta-9a7c44';
const KEY_LOCAL = 'key-local-03f2aa';

/**
 * The distinct Authorization headers a server received. Requests without one are left out: VS Code may ask the
 * language model provider for the model list while a test is still storing keys, and a server with no key stored is
 * rightly asked without one.
 */
function bearers(requests: RecordedRequest[]): string[] {
  return [...new Set(requests.map((r) => r.headers.authorization).filter((a): a is string => a !== undefined))];
}

function answerWith(server: ScriptedServer, n = 3): void {
  routeServer(server, [{ id: MODEL }], Array.from({ length: n }, () => streamed(['Fine.'])));
}

describe('host: a key per server', function () {
  this.timeout(60_000);
  let api: AskLlamaApi;
  let remote: RemoteServers;
  let local: ScriptedServer;
  let restoreSettings: () => Promise<void>;

  async function clearAllKeys(): Promise<void> {
    for (const origin of await api.keys.origins()) await api.keys.clear(origin);
  }

  before(async () => {
    api = await activateExtension();
    remote = await RemoteServers.start(['alpha', 'beta', 'gamma']);
  });
  after(async () => {
    await remote.close();
  });
  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    local = await ScriptedServer.start();
    await clearAllKeys();
    remote.clearRequests();
    for (const name of ['alpha', 'beta', 'gamma']) answerWith(remote.server(name));
    answerWith(local);
    await updateSettings({ model: MODEL });
    await api.chat.newChat();
  });
  afterEach(async () => {
    await clearAllKeys();
    await local.close();
    await restoreSettings();
  });

  it('two servers with two keys each receive only their own, and a loopback server none until one is set for it', async () => {
    await api.keys.set(remote.origin('alpha'), KEY_ALPHA);
    await api.keys.set(remote.origin('beta'), KEY_BETA);
    await withScriptedUi(api, async (ui) => {
      await updateSettings({ baseUrl: remote.baseUrl('alpha') });
      await api.chat.ask('To alpha');
      await updateSettings({ baseUrl: remote.baseUrl('beta') });
      await api.chat.ask('To beta');
      await updateSettings({ baseUrl: local.baseUrl });
      await api.chat.ask('To the local server, no key set for it');
      await api.keys.set(originOf(local.baseUrl)!, KEY_LOCAL);
      await api.chat.ask('To the local server, with its own key');
      assert.deepStrictEqual(ui.calls, [], 'no dialog: every server that needed a key had one');
    });
    const alpha = remote.server('alpha').requests;
    const beta = remote.server('beta').requests;
    assert.strictEqual(chatRequests(remote.server('alpha')).length, 1);
    assert.strictEqual(chatRequests(remote.server('beta')).length, 1);
    assert.ok(alpha.length >= 2 && beta.length >= 2, 'the /models check and the question reached each server');
    assert.deepStrictEqual(bearers(alpha), [`Bearer ${KEY_ALPHA}`], 'alpha got its own key and no other');
    assert.deepStrictEqual(bearers(beta), [`Bearer ${KEY_BETA}`], 'beta got its own key and no other');
    for (const [name, key] of [['alpha', KEY_ALPHA], ['beta', KEY_BETA]]) {
      assert.strictEqual(chatRequests(remote.server(name))[0].headers.authorization, `Bearer ${key}`, `${name}'s question carried its key`);
    }
    const [withoutKey, withKey] = chatRequests(local);
    assert.strictEqual(withoutKey.headers.authorization, undefined, 'a loopback server gets no key unless one is set for it');
    assert.strictEqual(withKey.headers.authorization, `Bearer ${KEY_LOCAL}`);
    assert.strictEqual(remote.server('gamma').requests.length, 0);
  });

  it('a server without a key asks for one naming its host, stores it for that origin only and sends the question', async () => {
    await api.keys.set(remote.origin('alpha'), KEY_ALPHA);
    await updateSettings({ baseUrl: remote.baseUrl('gamma') });
    const gammaKey = 'key-gamma-entered';
    await withScriptedUi(api, (call) => {
      if (call.kind === 'showWarningMessage') return call.items.find((b: string) => /Set API Key/.test(b));
      if (call.kind === 'showInputBox') return gammaKey;
      return undefined;
    }, async (ui) => {
      await api.chat.ask('To gamma');
      const [warning] = ui.of('showWarningMessage');
      assert.match(warning.message ?? '', /needs an API key for gamma\.ask-llama\.test:\d+/);
      const [input] = ui.of('showInputBox');
      assert.match(input.options.title, /gamma\.ask-llama\.test/);
      assert.strictEqual(input.options.password, true);
    });
    assert.strictEqual(await api.keys.get(remote.origin('gamma')), gammaKey);
    assert.strictEqual(await api.keys.get(remote.origin('alpha')), KEY_ALPHA, 'the other server keeps its key');
    assert.deepStrictEqual(await api.keys.origins(), [remote.origin('alpha'), remote.origin('gamma')].sort());
    assert.deepStrictEqual(bearers(remote.server('gamma').requests), [`Bearer ${gammaKey}`]);
    assert.strictEqual(chatRequests(remote.server('gamma'))[0].headers.authorization, `Bearer ${gammaKey}`);
    assert.strictEqual(chatRequests(remote.server('gamma')).length, 1);
    assert.deepStrictEqual(bearers(remote.server('alpha').requests), [], 'alpha was sent nothing with a key');
  });

  it('Set and Clear API Key act on the current server and name it; Manage API Keys lists servers, never keys', async () => {
    await api.keys.set(remote.origin('alpha'), KEY_ALPHA);
    await updateSettings({ baseUrl: remote.baseUrl('beta') });
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? KEY_BETA : undefined), async (set) => {
      await vscode.commands.executeCommand('askLlama.setApiKey');
      assert.match(set.of('showInputBox')[0].options.title, /beta\.ask-llama\.test/);
      assert.match(set.of('showInformationMessage')[0].message ?? '', /saved for beta\.ask-llama\.test/);
    });
    assert.strictEqual(await api.keys.get(remote.origin('beta')), KEY_BETA);
    assert.strictEqual(await api.keys.get(remote.origin('alpha')), KEY_ALPHA);

    // Manage: both servers listed by origin, the current one marked; picking alpha and confirming removes alpha's key.
    await withScriptedUi(api, (call) => {
      if (call.kind === 'showQuickPick') return call.items.find((i: any) => i.origin === remote.origin('alpha'));
      if (call.kind === 'showWarningMessage') return call.items[0];
      return undefined;
    }, async (manage) => {
      await vscode.commands.executeCommand('askLlama.manageApiKeys');
      const rows = manage.of('showQuickPick')[0].items;
      assert.deepStrictEqual(rows.filter((r: any) => r.origin).map((r: any) => r.origin), [remote.origin('alpha'), remote.origin('beta')].sort());
      assert.match(rows.find((r: any) => r.origin === remote.origin('beta')).description, /current server/);
      assert.ok(!JSON.stringify(manage.calls).includes(KEY_ALPHA) && !JSON.stringify(manage.calls).includes(KEY_BETA), 'no key in the dialogs');
      assert.match(manage.of('showWarningMessage')[0].message ?? '', /alpha\.ask-llama\.test/);
    });
    assert.strictEqual(await api.keys.get(remote.origin('alpha')), undefined);
    assert.strictEqual(await api.keys.get(remote.origin('beta')), KEY_BETA);

    // Clear: names the current server (beta), asks first, removes only beta's key.
    await api.keys.set(remote.origin('alpha'), KEY_ALPHA);
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items[0] : undefined), async (clear) => {
      await vscode.commands.executeCommand('askLlama.clearApiKey');
      const [confirm] = clear.of('showWarningMessage');
      assert.match(confirm.message ?? '', /API key for beta\.ask-llama\.test/);
      assert.strictEqual(confirm.options.modal, true);
    });
    assert.strictEqual(await api.keys.get(remote.origin('beta')), undefined);
    assert.strictEqual(await api.keys.get(remote.origin('alpha')), KEY_ALPHA);
    assert.deepStrictEqual(await api.keys.origins(), [remote.origin('alpha')]);
  });

  it('migration: the single key of earlier versions moves to the user-level base URL, never to a workspace value', async () => {
    const legacy = 'legacy-key-77b0c1';
    await updateSettings({ baseUrl: remote.baseUrl('alpha') });
    const workspace = vscode.workspace.getConfiguration('askLlama');
    await workspace.update('baseUrl', remote.baseUrl('beta'), vscode.ConfigurationTarget.Workspace);
    try {
      await api.secrets.store('askLlama.apiKey', legacy);
      // A new session's store, over the same SecretStorage, as after the upgrade.
      const upgraded = new ApiKeyStore(api.secrets, legacyKeyOrigin);
      assert.strictEqual(await upgraded.get(remote.origin('beta')), undefined, 'the workspace base URL gets nothing');
      assert.strictEqual(await upgraded.get(remote.origin('alpha')), legacy, 'the key is kept, for the user-level server');
      assert.strictEqual(await api.secrets.get('askLlama.apiKey'), undefined, 'the old entry is gone once the new one is stored');
      assert.deepStrictEqual(await upgraded.origins(), [remote.origin('alpha')]);
      // Once: a later session finds nothing to move, and the key stays.
      assert.strictEqual(await new ApiKeyStore(api.secrets, legacyKeyOrigin).get(remote.origin('alpha')), legacy);
    } finally {
      await workspace.update('baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await api.secrets.delete('askLlama.apiKey');
    }
  });
});
