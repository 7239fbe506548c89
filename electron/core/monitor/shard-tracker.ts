/**
 * Shard health for one profile, fed with full shard snapshots from the
 * gateway (`GATEWAY_READY` `shards_stats`, `GATEWAY_SHARD_INFO`; docs/protocol.md
 * §1) and producing only what changed, so a 10 000-shard bot costs a few
 * objects per snapshot instead of 10 000.
 */
import type { Json } from '../../../shared/protocol';
import type { ShardState, ShardSummary, ShardView } from '../../../shared/live-status';
import type { ShardColumns } from '../gateway/shard-columns';
import type { ShardColumns as PushColumns } from '../../../shared/shard-columns';
import type { ShardChange, ShardTracker, ShardTrackerOptions } from './shard-tracker-types';
import {
  DEFAULT_DEGRADED_PING_GAP,
  DEFAULT_MAX_LISTED,
  DEFAULT_STALE_AFTER_MS,
  DEFAULT_STALL_AFTER_MS,
  NO_MOVES,
} from './shard-tracker-types';
import {
  COUNTERS,
  FLAG_DEVELOPMENT,
  FLAG_DISCONNECTED,
  NO_EXTRA,
  hashAt,
  hashEmpty,
  hashIs,
  toColumns,
} from '../gateway/shard-columns';
import {
  BIT_DEV,
  BIT_DISC,
  BIT_STALLED,
  DEGRADED,
  DEV,
  DOWN,
  NO_DATA,
  STATES,
  ShardSlots,
  UP,
} from './shard-slots';

export * from './shard-tracker-types';

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

/** Whether two typed arrays hold the same bytes (one `memcmp`, not a loop per shard). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  // Empty (or detached) views: nothing to compare, and no Buffer over a detached one.
  if (a.byteLength === 0 || b.byteLength === 0) return a.byteLength === b.byteLength;
  return (
    a.byteLength === b.byteLength &&
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    )
  );
}

/** Rate per second of a counter between two reports; NaN (null) across a reset. */
function rate(prev: number, cur: number, dtMs: number): number {
  return cur < prev ? Number.NaN : ((cur - prev) * 1000) / dtMs;
}

