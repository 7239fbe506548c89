/**
 * History query benchmark: a day of 1 Hz pings for one profile (plus other
 * profiles sharing the file), then the 24 h chart query timed. The goal is
 * "well under 50 ms"; this reports figures and asserts nothing about time.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHistoryStore } from '../../electron/core/history';
import type { HistoryStore } from '../../electron/core/history';
import { createFakeClock } from '../support/fake-clock';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const DAY = 86_400_000;

/** Shape every benchmark returns to `test/bench/run.ts`. */
export interface HistoryBenchResult {
  name: string;
  lines: string[];
  figures: Record<string, number>;
}

/**
 * Fill a store with `hours` of pings at 1 Hz ending just before `endWall`
 * for each profile. RTTs wander between ~20 and ~80 ms and every 97th ping is
 * lost, so rollups and percentiles have real work to do. One flush per
 * profile keeps the rollup on its normal incremental path.
 *
 * @returns pings recorded per profile
 */
export function fillHistory(
  store: HistoryStore,
  profileIds: readonly string[],
  endWall: number,
  hours = 24,
): number {
  const n = hours * 3600;
  for (const [p, profileId] of profileIds.entries()) {
    for (let i = 0; i < n; i++) {
      const t = endWall - (n - i) * 1000;
      const rtt = i % 97 === 0 ? null : 50 + 25 * Math.sin(i / 600 + p) + (i % 7);
      store.recordPing(profileId, t, rtt);
    }
    if (!store.flush()) throw new Error(`could not write history for ${profileId}`);
  }
  return n;
}

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Time 50 runs of the 24 h chart query on a full day of 1 Hz data (4 profiles in the file). */
export async function benchHistoryQuery(): Promise<HistoryBenchResult> {
  const dir = makeTempDir('shardwatch-bench-history-');
  const clock = createFakeClock();
  const store = createHistoryStore({ file: join(dir, 'history.sqlite'), clock });
  try {
    const now = clock.wallNow();
    const fillStart = performance.now();
    const perProfile = fillHistory(store, ['bench-main', 'other-1', 'other-2', 'other-3'], now);
    const fillMs = performance.now() - fillStart;

    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const series = store.query({ profileId: 'bench-main', window: '24h' }, now);
      times.push(performance.now() - t0);
      points = series.points.length;
    }
    const rawTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      // A zoom to the last 6 h: bucketed straight from raw samples.
      store.query({ profileId: 'bench-main', window: '24h', from: now - DAY / 4, to: now }, now);
      rawTimes.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rawTimes.sort((a, b) => a - b);
    const stats = store.stats();
    const figures = {
      p50Ms: pct(times, 0.5),
      p95Ms: pct(times, 0.95),
      zoom6hRawP50Ms: pct(rawTimes, 0.5),
      points,
      rawRows: stats.rawRows,
      fileMiB: stats.fileBytes / 2 ** 20,
      fillMs,
    };
    return {
      name: 'History: 24 h chart query',
      lines: [
        `${perProfile} pings/profile × 4 profiles (${stats.rawRows} raw rows, ${stats.minuteRows} minute rollups, ${figures.fileMiB.toFixed(1)} MiB), filled in ${fillMs.toFixed(0)} ms`,
        `24 h query (${points} points from 1-minute rollups), 50 runs: p50 ${figures.p50Ms.toFixed(2)} ms, p95 ${figures.p95Ms.toFixed(2)} ms (goal: well under 50 ms)`,
        `6 h zoom from raw samples (${Math.round(DAY / 4 / 15_000)} × 15 s buckets), 20 runs: p50 ${figures.zoom6hRawP50Ms.toFixed(2)} ms`,
      ],
      figures,
    };
  } finally {
    store.close();
    removeTempDir(dir);
  }
}
