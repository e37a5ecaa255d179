// The same integration suite in a desktop VS Code downloaded by @vscode/test-electron, for machines that can reach
// Microsoft's update server (ASK_LLAMA_VSCODE=desktop npm run test:integration). It cannot run on the offline
// build machines this project is developed on; there the code-server path in runIntegration.ts is used.
import { runTests } from '@vscode/test-electron';
import { progress } from './log';
import { integrationEntry, repoRoot } from './paths';
import { makeWorkspace } from './workspace';

export async function runIntegrationDesktop(): Promise<number> {
  const workspace = makeWorkspace();
  progress('running the integration suite in desktop VS Code via @vscode/test-electron');
  const grep = process.env.ASK_LLAMA_TEST_GREP;
  try {
    // test-electron passes its own environment to the host, so ASK_LLAMA_TEST_GREP reaches index.ts as is.
    return await runTests({
      version: process.env.ASK_LLAMA_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationEntry,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: grep ? { ASK_LLAMA_TEST_GREP: grep } : undefined,
    });
  } catch (error) {
    progress(`desktop VS Code run failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
