// Summary statistics for the bench. Medians, because a shared 2-core machine produces occasional huge outliers
// (another engineer's build) that would drag a mean anywhere.
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds between two `process.hrtime.bigint()` readings. */
export function elapsedMs(start: bigint, end: bigint = process.hrtime.bigint()): number {
  return Number(end - start) / 1e6;
}

export interface PairedTimes {
  subject: number[];
  reference: number[];
}

/**
 * Runs `subject` and `reference` alternately, `rounds` times each, swapping which goes first every round, so slow
 * drift on the machine (a neighbour's compile starting) hits both sides equally. Warm-up rounds are discarded.
 */
export async function interleave(
  rounds: number,
  warmupRounds: number,
  subject: () => Promise<number> | number,
  reference: () => Promise<number> | number,
): Promise<PairedTimes> {
  const times: PairedTimes = { subject: [], reference: [] };
  for (let round = 0; round < warmupRounds + rounds; round++) {
    const subjectFirst = round % 2 === 0;
    const first = await (subjectFirst ? subject() : reference());
    const second = await (subjectFirst ? reference() : subject());
    if (round < warmupRounds) continue;
    times.subject.push(subjectFirst ? first : second);
    times.reference.push(subjectFirst ? second : first);
  }
  return times;
}

/** Median of the per-round ratios subject/reference: each ratio compares two runs taken moments apart. */
export function medianRatio(times: PairedTimes): number {
  return median(times.subject.map((value, index) => value / times.reference[index]));
}
