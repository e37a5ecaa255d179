// `npm run test:e2e-web`: the packaged extension installed into a fresh code-server as in `npm run test:e2e`, but run
// from its `browser` entry (dist/web/extension.js) in the workbench's web worker extension host, as on vscode.dev:
// the user setting `remote.extensionKind` makes the extension web-only, and VS Code then runs a remote-installed
// extension that has a `browser` entry in the web worker (its pickRunningLocation). There is no http.proxy in a
// browser, so the extension's base URL is a scripted server on 127.0.0.1 directly, another origin than the workbench's.
import * as path from 'path';
import { ScriptedLlm } from '../e2e/scriptedLlm';
import { waitForWorkbench } from '../e2e/workbench';
import { setWebHostContext } from '../e2e-web/webHostContext';
import { allowing } from '../support/corsResponses';
import { ScriptedServer } from '../support/scriptedServer';
import { launchBrowser } from './browser';
import { onCleanup, runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { progress, secondsSince } from './log';
import { repoRoot, vsixPath } from './paths';
import { ensureToolchain } from './toolchain';
import { workbenchUrl } from './workbenchUrl';
import { makeWorkspace } from './workspace';
import { runWorkbenchScenarios } from './workbenchScenarios';

const scenarioDir = path.join(repoRoot, 'out', 'test', 'e2e-web');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(repoRoot, 'package.json')) as { publisher: string; name: string };
/** The extension's id, the key of `remote.extensionKind`. */
const extensionId = `${manifest.publisher}.${manifest.name}`;
const timeLimitMs = Number(process.env.ASK_LLAMA_TEST_TIME_LIMIT_S ?? 300) * 1000;

async function main(): Promise<number> {
  const started = Date.now();
  const toolchain = await ensureToolchain();
  let workbenchOrigin = '';
  let corsAllowed = true;
  const scripted = await ScriptedServer.start();
  onCleanup('scripted model server', () => scripted.close());
  // The origin is known once code-server is up; it is read when a request comes, which is later.
  const llm = new ScriptedLlm(scripted, (request, response) => (corsAllowed ? allowing(workbenchOrigin, request, response) : response));

  const server = await startCodeServer(toolchain, {
    smokeTestDriver: false, // notification toasts must be visible
    install: [vsixPath],
    settings: {
      'askLlama.baseUrl': llm.baseUrl,
      'remote.extensionKind': { [extensionId]: ['web'] },
      'workbench.colorTheme': 'Default Dark Modern',
    },
  });
  workbenchOrigin = server.origin;
  const { page } = await launchBrowser();
  page.on('pageerror', (error) => progress(`workbench page error: ${error.message}`));
  setWebHostContext({ page, workbenchOrigin, llm, setCorsAllowed: (allowed) => (corsAllowed = allowed) });
  await page.goto(workbenchUrl(server.origin, makeWorkspace()));
  await waitForWorkbench(page);
  progress(`workbench up after ${secondsSince(started)}; running the web host scenarios`);

  const code = await runWorkbenchScenarios(page, scenarioDir, timeLimitMs);
  progress(`web host e2e finished in ${secondsSince(started)}`);
  return code;
}

runMain(main);
