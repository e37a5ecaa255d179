import * as assert from 'assert';
import { endsInsideCharacter, SseDecoder } from '../../../src/api/sseDecoder';

interface DecodedEvent {
  data: string;
  event?: string;
}

/** Decodes the reads in order and returns every event. */
function decode(reads: Uint8Array[]): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  const decoder = new SseDecoder((data, event) => events.push(event === undefined ? { data } : { data, event }));
  for (const read of reads) decoder.push(read);
  decoder.end();
  return events;
}

function bytes(text: string | number[]): Uint8Array {
  return typeof text === 'string' ? Buffer.from(text, 'utf8') : Uint8Array.from(text);
}

function byteByByte(input: Uint8Array): Uint8Array[] {
  return Array.from(input, (_, i) => input.subarray(i, i + 1));
}

/** Asserts the same events come out whole, byte by byte, and split in two at every possible byte. */
function assertEverySplit(input: string | number[], expected: DecodedEvent[]): void {
  const all = bytes(input);
  assert.deepStrictEqual(decode([all]), expected, 'whole');
  assert.deepStrictEqual(decode(byteByByte(all)), expected, 'byte by byte');
  for (let cut = 1; cut < all.length; cut++) {
    assert.deepStrictEqual(decode([all.subarray(0, cut), all.subarray(cut)]), expected, `split at byte ${cut}`);
  }
}

describe('api/sseDecoder', () => {
  it('decodes data events with and without the space after the colon', () => {
    assertEverySplit('data: {"a":1}\n\ndata:{"b":2}\n\n', [{ data: '{"a":1}' }, { data: '{"b":2}' }]);
  });

  it('joins several data lines of one event with \\n', () => {
    assertEverySplit('data: first\ndata: second\ndata:third\n\n', [{ data: 'first\nsecond\nthird' }]);
  });

  it('accepts \\r\\n, \\r and \\n line endings, mixed', () => {
    assertEverySplit('data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\n\n', [
      { data: 'a' },
      { data: 'b' },
      { data: 'c' },
      { data: 'd' },
    ]);
  });

  it('counts a \\r\\n pair split across reads as one line break', () => {
    // Were the "\n" counted again, it would be a blank line that dispatches "a" on its own.
    const reads = [bytes('data: a\r'), bytes('\ndata: b\r'), bytes('\n\r'), bytes('\n')];
    assert.deepStrictEqual(decode(reads), [{ data: 'a\nb' }]);
  });

  it('strips a leading UTF-8 byte-order mark, even split byte by byte', () => {
    assertEverySplit([0xef, 0xbb, 0xbf, ...bytes('data: x\n\n')], [{ data: 'x' }]);
  });

  it('keeps a U+FEFF that is not at the start of the stream', () => {
    assert.deepStrictEqual(decode([bytes('data: a\n\n'), bytes('data: \uFEFFb\n\n')]), [{ data: 'a' }, { data: '\uFEFFb' }]);
  });

  it('keeps a U+FEFF that begins the first read that is not all ASCII, after an ASCII start', () => {
    // The UTF-8 decoder is made only for the first such read: it must not take that read for the stream's start.
    assert.deepStrictEqual(decode([bytes('data: a\n\ndata: '), bytes('\uFEFFb\n\n')]), [{ data: 'a' }, { data: '\uFEFFb' }]);
  });

  it('reassembles multi-byte UTF-8 characters split at any byte', () => {
    assertEverySplit('data: héllo ✓ 🦙 ünïcödé\n\n', [{ data: 'héllo ✓ 🦙 ünïcödé' }]);
  });

  it('ignores comment lines and does not count them as activity', () => {
    const events: string[] = [];
    const decoder = new SseDecoder((data) => events.push(data));
    decoder.push(bytes(': keep-alive\n\n:ping\n'));
    assert.strictEqual(decoder.fieldLines, 0);
    decoder.push(bytes('data: x\n\n'));
    assert.strictEqual(decoder.fieldLines, 1);
    decoder.end();
    assert.deepStrictEqual(events, ['x']);
  });

  it('reports event names and resets them after each event', () => {
    assertEverySplit('event: error\ndata: {"error":"boom"}\n\ndata: next\n\nevent:custom\ndata:z\n\n', [
      { data: '{"error":"boom"}', event: 'error' },
      { data: 'next' },
      { data: 'z', event: 'custom' },
    ]);
  });

  it('dispatches empty data events, and a named event without data', () => {
    assertEverySplit('data:\n\ndata: \n\ndata\n\nevent: error\n\n', [
      { data: '' },
      { data: '' },
      { data: '' },
      { data: '', event: 'error' },
    ]);
  });

  it('ignores blank lines with no event, id and retry fields, and unknown fields', () => {
    assertEverySplit('\n\nid: 7\nretry: 100\nfoo: bar\ndata: kept\n\n', [{ data: 'kept' }]);
  });

  it('delivers a last event that lacks its closing blank line, or even its line break', () => {
    assert.deepStrictEqual(decode([bytes('data: a\n\ndata: [DONE]\n')]), [{ data: 'a' }, { data: '[DONE]' }]);
    assert.deepStrictEqual(decode([bytes('data: [DONE]')]), [{ data: '[DONE]' }]);
  });

  it('gives the same events however a long mixed stream is cut (fuzzed, fixed seed)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const endings = ['\n', '\r\n', '\r'];
    let text = '\uFEFF';
    for (let i = 0; i < 200; i++) {
      const eol = endings[i % 3];
      text += i % 7 === 0 ? `: ping${eol}` : '';
      text += `data: {"n":${i},"t":"${i % 4 === 0 ? 'é✓🦙' : 'ascii'}"}${eol}`;
      if (i % 5 === 0) text += `data: second line${eol}`;
      text += eol;
    }
    const all = bytes(text);
    const expected = decode([all]);
    assert.strictEqual(expected.length, 200);
    for (let round = 0; round < 30; round++) {
      const reads: Uint8Array[] = [];
      for (let at = 0; at < all.length; ) {
        const size = 1 + Math.floor(random() * 40);
        reads.push(all.subarray(at, at + size));
        at += size;
      }
      assert.deepStrictEqual(decode(reads), expected, `round ${round}`);
    }
  });

  it('replaces malformed bytes the way TextDecoder does, even when ASCII follows a broken character', () => {
    const reads = [bytes('data: a'), Uint8Array.from([0xc3]), bytes('bc\n\n')];
    assert.deepStrictEqual(decode(reads), [{ data: 'a\uFFFDbc' }]);
  });

  it('knows when a read ends inside a UTF-8 character', () => {
    assert.strictEqual(endsInsideCharacter(bytes('abc')), false);
    assert.strictEqual(endsInsideCharacter(bytes('é')), false);
    assert.strictEqual(endsInsideCharacter(bytes('🦙')), false);
    assert.strictEqual(endsInsideCharacter(Uint8Array.from([0x61, 0xc3])), true);
    assert.strictEqual(endsInsideCharacter(Uint8Array.from([0xe2, 0x9c])), true);
    assert.strictEqual(endsInsideCharacter(Uint8Array.from([0xf0, 0x9f, 0xa6])), true);
  });
});
