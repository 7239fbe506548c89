/**
 * The per-profile shard index the shard rules read (electron/core/alerts/shard-index.ts):
 * the count, the down and stalled shards, through a restart, removals and
 * shards coming back, for ordinary ids and for odd ones a hostile gateway
 * may send (negative, fractional, huge), which are kept apart from the rest.
 */
import { describe, expect, it } from 'vitest';
import type { ShardDelta } from '../../../../electron/core/alerts/shard-index';
import { ShardIndex } from '../../../../electron/core/alerts/shard-index';
import type { ShardView } from '../../../../shared/live-status';
import { makeShard } from './fixtures';
import type { AlertSettings } from '../../../../shared/profile-model';

function view(id: number, over: Partial<ShardView> = {}): ShardView {
  return makeShard(id, over.state ?? 'up', over);
}

const rules = { includeDevShards: false } as AlertSettings;
const ids = (list: readonly ShardView[]) => list.map((v) => v.id).sort((a, b) => a - b);

function delta(
  source: object,
  changed: ShardView[],
  removed: number[],
  all: ShardView[],
): ShardDelta {
  return { source, changed, removed, all: () => all };
}

describe('shard index', () => {
  for (const [kind, a, b] of [
    ['ordinary ids', 0, 7],
    ['odd ids', -1, 2 ** 21 + 0.5],
  ] as const) {
    it(`counts every shard, ${kind}, from the first list and again after a restart`, () => {
      const index = new ShardIndex();
      const first = [view(a, { state: 'down' }), view(b, { stalled: true }), view(3)];
      index.replace(first);
      expect(index.counted(rules)).toBe(3);
      expect(ids(index.down(rules))).toEqual([a]);
      expect(ids(index.stalled(rules))).toEqual([b]);
      expect(index.get(b)?.stalled).toBe(true);

      // The connection starts again: the index forgets and reads the whole list.
      index.forget();
      expect(index.get(a)).toBeUndefined();
      expect(index.get(b)).toBeUndefined();
      index.replace([view(a), view(b)]);
      expect(index.counted(rules)).toBe(2);
      expect(index.down(rules)).toEqual([]);
      expect(index.stalled(rules)).toEqual([]);
    });

    it(`forgets a removed shard and counts it once when it comes back, ${kind}`, () => {
      const index = new ShardIndex();
      const source = {};
      const all = [view(a), view(b, { state: 'down' }), view(3)];
      index.follow(delta(source, [], [], all));
      expect(index.counted(rules)).toBe(3);

      index.follow(delta(source, [], [a, b], []));
      expect(index.counted(rules)).toBe(1);
      expect(index.get(a)).toBeUndefined();
      expect(index.get(b)).toBeUndefined();
      expect(index.down(rules)).toEqual([]);

      index.follow(delta(source, [view(a, { state: 'down' }), view(b)], [], []));
      expect(index.counted(rules)).toBe(3);
      expect(ids(index.down(rules))).toEqual([a]);
    });
  }

  it('leaves dev shards out of the count unless they are included', () => {
    const index = new ShardIndex();
    index.replace([view(0), view(1, { development: true, state: 'dev', disconnected: true })]);
    expect(index.counted(rules)).toBe(1);
    expect(index.excluded(rules)).toBe(1);
    expect(index.down(rules)).toEqual([]);
    const withDev = { includeDevShards: true } as AlertSettings;
    expect(index.counted(withDev)).toBe(2);
    expect(ids(index.down(withDev))).toEqual([1]);
  });
});
