// What the web host's scenarios share: one code-server whose workbench runs Ask Llama's web build in its web worker
// extension host (test/harness/runE2eWeb.ts), the browser page on it, and the scripted model server on another
// loopback port, i.e. another origin, which allows the workbench's origin (CORS) until told not to.
import type { Page } from 'playwright-core';
import type { ScriptedLlm } from '../e2e/scriptedLlm';

export interface WebHostContext {
  page: Page;
  /** The workbench's origin: the web worker's requests carry it, and the allowing server allows exactly it. */
  workbenchOrigin: string;
  /** The extension's base URL. Answers the preflight, and every answer carries Access-Control-Allow-Origin... */
  llm: ScriptedLlm;
  /**
   * ...until this is set to false: then it sends no CORS headers at all, as a local server does by default. (The same
   * server rather than a second one on another base URL: a base URL changed in the open window, by writing
   * settings.json or through the Settings editor as driven here, did not take effect within 45 s in code-server
   * 4.139.1, and a reload of the window would cost more than the scenario.)
   */
  setCorsAllowed(allowed: boolean): void;
}

let current: WebHostContext | undefined;

export function setWebHostContext(context: WebHostContext): void {
  current = context;
}

export function webHost(): WebHostContext {
  if (!current) throw new Error('the web host scenarios run only through test/harness/runE2eWeb (npm run test:e2e-web)');
  return current;
}
