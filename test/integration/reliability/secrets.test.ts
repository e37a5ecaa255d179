// The API key never leaks. A key carrying a unique marker is stored through the real key store, the log is set to
// trace, successful and failing chats run against a server that counts as remote (and echoes the key back in its
// errors, as some gateways do), and then everything the extension can write or show is searched for the marker.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as dns from 'dns';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { isLocalBaseUrl, originOf } from '../../../src/api';
import { legacyKeyOrigin } from '../../../src/host/config';
import { ApiKeyStore } from '../../../src/host/secrets';
import type { HostMessage } from '../../../src/common/protocol';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { chatChunk, ScriptedServer, sseData } from '../../support/scriptedServer';
import { activateExtension, chatRequests, forgetApprovals, routeServer, scriptUi, snapshotSettings, SSE_HEADERS, updateSettings, type UiScript } from '../host/hostTestKit';
import { markerForms, searchText, searchTree, type Place } from './markerSearch';
import { bounded, controllerOf, jsonStatus, lastAnswer, MODEL, RejectionWatch, streamed, until } from './reliabilityKit';
import { recordCase, recordNote, writeResults } from './results';

const MODELS = [{ id: MODEL }];

/** This machine's own name when it resolves to loopback: a base URL that reaches the scripted server yet is not "local". */
async function remoteLookingHost(): Promise<string | undefined> {
  const name = os.hostname();
  if (!name || isLocalBaseUrl(`http://${name}:1/v1`)) return undefined;
  const address = await dns.promises.lookup(name, { family: 4 }).catch(() => undefined);
  return address?.address === '127.0.0.1' ? name : undefined;
}

