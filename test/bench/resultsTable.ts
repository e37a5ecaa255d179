// The table as markdown (printed and written to test/bench/results.md), with when, where and how it was taken.
import * as os from 'os';
import type { BenchRow } from './benchRow';

export interface RunInfo {
  date: Date;
  durationS: number;
}

export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `Node ${process.version}, ${model} (${cpus.length} logical cores, shared), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0].toFixed(1)} at the end`;
}

export function markdownTable(rows: BenchRow[]): string {
  const status = (row: BenchRow) => (row.met === undefined ? 'not measured' : row.met ? 'met' : '**missed**');
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '| figure | reference (same run) | ours | result | target | status |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${[row.figure, row.reference, row.measured, row.result, row.target, status(row)].map(escape).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function resultsDocument(rows: BenchRow[], info: RunInfo, notes: string[]): string {
  return [
    '# Ask Llama performance bench',
    '',
    `Taken ${info.date.toISOString()} on ${machineLine()}; the whole run took ${info.durationS.toFixed(0)} s.`,
    '',
    'Reproduce: `npm run bench` (builds and packages the extension, compiles the bench, runs it; code-server and',
    'chromium come from the test harness, see test/harness). Every ratio compares against a reference measured in',
    'the same run on the same machine; times are medians over the repetitions named per row.',
    '',
    markdownTable(rows),
    '',
    '## How each figure was measured',
    '',
    ...rows.map((row) => `- **${row.figure}** (${row.result}): ${row.notes}`),
    ...(notes.length > 0 ? ['', '## Notes', '', ...notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}
