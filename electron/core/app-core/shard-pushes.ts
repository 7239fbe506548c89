/**
 * Which shards go out with the next delta (docs/architecture.md §3.2). A
 * shard whose state changed, that restarted, or that the renderer has not
 * seen goes out with the next push; one whose counters alone moved waits
 * for the profile's next counters push (every shard of a busy bot moves its
 * counters on every report, and a 10,000-shard bot must not send every view
 * every second). Such shards come from the tracker by id
 * (`ShardChange.moved`), without a view each: what waits is their id, and
 * the tracker writes them into the push's columns (`ShardChange.putTo`)
 * when the push is made, so they carry the latest values and no view is
 * made for them. Shards go out in columns (shared/shard-columns.ts), at most
 * SHARD_CHUNK per profile and push (shards and removed ids together): the rest of a bigger change (a 50,000-shard
 * snapshot replacing the set, every shard going `no-data`) follows in the
 * next pushes, so no single message stalls the bridge.
 */
import type { AppDelta } from '../../../shared/app-state';
import type { ShardView } from '../../../shared/live-status';
import {
  keepShards,
  putShardView,
  SHARD_CHUNK,
  shardColumnsFor,
} from '../../../shared/shard-columns';
import type { ShardColumns } from '../../../shared/shard-columns';
import type { ShardChange } from '../monitor/shard-tracker';

/** Options of {@link createShardPushes}. */
export interface ShardPushesOptions {
  /** Shards whose counters alone changed are pushed at most this often per profile. */
  countersEveryMs: number;
}

/** The shard part of the pending delta. */
export interface ShardPushes {
  /** A runtime reported a change (`replace`: the list is the whole set). */
  changed(profileId: string, change: ShardChange, replace: boolean): void;
  /**
   * The shard changes of the next delta, at monotonic time `nowMono` (counters
   * whose wait is over included); undefined when there are none. Clears what
   * it returns; what is over SHARD_CHUNK per profile stays for the next take.
   */
  take(nowMono: number): AppDelta['shards'];
  /** True while shards are left over for the next take (a split change). */
  leftOver(): boolean;
  /** Forget a profile whose runtime stopped. */
  forget(profileId: string): void;
}

/** Shards waiting to go out by id: the view to send, or null to ask the tracker when sending. */
type Waiting = Map<number, ShardView | null>;

/** Put a shard as its profile's tracker holds it now into push columns (`ShardChange.putTo`). */
type PutTo = ShardChange['putTo'];

interface Pending {
  changed: Waiting;
  /**
   * Where the chunks of a split `changed` go on: a live iterator of its ids,
   * so each chunk starts where the last ended (walking from the start past
   * the ids already taken cost O(n²) for 50,000 shards).
   */
  cursor: Iterator<number> | null;
  /** A counters push's moved ids (from `movedSince`), sent from `batchAt` on after `changed`. */
  batch: number[];
  batchAt: number;
  removed: Set<number>;
  replace: boolean;
}

const emptyPending = (): Pending => ({
  changed: new Map(),
  cursor: null,
  batch: [],
  batchAt: 0,
  removed: new Set(),
  replace: false,
});

/**
 * Put the next `n` shards of a pending map (all of them when `n` is
 * undefined) into `out` from position `at` on, in insertion order, deleting
 * those it takes when `n` is given: the view waiting, or the tracker's shard
 * now. A shard its tracker no longer has is left out. Returns the next free
 * position.
 */
function takeShards(
  s: Pending,
  out: ShardColumns,
  at: number,
  putTo: PutTo | undefined,
  n?: number,
): number {
  let put = at;
  const from = s.changed;
  const ids = (s.cursor ??= from.keys());
  for (let taken = 0; n === undefined || taken < n; taken++) {
    const next = ids.next();
    if (next.done === true) {
      s.cursor = null;
      break;
    }
    const shardId = next.value;
    const view = from.get(shardId);
    if (n !== undefined) from.delete(shardId);
    if (view) putShardView(out, put++, view);
    else if (putTo?.(out, put, shardId) === true) put++;
  }
  return put;
}

