// chat() end to end on the ~10 MB recorded stream: the HTTP request and body (src/api/httpRequest.ts, which replaced
// node-fetch on this path after this row measured it), SSE decoding, JSON parsing, delta delivery and the whole answer
// returned, against the plainest client that does the same work: `node:http`, eventsource-parser (with the streaming
// TextDecoder it needs) and JSON.parse per event, handing each `delta.content` to a callback and returning the joined
// answer. Both read the same bytes, written in the same recorded reads, from the same local server, alternating.
import * as http from 'http';
import { createParser } from 'eventsource-parser';
import { chat } from '../../src/api';
import type { ChatRequest } from '../../src/api';
import { chatBody } from '../../src/api/requestBuilder';
import { type BenchRow, formatMs, formatRatio } from './benchRow';
import { generateRecordedStream } from './recordedStream';
import { localChatRequest, startLocalSseServer } from './localSseServer';
import { elapsedMs, interleave, median, medianRatio } from './stats';

const ROUNDS = 15;
const WARMUP_ROUNDS = 3;

interface Delivered {
  deltas: number;
  chars: number;
  answer: string;
}

export async function readWithChat(request: ChatRequest): Promise<Delivered> {
  const delivered: Delivered = { deltas: 0, chars: 0, answer: '' };
  const result = await chat(request, {
    onDelta: (text) => {
      delivered.deltas++;
      delivered.chars += text.length;
    },
  });
  delivered.answer = result.text;
  return delivered;
}

/** The reference client: what a careful hand-written streaming client does, without retries or watchdogs. */
export function readWithReference(port: number, body: string): Promise<Delivered> {
  return new Promise((resolve, reject) => {
    const delivered: Delivered = { deltas: 0, chars: 0, answer: '' };
    const pieces: string[] = [];
    const parser = createParser({
      onEvent: (event) => {
        if (event.data === '[DONE]') return;
        const chunk = JSON.parse(event.data) as { choices?: { delta?: { content?: unknown } }[] };
        const content = chunk.choices?.[0]?.delta?.content;
        if (typeof content === 'string' && content.length > 0) {
          delivered.deltas++;
          delivered.chars += content.length;
          pieces.push(content);
        }
      },
    });
    const textDecoder = new TextDecoder('utf-8');
    const request = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.on('data', (bytes: Buffer) => parser.feed(textDecoder.decode(bytes, { stream: true })));
        response.on('end', () => {
          parser.feed(textDecoder.decode());
          parser.reset({ consume: true });
          delivered.answer = pieces.join('');
          resolve(delivered);
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export async function benchChatThroughput(): Promise<BenchRow> {
  const stream = generateRecordedStream();
  const server = await startLocalSseServer((response) => {
    for (const read of stream.reads) response.write(read);
    response.end();
  });
  try {
    const request = localChatRequest(server.port, 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'Explain the code.');
    const body = chatBody(request);
    // Same bytes in, same deltas out, or the timing compares different work.
    const ours = await readWithChat(request);
    const reference = await readWithReference(server.port, body);
    if (ours.deltas !== reference.deltas || ours.chars !== reference.chars || ours.answer !== reference.answer || ours.deltas < stream.eventCount / 2) {
      throw new Error(`clients disagree: chat() ${ours.deltas} deltas, ${ours.chars} chars; reference ${reference.deltas} deltas, ${reference.chars} chars`);
    }
    const time = (read: () => Promise<Delivered>) => async () => {
      const start = process.hrtime.bigint();
      await read();
      return elapsedMs(start);
    };
    const times = await interleave(ROUNDS, WARMUP_ROUNDS, time(() => readWithChat(request)), time(() => readWithReference(server.port, body)));
    const mb = stream.totalBytes / 1024 / 1024;
    const oursMs = median(times.subject);
    const referenceMs = median(times.reference);
    const ratio = 1 / medianRatio(times); // throughput: reference time / our time, higher is better
    return {
      figure: '`chat()` end to end on a 10 MB stream (HTTP body, SSE, JSON, deltas, answer)',
      reference: `\`node:http\` + eventsource-parser 3 + JSON.parse: ${formatMs(referenceMs)} (${(mb / (referenceMs / 1000)).toFixed(0)} MB/s)`,
      measured: `${formatMs(oursMs)} (${(mb / (oursMs / 1000)).toFixed(0)} MB/s)`,
      result: formatRatio(ratio),
      target: '≥ 1.0×',
      met: ratio >= 1.0,
      notes: `local \`node:http\` server on 127.0.0.1 writing the ${mb.toFixed(1)} MB recorded stream (${stream.reads.length} writes, ` +
        `${ours.deltas} deltas); both clients parse every event, deliver every \`delta.content\` and return the joined answer; ` +
        `the server runs in the ` +
        `same process, so its share is in both sides; median of ${ROUNDS} per-round ratios, alternating (${WARMUP_ROUNDS} warm-up discarded)`,
    };
  } finally {
    await server.close();
  }
}
