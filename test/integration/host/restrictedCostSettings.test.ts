// In Restricted Mode a cloned repository's .vscode/settings.json cannot raise what a question costs on the user's
// paid server or how much of the user's code it sends: its temperature, max tokens, context window and current-file
// choice are ignored and the user's own values reach the server. Trusted again, the same workspace values apply
// (which proves the workspace values were really there to ignore). The harness runs with workspace trust disabled,
// so Restricted Mode is played through the test API's `restrictedMode` (the trust activate() gives the settings policy).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { RESTRICTED_SETTINGS } from '../../../src/host/workspaceSettings';
import { sseAnswer } from '../../support/scriptedServer';
import { chatRequests, EXTENSION_ID, openWithSelection, routeServer, SSE_HEADERS, updateSettings, useScriptedHost, withScriptedUi } from './hostTestKit';

const MODEL = 'custom/unlisted-model';
const COST_SETTINGS = ['temperature', 'maxTokens', 'contextWindow', 'includeCurrentFile'] as const;
const LINES = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i};`);

function userContent(body: any): string {
  return body.messages.filter((m: any) => m.role === 'user').map((m: any) => m.content).join('\n');
}

async function setWorkspace(values: Partial<Record<(typeof COST_SETTINGS)[number], unknown>>): Promise<void> {
  const config = vscode.workspace.getConfiguration('askLlama');
  for (const [name, value] of Object.entries(values)) await config.update(name, value, vscode.ConfigurationTarget.Workspace);
}

describe('host: Restricted Mode ignores the workspace cost settings', function () {
  this.timeout(60_000);
  const host = useScriptedHost({ model: MODEL }, { freshChat: true });
  /** Asks with nothing selected in a 400-line file; returns the chat request the server received. */
  async function askAboutLongFile(fileName: string): Promise<any> {
    routeServer(host.server, [{ id: MODEL }], [{ headers: SSE_HEADERS, chunks: sseAnswer(['Constants.']) }]);
    const editor = await openWithSelection(LINES.join('\n'), fileName, 1, 1);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await withScriptedUi(host.api, (call) => (call.kind === 'showInputBox' ? 'What is in this file?' : undefined), async () => {
      await vscode.commands.executeCommand('askLlama.ask');
    });
    const requests = chatRequests(host.server);
    assert.strictEqual(requests.length, 1, 'one question, one request');
    host.server.requests.length = 0;
    return requests[0].json;
  }

  afterEach(async () => {
    host.api.restrictedMode.leave();
    await setWorkspace({ temperature: undefined, maxTokens: undefined, contextWindow: undefined, includeCurrentFile: undefined });
  });

  it('are listed as restricted in the manifest, like the base URL', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepStrictEqual([...restricted].sort(), RESTRICTED_SETTINGS.map((name) => `askLlama.${name}`).sort());
    for (const name of COST_SETTINGS) assert.ok(restricted.includes(`askLlama.${name}`), name);
  });

  it('temperature, max tokens and context window: the user values reach the server, the workspace values only when trusted', async () => {
    await updateSettings({ temperature: 0.3, maxTokens: 400, contextWindow: 2048, includeCurrentFile: true });
    await setWorkspace({ temperature: 1.9, maxTokens: 100000, contextWindow: 10_000_000 });

    host.api.restrictedMode.enter();
    const restricted = await askAboutLongFile('restricted.js');
    assert.strictEqual(restricted.temperature, 0.3);
    assert.strictEqual(restricted.max_tokens, 400);
    const content = userContent(restricted);
    assert.ok(content.includes('const value0 = '), 'the file is sent, cut to the user window');
    assert.ok(!content.includes('const value399 = '), 'the whole file went: the workspace window was used');

    host.api.restrictedMode.leave();
    const trusted = await askAboutLongFile('trusted.js');
    assert.strictEqual(trusted.temperature, 1.9);
    assert.ok(trusted.max_tokens > 400, `max_tokens ${trusted.max_tokens}`);
    assert.ok(userContent(trusted).includes('const value399 = '), 'trusted: the workspace window fits the whole file');
  });

  it('includeCurrentFile: the workspace cannot turn on sending the active file', async () => {
    await updateSettings({ includeCurrentFile: false });
    await setWorkspace({ includeCurrentFile: true });

    host.api.restrictedMode.enter();
    assert.ok(!userContent(await askAboutLongFile('off.js')).includes('const value0 = '), 'the file was sent');

    host.api.restrictedMode.leave();
    assert.ok(userContent(await askAboutLongFile('on.js')).includes('const value0 = '), 'trusted: the workspace value applies');
  });
});