/** Take (and delete) the first `n` ids of a pending set, in insertion order. */
function takeIds(from: Set<number>, n: number): number[] {
  const out: number[] = [];
  for (const id of from) {
    if (out.length >= n) break;
    out.push(id);
    from.delete(id);
  }
  return out;
}

/** Create the shard bookkeeping of one core. */
export function createShardPushes(opts: ShardPushesOptions): ShardPushes {
  const pending = new Map<string, Pending>();
  // Shard ids each profile's pushes have carried, shards whose counters alone
  // changed since, and when counters were last pushed.
  const shown = new Map<string, Set<number>>();
  const counterOnly = new Map<string, Waiting>();
  const lastCountersPush = new Map<string, number>();
  // Each profile's way to its tracker's shards, from its latest change.
  const writerOf = new Map<string, PutTo>();
  // Each profile's counters moves: asked of its tracker at the counters push
  // (after generation `mark`), so a report costs nothing per moved shard here.
  const moves = new Map<string, { since: ShardChange['movedSince']; mark: number; any: boolean }>();

  /** Nothing of the profile is pending any more (a stopped one's tracker is let go). */
  const settled = (profileId: string): void => {
    pending.delete(profileId);
    if (!counterOnly.has(profileId)) writerOf.delete(profileId);
  };

  return {
    changed(id, change, replace) {
      let entry = pending.get(id);
      if (!entry) pending.set(id, (entry = emptyPending()));
      let seen = shown.get(id);
      if (!seen) shown.set(id, (seen = new Set()));
      let waiting = counterOnly.get(id);
      if (!waiting) counterOnly.set(id, (waiting = new Map()));
      writerOf.set(id, change.putTo);
      if (replace) {
        entry.replace = true;
        entry.changed.clear();
        entry.cursor = null;
        entry.removed.clear();
        waiting.clear();
      }
      const significant = new Set<number>();
      for (const t of change.transitions) significant.add(t.shardId);
      for (const r of change.restarts) significant.add(r.shardId);
      // Empty sets are skipped rather than asked: a 5,000-shard report whose
      // counters all moved otherwise paid five map lookups per shard.
      const anySignificant = significant.size > 0;
      const changed = entry.changed;
      const removed = entry.removed;
      // Indexed: a for…of here allocated an iterator result per shard (~35 bytes × 5,000 a snapshot).
      const list = change.changed;
      for (let k = 0; k < list.length; k++) {
        const s = list[k] as ShardView;
        if (replace || (anySignificant && significant.has(s.id)) || !seen.has(s.id)) {
          changed.set(s.id, s);
          waiting.delete(s.id);
          seen.add(s.id);
        } else if (changed.size === 0 || !changed.has(s.id)) {
          waiting.set(s.id, s);
        } else {
          changed.set(s.id, s);
        }
        if (removed.size > 0) removed.delete(s.id);
      }
      // Counters alone: the tracker remembers them (`movedSince`), asked when
      // the counters push is due. A moved shard is one the tracker knew, so
      // the window has seen it; only a replacing change sends them at once.
      let m = moves.get(id);
      if (!m || m.since !== change.movedSince)
        moves.set(id, (m = { since: change.movedSince, mark: 0, any: false }));
      if (change.moved.count > 0) m.any = true;
      if (replace) {
        const { count, columns, at } = change.moved;
        for (let k = 0; k < count; k++) {
          const shardId = columns.ids[at[k] as number] as number;
          changed.set(shardId, null);
          seen.add(shardId);
        }
      }
      for (const r of change.removed) {
        entry.changed.delete(r);
        waiting.delete(r);
        seen.delete(r);
        entry.removed.add(r);
      }
    },

    take(nowMono) {
      for (const [profileId, waiting] of counterOnly) {
        const m = moves.get(profileId);
        if (waiting.size === 0 && m?.any !== true) continue;
        if ((lastCountersPush.get(profileId) ?? -Infinity) + opts.countersEveryMs > nowMono)
          continue;
        let entry = pending.get(profileId);
        if (!entry) pending.set(profileId, (entry = emptyPending()));
        if (m?.any === true) {
          // A list of ids, their views made when sent (the newest values): a
          // 50,000-shard bot's period costs no map of 50,000 entries.
          const found = m.since(m.mark);
          m.mark = found.generation;
          m.any = false;
          if (entry.batchAt >= entry.batch.length) {
            entry.batch = found.ids;
            entry.batchAt = 0;
          } else for (const shardId of found.ids) entry.batch.push(shardId);
        }
        if (waiting.size === 0) {
          // Only counters moves: nothing to merge.
        } else if (entry.changed.size === 0) {
          // Nothing else waits for this profile: hand the map over rather
          // than copy a big bot's 5,000 entries into an empty one.
          entry.changed = waiting;
          entry.cursor = null;
          counterOnly.set(profileId, new Map());
        } else {
          for (const [shardId, view] of waiting)
            if (!entry.changed.has(shardId)) entry.changed.set(shardId, view);
          waiting.clear();
        }
        lastCountersPush.set(profileId, nowMono);
      }
      if (pending.size === 0) return undefined;
      const out: NonNullable<AppDelta['shards']> = [];
      for (const [profileId, s] of pending) {
        // A report whose shards all wait for the counters push left nothing to send now.
        const batched = s.batch.length - s.batchAt;
        if (s.changed.size === 0 && batched === 0 && s.removed.size === 0 && !s.replace) {
          settled(profileId);
          continue;
        }
        // SHARD_CHUNK bounds a push's entries, shards and removed ids together
        // (a 50,000-shard bot going away must not leave as one ~300 KB push).
        const fromChanged = Math.min(s.changed.size, SHARD_CHUNK);
        const end = Math.min(s.batch.length, s.batchAt + SHARD_CHUNK - fromChanged);
        // Made at the most it can hold (cut after: a shard may have gone from the tracker).
        const shards: ShardColumns = shardColumnsFor(fromChanged + end - s.batchAt);
        let room = SHARD_CHUNK;
        const putTo = writerOf.get(profileId);
        let put: number;
        if (s.changed.size > SHARD_CHUNK) {
          put = takeShards(s, shards, 0, putTo, SHARD_CHUNK);
          room = 0;
        } else {
          put = takeShards(s, shards, 0, putTo);
          room -= s.changed.size;
          s.changed = new Map();
          s.cursor = null;
        }
        if (putTo)
          for (let k = s.batchAt; k < end; k++) if (putTo(shards, put, s.batch[k] as number)) put++;
        keepShards(shards, put);
        room -= end - s.batchAt;
        s.batchAt = end;
        if (end === s.batch.length) {
          s.batch = [];
          s.batchAt = 0;
        }
        let removed: number[];
        if (s.removed.size > room) removed = takeIds(s.removed, room);
        else {
          removed = [...s.removed];
          s.removed.clear();
        }
        const more = s.changed.size > 0 || s.batchAt < s.batch.length || s.removed.size > 0;
        out.push({
          profileId,
          shards,
          removed,
          replace: s.replace,
          more,
        });
        if (more) s.replace = false;
        else settled(profileId);
      }
      return out.length > 0 ? out : undefined;
    },

    leftOver: () => pending.size > 0,

    forget(id) {
      shown.delete(id);
      counterOnly.delete(id);
      moves.delete(id);
      lastCountersPush.delete(id);
      // What is still pending goes out (and then lets go of the stopped tracker).
      if (!pending.has(id)) writerOf.delete(id);
    },
  };
}
