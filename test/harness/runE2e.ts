// `npm run test:e2e`: the packaged extension (ask-llama.vsix) installed into a fresh code-server, driven through
// headless chromium as a person would, against a scripted model server on 127.0.0.1. The scenarios are mocha
// files in out/test/e2e/ run in this process, in file-name order (they continue one conversation).
import * as fs from 'fs';
import * as path from 'path';
import { setE2eContext } from '../e2e/e2eContext';
import { E2E_ENVIRONMENT_KEY } from '../e2e/environmentKey';
import { ForwardingProxy } from '../support/forwardingProxy';
import { ScriptedLlm } from '../e2e/scriptedLlm';
import { waitForWorkbench } from '../e2e/workbench';
import { ScriptedServer } from '../support/scriptedServer';
import { launchBrowser } from './browser';
import { onCleanup, runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { progress, secondsSince } from './log';
import { repoRoot, resultsDir, vsixPath } from './paths';
import { ensureToolchain } from './toolchain';
import { workbenchUrl } from './workbenchUrl';
import { makeWorkspace } from './workspace';
import { runWorkbenchScenarios } from './workbenchScenarios';

const e2eDir = path.join(repoRoot, 'out', 'test', 'e2e');
/**
 * The name the extension uses for the scripted server: remote-looking, so the extension treats it as an API that
 * needs the user's key. It never resolves; VS Code's `http.proxy` sends the requests to the ForwardingProxy.
 */
const apiHost = 'api.ask-llama.test';
const timeLimitMs = Number(process.env.ASK_LLAMA_TEST_TIME_LIMIT_S ?? 600) * 1000;

async function main(): Promise<number> {
  const started = Date.now();
  removeOldFailureScreenshots();
  const toolchain = await ensureToolchain();
  const scripted = await ScriptedServer.start();
  onCleanup('scripted model server', () => scripted.close());
  const llm = new ScriptedLlm(scripted);

  const upstream = new URL(llm.baseUrl);
  const proxy = await ForwardingProxy.start({ host: upstream.hostname, port: Number(upstream.port) });
  onCleanup('forwarding proxy', () => proxy.close());
  const baseUrl = `http://${apiHost}:${upstream.port}${upstream.pathname}`;
  const server = await startCodeServer(toolchain, {
    smokeTestDriver: false, // notification toasts must be visible
    install: [vsixPath],
    // As `npm run try` hands over a user's key; scenario 10 checks where it ends up. Also overrides one in the shell.
    env: { ASK_LLAMA_API_KEY: E2E_ENVIRONMENT_KEY },
    settings: {
      'askLlama.baseUrl': baseUrl,
      'http.proxy': proxy.url,
      'http.proxySupport': 'override',
      'workbench.colorTheme': 'Default Dark Modern',
    },
  });
  const workspace = makeWorkspace();
  const { page } = await launchBrowser();
  page.on('pageerror', (error) => progress(`workbench page error: ${error.message}`));
  const url = workbenchUrl(server.origin, workspace);
  setE2eContext({
    page,
    llm,
    workbenchUrl: url,
    workspace,
    userSettingsFile: path.join(server.userDataDir, 'User', 'settings.json'),
  });
  await page.goto(url);
  await waitForWorkbench(page);
  progress(`workbench up after ${secondsSince(started)}; running the scenarios`);

  const code = await runWorkbenchScenarios(page, e2eDir, timeLimitMs);
  progress(`e2e finished in ${secondsSince(started)}; screenshots in ${path.relative(repoRoot, resultsDir)}/`);
  return code;
}

/** test-results/ must show this run's failures only. */
function removeOldFailureScreenshots(): void {
  if (!fs.existsSync(resultsDir)) return;
  for (const name of fs.readdirSync(resultsDir)) {
    if (/^(failure-.*|e2e-timeout)\.png$/.test(name)) fs.rmSync(path.join(resultsDir, name), { force: true });
  }
}

runMain(main);
