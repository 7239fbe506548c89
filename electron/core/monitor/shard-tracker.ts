/**
 * Shard health for one profile, fed with full shard snapshots from the
 * gateway (`GATEWAY_READY` `shards_stats`, `GATEWAY_SHARD_INFO`; docs/protocol.md
 * §1) and producing only what changed, so a 10 000-shard bot costs a few
 * objects per snapshot instead of 10 000.
 */
import type { Json, ShardStats } from '../../../shared/protocol';
import type { ShardState, ShardSummary, ShardView } from '../../../shared/live-status';

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

/** What one call changed; empty arrays when nothing did. */
export interface ShardChange {
  /** New views of shards that appeared or whose view changed, in snapshot order. */
  changed: ShardView[];
  /** Ids no longer reported (a snapshot is the full set), ascending. */
  removed: number[];
  /** State changes of shards already known (a shard's first appearance is not one). */
  transitions: ShardTransition[];
  restarts: ShardRestart[];
  /** Ids reported more than once in this snapshot, ascending, capped at `maxListed`. */
  duplicated: number[];
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
 * A shard's second report turns its rates from null into numbers, so that
 * report lists every shard once; from then on only real changes are listed.
 *
 * Views are shared, read-only objects: an unchanged shard keeps its view, and
 * only its `lastSeenAt` is refreshed in place on every report. `lastSeenAt`
 * alone never puts a shard in `changed`.
 */
export interface ShardTracker {
  /** Apply a full snapshot taken at `atWall` (clamped to be non-decreasing). */
  ingest(shards: readonly ShardStats[], atWall: number): ShardChange;
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

interface ShardRecord {
  view: ShardView;
  /** Wall ms since which the counters have not moved while connected. */
  frozenSince: number;
  /** Snapshot generation that last reported this id. */
  seenGen: number;
  /** Snapshot generation in which this id was already listed as duplicated. */
  dupGen: number;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function toShardTotal(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** Structural equality of JSON values (for `extra`, usually `{}`). */
function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  let keys = 0;
  for (const key in a) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !jsonEqual(a[key], b[key])) return false;
    keys++;
  }
  for (const _key in b) keys--;
  return keys === 0;
}

/** Rate per second of a counter between two reports; null across a reset. */
function rate(prev: number, cur: number, dtMs: number): number | null {
  return cur < prev ? null : ((cur - prev) * 1000) / dtMs;
}

/**
 * Create the shard health tracker of one profile (see {@link ShardTracker}
 * for the health rules).
 */
export function createShardTracker(opts: ShardTrackerOptions): ShardTracker {
  const staleAfterMs = nonNegative(opts.staleAfterMs, DEFAULT_STALE_AFTER_MS);
  const stallAfterMs = nonNegative(opts.stallAfterMs, DEFAULT_STALL_AFTER_MS);
  const degradedPingGap = nonNegative(opts.degradedPingGap, DEFAULT_DEGRADED_PING_GAP);
  const maxListed = Math.floor(nonNegative(opts.maxListed, DEFAULT_MAX_LISTED));

  let shardTotal = toShardTotal(opts.shardTotal);
  let shardTotalFrom: ShardSummary['expectedFrom'] = 'profile';
  const records = new Map<number, ShardRecord>();
  let gen = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastReportAt: number | null = null;
  let lastDuplicated: number[] = [];
  // True once every shard is no-data, so periodic ticks cost O(1) afterwards.
  let allNoData = false;
  // Maintained on every view swap so summary() never walks 10 000 shards.
  const counts: Record<ShardState, number> = { up: 0, degraded: 0, down: 0, 'no-data': 0, dev: 0 };
  let stalledCount = 0;
  let inRange = 0;
  let sortedIds: number[] | null = null;

  const clampTime = (atWall: number): number => {
    const at = Number.isFinite(atWall) && atWall > lastAt ? atWall : lastAt;
    if (Number.isFinite(at)) lastAt = at;
    return Number.isFinite(at) ? at : 0;
  };

  const countIn = (v: ShardView, sign: 1 | -1): void => {
    counts[v.state] += sign;
    if (v.stalled && v.state === 'degraded') stalledCount += sign;
  };

  const healthOf = (s: ShardStats, stalled: boolean): ShardState => {
    if (s.development) return 'dev';
    if (s.disconnected) return 'down';
    if (stalled || s.send_ping - s.receibe_ping >= degradedPingGap) return 'degraded';
    return 'up';
  };

  const emptyChange = (): ShardChange => ({
    changed: [],
    removed: [],
    transitions: [],
    restarts: [],
    duplicated: [],
  });

  const create = (s: ShardStats, at: number): ShardRecord => {
    const view: ShardView = {
      id: s.shard_id,
      hash: s.shard_hash,
      state: healthOf(s, false),
      development: s.development,
      disconnected: s.disconnected,
      sendPing: s.send_ping,
      receibePing: s.receibe_ping,
      sending: s.sending,
      received: s.received,
      sendRate: null,
      recvRate: null,
      pingGap: s.send_ping - s.receibe_ping,
      stalled: false,
      restarts: 0,
      lastChangeAt: at,
      lastSeenAt: at,
      extra: s.extra,
    };
    countIn(view, 1);
    if (view.id < shardTotal) inRange++;
    sortedIds = null;
    return { view, frozenSince: at, seenGen: gen, dupGen: 0 };
  };

  /** Apply one report to a known shard; returns the new view, or null when unchanged. */
  const update = (
    rec: ShardRecord,
    s: ShardStats,
    at: number,
    out: ShardChange,
  ): ShardView | null => {
    const prev = rec.view;
    const restarted = prev.hash !== '' && s.shard_hash !== '' && prev.hash !== s.shard_hash;
    const moved =
      s.sending !== prev.sending ||
      s.received !== prev.received ||
      s.send_ping !== prev.sendPing ||
      s.receibe_ping !== prev.receibePing;
    if (moved || restarted || s.disconnected || prev.state === 'no-data') rec.frozenSince = at;
    const stalled = !s.disconnected && at - rec.frozenSince >= stallAfterMs;
    const state = healthOf(s, stalled);
    const dt = at - prev.lastSeenAt;
    // Two snapshots in the same millisecond (READY then SHARD_INFO) say
    // nothing about time: keep the previous rates.
    const sendRate = dt > 0 ? rate(prev.sending, s.sending, dt) : prev.sendRate;
    const recvRate = dt > 0 ? rate(prev.received, s.received, dt) : prev.recvRate;
    const restarts = restarted ? prev.restarts + 1 : prev.restarts;
    if (restarted) out.restarts.push({ shardId: prev.id, at });
    const extraSame = jsonEqual(prev.extra, s.extra);

    if (
      !moved &&
      !restarted &&
      extraSame &&
      state === prev.state &&
      stalled === prev.stalled &&
      s.shard_hash === prev.hash &&
      s.development === prev.development &&
      s.disconnected === prev.disconnected &&
      sendRate === prev.sendRate &&
      recvRate === prev.recvRate
    ) {
      prev.lastSeenAt = at;
      return null;
    }
    if (state !== prev.state) {
      out.transitions.push({ shardId: prev.id, from: prev.state, to: state, at });
    }
    const view: ShardView = {
      id: prev.id,
      // The same text, but the string the view already holds: each report's
      // strings are fresh from JSON.parse, and keeping them would promote
      // one per shard per report to the old generation.
      hash: s.shard_hash === prev.hash ? prev.hash : s.shard_hash,
      state,
      development: s.development,
      disconnected: s.disconnected,
      sendPing: s.send_ping,
      receibePing: s.receibe_ping,
      sending: s.sending,
      received: s.received,
      sendRate,
      recvRate,
      pingGap: s.send_ping - s.receibe_ping,
      stalled,
      restarts,
      lastChangeAt: state !== prev.state ? at : prev.lastChangeAt,
      lastSeenAt: at,
      extra: extraSame ? prev.extra : s.extra,
    };
    countIn(prev, -1);
    countIn(view, 1);
    rec.view = view;
    return view;
  };

  // Ingest walks snapshots backwards, so Map order is not id order.
  const ascendingIds = (): number[] => {
    if (sortedIds === null) sortedIds = [...records.keys()].sort((a, b) => a - b);
    return sortedIds;
  };

  /** Move every shard that `shouldGo` selects to no-data, in id order. */
  const toNoData = (at: number, shouldGo: (rec: ShardRecord) => boolean): ShardChange => {
    const out = emptyChange();
    let remaining = 0;
    for (const id of ascendingIds()) {
      const rec = records.get(id) as ShardRecord;
      const prev = rec.view;
      if (prev.state === 'no-data') continue;
      if (!shouldGo(rec)) {
        remaining++;
        continue;
      }
      const view: ShardView = {
        ...prev,
        state: 'no-data',
        sendRate: null,
        recvRate: null,
        stalled: false,
        lastChangeAt: at,
      };
      countIn(prev, -1);
      countIn(view, 1);
      rec.view = view;
      out.changed.push(view);
      out.transitions.push({ shardId: prev.id, from: prev.state, to: 'no-data', at });
    }
    allNoData = remaining === 0;
    return out;
  };

  const isStale = (at: number): boolean =>
    lastReportAt !== null && at - lastReportAt >= staleAfterMs;

  const missingIds = (count: number): number[] => {
    const out: number[] = [];
    const want = Math.min(count, maxListed);
    for (let id = 0; id < shardTotal && out.length < want; id++) {
      if (!records.has(id)) out.push(id);
    }
    return out;
  };

  return {
    ingest(shards, atWall) {
      const at = clampTime(atWall);
      gen++;
      const out = emptyChange();
      const duplicated: number[] = [];
      let unique = 0;
      // Walk backwards so the last occurrence of a duplicated id is the one
      // kept, without a second pass or a per-snapshot Set.
      for (let i = shards.length - 1; i >= 0; i--) {
        const s = shards[i];
        if (s === undefined) continue;
        const rec = records.get(s.shard_id);
        if (rec === undefined) {
          const created = create(s, at);
          records.set(s.shard_id, created);
          out.changed.push(created.view);
          unique++;
          continue;
        }
        if (rec.seenGen === gen) {
          if (rec.dupGen !== gen) {
            rec.dupGen = gen;
            duplicated.push(s.shard_id);
          }
          continue;
        }
        rec.seenGen = gen;
        unique++;
        const view = update(rec, s, at, out);
        if (view) out.changed.push(view);
      }
      // Only walk the map when something really disappeared.
      if (records.size !== unique) {
        for (const [id, rec] of records) {
          if (rec.seenGen === gen) continue;
          countIn(rec.view, -1);
          if (id < shardTotal) inRange--;
          records.delete(id);
          out.removed.push(id);
        }
        out.removed.sort((a, b) => a - b);
        sortedIds = null;
      }
      out.changed.reverse();
      out.transitions.reverse();
      out.restarts.reverse();
      duplicated.sort((a, b) => a - b);
      out.duplicated = duplicated.length > maxListed ? duplicated.slice(0, maxListed) : duplicated;
      lastDuplicated = out.duplicated;
      lastReportAt = at;
      allNoData = records.size > 0 && counts['no-data'] === records.size;
      return out;
    },

    markNoData(atWall) {
      const at = clampTime(atWall);
      if (allNoData) return emptyChange();
      return toNoData(at, () => true);
    },

    tick(atWall) {
      const at = clampTime(atWall);
      // Every snapshot is complete, so all tracked shards share the last
      // report time: nothing can be stale while the last report is fresh.
      if (allNoData || !isStale(at)) return emptyChange();
      return toNoData(at, (rec) => at - rec.view.lastSeenAt >= staleAfterMs);
    },

    all() {
      const ids = ascendingIds();
      const out = new Array<ShardView>(ids.length);
      for (let i = 0; i < ids.length; i++) out[i] = (records.get(ids[i] ?? -1) as ShardRecord).view;
      return out;
    },

    get(id) {
      return records.get(id)?.view ?? null;
    },

    summary(reportsStats, atWall) {
      const reported = records.size;
      const stale = !allNoData && isStale(atWall);
      const known = reportsStats && lastReportAt !== null;
      const missingCount = known ? shardTotal - inRange : 0;
      return {
        reportsStats,
        expected: shardTotal,
        expectedFrom: shardTotalFrom,
        reported,
        up: stale ? 0 : counts.up,
        degraded: stale ? 0 : counts.degraded,
        down: stale ? 0 : counts.down,
        noData: stale ? reported : counts['no-data'],
        dev: stale ? 0 : counts.dev,
        stalled: stale ? 0 : stalledCount,
        missing: missingCount > 0 ? missingIds(missingCount) : [],
        missingCount,
        duplicated: [...lastDuplicated],
        lastReportAt,
      };
    },

    setShardTotal(n, from = 'profile') {
      shardTotal = toShardTotal(n);
      shardTotalFrom = from;
      inRange = 0;
      for (const id of records.keys()) if (id < shardTotal) inRange++;
    },

    clear() {
      records.clear();
      gen = 0;
      lastAt = Number.NEGATIVE_INFINITY;
      lastReportAt = null;
      lastDuplicated = [];
      allNoData = false;
      for (const key of Object.keys(counts) as ShardState[]) counts[key] = 0;
      stalledCount = 0;
      inRange = 0;
      sortedIds = null;
    },
  };
}
