// The longest task on the page's main thread while something happens, measured two ways by the browser itself:
// - the page's own PerformanceObserver({ type: 'longtask' }) (wall-clock time, tasks of 50 ms or more only), and
// - a Chromium trace of every task (`toplevel` RunTask events) with its wall time and its thread CPU time.
// The CPU time is what the page's code costs; wall time adds whatever the machine's other processes took from the
// page meanwhile, which on a busy test machine (2 cores, several suites at once) can be several times the CPU time.
import type { CDPSession, Page } from 'playwright-core';

export interface TaskFigures {
  /** Longest task reported by the page's long-task observer, in ms (0: none of 50 ms or more). */
  longTaskMs: number;
  /** How many long tasks the observer reported. */
  longTasks: number;
  /** Longest main-thread task in the trace: wall time and the thread CPU time of that same kind of measure, in ms. */
  tracedWallMs: number;
  tracedCpuMs: number;
  /** What the longest task (by CPU) spent its wall time on: its top-level trace events by name, largest first. */
  longestTaskParts: string;
}

/** Installed before any page script: collects long tasks in `window.__askLlamaLongTasks`. */
export const LONG_TASK_OBSERVER = `(() => {
  if (window !== window.top || typeof PerformanceObserver !== 'function') return;
  window.__askLlamaLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__askLlamaLongTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
})();`;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export class MainThreadTasks {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  /** Starts watching: clears the long tasks seen so far and starts a trace. */
  static async start(page: Page): Promise<MainThreadTasks> {
    await page.evaluate(() => ((window as any).__askLlamaLongTasks.length = 0));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'] }, transferMode: 'ReturnAsStream' });
    return new MainThreadTasks(page, cdp);
  }

  async stop(): Promise<TaskFigures> {
    const longTasks: number[] = await this.page.evaluate(() => (window as any).__askLlamaLongTasks.slice());
    const complete = new Promise<{ stream?: string }>((resolve) => this.cdp.once('Tracing.tracingComplete', resolve));
    await this.cdp.send('Tracing.end');
    const { stream } = await complete;
    let data = '';
    for (;;) {
      const chunk = await this.cdp.send('IO.read', { handle: stream! });
      data += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await this.cdp.send('IO.close', { handle: stream! });
    await this.cdp.detach();
    const parsed = JSON.parse(data) as TraceEvent[] | { traceEvents: TraceEvent[] };
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    let tracedWallMs = 0;
    let longest: TraceEvent | undefined;
    for (const e of events) {
      if (e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`) || !/^(RunTask|ThreadControllerImpl::RunTask)$/.test(e.name)) continue;
      tracedWallMs = Math.max(tracedWallMs, (e.dur ?? 0) / 1000);
      if (!longest || (e.tdur ?? 0) > (longest.tdur ?? 0)) longest = e;
    }
    const tracedCpuMs = (longest?.tdur ?? 0) / 1000;
    const longestTaskParts = longest ? partsOf(longest, events) : '';
    return { longTaskMs: Math.max(0, ...longTasks), longTasks: longTasks.length, tracedWallMs, tracedCpuMs, longestTaskParts };
  }
}

/**
 * The top-level events inside a task (script, style, layout, paint, GC…), summed by name, largest first: says whether
 * a long task is the page's own code or the browser's work on what it built.
 */
function partsOf(task: TraceEvent, events: TraceEvent[]): string {
  const end = task.ts + (task.dur ?? 0);
  const inside = events
    .filter((e) => e !== task && e.ph === 'X' && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const byName = new Map<string, number>();
  let coveredUntil = -Infinity;
  for (const e of inside) {
    if (e.ts < coveredUntil) continue;
    coveredUntil = e.ts + (e.dur ?? 0);
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join(', ');
}
