// `npm run bench:ab -- A.vsix B.vsix`: two builds of the extension side by side in one run, alternating A, B, A, B…
// in fresh windows on the same machine, so load on the shared cores falls on both alike (issue 21 measured the lazy
// core split against one host bundle this way). Per round and build: `activate()` in a fresh extension host (the
// .vsix unpacked, its manifest without onStartupFinished so that it is still inactive, loaded as the development
// extension and timed by ./host/index.ts, as in activation.ts), and the first question in a fresh window of a
// code-server that has that .vsix installed (as in workbench.ts): the palette's Ask Llama row picked → its question
// box on screen (activation included where VS Code has not started the extension by then), and Enter → first token
// painted. Prints the runs and medians as Markdown; writes nothing. ASK_LLAMA_BENCH_AB_ROUNDS sets the counted rounds
// (default 6).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser } from '../harness/browser';
import { runMain } from '../harness/cleanup';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { progress } from '../harness/log';
import { makeTempDir } from '../harness/tempDirs';
import { ensureToolchain } from '../harness/toolchain';
import { activationInFreshWindow, hostEntry } from './activation';
import { formatMs } from './benchRow';
import { installPaintProbe } from './paintProbe';
import { median } from './stats';
import { benchModelId, TimedLlm } from './timedLlm';
import { firstQuestionInFreshWindow } from './workbench';

const ROUNDS = Number(process.env.ASK_LLAMA_BENCH_AB_ROUNDS ?? 6);
/** Rounds run first and not counted: the first windows of a new code-server pay for its cold caches. */
const WARM_UP_ROUNDS = 1;

interface Variant {
  label: string;
  vsix: string;
  /** The unpacked .vsix's extension folder without onStartupFinished (the activation windows load it as the development extension). */
  extensionPath: string;
  server?: CodeServer;
  activateMs: number[];
  moduleLoadMs: number[];
  pickToInputMs: number[];
  enterToPaintMs: number[];
  loads: number[];
}

/**
 * On the loaded shared machine a window sometimes does not load within Playwright's 30 s: that window is opened again
 * (the same build, so the alternation holds), at most twice; a third failure ends the run.
 */
async function withRetry<T>(what: string, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt === 3) throw error;
      progress(`${what}: attempt ${attempt} failed (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}); again`);
    }
  }
}

function unpack(vsix: string): string {
  const dir = makeTempDir('bench-ab-vsix');
  execFileSync('unzip', ['-q', vsix, '-d', dir]);
  return path.join(dir, 'extension');
}

async function main(): Promise<number> {
  const paths = process.argv.slice(2);
  if (paths.length !== 2) throw new Error('usage: node out/test/bench/splitAB.js <A.vsix> <B.vsix>');
  if (!fs.existsSync(`${hostEntry}.js`)) throw new Error(`${hostEntry}.js is missing: run npm run compile-tests`);
  const variants: Variant[] = paths.map((vsix, index) => ({
    label: `${'AB'[index]} ${path.basename(vsix)}`,
    vsix: path.resolve(vsix),
    extensionPath: unpack(path.resolve(vsix)),
    activateMs: [],
    moduleLoadMs: [],
    pickToInputMs: [],
    enterToPaintMs: [],
    loads: [],
  }));
  const startLoad = os.loadavg();
  const toolchain = await ensureToolchain();
  const llm = await TimedLlm.start();
  const settings = { 'askLlama.baseUrl': llm.baseUrl, 'askLlama.model': benchModelId, 'workbench.colorTheme': 'Default Dark Modern' };
  const activationServer = await startCodeServer(toolchain, { smokeTestDriver: true });
  for (const variant of variants) {
    variant.server = await startCodeServer(toolchain, { smokeTestDriver: false, install: [variant.vsix], settings });
  }
  const browser = await launchBrowser();
  try {
    await browser.context.addInitScript(installPaintProbe);
    for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
      for (const variant of variants) {
        const counted = round >= 0;
        if (counted) variant.loads.push(os.loadavg()[0]);
        const { report, activateMs, first } = await withRetry(`${variant.label}, round ${round + 1}`, async () => {
          const report = await activationInFreshWindow(activationServer.origin, browser.context, variant.extensionPath);
          if (report.error) throw new Error(`${variant.label}: ${report.error}`);
          if (report.activateMs === undefined) throw new Error(`${variant.label}: active before activate() could be timed`);
          const id = `ab${round + WARM_UP_ROUNDS}${'xy'[variants.indexOf(variant)]}${Date.now().toString(36)}`;
          return { report, activateMs: report.activateMs, first: await firstQuestionInFreshWindow(browser.context, variant.server!.origin, llm, id) };
        });
        if (counted) {
          variant.activateMs.push(activateMs);
          if (report.moduleLoadMs !== undefined) variant.moduleLoadMs.push(report.moduleLoadMs);
          variant.enterToPaintMs.push(first.paintedAt - first.enterAt);
          if (first.pickToInputMs !== undefined) variant.pickToInputMs.push(first.pickToInputMs);
        }
        progress(
          `${counted ? `round ${round + 1}/${ROUNDS}` : 'warm-up'} ${variant.label}: activate ${formatMs(activateMs)}, pick → question box ` +
            `${first.pickToInputMs === undefined ? 'n/a' : formatMs(first.pickToInputMs)}, Enter → painted ${formatMs(first.paintedAt - first.enterAt)}`,
        );
      }
    }
  } finally {
    await browser.close();
    for (const variant of variants) await variant.server?.stop();
    await activationServer.stop();
    await llm.close();
  }
  const endLoad = os.loadavg();
  const runs = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const cell = (values: number[]) => (values.length ? `**${formatMs(median(values))}** (${runs(values)})` : 'n/a');
  const lines = [
    `A/B run ${new Date().toISOString()}, ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up, alternating A, B per round; ${os.cpus().length} cores; load average ` +
      `(1/5/15 min) ${startLoad.map((l) => l.toFixed(1)).join('/')} at the start, ${endLoad.map((l) => l.toFixed(1)).join('/')} at the end.`,
    '',
    '| build | `activate()` (module load + activate) | of which module load | palette pick → question box | Enter → first token painted | load at each round |',
    '|---|---|---|---|---|---|',
    ...variants.map((v) =>
      `| ${v.label} | ${cell(v.activateMs)} | ${cell(v.moduleLoadMs)} | ${cell(v.pickToInputMs)} | ${cell(v.enterToPaintMs)} | ${v.loads.map((l) => l.toFixed(1)).join(', ')} |`,
    ),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  return 0;
}

runMain(main);
