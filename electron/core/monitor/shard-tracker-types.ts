/**
 * The shard tracker's options, results and handle (the tracker itself is
 * `shard-tracker.ts`, its state `shard-slots.ts`).
 */
import type { ShardStats } from '../../../shared/protocol';
import type { ShardState, ShardSummary, ShardView } from '../../../shared/live-status';
import type { ShardColumns } from '../gateway/shard-columns';
import type { ShardColumns as PushColumns } from '../../../shared/shard-columns';
import { toColumns } from '../gateway/shard-columns';

/** Default silence after which every shard is `no-data`. */
export const DEFAULT_STALE_AFTER_MS = 15_000;
/** Default time counters must stay frozen on a connected shard before it is `stalled`. */
export const DEFAULT_STALL_AFTER_MS = 60_000;
/** Default `send_ping − receibe_ping` from which a connected shard is `degraded`. */
export const DEFAULT_DEGRADED_PING_GAP = 3;
/** Default cap of the `missing` / `duplicated` id lists. */
export const DEFAULT_MAX_LISTED = 100;

/** Options of {@link createShardTracker}. */
export interface ShardTrackerOptions {
  /** Expected shard count: ids `0..shardTotal-1`. */
  shardTotal: number;
  /** No report for this long → every shard `no-data` (applied by `tick`). */
  staleAfterMs?: number;
  /** Counters frozen on a connected shard for this long → `stalled` (and `degraded`). */
  stallAfterMs?: number;
  /** Ping gap (`send_ping − receibe_ping`) from which a connected shard is `degraded`. */
  degradedPingGap?: number;
  /** Cap of the `missing` and `duplicated` id lists. */
  maxListed?: number;
}

/** One shard changing health state. */
export interface ShardTransition {
  shardId: number;
  from: ShardState;
  to: ShardState;
  /** Wall ms. */
  at: number;
}

/** A shard whose `shard_hash` changed: the gateway registered it again. */
export interface ShardRestart {
  shardId: number;
  /** Wall ms. */
  at: number;
}

/**
 * The shards of one snapshot whose counters alone moved: same state, same
 * `development` / `disconnected` / `stalled`, same hash and `extra`, no
 * restart, not new. Every shard of a busy bot moves its counters on every
 * report, so these are listed by their place in the snapshot, with no
 * object per shard: shard `columns.ids[at[k]]`, for `k < count`, with its
 * counters and flags at that index of `columns`. A rate turning from null
 * into a number (a shard's second report) or back (a counter that went
 * down) is a counters move too: it changes no state, and the pushes send it
 * with the other counters. The tracker drops such a shard's kept view, so
 * `get` and `all` make a new one with these
 * values when asked.
 */
export interface MovedShards {
  count: number;
  /** The snapshot the indices point into. */
  columns: ShardColumns;
  /** Snapshot indices of the moved shards, ascending (snapshot order); `count` of them are used. */
  at: Int32Array;
}

/** No shard moved (the `moved` of a change made outside a snapshot). */
export const NO_MOVES: MovedShards = Object.freeze({
  count: 0,
  columns: toColumns([]),
  at: new Int32Array(0),
});

/** What one call changed; empty arrays when nothing did. */
export interface ShardChange {
  /**
   * New views of shards that appeared or whose view changed other than by
   * their counters (state, flags, stall, hash, `extra`, restarts), in
   * snapshot order.
   */
  changed: ShardView[];
  /** Shards whose counters alone moved: ids and values in columns, no view each. */
  moved: MovedShards;
  /** Ids no longer reported (a snapshot is the full set), ascending. */
  removed: number[];
  /** State changes of shards already known (a shard's first appearance is not one). */
  transitions: ShardTransition[];
  restarts: ShardRestart[];
  /** Ids reported more than once in this snapshot, ascending, capped at `maxListed`. */
  duplicated: number[];
  /**
   * Put shard `id` as the tracker holds it now (what its `get` would show)
   * at position `i` of push columns, without making its view; false (and
   * nothing put) when the tracker no longer has it. How the pushes send the
   * shards of `moved` when they send, after later snapshots too.
   */
  putTo(c: PushColumns, i: number, id: number): boolean;
  /**
   * The ids of the shards whose counters alone moved in a snapshot after
   * generation `mark` (0: any), and the generation now, to ask from next
   * time: how the pushes collect a period's counters moves without
   * walking every change's `moved`.
   */
  movedSince(mark: number): { ids: number[]; generation: number };
}

