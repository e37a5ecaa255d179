// The extension-host side of the integration suite: the workbench (code-server) or @vscode/test-electron loads
// this module inside a real extension host and awaits `run()`. It runs every compiled
// `out/test/integration/**/*.test.js` but the compat smoke suite's (compat/, run by its own entry on VS Code 1.90)
// with mocha, honours ASK_LLAMA_TEST_GREP, prints `N passed, N failed` (the harness reads that line) and rejects when
// anything failed or nothing ran.
import * as path from 'path';
import { compiledTestFiles } from '../harness/compiledTests';
import { Mocha } from '../harness/mochaClass';
import { suiteStartLine, summaryLine } from '../harness/suiteLines';

export const extensionId = 'ask-llama.ask-llama';

const smokeFile = 'smoke.test.js';

export function run(): Promise<void> {
  return runSuite(testFiles(__dirname));
}

/** Runs `files` with mocha in this extension host (shared with compat/index.ts). */
export async function runSuite(files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  const grep = process.env.ASK_LLAMA_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of files) mocha.addFile(file);
  console.log(suiteStartLine(files.length));

  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
    } catch (error) {
      reject(error);
    }
  });
  console.log(summaryLine({ passed: passes, failed: failures }));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  if (passes === 0) throw new Error(grep ? `no integration test matches ASK_LLAMA_TEST_GREP=${grep}` : 'no integration test ran');
}

/**
 * Every compiled test below `dir` but compat/'s, the smoke test first: it waits for VS Code to start the extension by
 * itself, before any other test could activate it (no test file does so when loaded, only in its hooks and tests).
 */
function testFiles(dir: string): string[] {
  const first = path.join(dir, smokeFile);
  const compat = path.join(dir, 'compat') + path.sep;
  return compiledTestFiles(dir)
    .filter((file) => !file.startsWith(compat))
    .sort((a, b) => Number(b === first) - Number(a === first) || a.localeCompare(b));
}
