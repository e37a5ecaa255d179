// A deterministic stand-in for a recorded ~10 MB chat-completion stream: the byte layout real OpenAI-compatible
// servers send (one `data: {chat.completion.chunk}` event per token, an occasional keep-alive comment, a finish
// chunk and a usage chunk with `choices: []` and no [DONE], as the AI/ML API's own captures end), with mostly
// ASCII and some multi-byte text, cut into reads of varying size at arbitrary bytes, as a socket delivers it.
import { SeededRandom } from './random';

export interface RecordedStream {
  /** The body as the reads a client would get, in order. They share one underlying buffer, like socket reads. */
  reads: Buffer[];
  totalBytes: number;
  /** Data events a correct decoder must report (the keep-alive comments are not events). */
  eventCount: number;
}

const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';
/** Tokens of a typical answer (prose, Markdown, code); the workbench bench's fast model streams them too. */
export const STREAM_TOKENS = [' the', ' function', ' returns', ' a', ' value', '.', ',', ' if', ' (', 'n', ' <', ' 2', ')', ' {',
  '\n', '  ', 'return', ' fibonacci', '(n', ' -', ' 1', ');', '\n}', '```', 'ts', ' This', ' is', ' because', ' each',
  ' call', ' "quoted"', ' path\\to', ' `code`', ' and', ' list', '\n\n', '- ', '1.', ' **bold**', ' result'];
const MULTI_BYTE_TOKENS = [' café', ' naïve', ' →', ' 日本語', ' 😀', ' Größe', ' ✓', ' €', ' Привет', ' 中文'];

export function generateRecordedStream(targetBytes = 10 * 1024 * 1024, seed = 20261122): RecordedStream {
  const random = new SeededRandom(seed);
  const events: string[] = [];
  let size = 0;
  let eventCount = 0;
  const created = 1763769600;
  const id = 'chatcmpl-8f3a2c1d9e7b4a6f';
  const push = (text: string, isEvent: boolean) => {
    events.push(text);
    size += Buffer.byteLength(text);
    if (isEvent) eventCount++;
  };

  push(`data: ${JSON.stringify(chunk(id, created, { role: 'assistant', content: '' }, null))}\n\n`, true);
  while (size < targetBytes - 1024) {
    if (random.next() < 0.002) push(': keep-alive\n\n', false);
    const content = random.next() < 0.08 ? random.pick(MULTI_BYTE_TOKENS) : random.pick(STREAM_TOKENS);
    push(`data: ${JSON.stringify(chunk(id, created, { content }, null))}\n\n`, true);
  }
  push(`data: ${JSON.stringify(chunk(id, created, {}, 'stop'))}\n\n`, true);
  const usage = { id, object: 'chat.completion.chunk', created, model: MODEL, choices: [],
    usage: { prompt_tokens: 812, completion_tokens: eventCount, total_tokens: 812 + eventCount } };
  push(`data: ${JSON.stringify(usage)}\n\n`, true);

  const body = Buffer.from(events.join(''), 'utf8');
  return { reads: splitIntoReads(body, random), totalBytes: body.length, eventCount };
}

function chunk(id: string, created: number, delta: Record<string, string>, finishReason: string | null) {
  return { id, object: 'chat.completion.chunk', created, model: MODEL, system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
}

/**
 * Read sizes as a streaming socket produces them: many small reads (one event or less, when the server flushes
 * per token), a good share of a few KB (Nagle/bursts), some large ones (a client that fell behind).
 */
function splitIntoReads(body: Buffer, random: SeededRandom): Buffer[] {
  const reads: Buffer[] = [];
  for (let offset = 0; offset < body.length; ) {
    const roll = random.next();
    const size = roll < 0.45 ? random.int(20, 400) : roll < 0.85 ? random.int(400, 4096) : random.int(4096, 65536);
    reads.push(body.subarray(offset, Math.min(body.length, offset + size)));
    offset += size;
  }
  return reads;
}
