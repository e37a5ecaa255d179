// Writes the browser suite's figures to test/browser/results.md as each pass finishes, so the README can quote
// numbers a run actually measured.
import * as fs from 'node:fs';
import * as path from 'node:path';

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

export function recordResults(figures: ModeFigures): void {
  recorded.set(figures.mode, figures);
  fs.writeFileSync(RESULTS_FILE, render([...recorded.values()]));
}

function render(modes: ModeFigures[]): string {
  const lines = [
    '# Hostile model output in the real chat page (Chromium)',
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
