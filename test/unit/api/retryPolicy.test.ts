import * as assert from 'assert';
import { ApiError } from '../../../src/api';
import { backoffDelayMs, parseRetryAfter, RETRY_AFTER_CAP_MS, retryDelayMs } from '../../../src/api/retryPolicy';

function headers(values: Record<string, string>): { get(name: string): string | null } {
  return { get: (name) => values[name] ?? null };
}

describe('api/retryPolicy', () => {
  it('reads retry-after-ms before retry-after', () => {
    assert.strictEqual(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    assert.strictEqual(parseRetryAfter(headers({ 'retry-after': '2' })), 2000);
    assert.strictEqual(parseRetryAfter(headers({ 'retry-after': '1.5' })), 1500);
    assert.strictEqual(parseRetryAfter(headers({})), undefined);
    assert.strictEqual(parseRetryAfter(headers({ 'retry-after': 'soon' })), undefined);
  });

  it('reads retry-after as an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    assert.strictEqual(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:07 GMT' }), now), 7000);
    assert.strictEqual(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2026 07:27:00 GMT' }), now), 0);
  });

  it('backs off 0.5 s doubling, with up to 25 % jitter', () => {
    assert.deepStrictEqual([1, 2, 3].map((n) => backoffDelayMs(n, () => 0)), [500, 1000, 2000]);
    assert.deepStrictEqual([1, 2, 3].map((n) => backoffDelayMs(n, () => 0.999999)), [375, 750, 1500]);
    assert.strictEqual(backoffDelayMs(20, () => 0), 8000);
  });

  it('decides when to retry', () => {
    const limited = (retryAfterMs?: number): ApiError => new ApiError('rate_limited', 'x', { status: 429, retryAfterMs });
    assert.strictEqual(retryDelayMs(limited(10), 1, 2, false), 10);
    assert.strictEqual(retryDelayMs(limited(10), 3, 2, false), undefined, 'retries used up');
    assert.strictEqual(retryDelayMs(limited(10), 1, 2, true), undefined, 'text already delivered');
    assert.strictEqual(retryDelayMs(limited(RETRY_AFTER_CAP_MS + 1), 1, 2, false), undefined, 'beyond the cap');
    assert.strictEqual(retryDelayMs(new ApiError('bad_request', 'x', { status: 400 }), 1, 2, false), undefined);
    assert.strictEqual(retryDelayMs(new ApiError('timeout', 'x'), 1, 2, false), undefined, 'own timeouts are not retried');
    const network = retryDelayMs(new ApiError('network', 'x'), 1, 2, false);
    assert.ok(network !== undefined && network >= 375 && network <= 500);
  });
});
