// The one request slot: at most one answer streams at a time. A new question takes a ticket; while it waits (for the
// settings, maybe for the user to enter a key) a newer question may overtake it, and then the older one is dropped.
// Taking the slot stops the answer in flight (it is kept as partial) and waits until it has settled.
import * as vscode from 'vscode';
import type { Chat, ChatMessage } from '../../common/chatTypes';
import type { HostMessage } from '../../common/protocol';

/** The answer streaming now. */
export interface Flight {
  readonly chat: Chat;
  readonly answer: ChatMessage;
  readonly abort: AbortController;
  /** Set by stop(): the answer ends as partial, not as an error. */
  stoppedByUser: boolean;
}

/**
 * The workbench hears of an answer (the `askLlama.busy` context key, the status bar's spinner) this long after it
 * starts, and not at all if it ends sooner. Each is a message to the workbench that a fast local server's first token
 * would otherwise queue behind; the page itself shows the answer at once.
 */
export const WORKBENCH_BUSY_DELAY_MS = 50;

export interface RequestSlotDeps {
  /** Where the `busy` message goes (the page session). */
  page: { send(message: HostMessage): void };
}

export class RequestSlot implements vscode.Disposable {
  private readonly busyEmitter = new vscode.EventEmitter<boolean>();
  /** Fires as the workbench is told an answer streams, and that it ended (see WORKBENCH_BUSY_DELAY_MS). */
  readonly onDidChangeBusy: vscode.Event<boolean> = this.busyEmitter.event;
  private readonly settledEmitter = new vscode.EventEmitter<ChatMessage>();
  /** Fires with each answer once it has settled (its status says how it ended). */
  readonly onDidSettle: vscode.Event<ChatMessage> = this.settledEmitter.event;
  private flight: { current: Flight; settled: Promise<void>; settle: () => void } | undefined;
  /** Increases with every question; a question overtaken by a newer one while it waited is dropped. */
  private latestTicket = 0;
  /** Whether the workbench was told an answer is streaming; the timer that will tell it (see WORKBENCH_BUSY_DELAY_MS). */
  private workbenchBusy = false;
  private workbenchBusyTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RequestSlotDeps) {}

  get busy(): boolean {
    return this.flight !== undefined;
  }

  /** The answer streaming now, if any. */
  get current(): Flight | undefined {
    return this.flight?.current;
  }

  /**
   * Takes a ticket, waits for `prepare` (the settings; the user may be asked for a key), then stops the answer in
   * flight and waits for it to settle. Undefined when `prepare` gave nothing or a newer request overtook this one.
   */
  async take<T>(prepare: () => Promise<T | undefined>): Promise<T | undefined> {
    const ticket = ++this.latestTicket;
    const prepared = await prepare();
    if (prepared === undefined) return undefined;
    await this.stopAndWait();
    return ticket === this.latestTicket ? prepared : undefined;
  }

  /** Drops every question still waiting, stops the answer in flight and waits for it (before the open chat changes). */
  async clear(): Promise<void> {
    ++this.latestTicket;
    await this.stopAndWait();
  }

  /** Marks `answer` of `chat` as the one in flight. The caller must call `end()` with the result when it settles. */
  begin(chat: Chat, answer: ChatMessage): Flight {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const current: Flight = { chat, answer, abort: new AbortController(), stoppedByUser: false };
    this.flight = { current, settled, settle };
    this.deps.page.send({ type: 'busy', busy: true });
    this.workbenchBusyTimer ??= setTimeout(() => {
      this.workbenchBusyTimer = undefined;
      if (this.flight) this.setWorkbenchBusy(true);
    }, WORKBENCH_BUSY_DELAY_MS);
    return current;
  }

  /** The answer `flight` has settled: frees the slot. */
  end(flight: Flight): void {
    if (this.flight?.current !== flight) return;
    const { settle } = this.flight;
    this.flight = undefined;
    this.deps.page.send({ type: 'busy', busy: false });
    clearTimeout(this.workbenchBusyTimer);
    this.workbenchBusyTimer = undefined;
    if (this.workbenchBusy) this.setWorkbenchBusy(false);
    this.settledEmitter.fire(flight.answer);
    settle();
  }

  /** Stops the answer in flight (kept as partial); does not wait. */
  stop(): void {
    const current = this.flight?.current;
    if (!current) return;
    current.stoppedByUser = true;
    current.abort.abort();
  }

  /** Stops the answer in flight and waits until it has settled; loops in case another started meanwhile. */
  async stopAndWait(): Promise<void> {
    while (this.flight) {
      const { settled } = this.flight;
      this.stop();
      await settled;
    }
  }

  dispose(): void {
    clearTimeout(this.workbenchBusyTimer);
    this.busyEmitter.dispose();
    this.settledEmitter.dispose();
  }

  private setWorkbenchBusy(busy: boolean): void {
    this.workbenchBusy = busy;
    void vscode.commands.executeCommand('setContext', 'askLlama.busy', busy);
    this.busyEmitter.fire(busy);
  }
}
