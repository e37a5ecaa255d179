// Runs inside a real VS Code extension host as the workbench's extensionTestsPath (see ../activation.ts). It records
// whether Ask Llama was active when this entry started (VS Code runs it once start-up activation — `*`,
// workspaceContains — is done) and whether VS Code started it by itself within the settle time after. If it is still
// inactive then (as built: it waits for its own commands, view and model provider), it times `await extension.activate()`. The
// figures go to the JSON file named by ASK_LLAMA_BENCH_OUT. No mocha: there is nothing to assert here, only to measure.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { type ActivationReport, BENCH_OUT_ENV } from '../activationReport';

const extensionId = 'ask-llama.ask-llama';
/** Long enough for the workbench to restore its views and fire onStartupFinished after the window opened. */
const SETTLE_MS = 3000;
/** How often isActive is read while settling: fine enough for the figure, too rare to load the host. */
const POLL_MS = 10;

export async function run(): Promise<void> {
  const outFile = process.env[BENCH_OUT_ENV];
  if (!outFile) throw new Error(`${BENCH_OUT_ENV} is not set: the bench driver passes it through extensionEnvironment`);
  const extension = vscode.extensions.getExtension(extensionId);
  const report: ActivationReport = {
    extensionFound: extension !== undefined,
    activeAtStart: extension?.isActive ?? false,
    activeAfterStartupSettled: false,
    settleMs: SETTLE_MS,
  };
  try {
    if (!extension) throw new Error(`${extensionId} is not installed in this host`);
    const start = performance.now();
    while (performance.now() - start < SETTLE_MS) {
      if (extension.isActive) report.activeAfterMs ??= performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    report.activeAfterStartupSettled = extension.isActive;
    // Started by VS Code already (the extension as shipped): there is no activation left to time in this window.
    if (!extension.isActive) await timeActivation(extension, report);
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
  }
  fs.writeFileSync(outFile, JSON.stringify(report));
  if (report.error) throw new Error(report.error);
}

async function timeActivation(extension: vscode.Extension<unknown>, report: ActivationReport): Promise<void> {
  const split = splitModuleTimes(path.join(extension.extensionPath, 'dist', 'extension.js'));
  const start = performance.now();
  await extension.activate();
  report.activateMs = performance.now() - start;
  split.restore();
  report.moduleLoadMs = split.moduleLoadMs;
  report.activateCallMs = split.activateCallMs;
}

interface CompilingModule {
  exports: { activate?: (...args: unknown[]) => unknown };
}
type Compile = (this: CompilingModule, content: string, filename: string) => unknown;

/**
 * Diagnostics for a miss: wraps Node's module compile step for our bundle only, to time its evaluation, and wraps
 * the activate() it exports, to time our own code. Whatever remains of activateMs is the host's share.
 */
function splitModuleTimes(bundlePath: string): { moduleLoadMs?: number; activateCallMs?: number; restore(): void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as { prototype: { _compile: Compile } };
  const original = Module.prototype._compile;
  const times: { moduleLoadMs?: number; activateCallMs?: number; restore(): void } = {
    restore: () => (Module.prototype._compile = original),
  };
  Module.prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    if (path.resolve(filename) !== path.resolve(bundlePath)) return original.call(this, content, filename);
    const start = performance.now();
    const result = original.call(this, content, filename);
    times.moduleLoadMs = performance.now() - start;
    const activate = this.exports.activate;
    if (typeof activate === 'function') {
      // esbuild's CommonJS exports are getter-only properties, so the wrapper goes on a copy of the exports object
      // (require() returns module.exports as it is after compiling).
      this.exports = {
        ...this.exports,
        activate(this: unknown, ...args: unknown[]) {
          const callStart = performance.now();
          try {
            return activate.apply(this, args);
          } finally {
            times.activateCallMs = performance.now() - callStart;
          }
        },
      };
    }
    return result;
  };
  return times;
}
