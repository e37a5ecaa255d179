// The extension is installed in the host, stays dormant until one of its own commands or views is used, and
// activates without error. index.ts records the dormant state before any test file is loaded.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeAtStart, extensionId } from './index';

describe('smoke: extension presence and activation', () => {
  it('is installed in the extension host', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among ${vscode.extensions.all.length} extensions`);
    assert.strictEqual(extension.packageJSON.name, 'ask-llama');
  });

  it('was not active before any of its commands or views was used', () => {
    assert.strictEqual(activeAtStart, false, 'the extension activated on its own (check activationEvents)');
  });

  it('declares no eager activation event', () => {
    const events: string[] = vscode.extensions.getExtension(extensionId)!.packageJSON.activationEvents ?? [];
    const eager = events.filter((event) => event === '*' || event === 'onStartupFinished');
    assert.deepStrictEqual(eager, []);
  });

  it('activates without error', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
