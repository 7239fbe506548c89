/**
 * The one percentile definition of Shardwatch, used by the live latency
 * table (`electron/core/monitor/latency-stats.ts`), the history rollups
 * behind the latency chart (`shared/bucket-summary.ts`) and
 * `shardwatch probe`, so the same pings give the same p95 on every screen.
 *
 * **Nearest rank**: the p-th percentile of N ascending values is the value at
 * 1-based rank ⌈p·N/100⌉ (at least 1). Every figure is therefore an RTT that
 * was actually measured, never a value between two pings, and p0 is the
 * minimum, p100 the maximum.
 */

/**
 * Nearest-rank percentile of the first `n` values of `sorted`.
 *
 * @param sorted ascending values (only the first `n` are read, so a caller
 *   may pass a larger scratch buffer)
 * @param p percentile, 0–100 (clamped)
 * @param n how many values count; defaults to all of `sorted`
 * @returns the value at rank ⌈p·n/100⌉; `NaN` when `n` is 0 (callers show "no data" first)
 */
export function percentile(
  sorted: ArrayLike<number>,
  p: number,
  n: number = sorted.length,
): number {
  if (n < 1) return Number.NaN;
  const q = Math.min(100, Math.max(0, p));
  // Integer product first so 95·20/100 is exactly 19, not 19.000000000000004.
  const rank = Math.min(n, Math.max(1, Math.ceil((q * n) / 100)));
  return sorted[rank - 1] ?? Number.NaN;
}
