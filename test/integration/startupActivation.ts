// The start-up activation rule, shared by the smoke suite and the compat suite (VS Code 1.90): the manifest asks to
// start once VS Code has finished starting (`onStartupFinished`, so inline suggestions work in a fresh window) and
// never with `*` (which would run during start-up). Whether the extension then starts by itself is watched without
// calling activate(): the suites' entry (index.ts) runs their smoke file first, and no test file activates the
// extension when it is loaded, only inside its hooks and tests.
import * as assert from 'assert';
import * as vscode from 'vscode';

/** How long VS Code gets to activate the extension by itself (under load, 0.7 s after the smoke test began). */
export const STARTUP_ACTIVATION_LIMIT_MS = 15_000;

export function assertStartupActivationEvents(extensionId: string): void {
  const events: string[] = vscode.extensions.getExtension(extensionId)!.packageJSON.activationEvents ?? [];
  assert.ok(events.includes('onStartupFinished'), `activationEvents ${JSON.stringify(events)} lack onStartupFinished`);
  assert.ok(!events.includes('*'), `activationEvents ${JSON.stringify(events)} start the extension during start-up ("*")`);
}

/** Waits, polling `isActive` only, until VS Code has activated the extension; returns how long that took. */
export async function waitForActivationByItself(extensionId: string): Promise<number> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this host`);
  const started = Date.now();
  while (!extension.isActive) {
    if (Date.now() - started > STARTUP_ACTIVATION_LIMIT_MS) {
      assert.fail(`the extension did not start by itself within ${STARTUP_ACTIVATION_LIMIT_MS / 1000} s (check activationEvents)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}
