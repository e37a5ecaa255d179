// The extension is installed in the host, VS Code starts it by itself once start-up has finished (so inline
// suggestions work in a fresh window) and never during start-up, and it activates without error. index.ts runs this
// file first, so no other test has activated the extension when it is watched for.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId } from './index';
import { assertNoEagerActivationEvents, assertStaysDormant } from './startupActivation';

describe('smoke: extension presence and activation', () => {
  it('is installed in the extension host', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among ${vscode.extensions.all.length} extensions`);
    assert.strictEqual(extension.packageJSON.name, 'ask-llama');
  });

  it('declares no eager activation event ("*", onStartupFinished)', () => {
    assertNoEagerActivationEvents(extensionId);
  });

  it('stays dormant until one of its commands or views is used', async () => {
    await assertStaysDormant(extensionId);
  });

  it('activates without error', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
