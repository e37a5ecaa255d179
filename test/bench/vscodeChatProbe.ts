// The paint probe for VS Code's own Chat view, installed in every frame before its scripts run; it acts only in the
// workbench's own frame, where the Chat view lives. Like paintProbe.ts does for the Ask Llama chat page: when text
// carrying a marker (`BENCHMARK<id>`) was first painted in one of the Chat view's answers, i.e. the animation frame
// that painted it (after it entered the chat list's DOM, or whose callback added it), in epoch milliseconds (timeOrigin + now). Enter is taken by paintProbe.ts's
// keydown listener on the same document. Only the chat list is observed (not the whole workbench), and only its
// answer rows are read, so the probe costs the Chat view about what paintProbe.ts costs our page.

export interface VsCodeChatPaints {
  /** Marker id → when it was first painted in an answer of the Chat view. */
  painted: Record<string, number>;
}

/** Serialised into the page by `context.addInitScript` after installPaintProbe, whose frame hook it uses; no imports. */
export function installVsCodeChatPaintProbe(): void {
  if (window !== window.top) return;
  const probe: VsCodeChatPaints = { painted: {} };
  (window as unknown as { askLlamaBenchVsCodeChat: VsCodeChatPaints }).askLlamaBenchVsCodeChat = probe;
  // The frame that painted a change: paintProbe.ts's, installed before this probe in every frame.
  const whenPainted = (window as unknown as { askLlamaBenchWhenPainted: (record: (at: number) => void) => void }).askLlamaBenchWhenPainted;
  const marker = /BENCHMARK([A-Za-z0-9]+)/g;
  const pending = new Set<string>();
  const scan = (list: Element): void => {
    // The list is virtualised: only the rows on screen are in the DOM, a handful of short answers here.
    for (const answer of Array.from(list.querySelectorAll('.interactive-response'))) {
      for (const match of (answer.textContent ?? '').matchAll(marker)) if (!(match[1] in probe.painted)) pending.add(match[1]);
    }
    if (pending.size === 0) return;
    whenPainted((at) => {
      for (const id of pending) probe.painted[id] ??= at;
      pending.clear();
    });
  };
  // The Chat view is created when it is first opened and may be rebuilt (a new session): polled for the current list.
  let watched: Element | undefined;
  let observer: MutationObserver | undefined;
  setInterval(() => {
    const list = document.querySelector('.interactive-session .interactive-list');
    if (!list || list === watched) return;
    watched = list;
    observer?.disconnect();
    observer = new MutationObserver(() => scan(list));
    observer.observe(list, { subtree: true, childList: true, characterData: true });
    scan(list);
  }, 50);
}
