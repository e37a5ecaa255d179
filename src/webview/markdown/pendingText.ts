// Paint scheduling for a streaming answer: appended text waits here until the page paints it, PAINT_PIECE_CHARS at
// a time, so that a caller with a time budget (a frame, an idle slice) can stop between pieces. Line endings are
// normalised to \n on the way in.
import { PAINT_PIECE_CHARS } from './renderBudget';

export class PendingText {
  /** Source appended since the last paint. */
  #pending = '';
  #pendingCarriageReturn = false;

  /** The waiting text, a held-back "\r" counted as the line break it will become. */
  get text(): string {
    return this.#pending + (this.#pendingCarriageReturn ? '\n' : '');
  }

  /** How many appended characters are waiting to be painted. */
  get length(): number {
    return this.#pending.length;
  }

  add(text: string): void {
    let chunk = this.#pendingCarriageReturn ? `\r${text}` : text;
    // A "\r\n" pair may be split across two deltas: hold a trailing "\r" back until the next one.
    this.#pendingCarriageReturn = chunk.endsWith('\r');
    if (this.#pendingCarriageReturn) chunk = chunk.slice(0, -1);
    this.#pending += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
  }

  /** Takes the next piece to paint: PAINT_PIECE_CHARS at most, '' when nothing waits. */
  take(): string {
    let piece = this.#pending.slice(0, PAINT_PIECE_CHARS);
    // Never split a surrogate pair between two pieces.
    if (piece.length < this.#pending.length && /[\uD800-\uDBFF]$/.test(piece)) piece = piece.slice(0, -1);
    this.#pending = this.#pending.slice(piece.length);
    return piece;
  }

  /** The stream has ended: a held-back "\r" was a line break after all. */
  end(): void {
    if (this.#pendingCarriageReturn) {
      this.#pendingCarriageReturn = false;
      this.#pending += '\n';
    }
  }
}
