import { describe, expect, it } from 'vitest';
import { createLatencyStats } from '../../../../electron/core/monitor/latency-stats';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

describe('latency stats: percentiles (nearest rank)', () => {
  it('gives exact nearest-rank figures on 1..100 recorded in shuffled order', () => {
    const stats = createLatencyStats();
    // A fixed permutation of 1..100 so sorting is really exercised.
    const values = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    values.forEach((v, i) => stats.record(T0 + i * 100, v));
    const s = stats.window('1m', T0 + 10 * SEC);
    expect(s).toMatchObject({ count: 100, lost: 0, lossPct: 0 });
    expect([s.min, s.p50, s.p95, s.p99, s.max]).toEqual([1, 50, 95, 99, 100]);
  });

  it('picks measured values at rank ⌈p·N/100⌉ on small sets', () => {
    const five = createLatencyStats();
    [50, 10, 40, 20, 30].forEach((v, i) => five.record(T0 + i * SEC, v));
    const a = five.window('1m', T0 + 5 * SEC);
    expect([a.min, a.p50, a.p95, a.p99, a.max]).toEqual([10, 30, 50, 50, 50]);

    const twenty = createLatencyStats();
    for (let v = 20; v >= 1; v--) twenty.record(T0 + (20 - v) * SEC, v);
    const b = twenty.window('1m', T0 + 20 * SEC);
    // Rank ⌈0.95·20⌉ = 19: p95 is the 19th value, not the max.
    expect([b.p50, b.p95, b.p99, b.max]).toEqual([10, 19, 20, 20]);
  });

  it('gives one sample as every figure and no jitter', () => {
    const stats = createLatencyStats();
    stats.record(T0, 42.5);
    expect(stats.window('1m', T0)).toEqual({
      window: '1m',
      count: 1,
      lost: 0,
      lossPct: 0,
      min: 42.5,
      p50: 42.5,
      p95: 42.5,
      p99: 42.5,
      max: 42.5,
      jitter: null,
    });
  });
});

