// `npm run bench`: measures every figure of issue 6 in one run, prints the table and writes test/bench/results.md.
// `node out/test/bench/run.js sse firstDelta …` runs only the named benches (and does not write the file), e.g. `vscodechat`
// for VS Code's own Chat view beside ours (vscodeChat.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runMain } from '../harness/cleanup';
import { progress, secondsSince } from '../harness/log';
import { repoRoot } from '../harness/paths';
import { benchActivation } from './activation';
import { benchChatThroughput } from './chatThroughput';
import { type BenchRow, unmeasuredRow } from './benchRow';
import { benchFetchThroughput } from './fetchThroughput';
import { benchFirstDelta } from './firstDelta';
import { benchInline } from './inlineSuggestions';
import { markdownTable, resultsDocument } from './resultsTable';
import { benchSavedChat } from './savedChat';
import { benchSizes } from './sizes';
import { benchSseThroughput } from './sseThroughput';
import { benchStreamingRender } from './streamingRender';
import { benchVsCodeChat, vsCodeChatFigure } from './vscodeChat';
import { benchWorkbench } from './workbench';

interface Bench {
  name: string;
  /** What the row is called if the bench fails outright. */
  figure: string;
  target: string;
  run(): Promise<BenchRow | BenchRow[]> | BenchRow | BenchRow[];
}

// Cheapest and least noisy first; the extension-host bench (a real VS Code) last.
const benches: Bench[] = [
  { name: 'sizes', figure: 'Sizes', target: '≤ 80 KB / ≤ 24 KB / ≤ 150 KB / ≤ 150 KB', run: benchSizes },
  { name: 'sse', figure: 'SSE decoding throughput', target: '≥ 1.0×', run: benchSseThroughput },
  { name: 'chatThroughput', figure: '`chat()` end to end on a 10 MB stream', target: '≥ 1.0×', run: benchChatThroughput },
  { name: 'fetchThroughput', figure: '`chat()` over fetch in Chromium (web build) vs Node\'s http', target: 'reported', run: benchFetchThroughput },
  { name: 'firstDelta', figure: 'Request → first delta through `chat()`', target: '≤ 1.05×', run: benchFirstDelta },
  { name: 'render', figure: 'Streaming render of a 4,000-token answer', target: '≤ 3×', run: benchStreamingRender },
  { name: 'savedChat', figure: 'Show a saved 500-message chat', target: '≤ 150 ms', run: benchSavedChat },
  { name: 'workbench', figure: 'In the workbench: Enter → first token painted', target: '≤ +20 ms / ≤ 1 s', run: benchWorkbench },
  { name: 'vscodechat', figure: vsCodeChatFigure, target: "ours ≤ VS Code's", run: benchVsCodeChat },
  { name: 'inline', figure: 'Keystroke → ghost text painted', target: '≤ +50 ms / ≤ 15 / reported', run: benchInline },
  { name: 'activation', figure: '`activate()` in the extension host', target: '≤ 5 ms', run: benchActivation },
];

const resultsFile = path.join(repoRoot, 'test', 'bench', 'results.md');

async function main(): Promise<number> {
  const started = Date.now();
  const startLoad = os.loadavg()[0];
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !benches.some((bench) => bench.name === name));
  if (unknown.length > 0) throw new Error(`unknown bench(es) ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  const selected = only.length > 0 ? benches.filter((bench) => only.includes(bench.name)) : benches;

  const rows: BenchRow[] = [];
  let failures = 0;
  for (const bench of selected) {
    const benchStarted = Date.now();
    progress(`bench ${bench.name}…`);
    try {
      const result = await bench.run();
      rows.push(...(Array.isArray(result) ? result : [result]));
    } catch (error) {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      progress(`bench ${bench.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      rows.push(unmeasuredRow(bench.figure, bench.target, `failed: ${message.split('\n')[0]}`));
    }
    progress(`bench ${bench.name} done in ${secondsSince(benchStarted)}`);
  }

  process.stdout.write(`\n${markdownTable(rows)}\n\n`);
  if (only.length === 0) {
    const notes = [
      `Load average ${startLoad.toFixed(1)} at the start of the run on ${os.cpus().length} cores shared with other work: ` +
        'absolute times are inflated by contention; only ratios and overheads measured side by side in this run compare.',
    ];
    const document = resultsDocument(rows, { date: new Date(started), durationS: (Date.now() - started) / 1000 }, notes);
    fs.writeFileSync(resultsFile, document);
    progress(`wrote ${path.relative(repoRoot, resultsFile)}`);
  }
  // A missed target is a finding, reported in the table; a figure that could not be measured is a failure.
  return failures === 0 ? 0 : 1;
}

runMain(main);
