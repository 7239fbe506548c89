/**
 * Rolling gateway-ping latency statistics for one profile.
 *
 * Samples live in bounded ring buffers of typed arrays, so memory stays
 * constant however long the app runs: the oldest sample is overwritten once
 * `capacity` samples are held. Buffers start small and double up to
 * `capacity`, so a short-lived profile does not pay for a full day up front.
 */
import type { LatencyStats, LatencyWindow } from '../../../shared/live-status';
import { LATENCY_WINDOWS } from '../../../shared/live-status';
import { percentile } from '../../../shared/percentile';

/** Length of each live window in ms. */
export const LATENCY_WINDOW_MS: Readonly<Record<LatencyWindow, number>> = {
  '1m': 60_000,
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
};

/** 24 h at one ping per second, plus ~4 % so a full day still fits when pings run slightly fast. */
export const DEFAULT_LATENCY_CAPACITY = 90_000;

/** Default wall-clock interval between recomputations of the large windows' order statistics. */
export const DEFAULT_LATENCY_REFRESH_MS = 10_000;

/** Default answered-sample count up to which the large windows are still computed exactly. */
export const DEFAULT_LATENCY_EXACT_UP_TO = 2_000;

/** Options of {@link createLatencyStats}. */
export interface LatencyStatsOptions {
  /** Most samples kept (older ones are overwritten). Default {@link DEFAULT_LATENCY_CAPACITY}. */
  capacity?: number;
  /**
   * The 1h and 24h windows, once they hold more than `exactUpTo` answered
   * pings, recompute min/percentiles/max/jitter at most this often (wall ms).
   * Default {@link DEFAULT_LATENCY_REFRESH_MS}.
   */
  refreshMs?: number;
  /**
   * Answered-ping count up to which the 1h and 24h windows are computed
   * exactly on every call (sorting that many numbers is cheap). Default
   * {@link DEFAULT_LATENCY_EXACT_UP_TO}.
   */
  exactUpTo?: number;
}

/** One recorded ping: wall ms and round trip in ms, `null` when lost. */
export interface LatencySample {
  at: number;
  rttMs: number | null;
  /** Counted as answered, but in no order statistic (docs/architecture.md §3.11). */
  disturbed?: true;
}

/**
 * Handle returned by {@link createLatencyStats}.
 *
 * Figures per window (see {@link LATENCY_WINDOW_MS}), for the samples with
 * `nowWall − length < at ≤ nowWall`:
 * - `count` / `lost` / `lossPct` are exact on every call (prefix counts, O(log n)).
 * - `min`, `p50`, `p95`, `p99`, `max` use the **nearest-rank** method of
 *   `shared/percentile.ts` (the chart and the probe use it too): the p-th
 *   percentile of N sorted answered RTTs is the value at 1-based rank
 *   ⌈p·N/100⌉, so every figure is an RTT that was actually measured.
 * - `jitter` is the mean absolute difference of consecutive answered RTTs
 *   (lost pings in between are skipped, not counted as a difference).
 * - "No data" differs from "down": an empty window has `lossPct` and every
 *   latency figure `null`; a window of lost pings only has `count` 0, `lost`
 *   N, `lossPct` 100 and latency figures `null`.
 *
 * Cost trade-off: `all()` runs on every ping of every profile, and the 24 h
 * window can hold 86 400 samples, too many to sort each time. The 1m and 15m
 * windows (≤ 900 samples at 1 Hz) are always sorted exactly. The 1h and 24h
 * windows are exact while they hold ≤ `exactUpTo` answered pings; above that
 * their order statistics and jitter are cached and recomputed at most every
 * `refreshMs` of wall time, so they may lag the newest pings by up to
 * `refreshMs`. Their counts and loss stay exact.
 */
