/**
 * The shard transition store's contract (shard-transitions.ts): its options,
 * its figures and its handle, apart from the SQLite implementation.
 */
import type { Clock } from '../../../shared/clock';
import type { NoticeText } from '../../../shared/i18n/translator';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import type { HistoryFaults } from './database';

/** Options of {@link createShardTransitionStore}. */
export interface ShardTransitionStoreOptions {
  /** The `.sqlite` file (its folder is created); may be the history store's. `':memory:'` keeps nothing. */
  file: string;
  clock: Clock;
  /** Buffered records are committed this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Rows older than this are deleted (the newest keyframe before the cut is kept). Default 30 days. */
  retentionMs?: number;
  /** Retention runs this often (and once a minute after start). Default 1 h. */
  retentionIntervalMs?: number;
  /** A keyframe (every shard's state) is written at least this often. Default 1 h. */
  keyframeIntervalMs?: number;
  /** At most this many rows per profile; older ones go first. Default 3,000,000. */
  maxRowsPerProfile?: number;
  /** Records held in memory while the disk refuses writes; the oldest are dropped beyond it. Default 500,000. */
  maxPending?: number;
  /** How long a write waits for a lock (the thread blocks meanwhile). Default 250 ms. */
  busyTimeoutMs?: number;
  /** Told once per distinct storage problem, as a message for the user (key and parameters). */
  onError?: (message: NoticeText) => void;
  /** Told the write-problem messages that no longer apply once writes succeed again. */
  onRecovered?: (messages: NoticeText[]) => void;
  /** Test hooks that make storage fail on purpose (as for the history store). */
  faults?: HistoryFaults;
}

/** Sizes for support and the benchmark. */
export interface ShardTransitionStats {
  rows: number;
  keyframes: number;
  pending: number;
  /** Records dropped because the buffer was full while writes failed. */
  dropped: number;
  /** Records refused: bad time, shard id or code. */
  invalid: number;
  fileBytes: number;
}

/** Handle returned by {@link createShardTransitionStore}. */
export interface ShardTransitionStore {
  /**
   * The current heatmap code (state plus marks, see shared/shard-heatmap.ts)
   * of some shards of a profile at `atWall`. Only real changes are kept: a
   * shard reported in the state it is already in, without a mark, costs
   * nothing, so callers may pass every changed shard view as is. Returns the
   * number of records kept. Never throws.
   */
  observe(
    profileId: string,
    atWall: number,
    ids: ArrayLike<number>,
    codes: ArrayLike<number>,
    count?: number,
  ): number;
  /** {@link ShardTransitionStore.observe} for one shard. */
  record(profileId: string, shardId: number, atWall: number, code: number): boolean;
  /** Watching stopped (connection closed, app quitting): every known shard becomes `no-data`. */
  markStopped(profileId: string, atWall: number): void;
  /**
   * Shards `shardLo … shardLo + shardCount − 1` over `[from, to)`: the state
   * of each at `from` and every change in the window, including records not
   * written yet.
   * @throws RangeError when the window or the shard range is not valid (say why).
   */
  slice(
    profileId: string,
    from: number,
    to: number,
    shardLo: number,
    shardCount: number,
  ): HeatmapSlice;
  /** Delete what is past retention (and past the row cap). Also runs on its own timer. */
  runRetention(nowWall: number): { deletedRows: number; deletedKeyframes: number };
  /** Forget a profile, buffered and stored. */
  deleteProfile(profileId: string): void;
  stats(): ShardTransitionStats;
  /** Whether shard history is being saved right now, and the problem when not. */
  health(): { ok: boolean; error: NoticeText | null };
  /** Commit buffered records now. False when that failed (they stay buffered). */
  flush(): boolean;
  /** Mark every profile stopped, write what is buffered, close. Idempotent. */
  close(): void;
  /** Same as {@link ShardTransitionStore.close}. */
  dispose(): void;
}
