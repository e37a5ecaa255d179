// Writes the browser suite's figures to test/browser/results.md as each pass finishes, so the README can quote
// numbers a run actually measured.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TaskFigures } from './mainThreadTasks';

export interface ModeFigures {
  mode: string;
  cases: number;
  executions: number;
  cspViolations: number;
  foreignRequests: number;
  foreignNetworkRequests: number;
  unexpectedOwnRequests: number;
  onAttributeElements: number;
  dangerousElements: number;
  unsafeLinks: number;
  unresponsive: number;
  pageErrors: number;
  notRendered: number;
  failedCases: string[];
  byCategory: Record<string, { cases: number; failures: number }>;
}

/** Source file location (the compiled module runs from out/test/browser). */
const RESULTS_FILE = path.resolve(__dirname, '..', '..', '..', 'test', 'browser', 'results.md');

const recorded = new Map<string, ModeFigures>();
let degenerateSection: string | undefined;

export function recordResults(figures: ModeFigures): void {
  recorded.set(figures.mode, figures);
  write();
}

export interface DegenerateRow {
  name: string;
  chars: number;
  deltas: number;
  streamSeconds: number;
  streaming: TaskFigures;
  opening: TaskFigures;
}

export function recordDegenerateResults(rows: DegenerateRow[], budgetMs: number): void {
  const ms = (value: number) => value.toFixed(1);
  const longest = (f: TaskFigures) => (f.longTasks ? `${ms(f.longTaskMs)} (${f.longTasks})` : 'none');
  const lines = [
    DEGENERATE_HEADING,
    '',
    `Written by \`npm run test:browser\` on ${new Date().toISOString()}. Each answer is streamed into the real built page in`,
    'deltas of 4–20 characters, 16 deltas a frame (as fast as the page takes them), then opened again as a saved chat.',
    "Long tasks: the page's own `PerformanceObserver({ type: 'longtask' })`, which reports every main-thread task of 50 ms",
    'or more (wall time; "none" means no task reached 50 ms). Traced: a Chromium trace of every main-thread task, its wall',
    'time and its thread CPU time (the CPU time excludes time the busy test machine gave to other processes).',
    `Budget: no task over ${budgetMs} ms.`,
    '',
    '| answer | KB | deltas | streamed in (s) | streaming: long tasks, longest ms (count) | traced wall / CPU ms | saved chat: long tasks | traced wall / CPU ms |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${(r.chars / 1024).toFixed(0)} | ${r.deltas} | ${r.streamSeconds.toFixed(1)} | ${longest(r.streaming)} | ${ms(r.streaming.tracedWallMs)} / ${ms(r.streaming.tracedCpuMs)} | ${longest(r.opening)} | ${ms(r.opening.tracedWallMs)} / ${ms(r.opening.tracedCpuMs)} |`,
    );
  }
  degenerateSection = lines.join('\n');
  write();
}

const HOSTILE_HEADING = '# Hostile model output in the real chat page (Chromium)';
const DEGENERATE_HEADING = '# Degenerate model output in the real chat page (Chromium)';

/** Writes the sections this run measured, keeping the other section of the file as the last run left it. */
function write(): void {
  const previous = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : '';
  const at = previous.indexOf(DEGENERATE_HEADING);
  const oldHostile = (at < 0 ? previous : previous.slice(0, at)).trim();
  const oldDegenerate = at < 0 ? '' : previous.slice(at).trim();
  const hostile = recorded.size ? render([...recorded.values()]).trim() : oldHostile;
  const degenerate = degenerateSection ?? oldDegenerate;
  fs.writeFileSync(RESULTS_FILE, `${[hostile, degenerate].filter(Boolean).join('\n\n')}\n`);
}

function render(modes: ModeFigures[]): string {
  const lines = [
    HOSTILE_HEADING,
    '',
    `Written by \`npm run test:browser\` on ${new Date().toISOString()}. Each case is streamed token by token into the`,
    "real built page (dist/webview.js + dist/webview.css, the host's HTML builder and CSP, served from 127.0.0.1), then",
    'shown again as a saved chat. Measured by the browser: calls of the payload trap (`pwn()`, alert/confirm/prompt/print)',
    'from any frame, `securitypolicyviolation` events, every request the page attempts (`context.on("request")`, which',
    'Chromium fires even for requests the CSP then blocks) and those that got past the CSP to the network layer (hosts',
    'are `.invalid` and resolve nowhere; other origins are aborted after being counted), `on*` attributes on any element in the',
    'document, and an evaluate round trip plus a typed key in `#prompt` within 10 s after each case.',
    '',
    process.env.ASK_LLAMA_BROWSER_BUNDLE ? `**Bundle under test: ${process.env.ASK_LLAMA_BROWSER_BUNDLE} (not dist/: a deliberately broken build).**\n` : 'Bundle under test: dist/.\n',
    '| pass | cases | script executions | CSP violations | foreign requests attempted | of which past the CSP | unexpected same-origin requests | on* elements | dangerous elements | non-http(s) links | unresponsive | page errors | not rendered | failed cases |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const m of modes) {
    lines.push(
      `| ${m.mode} | ${m.cases} | ${m.executions} | ${m.cspViolations} | ${m.foreignRequests} | ${m.foreignNetworkRequests} | ${m.unexpectedOwnRequests} | ${m.onAttributeElements} | ${m.dangerousElements} | ${m.unsafeLinks} | ${m.unresponsive} | ${m.pageErrors} | ${m.notRendered} | ${m.failedCases.length} |`,
    );
  }
  const first = modes[0];
  if (first) {
    lines.push('', '| category | cases | failed (per pass) |', '|---|---|---|');
    for (const [category, { cases }] of Object.entries(first.byCategory)) {
      lines.push(`| ${category} | ${cases} | ${modes.map((m) => m.byCategory[category]?.failures ?? 0).join(' / ')} |`);
    }
  }
  for (const m of modes) {
    if (m.failedCases.length) lines.push('', `Failed in "${m.mode}": ${m.failedCases.join('; ')}`);
  }
  lines.push('');
  return lines.join('\n');
}
