/**
 * Which shards go out with the next delta (docs/architecture.md §3.2). A
 * shard whose state changed, that restarted, or that the renderer has not
 * seen goes out with the next push; one whose counters alone moved waits
 * for the profile's next counters push (every shard of a busy bot moves its
 * counters on every report, and a 10,000-shard bot must not send every view
 * every second). Shards go out in columns (shared/shard-columns.ts), at most
 * SHARD_CHUNK per profile and push: the rest of a bigger change (a 50,000-shard
 * snapshot replacing the set, every shard going `no-data`) follows in the
 * next pushes, so no single message stalls the bridge.
 */
import type { AppDelta } from '../../../shared/app-state';
import type { ShardView } from '../../../shared/live-status';
import { encodeShards, SHARD_CHUNK } from '../../../shared/shard-columns';
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

interface Pending {
  changed: Map<number, ShardView>;
  removed: Set<number>;
  replace: boolean;
}

const emptyPending = (): Pending => ({ changed: new Map(), removed: new Set(), replace: false });

/** Create the shard bookkeeping of one core. */
export function createShardPushes(opts: ShardPushesOptions): ShardPushes {
  const pending = new Map<string, Pending>();
  // Shard ids each profile's pushes have carried, shards whose counters alone
  // changed since, and when counters were last pushed.
  const shown = new Map<string, Set<number>>();
  const counterOnly = new Map<string, Map<number, ShardView>>();
  const lastCountersPush = new Map<string, number>();

  return {
    changed(id, change, replace) {
      let entry = pending.get(id);
      if (!entry) pending.set(id, (entry = emptyPending()));
      let seen = shown.get(id);
      if (!seen) shown.set(id, (seen = new Set()));
      let waiting = counterOnly.get(id);
      if (!waiting) counterOnly.set(id, (waiting = new Map()));
      if (replace) {
        entry.replace = true;
        entry.changed.clear();
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
      for (const s of change.changed) {
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
      for (const r of change.removed) {
        entry.changed.delete(r);
        waiting.delete(r);
        seen.delete(r);
        entry.removed.add(r);
      }
    },

    take(nowMono) {
      for (const [profileId, waiting] of counterOnly) {
        if (waiting.size === 0) continue;
        if ((lastCountersPush.get(profileId) ?? -Infinity) + opts.countersEveryMs > nowMono)
          continue;
        let entry = pending.get(profileId);
        if (!entry) pending.set(profileId, (entry = emptyPending()));
        if (entry.changed.size === 0) {
          // Nothing else waits for this profile: hand the map over rather
          // than copy a big bot's 5,000 entries into an empty one.
          entry.changed = waiting;
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
        let views: Iterable<ShardView> = s.changed.values();
        let more = false;
        if (s.changed.size > SHARD_CHUNK) {
          const chunk: ShardView[] = [];
          for (const [shardId, view] of s.changed) {
            if (chunk.length === SHARD_CHUNK) break;
            chunk.push(view);
            s.changed.delete(shardId);
          }
          views = chunk;
          more = true;
        }
        out.push({
          profileId,
          shards: encodeShards(views),
          removed: [...s.removed],
          replace: s.replace,
          more,
        });
        if (more) {
          s.removed.clear();
          s.replace = false;
        } else pending.delete(profileId);
      }
      return out;
    },

    leftOver: () => pending.size > 0,

    forget(id) {
      shown.delete(id);
      counterOnly.delete(id);
      lastCountersPush.delete(id);
    },
  };
}