describe('latency stats: windows, loss and jitter', () => {
  it('includes a sample while now − length < at ≤ now', () => {
    const stats = createLatencyStats();
    stats.record(T0, 100);
    stats.record(T0 + 30 * SEC, 200);
    // At T0 + 60 s the first sample is exactly one minute old: out of 1m.
    const atMinute = stats.window('1m', T0 + MIN);
    expect([atMinute.count, atMinute.min, atMinute.max]).toEqual([1, 200, 200]);
    const justBefore = stats.window('1m', T0 + MIN - 1);
    expect([justBefore.count, justBefore.min]).toEqual([2, 100]);
    // Longer windows still hold both.
    expect(stats.window('15m', T0 + MIN).count).toBe(2);
    // Querying a time before a sample leaves that sample out.
    expect(stats.window('1m', T0 + 10 * SEC).count).toBe(1);
  });

  it('tells "no data" (empty window) from "down" (only lost pings)', () => {
    const stats = createLatencyStats();
    const empty = stats.window('1m', T0);
    expect(empty).toMatchObject({ count: 0, lost: 0, lossPct: null, p50: null, jitter: null });

    stats.record(T0, null);
    stats.record(T0 + SEC, null);
    stats.record(T0 + 2 * SEC, null);
    const down = stats.window('1m', T0 + 2 * SEC);
    expect(down).toEqual({
      window: '1m',
      count: 0,
      lost: 3,
      lossPct: 100,
      min: null,
      p50: null,
      p95: null,
      p99: null,
      max: null,
      jitter: null,
    });
    // Two minutes later the lost pings have left the window: no data again.
    expect(stats.window('1m', T0 + 3 * MIN).lossPct).toBeNull();
  });

  it('computes loss % over answered plus lost', () => {
    const stats = createLatencyStats();
    [10, null, 12, 11, null, 13, 10, 10].forEach((v, i) => stats.record(T0 + i * SEC, v));
    const s = stats.window('1m', T0 + 10 * SEC);
    expect([s.count, s.lost, s.lossPct]).toEqual([6, 2, 25]);
  });

  it('measures jitter between consecutive answered RTTs, skipping lost ones', () => {
    const stats = createLatencyStats();
    [10, null, 14, 11].forEach((v, i) => stats.record(T0 + i * SEC, v));
    // Pairs (10,14) and (14,11): (4 + 3) / 2.
    expect(stats.window('1m', T0 + 5 * SEC).jitter).toBe(3.5);
    // Order matters, not just the set: the same values sorted have jitter 2.
    const sorted = createLatencyStats();
    [10, 11, 14].forEach((v, i) => sorted.record(T0 + i * SEC, v));
    expect(sorted.window('1m', T0 + 5 * SEC).jitter).toBe(2);
  });

  it('returns every window from all()', () => {
    const stats = createLatencyStats();
    stats.record(T0, 5);
    stats.record(T0 + 30 * MIN, 7);
    const all = stats.all(T0 + 30 * MIN);
    expect(Object.keys(all)).toEqual(['1m', '15m', '1h', '24h']);
    expect([all['1m'].count, all['15m'].count, all['1h'].count, all['24h'].count]).toEqual([
      1, 1, 2, 2,
    ]);
    expect(all['24h'].window).toBe('24h');
  });

  it('clamps a timestamp earlier than the last one', () => {
    const stats = createLatencyStats();
    stats.record(T0 + 10 * SEC, 1);
    stats.record(T0, 2);
    expect(stats.last()).toEqual({ at: T0 + 10 * SEC, rttMs: 2 });
    // Both are still found in the window ending at the later time.
    expect(stats.window('1m', T0 + 10 * SEC).count).toBe(2);
  });

  it('rejects non-finite times and negative RTTs', () => {
    const stats = createLatencyStats();
    expect(() => stats.record(Number.NaN, 1)).toThrow(RangeError);
    expect(() => stats.record(T0, -1)).toThrow(RangeError);
    expect(() => stats.record(T0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(stats.size()).toBe(0);
  });
});

describe('latency stats: ring buffer', () => {
  it('keeps at most `capacity` samples and computes over the newest ones after wrapping', () => {
    const stats = createLatencyStats({ capacity: 5 });
    for (let i = 1; i <= 12; i++) stats.record(T0 + i * SEC, i % 4 === 0 ? null : i * 10);
    expect(stats.size()).toBe(5);
    // Held: 80(lost) 90 100 110 120(lost) → answered 90, 100, 110.
    expect(stats.recent(10)).toEqual([null, 90, 100, 110, null]);
    const s = stats.window('1m', T0 + 12 * SEC);
    expect([s.count, s.lost, s.min, s.p50, s.max, s.jitter]).toEqual([3, 2, 90, 100, 110, 10]);
    expect(s.lossPct).toBe(40);
    expect(stats.last()).toEqual({ at: T0 + 12 * SEC, rttMs: null });
  });

  it('stays bounded and right over a run far longer than the capacity, across buffer growth', () => {
    const capacity = 3_000;
    const stats = createLatencyStats({ capacity });
    // 20 000 one-second pings; every 10th lost.
    for (let i = 0; i < 20_000; i++) stats.record(T0 + i * SEC, i % 10 === 9 ? null : i % 100);
    expect(stats.size()).toBe(capacity);
    const now = T0 + 19_999 * SEC;
    // The newest 3 000 samples span 50 minutes: the 1h window holds exactly them.
    const hour = stats.window('1h', now);
    expect(hour.count + hour.lost).toBe(capacity);
    expect(hour.lost).toBe(300);
    expect(hour.lossPct).toBe(10);
    // The answered values are 0..98 except every x9 → min 0, max 98.
    expect([hour.min, hour.max]).toEqual([0, 98]);
    const minute = stats.window('1m', now);
    expect(minute.count + minute.lost).toBe(60);
    expect(stats.recent(3)).toEqual([97, 98, null]);
  });

  it('returns the last n RTTs oldest first', () => {
    const stats = createLatencyStats();
    expect(stats.recent(5)).toEqual([]);
    expect(stats.last()).toBeNull();
    [1, 2, null, 4].forEach((v, i) => stats.record(T0 + i, v));
    expect(stats.recent(2)).toEqual([null, 4]);
    expect(stats.recent(60)).toEqual([1, 2, null, 4]);
    expect(stats.recent(0)).toEqual([]);
  });

  it('forgets everything on clear()', () => {
    const stats = createLatencyStats();
    stats.record(T0, 10);
    stats.record(T0 + SEC, null);
    stats.clear();
    expect(stats.size()).toBe(0);
    expect(stats.last()).toBeNull();
    expect(stats.window('24h', T0 + SEC).lossPct).toBeNull();
    stats.record(T0 + 2 * SEC, 7);
    expect(stats.window('1m', T0 + 2 * SEC)).toMatchObject({ count: 1, lost: 0, p50: 7 });
  });
});

describe('latency stats: cached 1h / 24h figures', () => {
  it('lets large-window percentiles lag by at most refreshMs while counts stay exact', () => {
    const stats = createLatencyStats({ refreshMs: 10_000, exactUpTo: 0 });
    for (let i = 0; i < 10; i++) stats.record(T0 + i * SEC, 10 + i);
    const t1 = T0 + 9 * SEC;
    expect(stats.window('1h', t1).max).toBe(19);
    expect(stats.window('24h', t1).max).toBe(19);

    stats.record(T0 + 12 * SEC, 500);
    const t2 = T0 + 12 * SEC;
    const hourLagging = stats.window('1h', t2);
    expect(hourLagging.count).toBe(11);
    expect(hourLagging.max).toBe(19);
    expect(stats.window('24h', t2).max).toBe(19);
    // The short windows see the spike at once.
    expect(stats.window('1m', t2).max).toBe(500);
    expect(stats.window('15m', t2).max).toBe(500);

    // refreshMs after the cached computation, the figures catch up.
    const t3 = t1 + 10_000;
    expect(stats.window('1h', t3).max).toBe(500);
    expect(stats.window('24h', t3).max).toBe(500);
  });

  it('recomputes when the window empties and refills, never mixing figures with a zero count', () => {
    const stats = createLatencyStats({ refreshMs: 60 * MIN, exactUpTo: 0 });
    stats.record(T0, 30);
    expect(stats.window('1h', T0).p50).toBe(30);
    // Much later only lost pings: count 0 must mean null figures despite the cache.
    stats.record(T0 + 2 * HOUR, null);
    const lostOnly = stats.window('1h', T0 + 2 * HOUR);
    expect([lostOnly.count, lostOnly.p50, lostOnly.lossPct]).toEqual([0, null, 100]);
  });

  it('stays exact for large windows while they hold at most exactUpTo answered pings', () => {
    const stats = createLatencyStats({ refreshMs: 10_000, exactUpTo: 50 });
    stats.record(T0, 10);
    expect(stats.window('24h', T0).max).toBe(10);
    stats.record(T0 + SEC, 99);
    expect(stats.window('24h', T0 + SEC).max).toBe(99);
  });
});
