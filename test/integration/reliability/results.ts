// Collects what the reliability suites measured in the extension host and writes it to
// test/integration/reliability/results.md after each suite, so the README quotes figures a run produced.
import * as fs from 'fs';
import * as path from 'path';

export interface CaseRow {
  area: string;
  name: string;
  passed: boolean;
  /** What was observed, e.g. "error/network, actions retry+openSettings+showLog, 1.6 s, Retry → done". */
  observed: string;
}

/** Compiled to out/test/integration/reliability; the source folder is four levels up then down. */
const RESULTS_FILE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'integration', 'reliability', 'results.md');

const rows: CaseRow[] = [];
const notes: string[] = [];

export function recordCase(row: CaseRow): void {
  rows.push(row);
}

export function recordNote(note: string): void {
  notes.push(note);
}

export function writeResults(): void {
  const lines = [
    '# Reliability in the real extension host',
    '',
    `Written by \`npm run test:integration\` (ASK_LLAMA_TEST_GREP=reliability narrows it) on ${new Date().toISOString()}.`,
    'Every case runs the real extension (activate() test API, real settings, real SecretStorage, real history store)',
    'against the scripted HTTP server on 127.0.0.1.',
    '',
  ];
  for (const area of [...new Set(rows.map((r) => r.area))]) {
    const inArea = rows.filter((r) => r.area === area);
    lines.push(`## ${area}: ${inArea.length} cases, ${inArea.filter((r) => !r.passed).length} failed`, '', '| case | result | observed |', '|---|---|---|');
    for (const r of inArea) lines.push(`| ${r.name} | ${r.passed ? 'pass' : '**FAIL**'} | ${r.observed.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    lines.push('');
  }
  if (notes.length) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, lines.join('\n'));
}
