// The reference for the chat view's warm rows (issue 24): the round trip every webview sidebar pays in this workbench,
// measured in the same window and rounds. A throw-away extension, packaged here and installed beside Ask Llama, opens
// a webview whose page posts the question on Enter; its extension host answers at once with the round's marker, no
// work and no network, and the page appends it to a `#messages` answer where the paint probe reads it (paintProbe.ts).
// What Ask Llama adds is its own overhead minus this: the host's work, the request to the server and back, and the
// question and the empty answer shown before the first token.
import type { FrameLocator, Page } from 'playwright-core';
import { runCommand } from '../e2e/workbench';
import { type BenchRow, formatMs } from './benchRow';
import { readProbe, waitForPaint } from './paintProbe';
import { packageReferenceExtension } from './referenceExtension';
import { median } from './stats';

export const REFERENCE_WEBVIEW_COMMAND = 'Bench Reference: Open Webview';
/** The page's frame: VS Code names the extension in the webview's URL. */
export const REFERENCE_WEBVIEW_FRAME = 'iframe.webview[src*="extensionId=ask-llama-bench.bench-reference-webview"]';

const PAGE = `<!doctype html><html><body>
<main id="messages"><article class="message" data-role="assistant"><div class="message-body"></div></article></main>
<textarea id="prompt"></textarea>
<script>
const vscode = acquireVsCodeApi();
const body = document.querySelector('.message-body');
const prompt = document.getElementById('prompt');
prompt.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  vscode.postMessage(prompt.value);
  prompt.value = '';
});
window.addEventListener('message', (event) => {
  const line = document.createElement('p');
  line.textContent = String(event.data);
  body.append(line);
});
</script></body></html>`;

/** "Question <id>?" is answered with "BENCHMARK<id> " at once. */
const EXTENSION_JS = `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('benchReference.openWebview', () => {
    const panel = vscode.window.createWebviewPanel('benchReference', 'Bench reference', vscode.ViewColumn.One, { enableScripts: true });
    panel.webview.onDidReceiveMessage((question) => {
      const id = /Question (\\w+)\\?/.exec(String(question));
      if (id) void panel.webview.postMessage('BENCHMARK' + id[1] + ' and the rest.');
    });
    panel.webview.html = ${JSON.stringify(PAGE)};
  }));
};
`;

const MANIFEST = {
  name: 'bench-reference-webview',
  publisher: 'ask-llama-bench',
  version: '0.0.1',
  description: 'The chat bench reference: a webview whose host answers at once.',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onCommand:benchReference.openWebview'],
  contributes: { commands: [{ command: 'benchReference.openWebview', title: REFERENCE_WEBVIEW_COMMAND }] },
};

/** The reference extension, packaged; returns the .vsix. */
export function referenceWebviewVsix(): string {
  return packageReferenceExtension(MANIFEST, EXTENSION_JS);
}

/** Opens the reference webview in the editor area (beside the sidebar, both on screen) and returns its page's frame. */
export async function openReferenceWebview(page: Page): Promise<FrameLocator> {
  await runCommand(page, REFERENCE_WEBVIEW_COMMAND);
  const frame = page.frameLocator(REFERENCE_WEBVIEW_FRAME).frameLocator('iframe#active-frame');
  await frame.locator('textarea#prompt').waitFor({ timeout: 60_000 });
  return frame;
}

/** One round in the reference webview: Enter → its host's answer painted, in ms. */
export async function askReference(frame: FrameLocator, id: string): Promise<number> {
  const before = (await readProbe(frame)).enterAt.length;
  const prompt = frame.locator('textarea#prompt');
  await prompt.fill(`Question ${id}?`);
  await prompt.press('Enter');
  const paintedAt = await waitForPaint(frame, id);
  return paintedAt - (await readProbe(frame)).enterAt[before];
}

/** Ask Llama's overhead in the chat view against the reference's round trip, rounds alternating. */
export function referenceRow(oursMs: number[], referenceMs: number[]): BenchRow {
  const ours = median(oursMs);
  const reference = median(referenceMs);
  const added = ours - reference;
  return {
    figure: "Enter → first token painted, chat view: what Ask Llama adds to a webview's own round trip",
    reference: `a webview whose extension host answers at once (no work, no network): Enter → painted ${formatMs(reference)}`,
    measured: `Ask Llama: Enter → painted beyond the server's first byte +${formatMs(ours)}`,
    result: `+${formatMs(added)}`,
    target: 'reported',
    met: true,
    notes: 'code-server + headless Chromium, warm window; the reference extension (test/bench/referenceWebview.ts) open in ' +
      `the editor area beside Ask Llama's sidebar, the rounds alternating; medians of ${oursMs.length} and ${referenceMs.length} rounds`,
  };
}
