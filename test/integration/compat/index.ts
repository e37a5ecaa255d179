// The compat smoke suite's entry in the extension host (`npm run test:compat`): only the tests in this folder, run in
// the oldest VS Code `engines` claims (code-server 4.90.3, VS Code 1.90). The default suite (../index.ts) skips them.
import { compiledTestFiles } from '../../harness/compiledTests';
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(compiledTestFiles(__dirname));
}
