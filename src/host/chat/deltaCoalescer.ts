// Streamed text on its way to the page, at most one message per frame's worth of time. A fast local model sends
// thousands of tokens a second; one webview message each costs the extension host a serialisation and the workbench
// an IPC hop per token, for a page that paints once a frame anyway. The first piece after a quiet spell goes out at
// once (the first token is never delayed); what arrives within the next interval is joined and sent when it ends.

export const DELTA_INTERVAL_MS = 16;

export class DeltaCoalescer {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (text: string) => void,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  push(text: string): void {
    if (!text) return;
    if (this.timer !== undefined) {
      this.pending += text;
      return;
    }
    this.send(text);
    this.startInterval();
  }

  /** Sends whatever is waiting now (the answer ended or stopped). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.sendPending();
  }

  private startInterval(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.pending) return;
      this.sendPending();
      this.startInterval();
    }, this.intervalMs);
  }

  private sendPending(): void {
    const text = this.pending;
    this.pending = '';
    if (text) this.send(text);
  }
}
