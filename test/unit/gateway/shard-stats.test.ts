/**
 * `flattenShardsStats` / `parseShard` (shared/protocol.ts) against a plain
 * reference written the obvious way (flatten first, `Object.keys` per shard,
 * a fresh `extra` each): same shards, same order, same fields, same unknown
 * fields in the same order, for any nest a gateway could send.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, ShardStats } from '../../../shared/protocol';
import { flattenDeep, flattenShardsStats, parseShard } from '../../../shared/protocol';

const KNOWN = new Set([
  'shard_id',
  'shard_hash',
  'development',
  'disconnected',
  'send_ping',
  'receibe_ping',
  'sending',
  'received',
]);

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function referenceShard(value: unknown): ShardStats | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, Json>;
  const id = v['shard_id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) return null;
  const extra: Record<string, Json> = {};
  for (const key of Object.keys(v)) if (!KNOWN.has(key)) extra[key] = v[key] as Json;
  return {
    shard_id: id,
    shard_hash: typeof v['shard_hash'] === 'string' ? v['shard_hash'] : '',
    development: v['development'] === true,
    disconnected: v['disconnected'] === true,
    send_ping: count(v['send_ping']),
    receibe_ping: count(v['receibe_ping']),
    sending: count(v['sending']),
    received: count(v['received']),
    extra,
  };
}

function reference(value: unknown): ShardStats[] {
  return flattenDeep(value)
    .map(referenceShard)
    .filter((s): s is ShardStats => s !== null);
}

const field = fc.oneof(
  fc.integer({ min: -3, max: 1e6 }),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
);
const shardLike = fc.record(
  {
    shard_id: fc.oneof(fc.nat(20_000), fc.integer({ min: -5, max: -1 }), fc.double(), fc.string()),
    shard_hash: field,
    development: field,
    disconnected: field,
    send_ping: field,
    receibe_ping: field,
    sending: field,
    received: field,
    zone: field,
    '7': field,
    nested: fc.constant({ a: [1, { b: 2 }] }),
  },
  { requiredKeys: [] },
);
const item = fc.oneof(shardLike, field, fc.constant(undefined));
const nest = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    item,
    fc.array(tie('node'), { maxLength: 6 }),
    fc.array(item, { maxLength: 30 }),
  ),
})).node;

describe('flattenShardsStats', () => {
  it('matches the plain reference for any nest (fuzzed)', () => {
    fc.assert(
      fc.property(nest, (value) => {
        const got = flattenShardsStats(value);
        const want = reference(value);
        expect(got).toEqual(want);
        // Unknown fields keep their order.
        got.forEach((s, i) => expect(Object.keys(s.extra)).toEqual(Object.keys(want[i]!.extra)));
      }),
      { numRuns: 1000, seed: 20_261_126 },
    );
  });

  it('flattens the documented seven-level nest and a bare shard object', () => {
    const shard = { shard_id: 3, shard_hash: 'h', sending: 5, zone: 'eu' };
    expect(flattenShardsStats([[[[[[[shard]]]]]]])).toEqual(reference([shard]));
    expect(flattenShardsStats(shard)).toEqual(reference(shard));
    expect(flattenShardsStats([[[[[[[]]]]]]])).toEqual([]);
    expect(flattenShardsStats(null)).toEqual([]);
    expect(flattenShardsStats(undefined)).toEqual([]);
  });

  it('stops after the same number of items as flattenDeep', () => {
    const items = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? null : { shard_id: i }));
    const capped = flattenShardsStats([[items.slice(0, 5)], items.slice(5)], 7);
    expect(capped.map((s) => s.shard_id)).toEqual(
      flattenDeep([[items.slice(0, 5)], items.slice(5)], 7)
        .map(referenceShard)
        .filter((s): s is ShardStats => s !== null)
        .map((s) => s.shard_id),
    );
  });

  it('gives every shard without unknown fields the same frozen empty extra', () => {
    const [a, b] = flattenShardsStats([{ shard_id: 1 }, { shard_id: 2 }]);
    expect(a?.extra).toEqual({});
    expect(Object.isFrozen(a?.extra)).toBe(true);
    expect(b?.extra).toBe(a?.extra);
    expect(parseShard({ shard_id: 4, zone: 'eu' })?.extra).toEqual({ zone: 'eu' });
  });
});
