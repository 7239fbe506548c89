import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  reorderChanged,
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
          const before = sortedIds(shards, key, dir);
          for (const c of changes)
            shards.set(c.id, shard(c.id, c.state, { sending: c.sending, lastChangeAt: c.sending }));
          const after = reorderChanged(
            before,
            shards,
            changes.map((c) => c.id),
            key,
            dir,
          );
          expect(after).toEqual(sortedIds(shards, key, dir));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('moves a shard that went down to the top of a state sort, and nothing else', () => {
    const shards = new Map([0, 1, 2, 3].map((id) => [id, shard(id, 'up')]));
    const before = sortedIds(shards, 'state', 'asc');
    shards.set(2, shard(2, 'degraded'));
    const after = reorderChanged(before, shards, [2], 'state', 'asc');
    // 'degraded' < 'up' as text: the changed shard comes first, the rest keep their order.
    expect(after).toEqual([2, 0, 1, 3]);
  });
});
