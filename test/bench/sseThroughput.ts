// SSE decoding throughput: our SseDecoder against eventsource-parser on the same ~10 MB of recorded reads.
// Both take bytes and give events: eventsource-parser only accepts strings, so its side includes the streaming
// TextDecoder step every real user of it needs. Each side does the same trivial work per event.
import { createParser } from 'eventsource-parser';
import { SseDecoder } from '../../src/api/sseDecoder';
import { type BenchRow, formatMs, formatRatio } from './benchRow';
import { generateRecordedStream, type RecordedStream } from './recordedStream';
import { elapsedMs, interleave, median, medianRatio } from './stats';

const ROUNDS = 15;
const WARMUP_ROUNDS = 3;

interface DecodeOutcome {
  events: number;
  dataChars: number;
}

export function decodeWithOurs(stream: RecordedStream): DecodeOutcome {
  const outcome: DecodeOutcome = { events: 0, dataChars: 0 };
  const decoder = new SseDecoder((data) => {
    outcome.events++;
    outcome.dataChars += data.length;
  });
  for (const read of stream.reads) decoder.push(read);
  decoder.end();
  return outcome;
}

export function decodeWithEventsourceParser(stream: RecordedStream): DecodeOutcome {
  const outcome: DecodeOutcome = { events: 0, dataChars: 0 };
  const parser = createParser({
    onEvent: (event) => {
      outcome.events++;
      outcome.dataChars += event.data.length;
    },
  });
  const textDecoder = new TextDecoder('utf-8');
  for (const read of stream.reads) parser.feed(textDecoder.decode(read, { stream: true }));
  parser.feed(textDecoder.decode());
  parser.reset({ consume: true });
  return outcome;
}

export async function benchSseThroughput(): Promise<BenchRow> {
  const stream = generateRecordedStream();
  // Same input, same output, or the timing compares different work.
  const ours = decodeWithOurs(stream);
  const reference = decodeWithEventsourceParser(stream);
  if (ours.events !== stream.eventCount || reference.events !== ours.events || reference.dataChars !== ours.dataChars) {
    throw new Error(`decoders disagree: ours ${JSON.stringify(ours)}, eventsource-parser ${JSON.stringify(reference)}, expected ${stream.eventCount} events`);
  }
  const time = (decode: (s: RecordedStream) => DecodeOutcome) => () => {
    const start = process.hrtime.bigint();
    decode(stream);
    return elapsedMs(start);
  };
  const times = await interleave(ROUNDS, WARMUP_ROUNDS, time(decodeWithOurs), time(decodeWithEventsourceParser));
  const mb = stream.totalBytes / 1024 / 1024;
  const oursMs = median(times.subject);
  const referenceMs = median(times.reference);
  // Throughput ratio: reference time / our time (higher is better).
  const ratio = 1 / medianRatio(times);
  return {
    figure: 'SSE decoding throughput (`src/api/sseDecoder.ts`)',
    reference: `eventsource-parser 3 + TextDecoder: ${formatMs(referenceMs)} (${(mb / (referenceMs / 1000)).toFixed(0)} MB/s)`,
    measured: `${formatMs(oursMs)} (${(mb / (oursMs / 1000)).toFixed(0)} MB/s)`,
    result: formatRatio(ratio),
    target: '≥ 1.0×',
    met: ratio >= 1.0,
    notes: `${mb.toFixed(1)} MB, ${stream.eventCount} events, ${stream.reads.length} reads of 20 B–64 KB, 8% multi-byte tokens; ` +
      `median of ${ROUNDS} interleaved rounds (${WARMUP_ROUNDS} warm-up discarded); same events and data checked first`,
  };
}
