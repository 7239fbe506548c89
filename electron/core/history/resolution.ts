/**
 * Which data a history chart reads and at what bucket width. Pure, so the
 * choice for each window and zoom is tested without a database.
 */
import { HISTORY_WINDOW_MS } from '../../../shared/history-model';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far back each kind of stored data reaches. */
export interface HistoryRetention {
  /** Raw ping samples. */
  rawMs: number;
  /** 1-minute rollups. */
  minuteMs: number;
  /** 1-hour rollups. */
  hourMs: number;
  /** Timeline events (transitions, restarts, messages) and closed incidents. */
  eventsMs: number;
  /** At most this many timeline events are kept per profile (a flood of protocol errors cannot fill the disk). */
  eventsPerProfile: number;
}

/** Retention of the history store: raw 24 h, minute rollups 30 d, hour rollups 1 y, events 30 d. */
export const HISTORY_RETENTION: Readonly<HistoryRetention> = {
  rawMs: DAY,
  minuteMs: 30 * DAY,
  hourMs: 365 * DAY,
  eventsMs: 30 * DAY,
  eventsPerProfile: 20_000,
};

/** Length of each chart window (one home: shared/history-model.ts). */
export const WINDOW_MS = HISTORY_WINDOW_MS;

/**
 * Most points a series may hold. 1440 lets the 24 h chart show every
 * 1-minute rollup as is (exact percentiles, no merging) and stays far below
 * what uPlot draws at 60 fps.
 */
export const MAX_POINTS = 1440;

/**
 * Candidate bucket widths, finest first. 30 min is left out on purpose: it
 * would make the 30 d chart merge minute rollups (approximate percentiles)
 * when exact hourly rollups give 720 points.
 */
export const RESOLUTION_LADDER_MS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
];

/** Where chart points come from. */
export type HistorySource = 'raw' | 'minute' | 'hour';

/** A chosen bucket width and the table it is read from. */
export interface Resolution {
  stepMs: number;
  source: HistorySource;
}

/** The stored data a bucket width is built from: the coarsest table whose rows divide it. */
export function sourceForStep(stepMs: number): HistorySource {
  if (stepMs < MINUTE) return 'raw';
  if (stepMs < HOUR) return 'minute';
  return 'hour';
}

/**
 * Pick the finest bucket width that keeps the range within {@link MAX_POINTS}
 * and whose source still holds data at `from` (raw samples only reach back
 * 24 h, minute rollups 30 d). The default windows come out as:
 *
 * | window | width | source | points |
 * |---|---|---|---|
 * | 15m | 1 s | raw | ≤ 900 (each sample at 1 Hz) |
 * | 1h | 5 s | raw | 720 |
 * | 24h | 1 min | minute rollups | 1440 |
 * | 7d | 10 min | minute rollups, merged | 1008 |
 * | 30d | 1 h | hour rollups | 720 |
 *
 * A zoomed range gets finer buckets the narrower it is, down to 1 s while raw
 * samples exist.
 */
export function pickResolution(
  from: number,
  to: number,
  nowWall: number,
  retention: Pick<HistoryRetention, 'rawMs' | 'minuteMs'> = HISTORY_RETENTION,
): Resolution {
  const range = Math.max(1, to - from);
  for (const stepMs of RESOLUTION_LADDER_MS) {
    if (range / stepMs > MAX_POINTS) continue;
    const source = sourceForStep(stepMs);
    if (source === 'raw' && from < nowWall - retention.rawMs) continue;
    if (source === 'minute' && from < nowWall - retention.minuteMs) continue;
    return { stepMs, source };
  }
  // Ranges longer than MAX_POINTS days: whole days of hour rollups.
  return { stepMs: Math.ceil(range / MAX_POINTS / DAY) * DAY, source: 'hour' };
}
