// The extension activates in a real extension host and registers everything its manifest promises.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AskLlamaApi } from '../../../src/host/testApi';
import { activateExtension, closeAllEditors, EXTENSION_ID, openWithSelection, withScriptedUi } from './hostTestKit';

/** Polls `condition` (the workbench updates editors asynchronously); fails naming `what` after 5 s. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('host: activation and commands', () => {
  let api: AskLlamaApi;

  before(async () => {
    api = await activateExtension();
  });

  after(closeAllEditors);

  it('activates without error', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.strictEqual(extension?.isActive, true);
  });

  it('registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 8, 'the manifest should contribute the askLlama commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
  });

  it('offers Explain Selection as a code action on a selection, and nothing on an empty range', async () => {
    const editor = await openWithSelection('const a = 1;\nconst b = a + 1;\n', 'sample.ts', 1, 2);
    const uri = editor.document.uri;
    const onSelection = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, editor.selection);
    const ours = onSelection.filter((a) => a.command?.command === 'askLlama.explainSelection');
    assert.strictEqual(ours.length, 1);
    assert.match(ours[0].title, /Explain Selection/);
    const empty = new vscode.Range(0, 3, 0, 3);
    const onEmpty = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, empty);
    assert.strictEqual(onEmpty.filter((a) => a.command?.command === 'askLlama.explainSelection').length, 0);
  });

  it('askLlama.explainInLightbulb off takes Explain Selection out of the lightbulb, at once', async () => {
    const editor = await openWithSelection('const a = 1;\nconst b = a + 1;\n', 'sample.ts', 1, 2);
    const ours = async () =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection)).filter(
        (a) => a.command?.command === 'askLlama.explainSelection',
      ).length;
    const config = vscode.workspace.getConfiguration('askLlama');
    try {
      await config.update('explainInLightbulb', false, vscode.ConfigurationTarget.Global);
      assert.strictEqual(await ours(), 0);
      await config.update('explainInLightbulb', undefined, vscode.ConfigurationTarget.Global);
      assert.strictEqual(await ours(), 1);
    } finally {
      await config.update('explainInLightbulb', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Explain Selection without a selection says to select code first and asks nothing', async () => {
    await closeAllEditors();
    await withScriptedUi(api, async (ui) => {
      await vscode.commands.executeCommand('askLlama.explainSelection');
      assert.strictEqual(ui.of('showInformationMessage').length, 1);
      assert.match(ui.of('showInformationMessage')[0].message ?? '', /[Ss]elect/);
      assert.strictEqual(ui.of('showInputBox').length, 0);
    });
  });

  it('Show Log shows the "Ask Llama" log in the Output panel, and reports no failure', async () => {
    // The log channel's document ("output:…Ask Llama…") is visible only while the Output panel shows it.
    const logVisible = () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'output' && decodeURIComponent(e.document.uri.path).includes('Ask Llama'));
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor(() => !logVisible(), 'the Output panel to close');
    // Commands report a failure with an error notification (runLogged) instead of throwing; record those.
    try {
      await withScriptedUi(api, async (ui) => {
        await vscode.commands.executeCommand('askLlama.showLog');
        await waitFor(logVisible, 'the Ask Llama log to be shown');
        assert.deepStrictEqual(ui.of('showErrorMessage'), [], 'Show Log reported no failure');
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closePanel');
    }
  });
});
