// The walkthrough's steps complete on context keys the host sets when the real event happens: a key stored for the
// server questions go to (not another server's), a local server chosen, a model picked in Select Model (not a dismissed
// pick), an answer that completed (not one that failed). Done steps are kept in global state and set again when a
// window activates.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { walkthroughContextKey, WalkthroughProgress, type WalkthroughStep } from '../../../src/host/walkthroughProgress';
import { ScriptedServer } from '../../support/scriptedServer';
import { jsonStatus, streamed, until } from '../reliability/reliabilityKit';
import { activateExtension, routeServer, snapshotSettings, updateSettings, withScriptedUi } from './hostTestKit';
import { RemoteServers } from './remoteServers';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

describe('host: walkthrough steps complete on the real events', function () {
  this.timeout(60_000);
  let api: AskLlamaApi;
  let remote: RemoteServers;
  let local: ScriptedServer;
  let restoreSettings: () => Promise<void>;

  const done = (step: WalkthroughStep) => api.walkthrough.isComplete(step);

  before(async () => {
    api = await activateExtension();
    remote = await RemoteServers.start(['walk-a', 'walk-b']);
  });
  after(async () => {
    await remote.close();
  });
  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    local = await ScriptedServer.start();
    await updateSettings({ model: MODEL, baseUrl: remote.baseUrl('walk-a') });
    for (const name of ['walk-a', 'walk-b']) await api.keys.clear(remote.origin(name));
    await api.chat.newChat();
    await api.walkthrough.reset();
  });
  afterEach(async () => {
    for (const name of ['walk-a', 'walk-b']) await api.keys.clear(remote.origin(name));
    await local.close();
    await restoreSettings();
  });

  it('"key stored" waits for a key of the current server; another server\'s key does not count', async () => {
    await api.keys.set(remote.origin('walk-b'), 'key-for-b');
    assert.strictEqual(done('keyStored'), false, "a key for another server completed the step");
    await api.keys.set(remote.origin('walk-a'), 'key-for-a');
    assert.strictEqual(done('keyStored'), true);
  });

  it('"key stored" also completes when a local server is chosen, which needs no key', async () => {
    assert.strictEqual(done('keyStored'), false);
    await updateSettings({ baseUrl: local.baseUrl });
    await until(() => done('keyStored'), 'the step completes for a local base URL');
  });

  it('"model chosen" waits for a pick in Select Model; a dismissed pick does not count', async () => {
    await updateSettings({ baseUrl: local.baseUrl });
    routeServer(local, [{ id: MODEL }], []);
    await withScriptedUi(api, async () => {
      await vscode.commands.executeCommand('askLlama.selectModel');
    });
    assert.strictEqual(done('modelChosen'), false, 'a dismissed Select Model completed the step');
    // Picking the model already configured is a choice too: no setting changes, the step still completes.
    await withScriptedUi(api, (call) => (call.kind === 'showLiveQuickPick' ? call.items.find((item) => item.modelId === MODEL) : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.selectModel');
    });
    assert.strictEqual(done('modelChosen'), true);
  });

  it('"first answer" waits for an answer that completed; a failed one does not count', async () => {
    await updateSettings({ baseUrl: local.baseUrl });
    routeServer(local, [{ id: MODEL }], [jsonStatus(400, { error: { message: 'bad request' } }), streamed(['Hello', ' there.'])]);
    await withScriptedUi(api, async () => {
      await api.chat.ask('Fails');
      assert.strictEqual(api.chat.currentChat.messages.at(-1)?.status, 'error');
      assert.strictEqual(done('answered'), false, 'a failed answer completed the step');
      await api.chat.ask('Answers');
      assert.strictEqual(api.chat.currentChat.messages.at(-1)?.status, 'done');
      assert.strictEqual(done('answered'), true);
    });
  });

  it('a new window sets the context keys of the steps done before, from global state', async () => {
    const memory = new Map<string, unknown>();
    const state = { get: (key: string) => memory.get(key), update: async (key: string, value: unknown) => void memory.set(key, value), keys: () => [...memory.keys()] };
    const firstWindow: [string, boolean][] = [];
    const first = new WalkthroughProgress(state as unknown as vscode.Memento, async (key, value) => firstWindow.push([key, value]));
    first.complete('answered');
    assert.deepStrictEqual(firstWindow, [[walkthroughContextKey('answered'), true]]);

    const nextWindow: [string, boolean][] = [];
    const next = new WalkthroughProgress(state as unknown as vscode.Memento, async (key, value) => nextWindow.push([key, value]));
    next.restore();
    assert.ok(nextWindow.some(([key, value]) => key === 'askLlama.walkthrough.answered' && value), `restored: ${JSON.stringify(nextWindow)}`);
    assert.ok(!nextWindow.some(([key]) => key === 'askLlama.walkthrough.modelChosen'), 'a step never done stays unchecked');
    first.dispose();
    next.dispose();
  });
});