/** Whether a change has anything for the readers of views (pushes, heatmap history). */
export function changesShards(change: ShardChange): boolean {
  return change.changed.length > 0 || change.removed.length > 0 || change.moved.count > 0;
}

/**
 * Handle returned by {@link createShardTracker}.
 *
 * Health rules, first match wins:
 * 1. `no-data` — the connection is down (`markNoData`) or no snapshot came
 *    for `staleAfterMs` (`tick`). We know nothing current, so this beats
 *    everything, including `dev`. Rates are null and `stalled` false while
 *    in it.
 * 2. `dev` — `development: true`. Kept out of uptime figures and counted
 *    separately, whatever its connection says.
 * 3. `down` — `disconnected: true`.
 * 4. `degraded` — connected but `stalled`, or ping gap ≥ `degradedPingGap`.
 * 5. `up` — otherwise.
 *
 * Derived figures:
 * - Rates: messages per second from `sending` / `received` between two
 *   consecutive reports. A counter that went down means the shard restarted
 *   or the server reset: that interval's rate is null, never negative.
 * - Stall: `sending`, `received`, `send_ping` and `receibe_ping` all frozen
 *   while `disconnected: false` for ≥ `stallAfterMs`. The stall clock restarts
 *   whenever a counter moves, the shard is disconnected, its hash changes or
 *   the tracker comes back from `no-data` (frozen counters across our own
 *   outage may be the gateway's outage, not the shard's).
 * - Restart: `shard_hash` changed from one non-empty value to another.
 *
 * A shard's second report turns its rates from null into numbers: a
 * counters move (`moved`), like every later report where only its counters
 * moved. `changed` lists real view changes alone.
 *
 * The state is kept in typed arrays, one slot per shard (`shard-slots.ts`),
 * and each snapshot is compared with it column by column: objects are made
 * only for the shards in `changed`. Views are shared, read-only objects: an
 * unchanged shard keeps its view, and only its `lastSeenAt` is refreshed in
 * place on every report; a shard whose counters moved loses its kept view
 * (a new one is made when asked). `lastSeenAt` alone never lists a shard.
 */
export interface ShardTracker {
  /** Apply a full snapshot taken at `atWall` (clamped to be non-decreasing). */
  ingest(shards: readonly ShardStats[], atWall: number): ShardChange;
  /** {@link ingest} for a snapshot as columns (as it comes from a connection's worker). */
  ingestColumns(columns: ShardColumns, atWall: number): ShardChange;
  /** The connection is down: every shard becomes `no-data`. */
  markNoData(atWall: number): ShardChange;
  /** Staleness check; call periodically. Shards silent for `staleAfterMs` become `no-data`. */
  tick(atWall: number): ShardChange;
  /** Every tracked shard, ascending by id. */
  all(): ShardView[];
  get(id: number): ShardView | null;
  /**
   * Counts and coverage. `reportsStats` false (a server that never reports
   * shard stats) or no snapshot yet → coverage unknown, `missing` empty.
   * When the last report is older than `staleAfterMs` at `atWall`, every
   * shard counts as `noData` even before `tick` has run, so a summary is
   * never more optimistic than the clock allows.
   */
  summary(reportsStats: boolean, atWall: number): ShardSummary;
  /** Change the expected shard count (the gateway said, or the profile was edited). */
  setShardTotal(n: number, from?: ShardSummary['expectedFrom']): void;
  /** Forget every shard and report. */
  clear(): void;
}
