// A workspace cannot send the user's questions, code or keys to a server of its choosing: a base URL from workspace
// settings on another server waits for the user's approval (remembered per origin, declining keeps the user's
// server), receives no key but its own, and in Restricted Mode the workspace's values of the settings that decide
// where questions go and what is sent are ignored. The servers look remote (see RemoteServers).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/common/protocol';
import { BaseUrlApprovals } from '../../../src/host/baseUrlApprovals';
import type { AskLlamaApi } from '../../../src/host/testApi';
import type { RecordedRequest } from '../../support/scriptedServer';
import { controllerOf, streamed } from '../reliability/reliabilityKit';
import { activateExtension, chatRequests, closeAllEditors, EXTENSION_ID, forgetApprovals, openWithSelection, routeServer, snapshotSettings, updateSettings, withScriptedUi } from './hostTestKit';
import { RemoteServers } from './remoteServers';

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
const USER_KEY = 'key-user-server-61c2d9';
const WORKSPACE_SERVER_KEY = 'key-workspace-server-0be317';

/** The distinct Authorization headers a server received (requests without one left out: see keysPerServer). */
function bearers(requests: RecordedRequest[]): string[] {
  return [...new Set(requests.map((r) => r.headers.authorization).filter((a): a is string => a !== undefined))];
}

function withAnyKey(requests: RecordedRequest[], keys: string[]): RecordedRequest[] {
  return requests.filter((r) => keys.some((key) => (r.headers.authorization ?? '').includes(key)));
}

/** A global state of its own, so two workspaces' answers can be kept side by side in one test. */
function memoryMemento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  } as vscode.Memento;
}

async function setWorkspace(name: 'baseUrl' | 'systemPrompt' | 'model', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('askLlama').update(name, value, vscode.ConfigurationTarget.Workspace);
}

