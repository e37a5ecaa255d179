// A byte-level Server-Sent Events decoder (WHATWG "event stream interpretation", plus the leniencies real LLM
// servers need). It runs on every byte of every answer, so the hot path avoids per-character loops and avoids
// building a string per line: lines are found with indexOf and only field values are sliced out.
import { Buffer, isAscii } from 'buffer';

/** Called once per event: its data (several `data:` lines joined with "\n") and its `event:` name, if any. */
export type SseEventHandler = (data: string, eventName: string | undefined) => void;

const LF = 10;
const SPACE = 32;
const COLON = 58;

export class SseDecoder {
  // fatal: false → malformed bytes become U+FFFD instead of throwing mid-answer. Made for the first read that is not
  // all ASCII (most streams never have one, and making it is not free on a short answer's path to its first delta).
  // Made at the start of the stream, ignoreBOM: false drops one leading byte-order mark, even when its three bytes
  // arrive in different reads; made later, it keeps a byte-order mark, which is then text like any other character.
  private textDecoder: TextDecoder | undefined;
  /** Some of the stream has been decoded: a byte-order mark from here on is not the stream's first character. */
  private started = false;
  /**
   * True when the TextDecoder holds no partial character (or does not exist yet; an all-ASCII read holds no
   * byte-order mark). Only then may an all-ASCII read bypass it: ASCII decodes identically as latin1, which is several
   * times faster than the TextDecoder and yields compact one-byte strings for everything downstream.
   */
  private asciiBypassSafe = true;
  /** The unfinished last line of the previous read. */
  private pending = '';
  /** A read ended in "\r": if the next read starts with "\n", that "\n" belongs to the same line break. */
  private skipLeadingLineFeed = false;
  private data = '';
  private dataLines = 0;
  private eventName: string | undefined;

  /**
   * Lines other than comments and blank lines seen so far. Keep-alive comments do not count, so a reader can tell
   * real progress from a server that only says "still here".
   */
  fieldLines = 0;

  constructor(private readonly onEvent: SseEventHandler) {}

  /** Feeds one read of the body; may be split anywhere, even inside a UTF-8 character or a "\r\n" pair. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    let text: string;
    if (this.asciiBypassSafe && isAscii(bytes)) {
      text = asBuffer(bytes).toString('latin1');
    } else {
      this.textDecoder ??= new TextDecoder('utf-8', { ignoreBOM: this.started });
      text = this.textDecoder.decode(bytes, { stream: true });
      this.asciiBypassSafe = text.length > 0 && !endsInsideCharacter(bytes);
    }
    this.started = true;
    if (text.length > 0) this.pushText(text);
  }

  /**
   * The body ended. An unterminated last line and an event missing its closing blank line are still delivered:
   * servers that close right after `data: [DONE]\n` mean it.
   */
  end(): void {
    const tail = this.textDecoder?.decode() ?? '';
    if (tail.length > 0) this.pushText(tail);
    if (this.pending.length > 0) {
      const line = this.pending;
      this.pending = '';
      this.processLine(line, 0, line.length);
    }
    this.dispatch();
  }

  private pushText(text: string): void {
    let chunk = text;
    if (this.skipLeadingLineFeed) {
      this.skipLeadingLineFeed = false;
      if (chunk.charCodeAt(0) === LF) {
        if (chunk.length === 1) return;
        chunk = chunk.slice(1);
      }
    }
    if (this.pending.length > 0) {
      if (chunk.indexOf('\n') === -1 && chunk.indexOf('\r') === -1) {
        this.pending += chunk;
        return;
      }
      chunk = this.pending + chunk;
    }
    this.pending = chunk.indexOf('\r') === -1 ? this.processLineFeedLines(chunk) : this.processAnyLines(chunk);
  }