export interface LatencyTracker {
  /**
   * Add one ping result. `atWall` is expected to be non-decreasing; an
   * earlier timestamp is clamped to the latest one so windows stay sorted.
   * Throws `RangeError` for a non-finite time or a negative/non-finite RTT
   * (a caller bug, not gateway input).
   */
  record(atWall: number, rttMs: number | null, disturbed?: boolean): void;
  /** Figures of one window as of `nowWall`. */
  window(w: LatencyWindow, nowWall: number): LatencyStats;
  /** Figures of every window as of `nowWall`. */
  all(nowWall: number): Record<LatencyWindow, LatencyStats>;
  /** The last `n` RTTs (null = lost), oldest first; fewer when fewer are held. */
  recent(n: number): Array<number | null>;
  /** The newest sample, or null when none is held. */
  last(): LatencySample | null;
  /** Number of samples held (never more than the capacity). */
  size(): number;
  /** Forget every sample. */
  clear(): void;
}

interface OrderFigures {
  min: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  jitter: number | null;
}

interface CachedFigures {
  computedAt: number;
  figures: OrderFigures;
}

const EMPTY_FIGURES: OrderFigures = {
  min: null,
  p50: null,
  p95: null,
  p99: null,
  max: null,
  jitter: null,
};

const INITIAL_ALLOC = 1024;

// One sort buffer shared by every tracker: figures are computed synchronously
// on the single JS thread, so no two computations can use it at once, and a
// hundred profiles do not each hold a day-sized scratch array.
let scratch = new Float64Array(INITIAL_ALLOC);