/** Equality of two rates where NaN stands for null. */
function sameRate(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** What {@link createShardTracker}'s `update` found: nothing, counters alone, or a new view. */
const SAME = 0;
const MOVED = 1;
const CHANGED = 2;

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
  const S = new ShardSlots();
  const slotOf = new Map<number, number>();
  /** The slot of each index of the last snapshot: where to look first this time. */
  let lastOrder = new Int32Array(0);
  /** The last snapshot's hash columns, and whether it listed every id once. */
  let lastHashes: { bytes: Uint8Array; ends: Uint32Array; unique: boolean } | null = null;
  let gen = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastReportAt: number | null = null;
  let lastDuplicated: number[] = [];
  // True once every shard is no-data, so periodic ticks cost O(1) afterwards.
  let allNoData = false;
  // Maintained on every state change so summary() never walks 10 000 shards.
  const counts = [0, 0, 0, 0, 0];
  let stalledCount = 0;
  let inRange = 0;
  let sortedIds: number[] | null = null;

  const clampTime = (atWall: number): number => {
    const at = Number.isFinite(atWall) && atWall > lastAt ? atWall : lastAt;
    if (Number.isFinite(at)) lastAt = at;
    return Number.isFinite(at) ? at : 0;
  };

  const countIn = (state: number, stalled: boolean, sign: 1 | -1): void => {
    counts[state] = (counts[state] as number) + sign;
    if (stalled && state === DEGRADED) stalledCount += sign;
  };

  const healthOf = (flags: number, stalled: boolean, gap: number): number => {
    if ((flags & FLAG_DEVELOPMENT) !== 0) return DEV;
    if ((flags & FLAG_DISCONNECTED) !== 0) return DOWN;
    if (stalled || gap >= degradedPingGap) return DEGRADED;
    return UP;
  };

  const get = (id: number): ShardView | null => {
    const slot = slotOf.get(id);
    return slot === undefined ? null : S.view(slot);
  };

  const putTo = (c: PushColumns, i: number, id: number): boolean => {
    const slot = slotOf.get(id);
    if (slot === undefined) return false;
    S.putTo(c, i, slot);
    return true;
  };

  const movedSince = (mark: number): { ids: number[]; generation: number } => {
    const moved = (slot: number): boolean =>
      (S.movedGen[slot] as number) > mark && (S.ids[slot] as number) >= 0;
    // Counted first, so the list is made at its size, not grown through copies as ids come.
    let n = 0;
    for (let slot = 0; slot < S.size; slot++) if (moved(slot)) n++;
    const ids = new Array<number>(n);
    for (let slot = 0, k = 0; k < n; slot++) if (moved(slot)) ids[k++] = S.ids[slot] as number;
    return { ids, generation: gen };
  };

  const emptyChange = (): ShardChange => ({
    changed: [],
    moved: NO_MOVES,
    removed: [],
    transitions: [],
    restarts: [],
    duplicated: [],
    putTo,
    movedSince,
  });

  /** A new shard from snapshot index `i`; returns its slot. */
  const create = (c: ShardColumns, i: number, extra: Record<string, Json>, at: number): number => {
    const slot = S.take();
    const id = c.ids[i] as number;
    const o = i * COUNTERS;
    const flags = c.flags[i] as number;
    S.ids[slot] = id;
    S.sendPing[slot] = c.counters[o] as number;
    S.receibePing[slot] = c.counters[o + 1] as number;
    S.sending[slot] = c.counters[o + 2] as number;
    S.received[slot] = c.counters[o + 3] as number;
    S.sendRate[slot] = Number.NaN;
    S.recvRate[slot] = Number.NaN;
    S.frozenSince[slot] = at;
    S.lastChangeAt[slot] = at;
    S.lastSeenAt[slot] = at;
    S.restarts[slot] = 0;
    const state = healthOf(
      flags,
      false,
      (S.sendPing[slot] as number) - (S.receibePing[slot] as number),
    );
    S.state[slot] = state;
    S.bits[slot] =
      ((flags & FLAG_DEVELOPMENT) !== 0 ? BIT_DEV : 0) |
      ((flags & FLAG_DISCONNECTED) !== 0 ? BIT_DISC : 0);
    S.seenGen[slot] = gen;
    S.dupGen[slot] = 0;
    S.movedGen[slot] = 0;
    S.hash[slot] = hashAt(c, i);
    S.extra[slot] = extra;
    S.views[slot] = undefined;
    countIn(state, false, 1);
    if (id < shardTotal) inRange++;
    sortedIds = null;
    slotOf.set(id, slot);
    return slot;
  };

  /** Apply snapshot index `i` to a known shard's slot: {@link SAME}, {@link MOVED} or {@link CHANGED}. */
  const update = (
    slot: number,
    c: ShardColumns,
    i: number,
    extra: Record<string, Json>,
    at: number,
    out: ShardChange,
    hashKnownSame: boolean,
  ): number => {
    const o = i * COUNTERS;
    const sendPing = c.counters[o] as number;
    const receibePing = c.counters[o + 1] as number;
    const sending = c.counters[o + 2] as number;
    const received = c.counters[o + 3] as number;
    const flags = c.flags[i] as number;
    const disconnected = (flags & FLAG_DISCONNECTED) !== 0;
    const prevHash = S.hash[slot] ?? '';
    const prevState = S.state[slot] as number;
    const prevBits = S.bits[slot] as number;
    const prevSending = S.sending[slot] as number;
    const prevReceived = S.received[slot] as number;
    const sameHash = hashKnownSame || hashIs(c, i, prevHash);
    const restarted = !sameHash && prevHash !== '' && !hashEmpty(c, i);
    const moved =
      sending !== prevSending ||
      received !== prevReceived ||
      sendPing !== S.sendPing[slot] ||
      receibePing !== S.receibePing[slot];
    if (moved || restarted || disconnected || prevState === NO_DATA) S.frozenSince[slot] = at;
    const stalled = !disconnected && at - (S.frozenSince[slot] as number) >= stallAfterMs;
    const state = healthOf(flags, stalled, sendPing - receibePing);
    const dt = at - (S.lastSeenAt[slot] as number);
    // Two snapshots in the same millisecond (READY then SHARD_INFO) say
    // nothing about time: keep the previous rates.
    const sendRate = dt > 0 ? rate(prevSending, sending, dt) : (S.sendRate[slot] as number);
    const recvRate = dt > 0 ? rate(prevReceived, received, dt) : (S.recvRate[slot] as number);
    if (restarted) out.restarts.push({ shardId: S.ids[slot] as number, at });
    const prevExtra = S.extra[slot] ?? NO_EXTRA;
    const extraSame = jsonEqual(prevExtra, extra);
    const bits =
      ((flags & FLAG_DEVELOPMENT) !== 0 ? BIT_DEV : 0) |
      (disconnected ? BIT_DISC : 0) |
      (stalled ? BIT_STALLED : 0);
    S.lastSeenAt[slot] = at;
    // Counters and rates alone (or nothing) changed: no view made.
    const viewSame = sameHash && extraSame && state === prevState && bits === prevBits;
    if (
      viewSame &&
      !moved &&
      sameRate(sendRate, S.sendRate[slot] as number) &&
      sameRate(recvRate, S.recvRate[slot] as number)
    ) {
      const kept = S.views[slot];
      if (kept) kept.lastSeenAt = at;
      return SAME;
    }
    if (!viewSame) {
      if (state !== prevState) {
        const shardId = S.ids[slot] as number;
        out.transitions.push({
          shardId,
          from: STATES[prevState] as ShardState,
          to: STATES[state] as ShardState,
          at,
        });
        S.lastChangeAt[slot] = at;
      }
      countIn(prevState, (prevBits & BIT_STALLED) !== 0, -1);
      countIn(state, stalled, 1);
      // The same text, but the string the slot already holds.
      if (!sameHash) S.hash[slot] = hashAt(c, i);
      if (!extraSame) S.extra[slot] = extra;
      if (restarted) S.restarts[slot] = (S.restarts[slot] as number) + 1;
      S.state[slot] = state;
      S.bits[slot] = bits;
    }
    S.sendPing[slot] = sendPing;
    S.receibePing[slot] = receibePing;
    S.sending[slot] = sending;
    S.received[slot] = received;
    S.sendRate[slot] = sendRate;
    S.recvRate[slot] = recvRate;
    // Not kept with the old values: made again when asked (a moved shard's, lazily).
    S.views[slot] = undefined;
    return viewSame ? MOVED : CHANGED;
  };

  // Ingest walks snapshots backwards, so Map order is not id order.
  const ascendingIds = (): number[] => {
    if (sortedIds === null) sortedIds = [...slotOf.keys()].sort((a, b) => a - b);
    return sortedIds;
  };

  /** Move every shard that `shouldGo` selects to no-data, in id order. */
  const toNoData = (at: number, shouldGo: (slot: number) => boolean): ShardChange => {
    const out = emptyChange();
    let remaining = 0;
    for (const id of ascendingIds()) {
      const slot = slotOf.get(id) as number;
      const prev = S.state[slot] as number;
      if (prev === NO_DATA) continue;
      if (!shouldGo(slot)) {
        remaining++;
        continue;
      }
      countIn(prev, ((S.bits[slot] as number) & BIT_STALLED) !== 0, -1);
      countIn(NO_DATA, false, 1);
      S.state[slot] = NO_DATA;
      S.sendRate[slot] = Number.NaN;
      S.recvRate[slot] = Number.NaN;
      S.bits[slot] = (S.bits[slot] as number) & ~BIT_STALLED;
      S.lastChangeAt[slot] = at;
      S.views[slot] = undefined;
      out.changed.push(S.view(slot));
      out.transitions.push({ shardId: id, from: STATES[prev] as ShardState, to: 'no-data', at });
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
      if (!slotOf.has(id)) out.push(id);
    }
    return out;
  };

  function ingestColumns(c: ShardColumns, atWall: number): ShardChange {
    const at = clampTime(atWall);
    gen++;
    const out = emptyChange();
    const duplicated: number[] = [];
    const order = lastOrder.length === c.count ? lastOrder : new Int32Array(c.count);
    const hint = lastOrder;
    // Every hash byte for byte as last time, and last time each id once: a shard
    // found at the index it had then still has the hash its slot holds.
    const hashesAsBefore =
      lastHashes !== null &&
      lastHashes.unique &&
      hint.length === c.count &&
      sameBytes(lastHashes.ends, c.hashEnds) &&
      sameBytes(lastHashes.bytes, c.hashBytes);
    let unique = 0;
    // Snapshot indices of the shards whose counters alone moved, gathered backwards.
    let movedAt: Int32Array | null = null;
    let movedCount = 0;
    let x = c.extras.length - 1;
    // Walk backwards so the last occurrence of a duplicated id is the one
    // kept, without a second pass or a per-snapshot Set.
    for (let i = c.count - 1; i >= 0; i--) {
      const id = c.ids[i] as number;
      while (x >= 0 && (c.extras[x] as [number, unknown])[0] > i) x--;
      const extra = x >= 0 && c.extras[x]?.[0] === i ? c.extras[x]![1] : NO_EXTRA;
      // Snapshots come in the same order as a rule: the slot at this index last time, if it is this id.
      let slot = i < hint.length ? (hint[i] as number) : -1;
      if (slot < 0 || S.ids[slot] !== id) slot = slotOf.get(id) ?? -1;
      // Read before `order[i]` is written: `order` may be the same array as `hint`.
      const atHint = slot >= 0 && i < hint.length && hint[i] === slot;
      if (slot < 0) {
        slot = create(c, i, extra, at);
        order[i] = slot;
        out.changed.push(S.view(slot));
        unique++;
        continue;
      }
      order[i] = slot;
      if (S.seenGen[slot] === gen) {
        if (S.dupGen[slot] !== gen) {
          S.dupGen[slot] = gen;
          duplicated.push(id);
        }
        continue;
      }
      S.seenGen[slot] = gen;
      unique++;
      const found = update(slot, c, i, extra, at, out, hashesAsBefore && atHint);
      if (found === MOVED) {
        S.movedGen[slot] = gen;
        movedAt ??= new Int32Array(c.count);
        movedAt[movedCount++] = i;
      } else if (found === CHANGED) out.changed.push(S.view(slot));
    }
    if (movedAt !== null) {
      movedAt.subarray(0, movedCount).reverse();
      out.moved = { count: movedCount, columns: c, at: movedAt };
    }
    lastOrder = order;
    lastHashes = { bytes: c.hashBytes, ends: c.hashEnds, unique: duplicated.length === 0 };
    // Only walk the map when something really disappeared.
    if (slotOf.size !== unique) {
      for (const [id, slot] of slotOf) {
        if (S.seenGen[slot] === gen) continue;
        countIn(S.state[slot] as number, ((S.bits[slot] as number) & BIT_STALLED) !== 0, -1);
        if (id < shardTotal) inRange--;
        slotOf.delete(id);
        S.release(slot);
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
    allNoData = slotOf.size > 0 && counts[NO_DATA] === slotOf.size;
    return out;
  }

  return {
    ingest: (shards, atWall) => ingestColumns(toColumns(shards), atWall),
    ingestColumns,

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
      return toNoData(at, (slot) => at - (S.lastSeenAt[slot] as number) >= staleAfterMs);
    },

    all() {
      const ids = ascendingIds();
      const out = new Array<ShardView>(ids.length);
      for (let i = 0; i < ids.length; i++) out[i] = S.view(slotOf.get(ids[i] as number) as number);
      return out;
    },

    get,

    summary(reportsStats, atWall) {
      const reported = slotOf.size;
      const stale = !allNoData && isStale(atWall);
      const known = reportsStats && lastReportAt !== null;
      const missingCount = known ? shardTotal - inRange : 0;
      return {
        reportsStats,
        expected: shardTotal,
        expectedFrom: shardTotalFrom,
        reported,
        up: stale ? 0 : (counts[UP] as number),
        degraded: stale ? 0 : (counts[DEGRADED] as number),
        down: stale ? 0 : (counts[DOWN] as number),
        noData: stale ? reported : (counts[NO_DATA] as number),
        dev: stale ? 0 : (counts[DEV] as number),
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
      for (const id of slotOf.keys()) if (id < shardTotal) inRange++;
    },

    clear() {
      slotOf.clear();
      S.clear();
      lastOrder = new Int32Array(0);
      lastHashes = null;
      lastAt = Number.NEGATIVE_INFINITY;
      lastReportAt = null;
      lastDuplicated = [];
      allNoData = false;
      counts.fill(0);
      stalledCount = 0;
      inRange = 0;
      sortedIds = null;
    },
  };
}
