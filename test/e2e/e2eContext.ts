// What every e2e scenario shares: one code-server with the packaged extension, one browser page on its
// workbench, and the scripted model server the extension talks to. runE2e.ts creates them before mocha loads the
// scenarios; scenarios read them through `e2e()`.
import type { Page } from 'playwright-core';
import type { ScriptedLlm } from './scriptedLlm';

export interface E2eContext {
  page: Page;
  llm: ScriptedLlm;
  /** The workbench URL (reloading it is "reload the window"). */
  workbenchUrl: string;
  workspace: string;
  /** code-server's user settings file: the harness writes the theme and base URL there. */
  userSettingsFile: string;
}

let current: E2eContext | undefined;

export function setE2eContext(context: E2eContext): void {
  current = context;
}

export function e2e(): E2eContext {
  if (!current) throw new Error('the e2e scenarios run only through test/harness/runE2e (npm run test:e2e)');
  return current;
}