function scratchOf(n: number): Float64Array {
  if (scratch.length < n) {
    let len = scratch.length;
    while (len < n) len *= 2;
    scratch = new Float64Array(len);
  }
  return scratch;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Create the latency statistics of one profile (see {@link LatencyTracker}
 * for the exact meaning of every figure and the caching trade-off).
 */
export function createLatencyStats(opts: LatencyStatsOptions = {}): LatencyTracker {
  const capacity = positiveInt(opts.capacity, DEFAULT_LATENCY_CAPACITY, 'capacity');
  const refreshMs = Math.max(0, opts.refreshMs ?? DEFAULT_LATENCY_REFRESH_MS);
  const exactUpTo = Math.max(0, opts.exactUpTo ?? DEFAULT_LATENCY_EXACT_UP_TO);

  let alloc = Math.min(capacity, INITIAL_ALLOC);
  let ats = new Float64Array(alloc);
  // NaN marks a lost ping; a negative value −(rtt + 1) a disturbed answer.
  let rtts = new Float64Array(alloc);
  // Answered pings recorded since clear(), up to and including this slot,
  // modulo 2^32: differences of two entries give a window's answered count in
  // O(1) whatever the window length (wrap-around is harmless under `>>> 0`).
  let cum = new Uint32Array(alloc);
  let head = 0;
  let count = 0;
  let answeredTotal = 0;
  const cache = new Map<LatencyWindow, CachedFigures>();

  const slot = (i: number): number => {
    const j = head + i;
    return j >= alloc ? j - alloc : j;
  };

  const grow = (): void => {
    // Buffers only grow before the first wrap, so `head` is still 0 here.
    const next = Math.min(capacity, alloc * 2);
    const a = new Float64Array(next);
    const r = new Float64Array(next);
    const c = new Uint32Array(next);
    a.set(ats);
    r.set(rtts);
    c.set(cum);
    ats = a;
    rtts = r;
    cum = c;
    alloc = next;
  };

  /** First logical index whose timestamp is > t (binary search; timestamps are sorted). */
  const firstAfter = (t: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ats[slot(mid)] ?? 0) > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  /** Answered pings in logical range [s, e). */
  const answeredIn = (s: number, e: number): number => {
    if (e <= s) return 0;
    const first = slot(s);
    const r = rtts[first] ?? Number.NaN;
    const before = ((cum[first] ?? 0) - (Number.isNaN(r) ? 0 : 1)) >>> 0;
    return ((cum[slot(e - 1)] ?? 0) - before) >>> 0;
  };

  const computeFigures = (s: number, e: number, answered: number): OrderFigures => {
    const buf = scratchOf(answered);
    let n = 0;
    let prev = Number.NaN;
    let diffSum = 0;
    let pairs = 0;
    let j = slot(s);
    for (let i = s; i < e; i++) {
      const v = rtts[j] ?? Number.NaN;
      j = j + 1 === alloc ? 0 : j + 1;
      if (Number.isNaN(v) || v < 0) continue;
      buf[n++] = v;
      if (!Number.isNaN(prev)) {
        diffSum += Math.abs(v - prev);
        pairs++;
      }
      prev = v;
    }
    // Only disturbed answers: counted, but no figure to show.
    if (n === 0) return EMPTY_FIGURES;
    const sorted = buf.subarray(0, n).sort();
    return {
      min: sorted[0] ?? null,
      p50: percentile(sorted, 50, n),
      p95: percentile(sorted, 95, n),
      p99: percentile(sorted, 99, n),
      max: sorted[n - 1] ?? null,
      jitter: pairs > 0 ? diffSum / pairs : null,
    };
  };

  const windowStats = (w: LatencyWindow, nowWall: number): LatencyStats => {
    const e = firstAfter(nowWall);
    const s = Math.min(e, firstAfter(nowWall - LATENCY_WINDOW_MS[w]));
    const answered = answeredIn(s, e);
    const lost = e - s - answered;
    const total = answered + lost;
    let figures: OrderFigures;
    if (answered === 0) {
      figures = EMPTY_FIGURES;
    } else if (w === '1m' || w === '15m' || answered <= exactUpTo) {
      figures = computeFigures(s, e, answered);
    } else {
      const hit = cache.get(w);
      // A clock that went backwards makes the cache meaningless: recompute.
      if (hit && nowWall >= hit.computedAt && nowWall - hit.computedAt < refreshMs) {
        figures = hit.figures;
      } else {
        figures = computeFigures(s, e, answered);
        cache.set(w, { computedAt: nowWall, figures });
      }
    }
    return {
      window: w,
      count: answered,
      lost,
      lossPct: total === 0 ? null : (lost / total) * 100,
      ...figures,
    };
  };

  return {
    record(atWall, rttMs, disturbed = false) {
      if (!Number.isFinite(atWall)) throw new RangeError(`atWall must be finite, got ${atWall}`);
      if (rttMs !== null && !(Number.isFinite(rttMs) && rttMs >= 0)) {
        throw new RangeError(`rttMs must be a finite non-negative number or null, got ${rttMs}`);
      }
      let at = atWall;
      if (count > 0) {
        const lastAt = ats[slot(count - 1)] ?? at;
        if (at < lastAt) at = lastAt;
      }
      if (count === alloc && alloc < capacity) grow();
      let target: number;
      if (count < alloc) {
        target = slot(count);
        count++;
      } else {
        target = head;
        head = head + 1 === alloc ? 0 : head + 1;
      }
      if (rttMs !== null) answeredTotal = (answeredTotal + 1) >>> 0;
      ats[target] = at;
      rtts[target] = rttMs === null ? Number.NaN : disturbed ? -(rttMs + 1) : rttMs;
      cum[target] = answeredTotal;
    },

    window: windowStats,

    all(nowWall) {
      const out = {} as Record<LatencyWindow, LatencyStats>;
      for (const w of LATENCY_WINDOWS) out[w] = windowStats(w, nowWall);
      return out;
    },

    recent(n) {
      const k = Math.max(0, Math.min(count, Math.floor(n)));
      const out = new Array<number | null>(k);
      for (let i = 0; i < k; i++) {
        const v = rtts[slot(count - k + i)] ?? Number.NaN;
        out[i] = Number.isNaN(v) ? null : v < 0 ? -v - 1 : v;
      }
      return out;
    },

    last() {
      if (count === 0) return null;
      const j = slot(count - 1);
      const v = rtts[j] ?? Number.NaN;
      if (v < 0) return { at: ats[j] ?? 0, rttMs: -v - 1, disturbed: true };
      return { at: ats[j] ?? 0, rttMs: Number.isNaN(v) ? null : v };
    },

    size: () => count,

    clear() {
      alloc = Math.min(capacity, INITIAL_ALLOC);
      ats = new Float64Array(alloc);
      rtts = new Float64Array(alloc);
      cum = new Uint32Array(alloc);
      head = 0;
      count = 0;
      answeredTotal = 0;
      cache.clear();
    },
  };
}
