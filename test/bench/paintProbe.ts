// What the workbench benches watch from inside the browser, installed in every frame before its scripts run
// (Playwright's init scripts reach the webview's cross-origin frames too). All times are epoch milliseconds
// (timeOrigin + now), comparable with the bench server's. In every frame: when Enter went down. In frames other than
// the workbench's own: when text carrying a marker (`BENCHMARK<id>`) was first painted in the newest answer of the
// chat page (the animation frame that painted it: the one after it entered the DOM, or the one whose callback added it),
// when the message carrying it arrived, and the page's long tasks (PerformanceObserver).
// Only the start and the end of the newest answer are read, so watching a 100 KB answer costs next to nothing.

import type { FrameLocator, Page } from 'playwright-core';

export interface ProbeReadings {
  enterAt: number[];
  /**
   * In the workbench's frame: for each mouse press on a palette row, when Ask Llama's question box was first
   * seen in the page after it (polled every 5 ms for up to 60 s), or undefined if it never showed.
   */
  picks: { at: number; inputShownAt?: number }[];
  /** Marker id → when it was first painted. */
  painted: Record<string, number>;
  /** Marker id → when a message carrying it first reached the chat page (a `delta` from the host). */
  arrived: Record<string, number>;
  /** Durations of the long tasks (≥ 50 ms) seen since the last reset. */
  longTasks: number[];
}

/** Serialised into the page by `context.addInitScript`: self-contained, no imports. */
export function installPaintProbe(): void {
  const now = (): number => performance.timeOrigin + performance.now();
  const probe: ProbeReadings = { enterAt: [], picks: [], painted: {}, arrived: {}, longTasks: [] };
  (window as unknown as { askLlamaBench: ProbeReadings }).askLlamaBench = probe;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') probe.enterAt.push(now());
  };
  // Text added inside one of the page's animation-frame callbacks is painted by that very frame, and a frame asked for
  // from there is the next one, a frame late: so the probe tracks whether the page is in a frame callback (the
  // observer's callback runs as a microtask right after the callback that changed the DOM, before the flag is reset)
  // and then takes the time at once. Text added by any other task is painted by the next frame, timed by asking for it.
  const nativeFrame = window.requestAnimationFrame.bind(window);
  let inFrameCallback = false;
  window.requestAnimationFrame = (callback: FrameRequestCallback): number =>
    nativeFrame((time) => {
      inFrameCallback = true;
      try {
        callback(time);
      } finally {
        queueMicrotask(() => (inFrameCallback = false));
      }
    });
  const whenPainted = (record: (at: number) => void): void => {
    if (inFrameCallback) record(now());
    else nativeFrame(() => record(now()));
  };
  // In every frame, the workbench's too: vscodeChatProbe.ts, installed after this probe, times VS Code's Chat view with it.
  (window as unknown as { askLlamaBenchWhenPainted: typeof whenPainted }).askLlamaBenchWhenPainted = whenPainted;
  if (window === window.top) {
    document.addEventListener('keydown', onKey, true);
    document.addEventListener(
      'mousedown',
      (event: MouseEvent) => {
        // Only a palette row: any other click would start a 5 ms poll for a minute, work in the page being measured.
        if (!(event.target instanceof Element) || !event.target.closest('.quick-input-widget')) return;
        const pick: { at: number; inputShownAt?: number } = { at: now() };
        probe.picks.push(pick);
        const shown = (): boolean => {
          const input = document.querySelector<HTMLInputElement>('.quick-input-widget input[placeholder^="e.g. Why does this loop"]');
          return !!input && input.offsetParent !== null;
        };
        const poll = (): void => {
          if (shown()) pick.inputShownAt = now();
          else if (now() - pick.at < 60_000) setTimeout(poll, 5);
        };
        poll();
      },
      true,
    );
    return;
  }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this frame
  }
  const marker = /BENCHMARK([A-Za-z0-9]+)/g;
  // When the host's message got here, before the page handles it (capture phase, added before the page's listener).
  const onMessage = (event: MessageEvent): void => {
    const data = event.data as { text?: unknown; messages?: { text?: unknown }[] } | null;
    const at = now();
    for (const message of Array.isArray(data?.messages) ? data.messages : [data]) {
      const text = message?.text;
      if (typeof text === 'string' && text.includes('BENCHMARK')) for (const match of text.matchAll(marker)) probe.arrived[match[1]] ??= at;
    }
  };
  const pending = new Set<string>();
  const edgeText = (node: Node | null, fromEnd: boolean, budget: number): string => {
    let text = '';
    let current = node;
    while (current && text.length < budget) {
      if (current.nodeType === Node.TEXT_NODE) text = fromEnd ? (current.textContent ?? '') + text : text + (current.textContent ?? '');
      else if (current.firstChild) {
        current = fromEnd ? current.lastChild : current.firstChild;
        continue;
      }
      while (current && !(fromEnd ? current.previousSibling : current.nextSibling) && current !== node) current = current.parentNode;
      if (!current || current === node) break;
      current = fromEnd ? current.previousSibling : current.nextSibling;
    }
    return text;
  };
  const scan = (list: Element): void => {
    const answers = list.querySelectorAll('article.message[data-role="assistant"] .message-body');
    const body = answers[answers.length - 1];
    if (!body) return;
    const text = `${edgeText(body, false, 200)} ${edgeText(body, true, 200)}`;
    for (const match of text.matchAll(marker)) if (!(match[1] in probe.painted)) pending.add(match[1]);
    if (pending.size === 0) return;
    whenPainted((at) => {
      for (const id of pending) probe.painted[id] ??= at;
      pending.clear();
    });
  };
  // The page's document may be replaced while it loads: attach to whatever document and list are current.
  let watchedDocument: Document | undefined;
  let watchedList: Element | undefined;
  let observer: MutationObserver | undefined;
  const attach = (): void => {
    if (watchedDocument !== document) {
      watchedDocument = document;
      document.addEventListener('keydown', onKey, true);
      window.addEventListener('message', onMessage, true);
    }
    const list = document.getElementById('messages');
    if (!list || list === watchedList) return;
    watchedList = list;
    // Loading the page may have cleared the document's listeners (document.open): add it again (a no-op if present).
    document.addEventListener('keydown', onKey, true);
    window.addEventListener('message', onMessage, true);
    observer?.disconnect();
    observer = new MutationObserver(() => scan(list));
    observer.observe(list, { subtree: true, childList: true, characterData: true });
    scan(list);
  };
  // Polled until the chat's list exists (the page never replaces it), then left to the observer.
  const timer = setInterval(() => {
    attach();
    if (watchedList) clearInterval(timer);
  }, 5);
  attach();
}

/** How long the bench waits for a marker to be painted. */
const PAINT_WAIT_MS = 60_000;

/** What the probe has recorded in `frame` (a chat page's frame, or the workbench's page). */
export async function readProbe(frame: FrameLocator | Page): Promise<ProbeReadings> {
  const read = () => (window as unknown as { askLlamaBench: ProbeReadings }).askLlamaBench;
  return 'goto' in frame ? frame.evaluate(read) : frame.locator('#messages').evaluate(read);
}

export async function waitForPaint(frame: FrameLocator, id: string): Promise<number> {
  const deadline = Date.now() + PAINT_WAIT_MS;
  for (;;) {
    const probe = await readProbe(frame).catch(() => undefined);
    const at = probe?.painted[id];
    if (at !== undefined) return at;
    if (Date.now() > deadline) throw new Error(`marker ${id} was never painted in the chat page`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

