// askLlama.addFileToChat through the real extension: the palette's multi-select pick of workspace files and the
// Explorer's clicked files both end up as chips on the chat's next question.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useScriptedHost, withScriptedUi } from '../hostTestKit';

describe('Add File to Chat command (extension host)', () => {
  const host = useScriptedHost({}, { freshChat: true });
  const created: vscode.Uri[] = [];

  async function workspaceFile(name: string, text: string): Promise<vscode.Uri> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const uri = vscode.Uri.joinPath(folder.uri, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    created.push(uri);
    return uri;
  }

  afterEach(async () => {
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('offers workspace files in a multi-select pick and attaches the picked ones', async () => {
    await workspaceFile('attach-one.ts', 'export const one = 1;\n');
    await workspaceFile('attach-two.ts', 'export const two = 2;\n');
    const ui = await withScriptedUi(
      host.api,
      (call) => (call.kind === 'showQuickPickMany' ? call.items.filter((item: { label: string }) => item.label.startsWith('attach-')) : undefined),
      () => vscode.commands.executeCommand('askLlama.addFileToChat'),
    );
    const labels = ui.of('showQuickPickMany')[0]?.items.map((item: { label: string }) => item.label) ?? [];
    assert.ok(labels.includes('attach-one.ts') && labels.includes('attach-two.ts'), JSON.stringify(labels));
    const files = host.api.chat.attachedFiles.map((f) => f.fileName);
    assert.deepEqual(files.filter((f) => f.startsWith('attach-')).sort(), ['attach-one.ts', 'attach-two.ts']);
  });

  it('attaches the files the Explorer passes, without a pick', async () => {
    const uri = await workspaceFile('attach-clicked.ts', 'export const clicked = true;\n');
    const ui = await withScriptedUi(host.api, async () => {
      await vscode.commands.executeCommand('askLlama.addFileToChat', uri, [uri]);
    });
    assert.equal(ui.of('showQuickPickMany').length, 0);
    assert.ok(host.api.chat.attachedFiles.some((f) => f.fileName === 'attach-clicked.ts'));
  });
});
