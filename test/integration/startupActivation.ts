// The activation rule, shared by the smoke suite and the compat suite (VS Code 1.90): Ask Llama wakes only on its own
// commands, its view and VS Code asking its model provider — never `*` or `onStartupFinished`, so a window where it is
// not used pays nothing for it. Watched without calling activate(): the suites' entry (index.ts) runs their smoke file
// first, and no test file activates the extension when it is loaded, only inside its hooks and tests.
import * as assert from 'assert';
import * as vscode from 'vscode';

/** How long the extension is watched for starting by itself (VS Code fires onStartupFinished well within it). */
export const DORMANCY_WATCH_MS = 3000;

export function assertNoEagerActivationEvents(extensionId: string): void {
  const events: string[] = vscode.extensions.getExtension(extensionId)!.packageJSON.activationEvents ?? [];
  const eager = events.filter((event) => event === '*' || event === 'onStartupFinished');
  assert.deepStrictEqual(eager, [], `activationEvents ${JSON.stringify(events)} start the extension without its use`);
}

/** Watches `isActive` only, for DORMANCY_WATCH_MS: the extension must not start by itself. */
export async function assertStaysDormant(extensionId: string): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this host`);
  const started = Date.now();
  while (Date.now() - started < DORMANCY_WATCH_MS) {
    assert.strictEqual(extension.isActive, false, 'the extension started by itself (check activationEvents)');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