  /** The common case (no "\r" anywhere): returns the unfinished tail. */
  private processLineFeedLines(chunk: string): string {
    let start = 0;
    let lineEnd = chunk.indexOf('\n');
    while (lineEnd !== -1) {
      if (
        // Fast path for the typical `data: …\n\n` event: dispatch without going through the line machinery.
        this.dataLines === 0 &&
        lineEnd > start &&
        chunk.charCodeAt(lineEnd + 1) === LF &&
        isDataField(chunk, start)
      ) {
        this.fieldLines++;
        const valueStart = chunk.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
        const name = this.eventName;
        this.eventName = undefined;
        this.onEvent(chunk.slice(valueStart, lineEnd), name);
        start = lineEnd + 2;
      } else {
        this.processLine(chunk, start, lineEnd);
        start = lineEnd + 1;
      }
      lineEnd = chunk.indexOf('\n', start);
    }
    return start === 0 ? chunk : chunk.slice(start);
  }

  /** Lines ending in "\n", "\r\n" or "\r": returns the unfinished tail. */
  private processAnyLines(chunk: string): string {
    let start = 0;
    let nextCr = chunk.indexOf('\r');
    let nextLf = chunk.indexOf('\n');
    for (;;) {
      // Re-search only when the cached position has been passed, so each character is scanned once.
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf('\r', start);
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf('\n', start);
      let lineEnd: number;
      if (nextCr === -1) {
        if (nextLf === -1) break;
        lineEnd = nextLf;
      } else {
        lineEnd = nextLf === -1 || nextCr < nextLf ? nextCr : nextLf;
      }
      this.processLine(chunk, start, lineEnd);
      start = lineEnd + 1;
      if (lineEnd === nextCr) {
        if (start === chunk.length) this.skipLeadingLineFeed = true;
        else if (chunk.charCodeAt(start) === LF) start++;
      }
    }
    return start === 0 ? chunk : chunk.slice(start);
  }

  private processLine(chunk: string, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    const first = chunk.charCodeAt(start);
    if (first === COLON) return; // comment / keep-alive
    this.fieldLines++;
    if (isDataField(chunk, start)) {
      this.appendData(chunk.slice(chunk.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    const colon = chunk.indexOf(':', start);
    const nameEnd = colon === -1 || colon > end ? end : colon;
    const field = chunk.slice(start, nameEnd);
    let valueStart = nameEnd === end ? end : nameEnd + 1;
    if (valueStart < end && chunk.charCodeAt(valueStart) === SPACE) valueStart++;
    if (field === 'data') this.appendData(chunk.slice(valueStart, end));
    else if (field === 'event') this.eventName = chunk.slice(valueStart, end) || undefined;
    // `id`, `retry` and unknown fields mean nothing to a one-shot completion stream.
  }

  private appendData(value: string): void {
    this.data = this.dataLines === 0 ? value : `${this.data}\n${value}`;
    this.dataLines++;
  }

  private dispatch(): void {
    // A named event without data (e.g. a bare `event: error`) is still worth reporting.
    if (this.dataLines > 0 || this.eventName !== undefined) this.onEvent(this.data, this.eventName);
    this.data = '';
    this.dataLines = 0;
    this.eventName = undefined;
  }
}

function isDataField(chunk: string, start: number): boolean {
  return (
    chunk.charCodeAt(start) === 100 && // d
    chunk.charCodeAt(start + 1) === 97 && // a
    chunk.charCodeAt(start + 2) === 116 && // t
    chunk.charCodeAt(start + 3) === 97 && // a
    chunk.charCodeAt(start + 4) === COLON
  );
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Whether the bytes may end part-way through a UTF-8 character (so the TextDecoder is holding the start of it).
 * Errs towards true on malformed input, which only means the next read takes the TextDecoder path.
 */
export function endsInsideCharacter(bytes: Uint8Array): boolean {
  const last = bytes.length - 1;
  if (last < 0 || bytes[last] < 0x80) return false;
  let continuationBytes = 0;
  let index = last;
  while (index >= 0 && (bytes[index] & 0xc0) === 0x80 && continuationBytes < 3) {
    continuationBytes++;
    index--;
  }
  if (index < 0) return true;
  const lead = bytes[index];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  return length === 0 || continuationBytes + 1 < length;
}
