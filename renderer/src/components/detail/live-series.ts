/**
 * The latency chart follows live: pings pushed with each delta
 * (`AppDelta.pings`) are added to the history series that was loaded, and
 * the window slides so it always shows exactly its length ending now.
 * Pure, so it is tested without a chart.
 *
 * A ping lands in the bucket of the loaded series' resolution. Buckets made
 * of live pings alone are exact (`summarize`, nearest rank). The one bucket
 * that was half-filled when the history was loaded merges its stored part
 * and its live part with `mergeSummaries`, the approximation the 7 d chart
 * already uses for its merged points.
 */
import type { BucketSummary } from '../../../../shared/bucket-summary';
import { mergeSummaries, summarize } from '../../../../shared/bucket-summary';
import { HISTORY_WINDOW_MS } from '../../../../shared/history-model';
import type { HistoryPoint, HistorySeries } from '../../../../shared/history-model';
import type { PingSample } from '../../../../shared/live-status';

function pointSummary(p: HistoryPoint): BucketSummary {
  // A chart point carries no sum; the mean is not drawn, so the median stands in.
  return { ...p, sum: (p.p50 ?? 0) * p.count };
}

function round3(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

function toPoint(t: number, s: BucketSummary): HistoryPoint {
  return {
    t,
    p5: round3(s.p5),
    p50: round3(s.p50),
    p95: round3(s.p95),
    min: round3(s.min),
    max: round3(s.max),
    count: s.count,
    lost: s.lost,
    disturbed: s.disturbed,
  };
}

/**
 * The series to draw at `now`: the loaded one plus the live pings newer than
 * it, cut to `[now − window, now]`. Pings of other profiles, or not newer
 * than the loaded series' end, are ignored (the load already has them).
 */
export function liveSeries(
  loaded: HistorySeries,
  pings: readonly PingSample[],
  now: number,
): HistorySeries {
  const length = HISTORY_WINDOW_MS[loaded.window];
  const from = now - length;
  const step = Math.max(1, loaded.resolutionMs);
  // RTTs of each bucket (null = lost), and its disturbed answers counted apart.
  const byBucket = new Map<number, { rtts: Array<number | null>; disturbed: number }>();
  for (const p of pings) {
    if (p.profileId !== loaded.profileId || p.at <= loaded.to || p.at > now) continue;
    const key = Math.floor(p.at / step) * step;
    let live = byBucket.get(key);
    if (!live) byBucket.set(key, (live = { rtts: [], disturbed: 0 }));
    if (p.disturbed && p.rttMs !== null) live.disturbed++;
    else live.rtts.push(p.rttMs);
  }
  const points: HistoryPoint[] = [];
  for (const p of loaded.points) {
    const live = byBucket.get(p.t);
    if (live) {
      byBucket.delete(p.t);
      points.push(
        toPoint(p.t, mergeSummaries([pointSummary(p), summarize(live.rtts, live.disturbed)])),
      );
    } else points.push(p);
  }
  for (const [t, live] of [...byBucket].sort((a, b) => a[0] - b[0])) {
    points.push(toPoint(t, summarize(live.rtts, live.disturbed)));
  }
  return {
    ...loaded,
    from,
    to: now,
    points: points.filter((p) => p.t + step > from),
    restarts: loaded.restarts.filter((r) => r.t >= from),
    incidents: loaded.incidents.filter((i) => i.clearedAt === null || i.clearedAt >= from),
  };
}
