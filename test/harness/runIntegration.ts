// `npm run test:integration`: runs test/integration inside a real VS Code extension host and exits with the
// suite's code. Default: code-server (VS Code 1.139 web) + headless chromium, the workbench loading the extension
// under development and the tests from its URL payload. ASK_LLAMA_VSCODE=desktop uses @vscode/test-electron instead.
// `--compat` (`npm run test:compat`) runs the compat smoke suite (test/integration/compat) in code-server 4.90.3
// (VS Code 1.90, the `engines` floor) and then fails on any error the extension left in the server's logs.
// ASK_LLAMA_CODE_SERVER picks another code-server version for either.
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser } from './browser';
import { runMain } from './cleanup';
import { startCodeServer } from './codeServer';
import { formatHostLog } from './hostOutput';
import { findSummary, isSuiteStartLine } from './suiteLines';
import { compatEntry, integrationEntry, repoRoot, resultsDir } from './paths';
import { progress, secondsSince } from './log';
import { compatCodeServerVersion, defaultCodeServerVersion, ensureToolchain, requestedCodeServerVersion } from './toolchain';
import { extensionErrorsInLogs, listFiles, saveServerLogs } from './serverLogs';
import { workbenchUrl } from './workbenchUrl';
import { makeWorkspace } from './workspace';

// A guard against a hung suite, not a speed target: the whole suite takes about 4 minutes on a quiet 2-core machine,
// but 891 s at load 9-12 (2026-12-06, all 213 passing) - so the guard is twice that, well inside CI's 90 minutes.
const timeLimitMs = Number(process.env.ASK_LLAMA_TEST_TIME_LIMIT_S ?? 1800) * 1000;

async function main(): Promise<number> {
  if ((process.env.ASK_LLAMA_VSCODE ?? '').toLowerCase() === 'desktop') {
    const { runIntegrationDesktop } = await import('./integrationDesktop');
    return runIntegrationDesktop();
  }
  const compat = process.argv.includes('--compat');
  const testsEntry = compat ? compatEntry : integrationEntry;
  if (!fs.existsSync(`${testsEntry}.js`)) throw new Error(`${testsEntry}.js is missing: run npm run compile-tests`);
  const started = Date.now();
  const toolchain = await ensureToolchain(requestedCodeServerVersion(compat ? compatCodeServerVersion : defaultCodeServerVersion));
  progress(`VS Code ${toolchain.vscodeVersion} (code-server ${toolchain.codeServerVersion})${compat ? ': the compat smoke suite' : ''}`);
  const grep = process.env.ASK_LLAMA_TEST_GREP;
  const hostEnv: Record<string, string> = { ASK_LLAMA_EXPECT_VSCODE: toolchain.vscodeVersion, ...(grep ? { ASK_LLAMA_TEST_GREP: grep } : {}) };
  // Through the payload (VS Code 1.139) and the server's environment, which its extension hosts inherit (1.90 has no
  // `extensionEnvironment` in the payload).
  const server = await startCodeServer(toolchain, { smokeTestDriver: true, env: hostEnv });
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

  const url = workbenchUrl(server.origin, workspace, {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsEntry,
    extensionEnvironment: hostEnv,
  });
  progress(`opening the workbench; the suite's output follows`);
  await page.goto(url);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeLimitMs)));
  const result = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  const serverLogs = saveServerLogs(server.userDataDir);
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
  if (compat) {
    const errors = extensionErrorsInLogs([...serverLogs, ...listFiles(workbenchLogsDir)]);
    if (errors.length > 0) {
      progress(`the extension left ${errors.length} error/warning line(s) in the server's logs:\n${errors.join('\n')}`);
      return 1;
    }
    progress("no error or warning from the extension in the server's logs");
  }
  return result === 0 && summary.failed === 0 ? 0 : 1;
}

/** The workbench hands over its logs (renderer, extension host, server) at exit: keep them for diagnosis. */
const workbenchLogsDir = path.join(resultsDir, 'integration-logs');

function saveLogs(logs: Array<{ relativePath: string; contents: string }>): void {
  const dir = workbenchLogsDir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const log of logs ?? []) {
    const file = path.join(dir, log.relativePath);
    if (!file.startsWith(dir + path.sep)) continue; // a log path must not escape the results folder
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, log.contents);
  }
}

runMain(main);
