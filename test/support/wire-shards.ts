/**
 * Shards as a documented-dialect gateway writes them in `GATEWAY_SHARD_INFO`
 * (docs/protocol.md §1), for tests that send real frames.
 */

/** One shard object on the wire: counters from its id, `extra` laid over it. */
export function wireShard(
  id: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    development: false,
    disconnected: false,
    receibe_ping: id,
    received: 100 + id,
    send_ping: id,
    sending: 200 + id,
    shard_hash: `hash-${id}`,
    shard_id: id,
    ...extra,
  };
}
