/**
 * `flattenShardsStats` / `parseShard` (shared/protocol.ts) against the plain
 * pre-change implementation the snapshot benchmark keeps (flatten first,
 * `Object.keys` per shard, a fresh `extra` each): same shards, same order, same fields, same unknown
 * fields in the same order, for any nest a gateway could send.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShardStats } from '../../../../shared/protocol';
import { baselineFlattenShardsStats, baselineParseShard } from '../../../bench/snapshot-baseline';
import { flattenDeep, flattenShardsStats, parseShard } from '../../../../shared/protocol';

/**
 * The reference: the pre-change implementation, kept for the snapshot
 * benchmark — less the ids it wrongly took (1e308 is an integer to
 * JavaScript, not a shard id: only non-negative safe integers are).
 */
const reference = (value: unknown): ShardStats[] =>
  baselineFlattenShardsStats(value).filter((s) => Number.isSafeInteger(s.shard_id));

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
        .map(baselineParseShard)
        .filter((s): s is ShardStats => s !== null)
        .map((s) => s.shard_id),
    );
  });

  it('refuses shard ids that are not non-negative safe integers, and counts them', () => {
    const rejected = { count: 0 };
    const ids = flattenShardsStats(
      [
        [
          { shard_id: 1e308 },
          { shard_id: 2 ** 53 + 1 },
          { shard_id: 2 ** 53 - 1 },
          { shard_id: -1 },
        ],
      ],
      undefined,
      rejected,
    ).map((s) => s.shard_id);
    expect(ids).toEqual([2 ** 53 - 1]);
    expect(rejected.count).toBe(3);
    expect(parseShard({ shard_id: 1.5 })).toBeNull();
  });

  it('gives every shard without unknown fields the same frozen empty extra', () => {
    const [a, b] = flattenShardsStats([{ shard_id: 1 }, { shard_id: 2 }]);
    expect(a?.extra).toEqual({});
    expect(Object.isFrozen(a?.extra)).toBe(true);
    expect(b?.extra).toBe(a?.extra);
    expect(parseShard({ shard_id: 4, zone: 'eu' })?.extra).toEqual({ zone: 'eu' });
  });
});
