/**
 * The simulated gateway's shard table: the shard objects that `shards_stats`
 * and `GATEWAY_SHARD_INFO` carry (docs/protocol.md §1 "Events the API sends").
 */
import type { ShardStats } from '../../shared/protocol';
import type { SimRandom } from './random';

/** One shard object exactly as it goes on the wire (note `receibe_ping`). */
export type SimShard = Omit<ShardStats, 'extra'>;

/** Length of the opaque `shard_hash` the gateway hands out. */
export const SHARD_HASH_LENGTH = 35;

/** Depth of the `shards_stats` nest in the documented READY example. */
const STATS_NEST_DEPTH = 7;

/** A fresh, connected, all-zero shard. */
export function newShard(
  shardId: number,
  random: SimRandom,
  hashLength = SHARD_HASH_LENGTH,
): SimShard {
  return {
    development: false,
    disconnected: false,
    receibe_ping: 0,
    received: 0,
    send_ping: 0,
    sending: 0,
    shard_hash: random.alnum(hashLength),
    shard_id: shardId,
  };
}

/**
 * Wrap a value in `depth` array levels. Servers nest `shards_config` and
 * `shards_stats` arbitrarily deep (docs/protocol.md §1); the simulator reproduces
 * the depths of the documented example so clients must flatten.
 */
export function nest(items: unknown[], depth = STATS_NEST_DEPTH): unknown[] {
  let out: unknown[] = items;
  for (let i = 1; i < depth; i++) out = [out];
  return out;
}

/** `shards_config` as in the documented example: `[[[[shard_in, shard_total]]]]`. */
export function nestShardsConfig(shardIn: number, shardTotal: number): unknown[] {
  return [[[[shardIn, shardTotal]]]];
}

/** Mutable shard table keyed by shard id, iterated in id order. */
export interface ShardTable {
  list(): SimShard[];
  get(id: number): SimShard | undefined;
  has(id: number): boolean;
  /** Add a fresh shard; `hashLength` is the length of its `shard_hash` (default 35). */
  add(id: number, hashLength?: number): SimShard;
  patch(id: number, patch: Partial<SimShard>): SimShard;
  /** Keep shards `0..n-1`: create missing ones, drop higher ids. */
  resize(n: number): void;
  /** Copies, so callers (and JSON snapshots) never alias live state. */
  snapshot(): SimShard[];
}

/** Create a shard table with shards `0..count-1`. */
export function createShardTable(count: number, random: SimRandom): ShardTable {
  const shards = new Map<number, SimShard>();
  const table: ShardTable = {
    list: () => [...shards.values()].sort((a, b) => a.shard_id - b.shard_id),
    get: (id) => shards.get(id),
    has: (id) => shards.has(id),
    add(id, hashLength) {
      const shard = newShard(id, random, hashLength);
      shards.set(id, shard);
      return shard;
    },
    patch(id, patch) {
      const shard = shards.get(id) ?? table.add(id);
      Object.assign(shard, patch, { shard_id: id });
      return shard;
    },
    resize(n) {
      for (const id of [...shards.keys()]) if (id >= n) shards.delete(id);
      for (let id = 0; id < n; id++) if (!shards.has(id)) table.add(id);
    },
    snapshot: () => table.list().map((s) => ({ ...s })),
  };
  table.resize(count);
  return table;
}

/**
 * Steady-state traffic on one tick: connected shards exchange pings and
 * messages with the gateway, so every counter only ever grows.
 */
export function growCounters(shard: SimShard, random: SimRandom): void {
  if (shard.disconnected) return;
  shard.send_ping += 1;
  shard.receibe_ping += 1;
  shard.sending += 1 + random.int(5);
  shard.received += 1 + random.int(5);
}
