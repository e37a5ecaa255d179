// What the extension weighs: the shipped bundles and the .vsix, against their targets (issues 6 and 16) and the
// ceilings CI enforces. Shared by the bench table and the CI size test, so both measure the same files.
import * as fs from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const distDir = path.join(repoRoot, 'dist');
export const vsixFile = path.join(repoRoot, 'ask-llama.vsix');

/** The size of Cline's .vsix (a popular chat extension), the reference the .vsix budget is compared with. */
export const CLINE_VSIX_BYTES = 7.28 * 1024 * 1024;

export const KB = 1024;

export interface SizeBudget {
  name: string;
  /** Files counted, relative to the repo root. */
  files: string[];
  /** The target (issue 16): the bench reports a miss over it, with its measured cause. */
  budgetBytes: number;
  /**
   * What CI enforces (test/unit/bench/bundleSize.test.ts): the size that landed features needed, so a change that
   * grows the bundle further fails at once, while a miss of the target is a finding in the bench, not a red build.
   */
  ceilingBytes: number;
}

// The targets, held as features land: what loads at activation, what loads on first use, the page, the package.
export const bundleBudgets: SizeBudget[] = [
  // The whole extension host in one file (issue 21): the wiring, the request module, the chat controller, the commands,
  // Edit Selection and VS Code's chat surfaces. Measured 132.4 KB with issue 20's fixes (history lock, newer history
  // left alone, Manage API Keys' approvals); 134.2 KB with Apply's doc-comment/decorator and same-name handling
  // (common/declarationPreamble.ts); ceiling 135 KB. The 80 KB target (issue 6) is
  // missed on purpose: issue 16 split what answers into bundles loaded on first use (22.5 KB at activation, 92.1 KB
  // core, 11.0 KB Edit Selection, 11.4 KB chat surfaces: 137 KB in all, one bundle holds the same code in 124.7 KB), and
  // issue 21 measured that split against this one bundle side by side (test/bench/results.md): it did not shorten what
  // the user waits for on first use by the 50 ms that would pay for its second composition root and runtime injection.
  // History of the old ceilings: 80 KB until the chat model provider and @llama participant (issue 14); then 84, 88,
  // 97, 98, 102, 106 KB as first-run help, per-server keys, Edit Selection, Fix with Llama and Add File to Chat came
  // in; 25 KB at activation while the split lasted. 135 → 150 KB for inline suggestions (issue 22): complete() with
  // its FIM bodies and chat hole-filler (7.4 KB) and the provider, its settings, status item, cleaning, cache and
  // debounce (8.0 KB); measured 147.5 KB (151,013 bytes); 149.3 KB (152,893 bytes) with Apply's
  // declaration handling too. 150 → 155 KB for VS Code's chat, complete (issue 24: thinking split off answers in
  // src/api, images, usage and reasoning parts, picker metadata, stream_options fallback, about 3.9 KB): measured
  // 153.1 KB (156,773 bytes). Then the inline strings/comments scanner and p50/p95 statistics (issue 22, 3.1 KB):
  // measured 158.0 KB (161,776 bytes); ceiling 160 KB. 160 → 165 KB for the plain-http key consent (issue 20 item 7:
  // the modal, its Manage API Keys rows, the chat model provider's ask-once, about 2.8 KB): measured 160.8 KB (164,620 bytes);
  // the web bundle 162.5 KB (166,409 bytes).
  { name: 'extension bundle (the whole host, loaded at activation)', files: ['dist/extension.js'], budgetBytes: 80 * KB, ceilingBytes: 165 * KB },
  // The same host for browser workbenches (issue 23, the manifest's `browser` entry): the Node host's code with the
  // transport, history storage and Node built-ins swapped for the stand-ins in src/web/ (esbuild.js). Measured 156.0 KB
  // (159,743 bytes) against 154.2 KB (157,951 bytes) for dist/extension.js built from the same tree: fetch in place of
  // Node's client, plus the Buffer/crypto (SHA-256)/path/fs stand-ins. Ceiling: the host's 160 KB plus 5 KB (the plain-http key
  // consent is in both). 165 → 170 KB (2026-12-06): the inline debounce counted from keystrokes left it 8 bytes under
  // 165 KB (168,952 bytes), so any next change would fail CI; the host bundle is 162.7 KB of its 165 KB.
  { name: 'web extension bundle (browser workbenches)', files: ['dist/web/extension.js'], budgetBytes: 80 * KB, ceilingBytes: 170 * KB },
  // Loaded on first use: node-fetch, on the first model-list request (src/api/lazyFetch.ts).
  { name: 'lazy parts (loaded on first use)', files: ['dist/node-fetch.js'], budgetBytes: 24 * KB, ceilingBytes: 24 * KB },
  // The page's code and styles. It ships no font: its icons are inline SVG paths (src/webview/iconData.ts). Ceiling:
  // 150 KB until the guard against degenerate answers (issue 12: painting in budgeted pieces, the growth rule,
  // plain-text blocks, about 4.4 KB minified, of which #private fields in the files it touched won back 2.4 KB); +1 KB
  // for the current-file chip (issue 13; measured 152.3 KB); +1 KB for code blocks kept in chunks (codeText.ts: a
  // 200 KB block laid out whole took 42 ms a frame; measured 153.1 KB).
  { name: 'webview bundle', files: ['dist/webview.js', 'dist/webview.css'], budgetBytes: 150 * KB, ceilingBytes: 154 * KB },
];

// Ceiling: the measured 180.6 KB + about 20 KB for a few more small README screenshots (each ≤ 10 KB). The target is
// what issue 16 asks for; what the .vsix holds (compressed): the bundles about 101 KB (the page 52 KB, of which the
// Markdown parser is a third; the host bundle 41 KB), five README screenshots 48 KB, README and CHANGELOG 19.5 KB, the
// manifest and its strings 6.5 KB. Shipped without source maps (users cannot use them; an error's stack names minified
// code either way) and without the translators' English template (l10n/bundle.l10n.json, never read by VS Code).
// Since issue 23 the .vsix also carries the web build (dist/web/extension.js, 55 KB compressed, the host bundle's code
// built for a browser extension host): measured 253 KB in all, so the ceiling is 280 KB.
export const vsixBudget: SizeBudget = { name: '.vsix package', files: ['ask-llama.vsix'], budgetBytes: 150 * KB, ceilingBytes: 280 * KB };

export interface MeasuredSize {
  budget: SizeBudget;
  bytes: number;
  /** Files of the budget that do not exist (their size counts as 0, and the check fails). */
  missing: string[];
}

export function measure(budget: SizeBudget): MeasuredSize {
  let bytes = 0;
  const missing: string[] = [];
  for (const file of budget.files) {
    const full = path.join(repoRoot, file);
    if (fs.existsSync(full)) bytes += fs.statSync(full).size;
    else missing.push(file);
  }
  return { budget, bytes, missing };
}

/**
 * A bundle from `npm run watch` is unminified and several times larger: judging it against the budget would report
 * a miss that the shipped build does not have. Minified esbuild output has very few line breaks.
 */
export function looksUnminified(file: string): boolean {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  const lines = text.split('\n').length;
  return text.length > 20 * KB && lines > text.length / 500;
}
