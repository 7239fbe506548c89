/**
 * Rollups: one 1-minute and one 1-hour row per profile and bucket with
 * count, lost, min, max, p5/p50/p95 and sum, each computed EXACTLY from the
 * raw samples of its bucket (see `summarize`), incrementally: only buckets
 * closed since the profile's watermark, inside the flush transaction. Raw
 * samples outlive the hour they belong to by 23 h, so hourly rows never need
 * approximating from minute rows.
 */
import { allTuples, num, numOrNull } from './statements';
import type { Statements } from './statements';
import { summarize } from '../../../shared/bucket-summary';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * A bucket is rolled up this long after it ends. A ping is stamped with its
 * send time but only recorded when answered or timed out, so the last
 * seconds of a minute keep arriving for a while. Later stragglers still
 * count: their buckets are recomputed when they are written.
 */
export const ROLLUP_GRACE_MS = 30_000;

/** Start of the bucket of width `width` that holds `t`. */
export function floorTo(t: number, width: number): number {
  return Math.floor(t / width) * width;
}

/** End of the last minute that may be rolled up at wall time `now`. */
export function closedMinute(now: number): number {
  return floorTo(now - ROLLUP_GRACE_MS, MINUTE);
}

function writeRollup(
  s: Statements,
  key: number,
  width: number,
  t: number,
  values: Array<number | null>,
  disturbed: number,
): void {
  const x = summarize(values, disturbed);
  (width === MINUTE ? s.upsertMinute : s.upsertHour).run(
    key,
    t,
    x.count,
    x.lost,
    x.min,
    x.max,
    x.p5,
    x.p50,
    x.p95,
    x.sum,
    x.disturbed,
  );
}

/** Roll up every bucket of `width` in [from, to) that has raw samples. */
export function rollupRange(
  s: Statements,
  key: number,
  from: number,
  to: number,
  width: number,
): void {
  let bucket = NaN;
  let values: Array<number | null> = [];
  let disturbed = 0;
  for (const r of allTuples(s.rawRange, key, from, to)) {
    const b = floorTo(num(r[0]), width);
    if (b !== bucket) {
      if (values.length + disturbed > 0) writeRollup(s, key, width, bucket, values, disturbed);
      bucket = b;
      values = [];
      disturbed = 0;
    }
    // A disturbed answer is counted apart and in no RTT figure.
    if (num(r[2]) === 1) disturbed++;
    else values.push(numOrNull(r[1]));
  }
  if (values.length + disturbed > 0) writeRollup(s, key, width, bucket, values, disturbed);
}

/** Incremental rollup: buckets that closed since each profile's watermark. */
export function rollup(s: Statements, now: number): void {
  const closeMinute = closedMinute(now);
  const closeHour = floorTo(now - ROLLUP_GRACE_MS, HOUR);
  for (const row of s.allProfiles.all()) {
    const key = num(row.key);
    const minuteDone = numOrNull(row.minute_done);
    if (minuteDone === null || minuteDone < closeMinute) {
      rollupRange(s, key, minuteDone ?? Number.MIN_SAFE_INTEGER, closeMinute, MINUTE);
      s.setMinuteDone.run(closeMinute, key);
    }
    const hourDone = numOrNull(row.hour_done);
    if (hourDone === null || hourDone < closeHour) {
      rollupRange(s, key, hourDone ?? Number.MIN_SAFE_INTEGER, closeHour, HOUR);
      s.setHourDone.run(closeHour, key);
    }
  }
}
