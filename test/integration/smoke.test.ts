// The extension is installed in the host, VS Code starts it by itself once start-up has finished (so inline
// suggestions work in a fresh window) and never during start-up, and it activates without error. index.ts runs this
// file first, so no other test has activated the extension when it is watched for.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId } from './index';
import { assertStartupActivationEvents, waitForActivationByItself } from './startupActivation';

describe('smoke: extension presence and activation', () => {
  it('is installed in the extension host', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among ${vscode.extensions.all.length} extensions`);
    assert.strictEqual(extension.packageJSON.name, 'ask-llama');
  });

  it('declares onStartupFinished and never "*"', () => {
    assertStartupActivationEvents(extensionId);
  });

  it('starts by itself after start-up, without any of its commands or views being used', async () => {
    const waitedMs = await waitForActivationByItself(extensionId);
    console.log(`      (active ${waitedMs} ms after this test began)`);
  });

  it('activates without error', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
