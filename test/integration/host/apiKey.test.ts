// The API key goes to SecretStorage only, round-trips, is cleared after confirmation, and a remote server without a
// key asks for one before anything is sent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { activateExtension, snapshotSettings, updateSettings, withScriptedUi } from './hostTestKit';

const KEY = 'test-key-3f9c1a7e';
const BASE_URL = 'https://api.example.invalid/v1';
const ORIGIN = 'https://api.example.invalid';

describe('host: API key', () => {
  let api: AskLlamaApi;
  let restoreSettings: () => Promise<void>;

  before(async () => {
    api = await activateExtension();
  });

  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    await updateSettings({ baseUrl: BASE_URL });
    await api.keys.clear(ORIGIN);
  });

  afterEach(async () => {
    await api.keys.clear(ORIGIN);
    await restoreSettings();
  });

  it('Set API Key stores the trimmed key in SecretStorage and not in settings', async () => {
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? `  ${KEY}\n` : undefined), async (ui) => {
      await vscode.commands.executeCommand('askLlama.setApiKey');
      const input = ui.of('showInputBox')[0];
      assert.strictEqual(input.options.password, true);
      assert.ok(input.options.validateInput('   '), 'an empty key should be refused');
      assert.strictEqual(input.options.validateInput('abc'), undefined);
    });
    assert.strictEqual(await api.keys.get(ORIGIN), KEY);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('askLlama'));
    assert.ok(!settingsText.includes(KEY), 'the key must not be in the settings');
  });

  it('Clear API Key asks first, keeps the key when cancelled and removes it when confirmed', async () => {
    await api.keys.set(ORIGIN, KEY);
    await withScriptedUi(api, async (cancel) => {
      await vscode.commands.executeCommand('askLlama.clearApiKey');
      assert.strictEqual(cancel.of('showWarningMessage')[0].options.modal, true);
    });
    assert.strictEqual(await api.keys.get(ORIGIN), KEY);

    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items[0] : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.clearApiKey');
    });
    assert.strictEqual(await api.keys.get(ORIGIN), undefined);
  });

  it('a remote base URL without a key asks for one and sends nothing when the user backs out', async () => {
    await api.chat.newChat();
    await withScriptedUi(api, (call) => (call.kind === 'showInputBox' ? 'What is a closure?' : undefined), async (ui) => {
      await vscode.commands.executeCommand('askLlama.ask');
      const warnings = ui.of('showWarningMessage');
      assert.strictEqual(warnings.length, 1);
      assert.match(warnings[0].message ?? '', /needs an API key for api\.example\.invalid/);
      assert.ok(warnings[0].items.some((b: string) => /Set API Key/.test(b)));
    });
    assert.strictEqual(api.chat.currentChat.messages.length, 0, 'no question should have been sent');
    assert.strictEqual(api.chat.busy, false);
  });

  it('once the key is set from that prompt, the waiting request goes on with it', async () => {
    await withScriptedUi(api, (call) => {
      if (call.kind === 'showWarningMessage' && /API key/.test(call.message ?? '')) return call.items.find((b: string) => /Set API Key/.test(b));
      if (call.kind === 'showInputBox') return KEY;
      return undefined;
    }, async () => {
      const settings = await api.requests.prepare();
      assert.ok(settings, 'prepare() should resolve with settings once the key is set');
      assert.strictEqual(settings.apiKey, KEY);
      assert.strictEqual(settings.baseUrl, 'https://api.example.invalid/v1');
    });
    assert.strictEqual(await api.keys.get(ORIGIN), KEY);
  });

  it('a local base URL needs no key and never receives another server\'s', async () => {
    await api.keys.set(ORIGIN, KEY);
    await updateSettings({ baseUrl: 'http://127.0.0.1:9/v1' });
    await withScriptedUi(api, async (ui) => {
      const settings = await api.requests.prepare();
      assert.ok(settings);
      assert.strictEqual(settings.apiKey, undefined);
      assert.strictEqual(ui.of('showWarningMessage').length, 0);
    });
  });

  it('error text never contains the key', async () => {
    await api.keys.set(ORIGIN, KEY);
    await api.keys.get(ORIGIN);
    const view = api.requests.describeError(new Error(`request failed: Authorization: Bearer ${KEY} rejected (${KEY})`));
    assert.ok(!view.message.includes(KEY), view.message);
  });
});
