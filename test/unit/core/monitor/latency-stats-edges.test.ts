/**
 * Latency statistics at their edges: the buffer growing from its first
 * allocation (nothing recorded before is lost), a capacity that is not a
 * power of two, clear(), settings refused with a clear error, the default
 * settings, and the cached 1h / 24h figures when the clock goes backwards or
 * the window slides.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LATENCY_EXACT_UP_TO,
  DEFAULT_LATENCY_REFRESH_MS,
  createLatencyStats,
} from '../../../../electron/core/monitor/latency-stats';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const SEC = 1_000;
const MIN = 60 * SEC;

describe('latency stats: growing and bounded buffers', () => {
  it('keeps every sample recorded before the buffer grew', () => {
    const stats = createLatencyStats({ capacity: 5000 });
    // 1500 one-second pings with RTT 1, 2, 3 … (every 100th lost): past the first allocation.
    for (let i = 0; i < 1500; i++) stats.record(T0 + i * SEC, i % 100 === 99 ? null : i + 1);
    const now = T0 + 1499 * SEC;
    const day = stats.window('24h', now);
    expect([day.count, day.lost, day.min, day.max]).toEqual([1485, 15, 1, 1499]);
    expect(stats.recent(2000)).toHaveLength(1500);
    expect(stats.recent(2000).slice(0, 3)).toEqual([1, 2, 3]);
    // The first minute of the run is still found by time.
    expect(stats.window('1m', T0 + 59 * SEC)).toMatchObject({ count: 60, min: 1, max: 60 });
  });

  it('never holds more than a capacity that is not a power of two', () => {
    const stats = createLatencyStats({ capacity: 1500 });
    for (let i = 0; i < 3000; i++) stats.record(T0 + i * SEC, i);
    expect(stats.size()).toBe(1500);
    const day = stats.window('24h', T0 + 2999 * SEC);
    expect([day.count, day.min, day.max]).toEqual([1500, 1500, 2999]);
  });

  it('stays within its capacity after clear()', () => {
    const stats = createLatencyStats({ capacity: 5 });
    stats.record(T0, 1);
    stats.clear();
    for (let i = 1; i <= 12; i++) stats.record(T0 + i * SEC, i);
    expect(stats.size()).toBe(5);
    expect(stats.recent(10)).toEqual([8, 9, 10, 11, 12]);
  });
});

describe('latency stats: settings and bad input', () => {
  it('refuses a capacity that is not a positive whole number, naming it', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN])
      expect(() => createLatencyStats({ capacity }), `${capacity}`).toThrow(
        /capacity must be a positive integer/,
      );
    const one = createLatencyStats({ capacity: 1 });
    one.record(T0, 5);
    one.record(T0 + SEC, 6);
    expect(one.recent(5)).toEqual([6]);
  });

  it('says which value was wrong when a sample is refused', () => {
    const stats = createLatencyStats();
    expect(() => stats.record(Number.POSITIVE_INFINITY, 1)).toThrow(/atWall must be finite/);
    expect(() => stats.record(T0, -3)).toThrow(/rttMs must be .*-3/);
  });

  it(`by default computes 1h / 24h exactly up to ${DEFAULT_LATENCY_EXACT_UP_TO} answered pings, then refreshes them every ${DEFAULT_LATENCY_REFRESH_MS / 1000} s`, () => {
    const stats = createLatencyStats();
    stats.record(T0, 10);
    expect(stats.window('1h', T0).max).toBe(10);
    stats.record(T0 + SEC, 90);
    // Few pings: exact on every call.
    expect(stats.window('1h', T0 + SEC).max).toBe(90);
    for (let i = 2; i <= DEFAULT_LATENCY_EXACT_UP_TO; i++) stats.record(T0 + i * 100, 20);
    const t1 = T0 + DEFAULT_LATENCY_EXACT_UP_TO * 100;
    expect(stats.window('1h', t1).count).toBe(DEFAULT_LATENCY_EXACT_UP_TO + 1);
    expect(stats.window('1h', t1).max).toBe(90);
    stats.record(t1 + SEC, 700);
    // Many pings: the 1h figures lag until the refresh interval has passed.
    expect(stats.window('1h', t1 + SEC).max).toBe(90);
    expect(stats.window('1h', t1 + DEFAULT_LATENCY_REFRESH_MS - 1).max).toBe(90);
    expect(stats.window('1h', t1 + DEFAULT_LATENCY_REFRESH_MS).max).toBe(700);
  });
});

describe('latency stats: cached 1h / 24h figures', () => {
  it('1m and 15m are never cached, even after a query', () => {
    const stats = createLatencyStats({ refreshMs: 60 * MIN, exactUpTo: 0 });
    stats.record(T0, 10);
    expect(stats.window('1m', T0).max).toBe(10);
    expect(stats.window('15m', T0).max).toBe(10);
    expect(stats.window('1h', T0).max).toBe(10);
    stats.record(T0 + SEC, 80);
    expect(stats.window('1m', T0 + SEC).max).toBe(80);
    expect(stats.window('15m', T0 + SEC).max).toBe(80);
    expect(stats.window('1h', T0 + SEC).max).toBe(10);
  });

  it('at exactly exactUpTo answered pings the figures are still exact as the window slides', () => {
    const stats = createLatencyStats({ refreshMs: 60 * MIN, exactUpTo: 2 });
    stats.record(T0, 50);
    stats.record(T0 + 30 * MIN, 10);
    expect(stats.window('1h', T0 + 59 * MIN).max).toBe(50);
    stats.record(T0 + 61 * MIN, 20);
    // The 50 ms ping left the hour; two answered pings remain.
    const later = stats.window('1h', T0 + 61 * MIN);
    expect([later.count, later.max]).toEqual([2, 20]);
  });

  it('keeps cached figures for refreshMs from the instant they were computed, not beyond', () => {
    const stats = createLatencyStats({ refreshMs: 10 * SEC, exactUpTo: 0 });
    stats.record(T0, 10);
    expect(stats.window('1h', T0).max).toBe(10);
    stats.record(T0, 70);
    expect(stats.window('1h', T0).max).toBe(10);
    expect(stats.window('1h', T0 + 10 * SEC).max).toBe(70);
  });

  it('recomputes when the clock went backwards', () => {
    const stats = createLatencyStats({ refreshMs: 10 * MIN, exactUpTo: 0 });
    stats.record(T0, 10);
    expect(stats.window('1h', T0 + 5 * MIN).max).toBe(10);
    stats.record(T0 + SEC, 70);
    expect(stats.window('1h', T0 + 2 * SEC).max).toBe(70);
  });

  it('forgets cached figures on clear()', () => {
    const stats = createLatencyStats({ refreshMs: 60 * MIN, exactUpTo: 0 });
    stats.record(T0, 30);
    expect(stats.window('24h', T0).p50).toBe(30);
    stats.clear();
    stats.record(T0 + SEC, 70);
    expect(stats.window('24h', T0 + SEC).p50).toBe(70);
  });
});
