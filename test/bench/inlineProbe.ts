// What the inline-suggestion bench watches from inside the workbench's own frame, installed before its scripts run:
// when each key went down, and when ghost text carrying a marker (`BENCHMARK<id>`) was first painted in an editor (the
// animation frame after it entered the DOM). Times are epoch milliseconds (timeOrigin + now), comparable with the
// bench server's (timedLlm.ts), as in paintProbe.ts.

export interface InlineReadings {
  /** Every keydown in the workbench's frame, in order. */
  keys: { key: string; at: number }[];
  /** Marker id → when ghost text holding it was first painted. */
  ghost: Record<string, number>;
}

/** Serialised into the page by `context.addInitScript`: self-contained, no imports. */
export function installInlineProbe(): void {
  if (window !== window.top) return;
  const now = (): number => performance.timeOrigin + performance.now();
  const probe: InlineReadings = { keys: [], ghost: {} };
  (window as unknown as { askLlamaInline: InlineReadings }).askLlamaInline = probe;
  document.addEventListener('keydown', (event) => probe.keys.push({ key: event.key, at: now() }), true);
  const marker = /BENCHMARK([A-Za-z0-9]+)/g;
  const pending = new Set<string>();
  // Ghost text is an injected decoration on the cursor's line (.ghost-text-decoration), or whole lines below it.
  const scan = (): void => {
    for (const element of document.querySelectorAll('.ghost-text-decoration, .ghost-text')) {
      for (const match of (element.textContent ?? '').matchAll(marker)) if (!(match[1] in probe.ghost)) pending.add(match[1]);
    }
    if (pending.size === 0) return;
    requestAnimationFrame(() => {
      const at = now();
      for (const id of pending) probe.ghost[id] ??= at;
      pending.clear();
    });
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
}