describe('reliability: the API key never leaks', function () {
  this.timeout(90_000);
  let api: AskLlamaApi;
  let server: ScriptedServer;
  let restoreSettings: () => Promise<void>;
  let ui: UiScript;
  let rejections: RejectionWatch;
  const marker = `test-key-${randomBytes(12).toString('hex')}`;
  const forms = markerForms(marker);
  const posted: HostMessage[] = [];
  let restoreSend: () => void = () => undefined;
  let baseUrl = '';
  let origin = '';
  let migratedTo = '';
  let how = '';

  before(async () => {
    api = await activateExtension();
    rejections = new RejectionWatch();
    restoreSettings = snapshotSettings();
    // The Set API Key command gets the marker typed into its password box, the workspace's base URL is declined, the
    // key may go over plain http to the remote-looking host (Send Anyway, as its user would), everything else is
    // dismissed.
    ui = scriptUi(api, (call) => {
      if (call.kind === 'showInputBox') return marker;
      if (call.kind === 'showWarningMessage' && /over plain HTTP\?/.test(call.message ?? '')) return 'Send Anyway';
      if (call.kind === 'showWarningMessage' && /Allow for this workspace\?/.test(call.message ?? '')) return call.items.find((b: string) => /Don't Allow/.test(b));
      return undefined;
    });

    // Trace level for every logger, through the command VS Code offers extension tests (no quick pick).
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    await until(() => vscode.env.logLevel === vscode.LogLevel.Trace, 'log level trace');

    server = await ScriptedServer.start();
    const host = await remoteLookingHost();
    if (host) {
      baseUrl = server.baseUrl.replace('127.0.0.1', host);
      how = `base URL ${baseUrl}: the machine's own host name, which resolves to 127.0.0.1 but is not local for isLocalBaseUrl, so the remote key path is used`;
    } else {
      // No such name here: keep 127.0.0.1, whose origin gets the key set for it like any other server.
      baseUrl = server.baseUrl;
      how = 'base URL on 127.0.0.1 with a key set for that origin (no non-local name resolves to loopback here)';
    }
    recordNote(`Secrets: ${how}; log level set with the \`_extensionTests.setLogLevel\` command ("trace"), checked by vscode.env.logLevel and by trace lines in the log file.`);
    await updateSettings({ baseUrl, model: MODEL, requestTimeoutSeconds: 5 });
    origin = originOf(baseUrl)!;
    // Every path the key takes into SecretStorage: stored the old way (one key for all servers) and migrated to the
    // user-level base URL's origin by a new session's store, then set again through the command, and listed (origins
    // only) by Manage API Keys.
    await api.secrets.store('askLlama.apiKey', marker);
    migratedTo = legacyKeyOrigin();
    assert.strictEqual(await new ApiKeyStore(api.secrets, legacyKeyOrigin).get(migratedTo), marker, 'the old key was migrated');
    await vscode.commands.executeCommand('askLlama.setApiKey');
    await vscode.commands.executeCommand('askLlama.manageApiKeys');
    assert.strictEqual(await api.keys.get(origin), marker);
    assert.ok(ui.of('showQuickPick').length === 1 && ui.of('showInputBox').length === 1, 'the key commands ran');

    // Every HostMessage the controller posts to the page, recorded on its way out.
    const page: { send(message: HostMessage): void } = controllerOf(api).page;
    const originalSend = page.send;
    page.send = function (this: unknown, message: HostMessage) {
      posted.push(JSON.parse(JSON.stringify(message)) as HostMessage);
      return originalSend.call(page, message);
    };
    restoreSend = () => delete (page as { send?: unknown }).send;
    await api.chat.newChat();
  });

  after(async () => {
    restoreSend();
    ui.restore();
    await server?.close();
    for (const used of new Set([origin, migratedTo])) if (used) await api.keys.clear(used);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    await restoreSettings();
    await forgetApprovals(api);
    for (const agreed of api.plainHttp.origins()) await api.plainHttp.forget(agreed);
    rejections.dispose();
    writeResults();
  });

  async function ask(question: string): Promise<void> {
    await bounded(controllerOf(api).ask(question), 30_000, question);
  }

  it('runs successful and failing chats with the marked key, which the server receives', async () => {
    const echo = `Invalid API key ${marker} (Authorization: Bearer ${marker})`;
    routeServer(server, MODELS, [
      streamed(['A ', 'fine ', 'answer.']),
      jsonStatus(401, { message: echo, statusCode: 401 }),
      jsonStatus(400, { message: `Body validation error: key ${marker} not allowed`, statusCode: 400 }),
      { status: 500, headers: { 'content-type': 'text/html' }, chunks: [`<html><body><pre>Authorization: Bearer ${marker}</pre></body></html>`] },
      { status: 500, headers: { 'content-type': 'text/html' }, chunks: [`<html><body>${marker}</body></html>`] },
      { status: 500, headers: { 'content-type': 'text/html' }, chunks: [`<html><body>${marker}</body></html>`] },
      { status: 200, headers: SSE_HEADERS, chunks: [sseData(chatChunk('Partial ')), sseData({ error: { message: `upstream rejected key ${marker}` } })] },
      streamed(['Another ', 'fine ', 'answer.']),
    ]);
    // The workspace points the base URL at another server (same remote-looking name, another port), which the user
    // declines: the questions still go to the user's server, and the other one gets nothing.
    const workspaceServer = await ScriptedServer.start();
    const workspaceUrl = workspaceServer.baseUrl.replace('127.0.0.1', new URL(baseUrl).hostname);
    const config = vscode.workspace.getConfiguration('askLlama');
    await config.update('baseUrl', workspaceUrl, vscode.ConfigurationTarget.Workspace);
    try {
      await ask('First, a question that works');
    } finally {
      await config.update('baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await workspaceServer.close();
    }
    assert.strictEqual(workspaceServer.requests.length, 0, 'the declined workspace server got requests');
    assert.ok(ui.calls.some((c) => /This workspace sends your questions/.test(c.message ?? '')), 'the approval was asked');
    assert.strictEqual(lastAnswer(api).status, 'done');
    await ask('Now the server rejects the key and echoes it');
    assert.strictEqual(lastAnswer(api).error?.kind, 'auth');
    await ask('A bad request that echoes the key');
    assert.strictEqual(lastAnswer(api).error?.kind, 'bad_request');
    await ask('A gateway page that dumps the header');
    assert.strictEqual(lastAnswer(api).error?.kind, 'server');
    await ask('An error inside the stream');
    assert.strictEqual(lastAnswer(api).error?.kind, 'stream_error');
    await controllerOf(api).retry();
    assert.strictEqual(lastAnswer(api).status, 'done');

    // A network failure too, at the same remote-looking host.
    const closed = await ScriptedServer.start();
    const deadUrl = closed.baseUrl.replace('127.0.0.1', new URL(baseUrl).hostname);
    await closed.close();
    // Another origin, so it needs its own key: the marker again, set for it.
    await api.keys.set(originOf(deadUrl)!, marker);
    await updateSettings({ baseUrl: deadUrl });
    await ask('And the server is gone');
    assert.strictEqual(lastAnswer(api).error?.kind, 'network');
    await api.keys.clear(originOf(deadUrl)!);
    await updateSettings({ baseUrl });

    const chats = chatRequests(server);
    assert.ok(chats.length >= 7, `${chats.length} chat requests`);
    for (const request of chats) assert.strictEqual(request.headers.authorization, `Bearer ${marker}`, 'the server got the marked key');
    assert.strictEqual(api.chat.currentChat.messages.filter((m) => m.role === 'assistant').length, 6);
    await until(() => posted.some((m) => m.type === 'messageUpdated'), 'page messages recorded');
  });

  it('finds the marker in none of the places the extension writes or shows', async () => {
    const controller = controllerOf(api);
    await controller.store.flush();
    // globalStorage/<ext>/chats → the user-data folder is three levels above globalStorage/<ext>.
    const globalStorage = path.dirname(controller.store.folder);
    const userData = path.resolve(globalStorage, '..', '..', '..');
    assert.strictEqual(path.basename(path.resolve(globalStorage, '..', '..')), 'User', `user data layout: ${globalStorage}`);
    const serverRoot = path.dirname(userData);

    // The log channel writes asynchronously: wait until the trace lines of this run are on disk.
    let logFiles: string[] = [];
    await until(() => {
      logFiles = searchTree(serverRoot, [Buffer.from('Chat request messages:')]).found.map((p) => p.where);
      return logFiles.some((f) => f.endsWith('Ask Llama.log'));
    }, 'the Ask Llama log file with trace lines', 15_000);

    const places: Place[] = [];
    const tree = searchTree(serverRoot, forms);
    places.push(...tree.found);
    for (const folder of vscode.workspace.workspaceFolders ?? []) places.push(...searchTree(folder.uri.fsPath, forms).found);

    const config = vscode.workspace.getConfiguration('askLlama');
    for (const name of ['baseUrl', 'model', 'temperature', 'maxTokens', 'systemPrompt', 'requestTimeoutSeconds']) {
      places.push(...searchText(`setting askLlama.${name}`, JSON.stringify(config.inspect(name) ?? null), forms));
    }
    ui.calls.forEach((call, i) => places.push(...searchText(`dialog #${i} (${call.kind})`, JSON.stringify(call), forms)));
    posted.forEach((message, i) => places.push(...searchText(`page message #${i} (${message.type})`, JSON.stringify(message), forms)));
    places.push(...searchText('open chat in memory', JSON.stringify(api.chat.currentChat), forms));
    const errors = api.chat.currentChat.messages.filter((m) => m.error).map((m) => m.error);
    places.push(...searchText('error descriptions', JSON.stringify(errors), forms));
    // describeError on raw failures that carry the key in every field.
    const raw = Object.assign(new Error(`boom ${marker}`), { kind: 'bad_request', status: 400 });
    places.push(...searchText('describeError(bad_request echo)', JSON.stringify(api.requests.describeError(raw)), forms));
    places.push(...searchText('describeError(unexpected)', JSON.stringify(api.requests.describeError(new Error(`odd ${marker}`))), forms));

    const logFile = logFiles.find((f) => f.endsWith('Ask Llama.log'))!;
    const summary = `${tree.files.length} files under the code-server root (logs incl. ${path.relative(serverRoot, logFile)}, global/workspace storage, settings, chat history), ${Object.keys(config).length ? 6 : 0} settings, ${ui.calls.length} dialogs, ${posted.length} page messages, ${errors.length} error descriptions`;
    recordCase({
      area: 'Secrets',
      name: 'places where the marked key was found',
      passed: places.length === 0,
      observed: `${places.length} found; searched ${summary}. Server received it in Authorization: yes (${chatRequests(server).length} requests)`,
    });
    assert.deepStrictEqual(places, [], `the key leaked; searched ${summary}`);
    assert.strictEqual(rejections.ours().length, 0);
  });

  it('would find it: a marker planted in the log folder is found by the same search', async () => {
    const globalStorage = path.dirname(controllerOf(api).store.folder);
    const serverRoot = path.resolve(globalStorage, '..', '..', '..', '..');
    const planted = path.join(globalStorage, 'planted-canary.txt');
    fs.writeFileSync(planted, `canary ${marker}`);
    try {
      const found = searchTree(serverRoot, forms).found.map((p) => p.where);
      assert.deepStrictEqual(found, [planted]);
    } finally {
      fs.rmSync(planted, { force: true });
    }
  });
});
