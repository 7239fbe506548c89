/**
 * Merging of consecutive `event:delta` payloads, so the IPC gateway can hold
 * back a burst and send one delta instead (docs/architecture.md §3.2). The result means
 * exactly "apply `a`, then `b`": whole-value fields take the later value,
 * lists keyed by id merge with the later entry winning, and the newest `seq`
 * is kept.
 */
import type { AppDelta, ShardView } from '../../shared/model';

type ShardChange = NonNullable<AppDelta['shards']>[number];

function mergeById<T>(
  a: T[] | undefined,
  b: T[] | undefined,
  key: (item: T) => string,
): T[] | undefined {
  if (!a) return b;
  if (!b) return a;
  const byId = new Map<string, T>();
  for (const item of a) byId.set(key(item), item);
  for (const item of b) {
    const k = key(item);
    byId.delete(k); // re-insert so the order follows the latest change
    byId.set(k, item);
  }
  return [...byId.values()];
}

function mergeShardChange(a: ShardChange, b: ShardChange): ShardChange {
  if (b.replace) return b;
  const changed = new Map<number, ShardView>();
  for (const s of a.shards) changed.set(s.id, s);
  const removed = new Set(a.removed);
  for (const s of b.shards) {
    changed.set(s.id, s);
    removed.delete(s.id);
  }
  for (const id of b.removed) {
    changed.delete(id);
    removed.add(id);
  }
  // A replace list is the whole set: ids removed later are simply absent from it.
  return {
    profileId: a.profileId,
    shards: [...changed.values()],
    removed: a.replace ? [] : [...removed],
    replace: a.replace,
  };
}

function mergeShards(a: AppDelta['shards'], b: AppDelta['shards']): AppDelta['shards'] {
  if (!a) return b;
  if (!b) return a;
  const byProfile = new Map<string, ShardChange>();
  for (const c of a) byProfile.set(c.profileId, c);
  for (const c of b) {
    const prev = byProfile.get(c.profileId);
    byProfile.set(c.profileId, prev ? mergeShardChange(prev, c) : c);
  }
  return [...byProfile.values()];
}

/** One delta equivalent to applying `a` then `b`. Neither input is modified. */
export function mergeDeltas(a: AppDelta, b: AppDelta): AppDelta {
  const out: AppDelta = { seq: Math.max(a.seq, b.seq) };
  const profiles = b.profiles ?? a.profiles;
  if (profiles) out.profiles = profiles;
  const status = mergeById(a.status, b.status, (s) => s.profileId);
  if (status) out.status = status;
  const shards = mergeShards(a.shards, b.shards);
  if (shards) out.shards = shards;
  const incidents = mergeById(a.incidents, b.incidents, (i) => i.id);
  if (incidents) out.incidents = incidents;
  const tray = b.tray ?? a.tray;
  if (tray) out.tray = tray;
  const snooze = b.snooze ?? a.snooze;
  if (snooze) out.snooze = snooze;
  const settings = b.settings ?? a.settings;
  if (settings) out.settings = settings;
  const notices = b.notices ?? a.notices;
  if (notices) out.notices = notices;
  // Every ping of both, in order: the live chart appends them all.
  if (a.pings || b.pings) out.pings = [...(a.pings ?? []), ...(b.pings ?? [])];
  return out;
}
