import * as assert from 'assert';
import { formatSummary, InlineStats, percentiles } from '../../../src/common/inlineStats';

describe('common/inlineStats', () => {
  it('nearest-rank p50 and p95: every figure is one a request took', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10); // 10..200
    assert.deepStrictEqual(percentiles(values), { p50: 100, p95: 190, count: 20 });
    assert.deepStrictEqual(percentiles([42]), { p50: 42, p95: 42, count: 1 });
    assert.strictEqual(percentiles([]), undefined);
  });

  it('latencies count answered requests only; cache hits, cancellations and failures are counted apart', () => {
    const stats = new InlineStats();
    stats.add({ cacheHit: false, firstTokenMs: 100, totalMs: 300, shown: true });
    stats.add({ cacheHit: false, firstTokenMs: 200, totalMs: 500, shown: false });
    stats.add({ cacheHit: true, shown: true });
    stats.add({ cacheHit: false, shown: false, cancelled: true });
    stats.add({ cacheHit: false, shown: false, failed: 'auth' });
    const summary = stats.summary();
    assert.strictEqual(summary.requests, 4);
    assert.strictEqual(summary.cacheHits, 1);
    assert.strictEqual(summary.cancelled, 1);
    assert.strictEqual(summary.failed, 1);
    assert.strictEqual(summary.shown, 2);
    assert.deepStrictEqual(summary.firstToken, { p50: 100, p95: 200, count: 2 });
    assert.deepStrictEqual(summary.total, { p50: 300, p95: 500, count: 2 });
  });

  it('an acceptance is matched to its request by id, once', () => {
    const stats = new InlineStats();
    const first = stats.add({ cacheHit: false, firstTokenMs: 1, totalMs: 2, shown: true });
    const second = stats.add({ cacheHit: true, shown: true });
    assert.notStrictEqual(first.id, second.id);
    assert.strictEqual(stats.accept(second.id), true);
    assert.strictEqual(stats.accept(second.id), false, 'counted once');
    assert.strictEqual(stats.accept(999), false);
    assert.strictEqual(stats.summary().accepted, 1);
    assert.strictEqual(first.accepted, false);
  });

  it('prints counts, p50/p95 and the acceptance rate', () => {
    const stats = new InlineStats();
    for (const ms of [120, 80, 100]) stats.add({ cacheHit: false, firstTokenMs: ms, totalMs: ms * 2, shown: true });
    stats.accept(1);
    const text = formatSummary(stats.summary()).join('\n');
    assert.match(text, /3 requests, 0 served from cache/);
    assert.match(text, /time to first token: p50 100 ms, p95 120 ms \(3 answers\)/);
    assert.match(text, /total time: p50 200 ms, p95 240 ms/);
    assert.match(text, /shown 3 \(100%\), accepted 1 \(33% of shown\)/);
    assert.match(formatSummary(new InlineStats().summary()).join('\n'), /time to first token: no answers yet/);
  });
});
