// One line of the results table: what was measured, against what, the figure, the target and whether it is met.
export interface BenchRow {
  figure: string;
  /** The reference measured in the same run, with its own value. */
  reference: string;
  /** Our measurement in absolute terms (context for the ratio). */
  measured: string;
  /** The number the target is about: a ratio or an absolute value, formatted. */
  result: string;
  target: string;
  /** undefined when the figure could not be measured in this run (the note says why). */
  met: boolean | undefined;
  /** How it was measured: rounds, environment, and for a miss, the cause. */
  notes: string;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** A row for a figure that could not be measured: reported, never silently dropped. */
export function unmeasuredRow(figure: string, target: string, reason: string): BenchRow {
  return { figure, reference: '—', measured: 'not measured', result: '—', target, met: undefined, notes: reason };
}
