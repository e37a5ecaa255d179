// Runs one folder of compiled workbench scenarios (mocha files, in file-name order, in this process) against an open
// page: a screenshot of the page for each failure, a time limit for the whole run (a hung scenario must not hold CI),
// and 0 scenarios counted as a failure. Shared by the e2e harnesses (runE2e.ts, runE2eWeb.ts).
import * as path from 'path';
import type MochaTypes = require('mocha');
import type { Page } from 'playwright-core';
import { saveScreenshot, slug } from '../e2e/screenshots';
import { compiledTestFiles } from './compiledTests';
import { progress } from './log';
import { Mocha } from './mochaClass';
import { repoRoot } from './paths';
import { summaryLine } from './suiteLines';

/** Returns the process exit code: 0 when every scenario passed and at least one ran. */
export async function runWorkbenchScenarios(page: Page, scenarioDir: string, timeLimitMs: number): Promise<number> {
  const mocha = new Mocha({ ui: 'bdd', color: Boolean(process.stdout.isTTY), timeout: 90_000, reporter: 'spec' });
  const grep = process.env.ASK_LLAMA_TEST_GREP;
  if (grep) mocha.grep(grep);
  mocha.rootHooks({
    async afterEach(this: MochaTypes.Context) {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      const file = await saveScreenshot(page, `failure-${slug(test.fullTitle())}`).catch(() => undefined);
      if (file) progress(`screenshot of the failure: ${path.relative(repoRoot, file)}`);
    },
  });
  for (const file of compiledTestFiles(scenarioDir)) mocha.addFile(file);

  let timer: NodeJS.Timeout | undefined;
  const summary = await Promise.race([
    new Promise<{ passed: number; failed: number }>((resolve) => {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    }),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeLimitMs))),
  ]);
  clearTimeout(timer);
  if (!summary) {
    progress(`the scenarios did not finish within ${timeLimitMs / 1000} s (ASK_LLAMA_TEST_TIME_LIMIT_S)`);
    await saveScreenshot(page, 'e2e-timeout').catch(() => undefined);
    return 1;
  }
  console.log(summaryLine(summary));
  if (summary.passed + summary.failed === 0) {
    progress('0 scenarios ran: counted as a failure');
    return 1;
  }
  return summary.failed === 0 ? 0 : 1;
}
