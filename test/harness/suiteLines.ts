// The lines a suite prints that the harness reads back: where the suite's own output starts, and its summary.
// Shared by the extension-host side (test/integration/index.ts), the e2e runner and the harness. Pure: no deps.

const startPrefix = 'Ask Llama tests:';

export function suiteStartLine(fileCount: number): string {
  return `${startPrefix} running ${fileCount} test file(s)`;
}

export function isSuiteStartLine(line: string): boolean {
  return line.startsWith(startPrefix);
}

export interface SuiteSummary {
  passed: number;
  failed: number;
}

export function summaryLine({ passed, failed }: SuiteSummary): string {
  return `${passed} passed, ${failed} failed`;
}

/** The last `N passed, N failed` line in `output`, if any. */
export function findSummary(output: string): SuiteSummary | undefined {
  const matches = [...output.matchAll(/^\s*(\d+) passed, (\d+) failed\s*$/gm)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}
