// `npm run test:integration`: runs test/integration inside a real VS Code extension host and exits with the
// suite's code. Default: code-server (VS Code 1.139 web) + headless chromium, the workbench loading the extension
// under development and the tests from its URL payload. ASK_LLAMA_VSCODE=desktop uses @vscode/test-electron instead.
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser } from './browser';
import { runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { formatHostLog } from './hostOutput';
import { findSummary, isSuiteStartLine } from './suiteLines';
import { integrationEntry, repoRoot, resultsDir } from './paths';
import { progress, secondsSince } from './log';
import { ensureToolchain } from './toolchain';
import { workbenchUrl } from './workbenchUrl';
import { makeWorkspace } from './workspace';

const timeLimitMs = Number(process.env.ASK_LLAMA_TEST_TIME_LIMIT_S ?? 300) * 1000;

async function main(): Promise<number> {
  if ((process.env.ASK_LLAMA_VSCODE ?? '').toLowerCase() === 'desktop') {
    const { runIntegrationDesktop } = await import('./integrationDesktop');
    return runIntegrationDesktop();
  }
  if (!fs.existsSync(`${integrationEntry}.js`)) throw new Error(`${integrationEntry}.js is missing: run npm run compile-tests`);
  const started = Date.now();
  const toolchain = await ensureToolchain();
  const server = await startCodeServer(toolchain, { smokeTestDriver: true });
  const workspace = makeWorkspace();
  const { page } = await launchBrowser();

  // The workbench logs its own start-up (connections, offline gallery errors) through the same channel; that is
  // noise unless the suite never starts, so it is held back until the suite's start line and shown only then.
  const verbose = Boolean(process.env.ASK_LLAMA_HARNESS_VERBOSE);
  const preamble: string[] = [];
  let suiteStarted = false;
  let output = '';
  const onHostLine = (line: string) => {
    if (!suiteStarted && isSuiteStartLine(line)) suiteStarted = true;
    if (!suiteStarted && !verbose) {
      preamble.push(line);
      return;
    }
    output += `${line}\n`;
    process.stdout.write(`${line}\n`);
  };
  const finished = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => onHostLine(formatHostLog(level, args)));
    void page.exposeFunction('codeAutomationExit', (code: number, logs: Array<{ relativePath: string; contents: string }>) => {
      saveLogs(logs);
      resolve(code);
    });
  });
  page.on('pageerror', (error) => progress(`workbench page error: ${error.message}`));

  const grep = process.env.ASK_LLAMA_TEST_GREP;
  const url = workbenchUrl(server.origin, workspace, {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationEntry,
    extensionEnvironment: grep ? { ASK_LLAMA_TEST_GREP: grep } : undefined,
  });
  progress(`opening the workbench; the suite's output follows`);
  await page.goto(url);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeLimitMs)));
  const result = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    await page.screenshot({ path: path.join(resultsDir, 'integration-timeout.png') }).catch(() => undefined);
    process.stdout.write(preamble.join('\n') + '\n');
    progress(`the suite did not finish within ${timeLimitMs / 1000} s (ASK_LLAMA_TEST_TIME_LIMIT_S); server output:\n${server.output()}`);
    return 1;
  }
  const summary = findSummary(output);
  progress(`suite exited with ${result} after ${secondsSince(started)}`);
  if (!summary) {
    process.stdout.write(preamble.join('\n') + '\n');
    progress('no "N passed, N failed" line: the tests module did not load or run (workbench output above)');
    return 1;
  }
  if (summary.passed + summary.failed === 0) {
    progress('0 tests ran: counted as a failure');
    return 1;
  }
  return result === 0 && summary.failed === 0 ? 0 : 1;
}

/** The workbench hands over its logs (renderer, extension host, server) at exit: keep them for diagnosis. */
function saveLogs(logs: Array<{ relativePath: string; contents: string }>): void {
  const dir = path.join(resultsDir, 'integration-logs');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const log of logs ?? []) {
    const file = path.join(dir, log.relativePath);
    if (!file.startsWith(dir + path.sep)) continue; // a log path must not escape the results folder
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, log.contents);
  }
}

runMain(main);
