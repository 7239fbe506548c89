/**
 * Latency and event history on SQLite (docs/architecture.md §4). The
 * composition root creates one store per app data folder and feeds it from
 * the monitor.
 */
export { createHistoryStore, ROLLUP_GRACE_MS } from './history-store';
export type {
  HistoryFaults,
  HistoryHealth,
  HistoryStats,
  HistoryStore,
  HistoryStoreOptions,
  RetentionResult,
} from './history-store';
export { HISTORY_RETENTION, MAX_POINTS, WINDOW_MS, pickResolution } from './resolution';
export type { HistoryRetention, HistorySource, Resolution } from './resolution';
export { SCHEMA_VERSION } from './schema';
export { mergeSummaries, summarize } from '../../../shared/bucket-summary';
export type { BucketSummary } from '../../../shared/bucket-summary';
