import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  placeAll,
  replaceChanged,
  sortedIds,
} from '../../../../../renderer/src/components/detail/shard-order';
import { SHARD_COLUMNS } from '../../../../../renderer/src/components/detail/shard-columns';
import type { ShardState, ShardView } from '../../../../../shared/live-status';
import { SHARD_STATES } from '../../../../../shared/live-status';
import { shard } from '../../fake-api';

const KEYS = SHARD_COLUMNS.map((c) => c.key);

describe('the table order kept by re-placing changed rows', () => {
  it('is the order a full sort gives, for every column and direction', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEYS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.array(
          fc.record({
            id: fc.nat(400),
            state: fc.constantFrom(...SHARD_STATES),
            sending: fc.nat(50),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (key, dir, changes) => {
          const shards = new Map<number, ShardView>();
          for (let id = 0; id < 400; id++)
            shards.set(id, shard(id, SHARD_STATES[id % 5] as ShardState, { sending: id % 37 }));
          const before = placeAll(shards, key, dir);
          expect(before.ids).toEqual(sortedIds(shards, key, dir));
          for (const c of changes)
            shards.set(c.id, shard(c.id, c.state, { sending: c.sending, lastChangeAt: c.sending }));
          const after = replaceChanged(
            before,
            shards,
            changes.map((c) => c.id),
            key,
            dir,
          );
          expect(after.ids).toEqual(sortedIds(shards, key, dir));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('moves a shard that went down to the top of a state sort, and nothing else', () => {
    const shards = new Map([0, 1, 2, 3].map((id) => [id, shard(id, 'up')]));
    const before = placeAll(shards, 'state', 'asc');
    shards.set(2, shard(2, 'degraded'));
    const after = replaceChanged(before, shards, [2], 'state', 'asc');
    // Degraded ranks before up: the changed shard comes first, the rest keep their order.
    expect(after.ids).toEqual([2, 0, 1, 3]);
  });

  it('moves nothing when the sorted column did not change (sorted by id, a state change)', () => {
    const shards = new Map([0, 1, 2, 3].map((id) => [id, shard(id, 'up')]));
    const before = placeAll(shards, 'shard_id', 'asc');
    shards.set(2, shard(2, 'down'));
    expect(replaceChanged(before, shards, [2], 'shard_id', 'asc')).toBe(before);
    // Sorted by state, the same change moves the row.
    const byState = placeAll(shards, 'state', 'desc');
    shards.set(2, shard(2, 'up'));
    const after = replaceChanged(byState, shards, [2], 'state', 'desc');
    expect(after).not.toBe(byState);
    expect(after.ids).toEqual(sortedIds(shards, 'state', 'desc'));
  });
});
