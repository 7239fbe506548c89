/** A disturbed answer counts as answered but stays out of every order statistic. */
import { describe, expect, it } from 'vitest';
import { createLatencyStats } from '../../../../electron/core/monitor/latency-stats';

describe('disturbed samples in the latency windows', () => {
  it('are counted, shown as the last RTT, and left out of min/percentiles/max/jitter', () => {
    const l = createLatencyStats();
    l.record(1000, 10);
    l.record(2000, 900, true);
    l.record(3000, 12);
    l.record(4000, null);
    l.record(5000, 500, true);
    const w = l.window('1m', 5000);
    expect(w.count).toBe(4);
    expect(w.lost).toBe(1);
    expect([w.min, w.max, w.p95, w.jitter]).toEqual([10, 12, 12, 2]);
    expect(l.last()).toEqual({ at: 5000, rttMs: 500, disturbed: true });
    expect(l.recent(5)).toEqual([10, 900, 12, null, 500]);
  });

  it('a window of disturbed answers only has no latency figures', () => {
    const l = createLatencyStats();
    l.record(1000, 7, true);
    const w = l.window('1m', 1000);
    expect(w.count).toBe(1);
    expect([w.min, w.p50, w.max, w.jitter]).toEqual([null, null, null, null]);
  });

  it('an answer within the clock resolution reads 0 ms, undisturbed, beside a disturbed 0 ms one', () => {
    const l = createLatencyStats();
    l.record(1000, 0);
    expect(l.last()).toEqual({ at: 1000, rttMs: 0 });
    l.record(2000, 0, true);
    expect(l.last()).toEqual({ at: 2000, rttMs: 0, disturbed: true });
    expect(l.recent(2)).toEqual([0, 0]);
    expect(l.window('1m', 2000).p50).toBe(0);
  });
});
