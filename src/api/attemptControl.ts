// One HTTP attempt's kill switch: the caller's signal, the first-byte and idle watchdogs, and "we have all we need",
// all abort the same controller. `stopReason` remembers which one it was, so the resulting AbortError can be told
// apart: cancelled by the user, timed out, or finished early on purpose.

export type StopReason = 'cancelled' | 'timeout' | 'finished';
export type TimeoutPhase = 'response' | 'idle';

export class AttemptControl {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  /** What the running timer is, when it is a watchdog (not a finish grace period). */
  private armedTimeout: { phase: TimeoutPhase; ms: number } | undefined;
  stopReason: StopReason | undefined;
  /** Which watchdog fired, for the message. */
  timeoutPhase: TimeoutPhase | undefined;
  timeoutMs = 0;

  constructor(private readonly userSignal: AbortSignal | undefined) {
    if (userSignal?.aborted) this.stop('cancelled');
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** (Re)starts the watchdog: if nothing re-arms or disarms it within `ms`, the attempt times out. */
  armTimeout(ms: number, phase: TimeoutPhase): void {
    // Re-armed on every read of a stream: restarting the same running timer is much cheaper than a new one.
    if (this.timer !== undefined && this.armedTimeout?.phase === phase && this.armedTimeout.ms === ms && !this.stopReason) {
      this.timer.refresh();
      return;
    }
    this.clearTimer();
    if (this.stopReason) return;
    this.armedTimeout = { phase, ms };
    this.timer = setTimeout(() => {
      this.timeoutPhase = phase;
      this.timeoutMs = ms;
      this.stop('timeout');
    }, ms);
  }

  /** (Re)starts a grace period after which the attempt ends as a success with what it has. */
  armFinish(ms: number): void {
    this.clearTimer();
    if (this.stopReason) return;
    this.timer = setTimeout(() => this.stop('finished'), ms);
  }

  /** Aborts the connection (the first reason given wins). */
  stop(reason: StopReason): void {
    this.stopReason ??= reason;
    this.clearTimer();
    this.controller.abort();
  }

  dispose(): void {
    this.clearTimer();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  private readonly onUserAbort = (): void => this.stop('cancelled');

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedTimeout = undefined;
  }
}
