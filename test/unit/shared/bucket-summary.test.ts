import { describe, expect, it } from 'vitest';
import { mergeSummaries, summarize } from '../../../shared/bucket-summary';

describe('summarize', () => {
  it('counts answered and lost pings and gives exact min/max/percentiles', () => {
    const rtts: Array<number | null> = [];
    for (let v = 1; v <= 100; v++) rtts.push(v);
    rtts.push(null, null, null);
    const s = summarize(rtts);
    expect(s.count).toBe(100);
    expect(s.lost).toBe(3);
    expect(s.min).toBe(1);
    expect(s.max).toBe(100);
    // Nearest rank (shared/percentile.ts): measured values, never between two.
    expect(s.p50).toBe(50);
    expect(s.p5).toBe(5);
    expect(s.p95).toBe(95);
    expect(s.sum).toBe(5050);
  });

  it('does not depend on the order samples arrived in', () => {
    expect(summarize([30, 10, null, 20])).toEqual(summarize([10, 20, 30, null]));
  });

  it('has no latency figures when every ping was lost', () => {
    expect(summarize([null, null])).toEqual({
      count: 0,
      lost: 2,
      min: null,
      max: null,
      p5: null,
      p50: null,
      p95: null,
      sum: 0,
      disturbed: 0,
    });
  });

  it('counts disturbed answers apart, and merging adds them up', () => {
    const a = summarize([10, 20, null], 2);
    expect(a).toMatchObject({ count: 2, lost: 1, disturbed: 2, max: 20 });
    const onlyDisturbed = summarize([], 3);
    expect(onlyDisturbed).toMatchObject({ count: 0, disturbed: 3, p50: null });
    expect(mergeSummaries([a, onlyDisturbed, summarize([30], 1)])).toMatchObject({
      count: 3,
      lost: 1,
      disturbed: 6,
      max: 30,
    });
  });

  it('gives a single value as its own percentile', () => {
    expect(summarize([7])).toMatchObject({ p5: 7, p50: 7, p95: 7 });
  });
});

describe('mergeSummaries', () => {
  it('merges counts, loss, sum, min and max exactly', () => {
    const a = summarize([10, 20, null]);
    const b = summarize([5, 50]);
    const m = mergeSummaries([a, b]);
    expect(m.count).toBe(4);
    expect(m.lost).toBe(1);
    expect(m.sum).toBe(85);
    expect(m.min).toBe(5);
    expect(m.max).toBe(50);
  });

  it('returns a single part unchanged (no approximation)', () => {
    const a = summarize([1, 2, 3, 9]);
    expect(mergeSummaries([a, summarize([null])])).toEqual({ ...a, lost: 1 });
  });

  it('approximates percentiles of parts with the same distribution closely', () => {
    const one = (): Array<number | null> => Array.from({ length: 60 }, (_, i) => i + 1);
    const parts = Array.from({ length: 10 }, () => summarize(one()));
    const m = mergeSummaries(parts);
    const exact = summarize(Array.from({ length: 10 }, one).flat());
    expect(m.p50).toBeCloseTo(exact.p50 as number, 1);
    expect(Math.abs((m.p5 as number) - (exact.p5 as number))).toBeLessThan(0.5);
    expect(Math.abs((m.p95 as number) - (exact.p95 as number))).toBeLessThan(0.5);
  });

  it('weights parts by how many pings they hold', () => {
    // 90 pings at ~10 ms and 10 pings at ~100 ms: the median stays near 10.
    const fast = summarize(Array.from({ length: 90 }, (_, i) => 9 + (i % 3)));
    const slow = summarize(Array.from({ length: 10 }, (_, i) => 99 + (i % 3)));
    const m = mergeSummaries([fast, slow]);
    expect(m.p50 as number).toBeGreaterThan(9);
    expect(m.p50 as number).toBeLessThan(11);
    expect(m.p95 as number).toBeGreaterThan(90);
  });

  it('keeps loss when no part had an answer', () => {
    const m = mergeSummaries([summarize([null]), summarize([null, null])]);
    expect(m).toMatchObject({ count: 0, lost: 3, p50: null });
  });
});
