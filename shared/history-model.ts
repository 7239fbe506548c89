/**
 * Latency history: the chart windows and the series the engine answers for
 * them (SmokePing style).
 */
import type { Severity } from './incident-model';

/** History chart windows. */
export const HISTORY_WINDOWS = ['15m', '1h', '24h', '7d', '30d'] as const;
/** One history chart window. */
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number];
/** Length of each history chart window in ms: the engine's query and the live chart both span exactly this. */
export const HISTORY_WINDOW_MS: Readonly<Record<HistoryWindow, number>> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** One point of a latency history series (SmokePing style). */
export interface HistoryPoint {
  /** Wall ms at the start of the bucket (or of the sample, for raw data). */
  t: number;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  count: number;
  lost: number;
  /**
   * Pings answered while the app could not time them honestly (disturbed):
   * in no RTT figure and not in `count`; the chart marks where they were.
   */
  disturbed: number;
}

/** A latency history series plus markers for the time axis. */
export interface HistorySeries {
  profileId: string;
  window: HistoryWindow;
  /** Bucket width in ms (0 = raw samples). */
  resolutionMs: number;
  from: number;
  to: number;
  points: HistoryPoint[];
  restarts: Array<{ t: number; shardId: number }>;
  incidents: Array<{ t: number; clearedAt: number | null; title: string; severity: Severity }>;
}
