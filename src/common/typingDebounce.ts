// How long to wait after a keystroke before asking for a suggestion, from the user's own typing rhythm: a little
// longer than their usual gap between keys, so a request goes out when they pause, not between two letters. A slow
// typist is not kept waiting for a fast typist's pause, and a fast one does not send a request per key.

export const MIN_DELAY_MS = 75;
export const MAX_DELAY_MS = 400;
const INITIAL_GAP_MS = 120;
/** A gap longer than this is a pause, not typing rhythm. */
const PAUSE_MS = 1_500;
const WEIGHT = 0.3;

export class TypingDebounce {
  private averageGapMs = INITIAL_GAP_MS;
  private lastKeyAt: number | undefined;

  /** Notes a keystroke at `now` (ms) and returns how long to wait before asking. */
  keystroke(now: number): number {
    if (this.lastKeyAt !== undefined) {
      const gap = now - this.lastKeyAt;
      if (gap > 0 && gap < PAUSE_MS) this.averageGapMs += WEIGHT * (gap - this.averageGapMs);
    }
    this.lastKeyAt = now;
    return this.delayMs;
  }

  /** How much of the wait after the last keystroke is left at `now` (ms): 0 once it is over. */
  waitLeft(now: number): number {
    return this.lastKeyAt === undefined ? this.delayMs : Math.max(0, this.lastKeyAt + this.delayMs - now);
  }

  get delayMs(): number {
    return Math.round(Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, this.averageGapMs * 1.5)));
  }
}
