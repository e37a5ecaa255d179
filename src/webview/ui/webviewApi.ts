import type { PageMessage } from '../../common/protocol';

/** What the page keeps across hide/show and reloads via `vscode.setState`. Never anything secret. */
export interface PageState {
  draft: string;
  /** Distance from the bottom of the conversation; robust to older messages being rendered above later. */
  scrollFromBottom?: number;
  /** Which chat the saved scroll position belongs to. */
  chatId?: string;
}

/** The part of `acquireVsCodeApi()` the page uses; tests pass a recording fake. */
export interface WebviewApi {
  postMessage(message: PageMessage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

/** How the page defers work: paint on the next animation frame, render old messages when idle. */
export interface Schedulers {
  frame(callback: () => void): void;
  idle(callback: () => void): void;
}
