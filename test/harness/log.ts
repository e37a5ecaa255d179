// Progress lines for the harness. They go to stderr with a prefix so they never mix with a suite's own output.
export function progress(message: string): void {
  process.stderr.write(`[harness] ${message}\n`);
}

/** Seconds since `startMs`, one decimal: used in progress lines so slow steps are visible in CI logs. */
export function secondsSince(startMs: number): string {
  return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}
