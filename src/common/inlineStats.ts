// What each inline suggestion request cost and whether it helped, kept for the session: one record per provider call
// that got past the settings gate (network request, cache hit or typed-through), with its time to first token and
// total, and whether the suggestion was shown and accepted. The summary (p50/p95, Tabby-style) is printed on demand.

export interface InlineRecord {
  /** Names the request in the log, so "accepted" can be matched to its request line. */
  readonly id: number;
  /** Served without a request: from the cache or typed through. */
  readonly cacheHit: boolean;
  readonly firstTokenMs?: number;
  readonly totalMs?: number;
  shown: boolean;
  accepted: boolean;
  /** Ended by the next keystroke before an answer. */
  cancelled?: boolean;
  /** The error kind, when the request failed. */
  failed?: string;
}

export interface Percentiles {
  p50: number;
  p95: number;
  count: number;
}

export interface InlineSummary {
  requests: number;
  cacheHits: number;
  cancelled: number;
  failed: number;
  shown: number;
  accepted: number;
  /** Over requests that reached the server and answered; undefined before the first. */
  firstToken?: Percentiles;
  total?: Percentiles;
}

/** The records kept: enough for stable percentiles, bounded for a long session. */
const KEPT = 1000;

export class InlineStats {
  private readonly records: InlineRecord[] = [];
  private lastId = 0;

  add(record: Omit<InlineRecord, 'id' | 'accepted'>): InlineRecord {
    const kept: InlineRecord = { ...record, id: ++this.lastId, accepted: false };
    this.records.push(kept);
    if (this.records.length > KEPT) this.records.shift();
    return kept;
  }

  /** Marks request `id` accepted; false when it is unknown (too old) or already counted. */
  accept(id: number): boolean {
    const record = this.records.find((candidate) => candidate.id === id);
    if (!record || record.accepted) return false;
    record.accepted = true;
    return true;
  }

  summary(): InlineSummary {
    const answered = this.records.filter((record) => !record.cacheHit && record.totalMs !== undefined);
    const firstTokens = answered.map((record) => record.firstTokenMs).filter((ms): ms is number => ms !== undefined);
    return {
      requests: this.records.filter((record) => !record.cacheHit).length,
      cacheHits: this.records.filter((record) => record.cacheHit).length,
      cancelled: this.records.filter((record) => record.cancelled).length,
      failed: this.records.filter((record) => record.failed !== undefined).length,
      shown: this.records.filter((record) => record.shown).length,
      accepted: this.records.filter((record) => record.accepted).length,
      firstToken: percentiles(firstTokens),
      total: percentiles(answered.map((record) => record.totalMs as number)),
    };
  }
}

/** Nearest-rank percentiles (no interpolation: every figure is one a request really took). */
export function percentiles(values: readonly number[]): Percentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: rank(50), p95: rank(95), count: sorted.length };
}

export function formatMs(ms: number | undefined): string {
  return ms === undefined ? '-' : `${Math.round(ms)} ms`;
}

/** The lines printed on demand. */
export function formatSummary(summary: InlineSummary): string[] {
  const share = (part: number, whole: number) => (whole === 0 ? '-' : `${Math.round((part / whole) * 100)}%`);
  const served = summary.requests + summary.cacheHits;
  const latency = (name: string, value: Percentiles | undefined) =>
    value ? `${name}: p50 ${formatMs(value.p50)}, p95 ${formatMs(value.p95)} (${value.count} answers)` : `${name}: no answers yet`;
  return [
    `inline suggestions: ${summary.requests} requests, ${summary.cacheHits} served from cache or typed through, ` +
      `${summary.cancelled} cancelled by typing, ${summary.failed} failed`,
    latency('time to first token', summary.firstToken),
    latency('total time', summary.total),
    `shown ${summary.shown} (${share(summary.shown, served)}), accepted ${summary.accepted} (${share(summary.accepted, summary.shown)} of shown)`,
  ];
}
