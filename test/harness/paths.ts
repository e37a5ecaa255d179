// Fixed locations the harness works with. Compiled to out/test/harness/, so the repo root is three levels up.
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored cache for the test toolchain (the same folder @vscode/test-electron uses for desktop VS Code). */
export const cacheRoot = path.join(repoRoot, '.vscode-test');

/** Screenshots and other artefacts of the UI suites (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results');

/** The packaged extension `npm run package` writes (ASK_LLAMA_VSIX runs the UI suites against another build). */
export const vsixPath = process.env.ASK_LLAMA_VSIX ? path.resolve(process.env.ASK_LLAMA_VSIX) : path.join(repoRoot, 'ask-llama.vsix');

/** The compiled integration entry point, without extension (the workbench payload and test-electron both want that). */
export const integrationEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index');

/** The compat smoke suite's entry (`npm run test:compat`, VS Code 1.90), likewise without extension. */
export const compatEntry = path.join(repoRoot, 'out', 'test', 'integration', 'compat', 'index');

export const chromiumPath = process.env.ASK_LLAMA_CHROMIUM ?? '/usr/bin/chromium';
