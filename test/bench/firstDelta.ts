// Time from request to first delta through chat(), against a raw node:http client reading the same stream from
// the same local server to its first data byte. The difference is chat()'s own overhead: building the request,
// node-fetch, watchdogs, SSE decoding and JSON parsing of the first event.
import * as http from 'http';
import { chat } from '../../src/api';
import type { ChatRequest } from '../../src/api';
import { chatBody } from '../../src/api/requestBuilder';
import { type BenchRow, formatMs, formatRatio } from './benchRow';
import { localChatRequest, startLocalSseServer } from './localSseServer';
import { elapsedMs, interleave, median, medianRatio } from './stats';

const ROUNDS = 200;
const WARMUP_ROUNDS = 20;
const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';

const event = (payload: object) => `data: ${JSON.stringify(payload)}\n\n`;
const chunk = (delta: object, finishReason: string | null) =>
  event({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1763769600, model: MODEL,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });

/** The first token goes out with the headers, as soon as the request body is in; the rest follows a tick later. */
const FIRST_WRITE = chunk({ role: 'assistant', content: 'Hello' }, null);
const REST = chunk({ content: ', world.' }, null) + chunk({}, 'stop') +
  event({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1763769600, model: MODEL, choices: [],
    usage: { prompt_tokens: 20, completion_tokens: 3, total_tokens: 23 } });

/** chat(): milliseconds from the call to the first onDelta. The answer is read to its end before returning. */
async function timeChatFirstDelta(request: ChatRequest): Promise<number> {
  const start = process.hrtime.bigint();
  let firstDeltaMs: number | undefined;
  const result = await chat(request, { onDelta: () => (firstDeltaMs ??= elapsedMs(start)) });
  if (firstDeltaMs === undefined || result.text !== 'Hello, world.') throw new Error(`chat() answered ${JSON.stringify(result.text)}`);
  return firstDeltaMs;
}

/** The reference: same method, path, headers that matter and body; milliseconds to the first body byte. */
function timeRawFirstByte(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const request = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let firstByteMs: number | undefined;
        response.on('data', () => (firstByteMs ??= elapsedMs(start)));
        response.on('end', () => (firstByteMs === undefined ? reject(new Error('empty body')) : resolve(firstByteMs)));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export async function benchFirstDelta(): Promise<BenchRow> {
  const server = await startLocalSseServer((response) => {
    response.write(FIRST_WRITE);
    setImmediate(() => response.end(REST));
  });
  try {
    const request = localChatRequest(server.port, MODEL, 'Say hello.');
    const body = chatBody(request);
    const times = await interleave(ROUNDS, WARMUP_ROUNDS, () => timeChatFirstDelta(request), () => timeRawFirstByte(server.port, body));
    const ratio = medianRatio(times);
    return {
      figure: 'Request → first delta through `chat()`',
      reference: `raw \`node:http\` client, first body byte: ${formatMs(median(times.reference))}`,
      measured: formatMs(median(times.subject)),
      result: formatRatio(ratio),
      target: '≤ 1.05×',
      met: ratio <= 1.05,
      notes: `local \`node:http\` server on 127.0.0.1 sending the first token with the headers, no think time; ` +
        `median of ${ROUNDS} per-round ratios, the two clients alternating (${WARMUP_ROUNDS} warm-up rounds discarded)`,
    };
  } finally {
    await server.close();
  }
}