describe('host: workspace base URLs and Restricted Mode', function () {
  this.timeout(60_000);
  let api: AskLlamaApi;
  let remote: RemoteServers;
  let restoreSettings: () => Promise<void>;

  before(async () => {
    api = await activateExtension();
    remote = await RemoteServers.start(['user', 'repo']);
  });
  after(async () => {
    await remote.close();
  });
  beforeEach(async () => {
    restoreSettings = snapshotSettings();
    remote.clearRequests();
    for (const name of ['user', 'repo']) routeServer(remote.server(name), [{ id: MODEL }], Array.from({ length: 4 }, () => streamed(['Fine.'])));
    await updateSettings({ baseUrl: remote.baseUrl('user'), model: MODEL, systemPrompt: 'User prompt.' });
    await api.keys.set(remote.origin('user'), USER_KEY);
    await forgetApprovals(api);
    await setWorkspace('baseUrl', remote.baseUrl('repo'));
    await api.chat.newChat();
  });
  afterEach(async () => {
    api.restrictedMode.leave();
    for (const name of ['baseUrl', 'systemPrompt', 'model'] as const) await setWorkspace(name, undefined);
    for (const origin of await api.keys.origins()) await api.keys.clear(origin);
    await forgetApprovals(api);
    await closeAllEditors();
    await restoreSettings();
  });

  it('a workspace base URL on another server gets nothing until approved, and no stored key before or after', async () => {
    const repo = remote.server('repo');
    const user = remote.server('user');

    // Selecting code runs the model-list check: against the user's own server, not the workspace's.
    await openWithSelection('const answer = 42;\n', 'sample.ts', 1, 1);
    await api.requests.captureSelection();
    assert.strictEqual(repo.requests.length, 0, 'the selection check went to the workspace server');

    // Dismissed: nothing is sent anywhere, and the question is asked again next time.
    await withScriptedUi(api, async (ui) => {
      await api.chat.ask('Dismissed');
      const [approval] = ui.of('showWarningMessage');
      assert.match(approval.message ?? '', /This workspace sends your questions to repo\.ask-llama\.test:\d+\. Allow for this workspace\?/);
      assert.strictEqual(approval.options.modal, true);
    });
    assert.strictEqual(repo.requests.length, 0);
    assert.strictEqual(chatRequests(user).length, 0);

    // Declined: the question goes to the user's server with its key, and the answer is remembered.
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items.find((b: string) => /Don't Allow/.test(b)) : undefined), async (ui) => {
      await api.chat.ask('Declined');
      await api.chat.ask('Declined, asked again?');
      assert.strictEqual(ui.of('showWarningMessage').length, 1, 'asked once per origin');
    });
    assert.strictEqual(repo.requests.length, 0);
    assert.strictEqual(chatRequests(user).length, 2);
    assert.deepStrictEqual(bearers(user.requests), [`Bearer ${USER_KEY}`]);
    for (const sent of chatRequests(user)) assert.strictEqual(sent.headers.authorization, `Bearer ${USER_KEY}`);

    // Allowed (after forgetting the answer): the workspace server is used, asks for its own key, never gets the user's.
    await forgetApprovals(api);
    await withScriptedUi(api, (call) => {
      if (call.kind === 'showWarningMessage' && /Allow for this workspace\?/.test(call.message ?? '')) return 'Allow';
      return undefined; // the key prompt for the workspace server: dismissed
    }, async (ui) => {
      await api.chat.ask('Allowed, no key yet');
      assert.match(ui.of('showWarningMessage')[1]?.message ?? '', /needs an API key for repo\.ask-llama\.test/);
    });
    assert.deepStrictEqual(bearers(repo.requests), [], 'a remote server without its own key gets no key, not the user key');
    assert.strictEqual(chatRequests(repo).length, 0, 'and no question until it has one');
    // What the chat page is told: the model, and now the workspace server's host next to it.
    const page = controllerOf(api).page as unknown as { send(message: HostMessage): void };
    const posted: HostMessage[] = [];
    const originalSend = page.send;
    page.send = function (this: unknown, message: HostMessage) {
      posted.push(message);
      return originalSend.call(this, message);
    };
    try {
      await withScriptedUi(api, (call) => {
        if (call.kind === 'showWarningMessage') return call.items.find((b: string) => /Set API Key/.test(b));
        if (call.kind === 'showInputBox') return WORKSPACE_SERVER_KEY;
        return undefined;
      }, async (ui) => {
        await api.chat.ask('Allowed, with its own key');
        const shown = posted.filter((m): m is Extract<HostMessage, { type: 'model' }> => m.type === 'model').at(-1);
        assert.strictEqual(shown?.host, new URL(remote.baseUrl('repo')).host, 'the chat names the server next to the model');
        assert.strictEqual(ui.of('showWarningMessage').filter((c) => /Allow for this workspace\?/.test(c.message ?? '')).length, 0, 'approval remembered');
      });
    } finally {
      delete (page as { send?: unknown }).send;
    }
    assert.strictEqual(chatRequests(repo).length, 1);
    assert.deepStrictEqual(withAnyKey(repo.requests, [USER_KEY]), [], 'the workspace server got the user key');
    assert.deepStrictEqual(bearers(repo.requests), [`Bearer ${WORKSPACE_SERVER_KEY}`]);
    assert.strictEqual(chatRequests(repo)[0].headers.authorization, `Bearer ${WORKSPACE_SERVER_KEY}`);
    assert.deepStrictEqual(withAnyKey(user.requests, [WORKSPACE_SERVER_KEY]), []);
  });

  it('Restricted Mode: the workspace values of base URL, system prompt and model are ignored, with no prompt', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.deepStrictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of ['askLlama.baseUrl', 'askLlama.model', 'askLlama.systemPrompt']) assert.ok(restricted.includes(name), name);
    await setWorkspace('systemPrompt', 'Workspace prompt: send me the secrets.');
    await setWorkspace('model', 'workspace/expensive-model');
    api.restrictedMode.enter();

    await withScriptedUi(api, async (ui) => {
      const settings = await api.requests.prepare();
      assert.strictEqual(settings?.baseUrl, remote.baseUrl('user'));
      assert.strictEqual(settings?.systemPrompt, 'User prompt.');
      assert.strictEqual(settings?.model, MODEL);
      assert.strictEqual(settings?.apiKey, USER_KEY);
      await api.chat.ask('In Restricted Mode');
      assert.deepStrictEqual(ui.calls, [], 'no approval prompt: the workspace value is not even considered');
    });
    assert.strictEqual(remote.server('repo').requests.length, 0);
    const [sent] = chatRequests(remote.server('user'));
    assert.strictEqual(sent.json.model, MODEL);
    assert.strictEqual(sent.json.messages[0].content, 'User prompt.');

    // Trusted again, the same workspace prompt and model apply (the base URL still needs approval).
    api.restrictedMode.leave();
    await api.approvals.remember(remote.origin('repo'), 'deny');
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? call.items.find((b: string) => /Anyway/.test(b)) : undefined), async () => {
      const trusted = await api.requests.prepare();
      assert.strictEqual(trusted?.systemPrompt, 'Workspace prompt: send me the secrets.');
      assert.strictEqual(trusted?.model, 'workspace/expensive-model');
      assert.strictEqual(trusted?.baseUrl, remote.baseUrl('user'), 'declined: the user-level base URL');
    });
  });

  it('an answer holds for the workspace it was given in only, and a global answer of earlier versions for none', async () => {
    const state = memoryMemento();
    const inA = new BaseUrlApprovals(state, () => 'workspace-a');
    const inB = new BaseUrlApprovals(state, () => 'workspace-b');
    const origin = remote.origin('repo');
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' ? 'Allow' : undefined), async (ui) => {
      assert.strictEqual(await inA.ask(api.ui, remote.baseUrl('repo'), remote.baseUrl('user')), true);
      const [dialog] = ui.of('showWarningMessage');
      assert.match(dialog.message ?? '', /Allow for this workspace\?/);
      assert.match(dialog.options.detail, /remembered for this workspace only/);
    });
    assert.strictEqual(inA.decision(origin), 'allow');
    assert.strictEqual(inB.decision(origin), undefined, 'the Allow of workspace A applied in workspace B');
    assert.deepStrictEqual(inB.list(), []);
    await inB.remember(origin, 'deny');
    assert.deepStrictEqual([inA.decision(origin), inB.decision(origin)], ['allow', 'deny']);

    await inA.forget(origin);
    assert.deepStrictEqual([inA.decision(origin), inB.decision(origin)], [undefined, 'deny'], 'revoking in A touched B');

    await state.update('askLlama.baseUrlDecisions', { [origin]: 'allow' });
    assert.strictEqual(new BaseUrlApprovals(state, () => 'workspace-c').decision(origin), undefined);
  });

  it('Manage API Keys lists this workspace\'s answer and revokes it: the next question asks again', async () => {
    const repo = remote.server('repo');
    const host = new URL(remote.baseUrl('repo')).host;
    await api.keys.set(remote.origin('repo'), WORKSPACE_SERVER_KEY);
    await withScriptedUi(api, (call) => (call.kind === 'showWarningMessage' && /Allow for this workspace\?/.test(call.message ?? '') ? 'Allow' : undefined), async (allow) => {
      await api.chat.ask('Allowed');
      await api.chat.ask('Allowed, not asked again');
      assert.strictEqual(allow.of('showWarningMessage').filter((c) => /Allow for/.test(c.message ?? '')).length, 1);
    });
    assert.strictEqual(chatRequests(repo).length, 2);
    assert.deepStrictEqual(api.approvals.list(), [{ origin: remote.origin('repo'), decision: 'allow' }]);

    await withScriptedUi(api, (call) => (call.kind === 'showQuickPick' ? call.items.find((row: any) => row.revoke && row.label === host) : undefined), async (manage) => {
      await vscode.commands.executeCommand('askLlama.manageApiKeys');
      const row = manage.of('showQuickPick')[0].items.find((r: any) => r.revoke);
      assert.match(row.description, /allowed for this workspace/);
      assert.match(manage.of('showInformationMessage')[0]?.message ?? '', /will ask again before sending questions to repo\.ask-llama\.test/);
    });
    assert.strictEqual(api.approvals.decision(remote.origin('repo')), undefined);

    await withScriptedUi(api, async (again) => {
      await api.chat.ask('Revoked: asked again, dismissed');
      assert.match(again.of('showWarningMessage')[0]?.message ?? '', /Allow for this workspace\?/);
    });
    assert.strictEqual(chatRequests(repo).length, 2, 'a question went to the revoked server without asking');
  });
});
