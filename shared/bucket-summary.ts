/**
 * Latency bucket summaries: what one rollup row or one chart point holds
 * (SmokePing style: spread as p5/p50/p95 plus min/max, loss as a count).
 * Pure functions so the percentile maths is tested on its own. Percentiles
 * of raw samples are nearest-rank (`shared/percentile.ts`), as in the live
 * latency table and the probe. Shared so the history rollups and the live
 * latency chart (which appends pings as they arrive) build a point the same
 * way.
 */
import { percentile } from './percentile';

/** Summary of the pings that fell in one time bucket. */
export interface BucketSummary {
  /** Pings answered (same meaning as `LatencyStats.count`). */
  count: number;
  /** Pings lost. `count + lost` is every ping sent in the bucket. */
  lost: number;
  /** RTT figures in ms over the answered pings; `null` when `count` is 0. */
  min: number | null;
  max: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  /** Sum of answered RTTs, so a mean survives merging (`sum / count`). */
  sum: number;
  /**
   * Pings answered while the app could not time them honestly (disturbed,
   * docs/architecture.md §3.11): in neither `count` nor any RTT figure.
   * `count + lost + disturbed` is every ping sent in the bucket.
   */
  disturbed: number;
}

/** A bucket with no timed answer: no RTT figure. */
function noFigures(lost: number, disturbed: number): BucketSummary {
  return {
    count: 0,
    lost,
    min: null,
    max: null,
    p5: null,
    p50: null,
    p95: null,
    sum: 0,
    disturbed,
  };
}

/**
 * Exact summary of raw samples (`null` = lost ping); `disturbed` counts the
 * disturbed answers of the bucket, which the caller leaves out of `rtts`. Used for every rollup
 * row (minute and hour rollups are both computed from raw samples) and for
 * chart buckets read from raw samples.
 */
export function summarize(rtts: ReadonlyArray<number | null>, disturbed = 0): BucketSummary {
  const answered: number[] = [];
  let lost = 0;
  let sum = 0;
  for (const v of rtts) {
    if (v === null) lost++;
    else {
      answered.push(v);
      sum += v;
    }
  }
  if (answered.length === 0) {
    return noFigures(lost, disturbed);
  }
  const sorted = Float64Array.from(answered).sort();
  return {
    count: sorted.length,
    lost,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    p5: percentile(sorted, 5),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    sum,
    disturbed,
  };
}

const KNOT_P = [0, 0.05, 0.5, 0.95, 1] as const;

/** Piecewise-linear CDF through (min,0) (p5,.05) (p50,.5) (p95,.95) (max,1). */
function knotCdf(knots: readonly number[], x: number): number {
  if (x < (knots[0] as number)) return 0;
  for (let i = 0; i < 4; i++) {
    const a = knots[i] as number;
    const b = knots[i + 1] as number;
    // Loop invariant: x >= a, so x < b implies b > a (no division by zero).
    if (x < b) {
      const pa = KNOT_P[i] as number;
      const pb = KNOT_P[i + 1] as number;
      return pa + ((x - a) / (b - a)) * (pb - pa);
    }
  }
  return 1;
}

/**
 * Merge summaries of adjacent buckets into one (e.g. ten 1-minute rollups
 * into a 10-minute chart point).
 *
 * Counts, loss, sum, min and max merge exactly. Percentiles cannot be merged
 * exactly from percentiles, so they are APPROXIMATED: each part is modelled as
 * a distribution whose CDF is piecewise linear through its min/p5/p50/p95/max,
 * the parts are mixed weighted by their answered counts, and the mixture is
 * inverted at 0.05/0.5/0.95 by bisection. Merging parts with the same
 * distribution returns (nearly) their own percentiles; a single part is
 * returned unchanged.
 */
export function mergeSummaries(parts: readonly BucketSummary[]): BucketSummary {
  let count = 0;
  let lost = 0;
  let sum = 0;
  let disturbed = 0;
  let min = Infinity;
  let max = -Infinity;
  const withData: BucketSummary[] = [];
  for (const p of parts) {
    count += p.count;
    lost += p.lost;
    sum += p.sum;
    disturbed += p.disturbed;
    if (p.count > 0 && p.min !== null && p.max !== null) {
      withData.push(p);
      if (p.min < min) min = p.min;
      if (p.max > max) max = p.max;
    }
  }
  if (withData.length === 0) return noFigures(lost, disturbed);
  if (withData.length === 1) {
    const only = withData[0] as BucketSummary;
    return { ...only, count, lost, sum, disturbed };
  }
  const knots = withData.map((p) => {
    const lo = p.min as number;
    const hi = p.max as number;
    // Clamp so the knots are non-decreasing even if a stored row is odd.
    const k5 = Math.min(hi, Math.max(lo, p.p5 ?? lo));
    const k50 = Math.min(hi, Math.max(k5, p.p50 ?? k5));
    const k95 = Math.min(hi, Math.max(k50, p.p95 ?? k50));
    return [lo, k5, k50, k95, hi];
  });
  const weights = withData.map((p) => p.count);
  const total = count;
  const mixture = (x: number): number => {
    let acc = 0;
    for (let i = 0; i < knots.length; i++) {
      acc += (weights[i] as number) * knotCdf(knots[i] as number[], x);
    }
    return acc / total;
  };
  const invert = (q: number): number => {
    let lo = min;
    let hi = max;
    // 50 halvings take any realistic RTT span below a nanosecond.
    for (let i = 0; i < 50 && hi - lo > 1e-9; i++) {
      const mid = (lo + hi) / 2;
      if (mixture(mid) >= q) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  return {
    count,
    lost,
    min,
    max,
    p5: invert(0.05),
    p50: invert(0.5),
    p95: invert(0.95),
    sum,
    disturbed,
  };
}
