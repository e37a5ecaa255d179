// chat() over the web build's transport (fetch, in real headless Chromium) against chat() over the desktop transport
// (Node's http, in this process), on the same ~20,000-delta recorded stream from the same loopback server: the cost of
// running where there is no Node. The page is test/browser/fetchPage.ts (the request module bundled with the web
// build's platform modules, minified as shipped); it times chat() with its own clock, as this process times its own.
// Both must deliver the same deltas and answer, or the timing compares different work.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { FetchPage } from '../browser/fetchPage';
import { type BenchRow, formatMs, formatRatio } from './benchRow';
import { readWithChat } from './chatThroughput';
import type { CorsSseWorkerData } from './corsSseWorker';
import { localChatRequest } from './localSseServer';
import { generateRecordedStream } from './recordedStream';
import { elapsedMs, interleave, median, medianRatio } from './stats';

const ROUNDS = 15;
const WARMUP_ROUNDS = 3;
/** About 20,000 token events in the recorded stream's layout (about 260 bytes each). */
const STREAM_BYTES = 5 * 1024 * 1024;

async function startWorkerServer(data: CorsSseWorkerData): Promise<{ port: number; close(): Promise<void> }> {
  const worker = new Worker(path.join(__dirname, 'corsSseWorker.js'), { workerData: data });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    port,
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

interface BareRead {
  ms: number;
  bytes: number;
  reads: number;
}

/** A bare fetch of the stream in the page, counting bytes only (the method and headers chat() sends from a page). */
function readBare(page: FetchPage, url: string): Promise<BareRead> {
  return page.page.evaluate(async (url) => {
    const start = performance.now();
    const response = await fetch(url, {
      method: 'POST', body: '{}', credentials: 'omit', cache: 'no-store',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/json' },
    });
    const reader = response.body!.getReader();
    let bytes = 0;
    let reads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      reads++;
    }
    return { ms: performance.now() - start, bytes, reads };
  }, url);
}

export async function benchFetchThroughput(): Promise<BenchRow> {
  const stream = generateRecordedStream(STREAM_BYTES);
  const page = await FetchPage.open();
  const server = await startWorkerServer({ reads: stream.reads.map((read) => Uint8Array.from(read)), allowOrigin: page.origin });
  try {
    const request = localChatRequest(server.port, 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'Explain the code.');
    const inNode = await readWithChat(request);
    const inBrowser = await page.chat(request, false);
    if (inBrowser.error) throw new Error(`chat() in Chromium failed: ${inBrowser.error.kind ?? inBrowser.error.name}: ${inBrowser.error.message}`);
    if (inBrowser.deltaCount !== inNode.deltas || inBrowser.chars !== inNode.chars || inBrowser.text !== inNode.answer || inNode.deltas < stream.eventCount / 2) {
      throw new Error(`transports disagree: fetch in Chromium ${inBrowser.deltaCount} deltas, ${inBrowser.chars} chars; Node ${inNode.deltas} deltas, ${inNode.chars} chars`);
    }
    // Where the browser's time goes: after each chat() in the page, the same body read by a bare fetch there (no
    // decoding at all), so each round pairs the two moments apart.
    const url = `http://127.0.0.1:${server.port}/v1/chat/completions`;
    const pairs: Array<{ chatMs: number; bare: BareRead }> = [];
    const times = await interleave(
      ROUNDS,
      WARMUP_ROUNDS,
      async () => {
        const chatMs = (await page.chat(request, false)).ms;
        const bare = await readBare(page, url);
        if (bare.bytes !== stream.totalBytes) throw new Error(`bare fetch read ${bare.bytes} of ${stream.totalBytes} bytes`);
        pairs.push({ chatMs, bare });
        return chatMs;
      },
      async () => {
        const start = process.hrtime.bigint();
        await readWithChat(request);
        return elapsedMs(start);
      },
    );
    const measuredPairs = pairs.slice(WARMUP_ROUNDS);
    const bareMs = median(measuredPairs.map((pair) => pair.bare.ms));
    const bareShare = median(measuredPairs.map((pair) => pair.bare.ms / pair.chatMs));
    const mb = stream.totalBytes / 1024 / 1024;
    const browserMs = median(times.subject);
    const nodeMs = median(times.reference);
    const ratio = 1 / medianRatio(times); // throughput of fetch in Chromium relative to Node's http, higher is better
    const chromium = page.browserVersion;
    return {
      figure: `\`chat()\` over fetch in Chromium (web build), ${inNode.deltas.toLocaleString('en-US')}-delta stream`,
      reference: `\`chat()\` over Node's http (desktop transport), same stream: ${formatMs(nodeMs)} (${(mb / (nodeMs / 1000)).toFixed(0)} MB/s)`,
      measured: `${formatMs(browserMs)} (${(mb / (browserMs / 1000)).toFixed(0)} MB/s)`,
      result: `${formatRatio(ratio)} Node's throughput`,
      target: 'reported',
      met: true,
      notes: `the ${mb.toFixed(1)} MB recorded stream (${stream.reads.length} writes, ${inNode.deltas} deltas, ${inNode.chars} chars of answer) ` +
        'from one loopback `node:http` server in a worker thread (so neither client shares its event loop with it) that allows the page\'s origin; ' +
        `chat() in headless Chromium ${chromium} on a page from another loopback port (cross-origin, the preflight cached by Access-Control-Max-Age ` +
        'after the warm-up, as with a real server), bundled with the web build\'s platform modules (scripts/webPlatform.js) and timed by the page; ' +
        `chat() in this Node process over src/api/httpRequest.ts; both deliver every delta and return the same answer; median of ${ROUNDS} ` +
        `per-round ratios, alternating (${WARMUP_ROUNDS} warm-up discarded). Most of the browser's time is its own body delivery: a bare fetch ` +
        `reading the same body in the page right after each chat(), no decoding, takes ${formatMs(bareMs)} ` +
        `(${median(measuredPairs.map((pair) => pair.bare.reads))} reads), ${(bareShare * 100).toFixed(0)}% of chat()'s time there (medians of ${ROUNDS})`,
    };
  } finally {
    await server.close();
    await page.close();
  }
}
