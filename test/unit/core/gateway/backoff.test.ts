import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from '../../../../electron/core/gateway/backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and caps at 60 s without jitter spread (random = 1)', () => {
    const delays = Array.from({ length: 10 }, (_, i) => backoffDelay(i, DEFAULT_BACKOFF, () => 1));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
  });

  it('stays within [base/2, base] for any jitter value', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const base = Math.min(60_000, 1000 * 2 ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        expect(d).toBeGreaterThanOrEqual(base / 2);
        expect(d).toBeLessThanOrEqual(base);
      }
    }
  });

  it('never exceeds the cap, even for huge attempts or a bad random source', () => {
    expect(backoffDelay(1e9, DEFAULT_BACKOFF, () => 5)).toBe(60_000);
    expect(backoffDelay(Infinity, DEFAULT_BACKOFF, () => 0)).toBe(30_000);
    expect(backoffDelay(-3, DEFAULT_BACKOFF, () => -1)).toBe(500);
  });
});
