// `node out/test/bench/warmAB.js A.vsix B.vsix` (after `npm run compile-tests`): two builds side by side in warm
// windows, one code-server each, the rounds alternating A, B, A, B… so that load on the shared cores falls on both
// alike. Per round and build: a question in the chat view (Enter → first token painted, as workbench.ts's warm row),
// then a few fast local-model answers (2,000 tokens/s, how far the painted text is behind the stream at its end).
// Prints the medians as Markdown; writes nothing. ASK_LLAMA_BENCH_AB_ROUNDS sets the questions per build (default 30),
// ASK_LLAMA_BENCH_AB_STREAMS the fast answers per build (default 5).
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { chatFrame } from '../e2e/chatView';
import { showAskLlamaSidebar, waitForWorkbench } from '../e2e/workbench';
import { launchBrowser } from '../harness/browser';
import { runMain } from '../harness/cleanup';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { progress } from '../harness/log';
import { ensureToolchain } from '../harness/toolchain';
import { workbenchUrl } from '../harness/workbenchUrl';
import { makeWorkspace } from '../harness/workspace';
import { formatMs } from './benchRow';
import { installPaintProbe } from './paintProbe';
import { median } from './stats';
import { benchModelId, TimedLlm } from './timedLlm';
import { askFromChat, type FastStream, fastStream, overhead, type Timing } from './workbench';

const ROUNDS = Number(process.env.ASK_LLAMA_BENCH_AB_ROUNDS ?? 30);
const STREAMS = Number(process.env.ASK_LLAMA_BENCH_AB_STREAMS ?? 5);

interface Variant {
  label: string;
  server: CodeServer;
  page?: Page;
  frame?: FrameLocator;
  questions: Timing[];
  streams: FastStream[];
}

async function main(): Promise<number> {
  const vsixes = process.argv.slice(2);
  if (vsixes.length !== 2) throw new Error('usage: node out/test/bench/warmAB.js <A.vsix> <B.vsix>');
  const startLoad = os.loadavg();
  const toolchain = await ensureToolchain();
  const llm = await TimedLlm.start();
  const settings = { 'askLlama.baseUrl': llm.baseUrl, 'askLlama.model': benchModelId, 'workbench.colorTheme': 'Default Dark Modern' };
  const variants: Variant[] = [];
  const browser = await launchBrowser();
  let counter = 0;
  const nextId = () => `ab${++counter}x${Date.now().toString(36)}`;
  try {
    await browser.context.addInitScript(installPaintProbe);
    for (const [index, vsix] of vsixes.entries()) {
      const server = await startCodeServer(toolchain, { smokeTestDriver: false, install: [path.resolve(vsix)], settings });
      const variant: Variant = { label: `${'AB'[index]} ${path.basename(vsix)}`, server, questions: [], streams: [] };
      variants.push(variant);
      variant.page = await browser.context.newPage();
      await variant.page.goto(workbenchUrl(server.origin, makeWorkspace()));
      await waitForWorkbench(variant.page);
      await showAskLlamaSidebar(variant.page);
      variant.frame = chatFrame(variant.page);
      await variant.frame.locator('textarea#prompt').waitFor({ timeout: 60_000 });
      await askFromChat(variant.page, variant.frame, llm, nextId()); // warm-up: network code, model list
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of variants) {
        await variant.page!.bringToFront();
        const timing = await askFromChat(variant.page!, variant.frame!, llm, nextId());
        variant.questions.push(timing);
        progress(`round ${round + 1}/${ROUNDS} ${variant.label}: +${formatMs(overhead(timing))}`);
      }
    }
    for (let run = 0; run < STREAMS; run++) {
      for (const variant of variants) {
        await variant.page!.bringToFront();
        variant.streams.push(await fastStream(variant.frame!, llm, variant.server.userDataDir, nextId()));
      }
    }
  } finally {
    await browser.close();
    for (const variant of variants) await variant.server.stop();
    await llm.close();
  }
  const endLoad = os.loadavg();
  const ms = (values: number[]) => (values.length ? formatMs(median(values)) : 'n/a');
  const lines = [
    `Warm A/B run ${new Date().toISOString()}, ${ROUNDS} questions and ${STREAMS} fast answers per build, alternating; ${os.cpus().length} cores; ` +
      `load average (1/5/15 min) ${startLoad.map((l) => l.toFixed(1)).join('/')} at the start, ${endLoad.map((l) => l.toFixed(1)).join('/')} at the end.`,
    '',
    '| build | Enter → first token painted, overhead | Enter → request at the server | first byte → in the page | → painted | 2,000 tok/s: behind at the end |',
    '|---|---|---|---|---|---|',
    ...variants.map((v) => {
      const arrived = v.questions.filter((t) => t.arrivedAt !== undefined);
      return `| ${v.label} | **+${ms(v.questions.map(overhead))}** | ${ms(v.questions.map((t) => t.served.requestAt - t.enterAt))} | ` +
        `${ms(arrived.map((t) => (t.arrivedAt ?? 0) - t.served.firstByteAt))} | ${ms(arrived.map((t) => t.paintedAt - (t.arrivedAt ?? 0)))} | ` +
        `**${ms(v.streams.map((s) => s.lagMs))}** (${v.streams.map((s) => s.lagMs.toFixed(0)).join(', ')}) |`;
    }),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  return 0;
}

runMain(main);
