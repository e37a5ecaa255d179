// One HTTP attempt's kill switch: the caller's signal, the first-byte and idle watchdogs, and "we have all we need",
// all stop the attempt the same way. `stopReason` remembers which one it was, so the resulting error can be told
// apart: cancelled by the user, timed out, or finished early on purpose.
//
// Cheap on the hot path (the bench's first-delta and 10 MB rows): the watchdog is re-armed on every read of a stream,
// so re-arming only notes the time and the one timer checks, when it fires, whether activity moved the deadline; and
// an AbortController (whose abort builds a DOMException) is made only for a client that asks for `signal`
// (node-fetch) — our own client (httpRequest.ts) registers a plain stop callback with `onStop`.

export type StopReason = 'cancelled' | 'timeout' | 'finished';
export type TimeoutPhase = 'response' | 'idle';

export class AttemptControl {
  private controller: AbortController | undefined;
  private stopListeners: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the running timer fires (performance.now() ms). */
  private timerDueAt = 0;
  /** The running timer ends the attempt as finished (a grace period), not as a watchdog. */
  private timerIsFinish = false;
  /** The armed watchdog: its phase and length, and when it was last (re)armed. */
  private watchPhase: TimeoutPhase | undefined;
  private watchMs = 0;
  private armedAt = 0;
  stopReason: StopReason | undefined;
  /** Which watchdog fired, for the message. */
  timeoutPhase: TimeoutPhase | undefined;
  timeoutMs = 0;

  constructor(private readonly userSignal: AbortSignal | undefined) {
    if (userSignal?.aborted) this.stop('cancelled');
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
  }

  /** An AbortSignal that aborts when the attempt stops, for clients that take one; made on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.stopReason) this.controller.abort();
    }
    return this.controller.signal;
  }

  /** Calls `listener` once when the attempt stops (at once if it has already). */
  onStop(listener: () => void): void {
    if (this.stopReason) listener();
    else this.stopListeners.push(listener);
  }

  /** (Re)starts the watchdog: if nothing re-arms or disarms it within `ms`, the attempt times out. */
  armTimeout(ms: number, phase: TimeoutPhase): void {
    if (this.stopReason) return;
    if (this.timerIsFinish) this.clearTimer();
    const now = performance.now();
    this.watchPhase = phase;
    this.watchMs = ms;
    this.armedAt = now;
    // The running timer checks the deadline when it fires; a new one only if the deadline is now sooner.
    if (this.timer === undefined || now + ms < this.timerDueAt) this.startTimer(ms, false);
  }

  /** (Re)starts a grace period after which the attempt ends as a success with what it has. */
  armFinish(ms: number): void {
    this.clearTimer();
    if (this.stopReason) return;
    this.watchPhase = undefined;
    this.startTimer(ms, true);
  }

  /** Stops the attempt: aborts the connection (the first reason given wins). */
  stop(reason: StopReason): void {
    this.clearTimer();
    if (this.stopReason) return;
    this.stopReason = reason;
    this.controller?.abort();
    const listeners = this.stopListeners;
    this.stopListeners = [];
    for (const listener of listeners) listener();
  }

  dispose(): void {
    this.clearTimer();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  private readonly onUserAbort = (): void => this.stop('cancelled');

  private readonly onTimer = (): void => {
    this.timer = undefined;
    if (this.timerIsFinish) {
      this.stop('finished');
      return;
    }
    const phase = this.watchPhase;
    if (phase === undefined) return;
    const remaining = this.armedAt + this.watchMs - performance.now();
    // Timers may fire a fraction of a millisecond before the clock says so: that is not activity.
    if (remaining >= 1) {
      this.startTimer(remaining, false);
      return;
    }
    this.timeoutPhase = phase;
    this.timeoutMs = this.watchMs;
    this.stop('timeout');
  };

  private startTimer(ms: number, isFinish: boolean): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerIsFinish = isFinish;
    this.timerDueAt = performance.now() + ms;
    this.timer = setTimeout(this.onTimer, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerIsFinish = false;
  }
}
