/**
 * Removed shard ids follow the same per-push bound as shards
 * (electron/core/app-core/shard-pushes.ts): a 50,000-shard bot that goes
 * away leaves in pushes of at most SHARD_CHUNK entries, and a renderer
 * applying them in order ends holding none of its shards.
 */
import { describe, expect, it } from 'vitest';
import { createShardPushes } from '../../../../electron/core/app-core/shard-pushes';
import type { ShardChange } from '../../../../electron/core/monitor/shard-tracker';
import type { ShardView } from '../../../../shared/live-status';
import { applyShardPush, SHARD_CHUNK } from '../../../../shared/shard-columns';
import type { ShardPush } from '../../../../shared/shard-columns';

const view = (id: number): ShardView => ({
  id,
  hash: `h${id}`,
  state: 'up',
  development: false,
  disconnected: false,
  sendPing: 1,
  receibePing: 1,
  sending: 0,
  received: 0,
  sendRate: null,
  recvRate: null,
  pingGap: 0,
  stalled: false,
  restarts: 0,
  lastChangeAt: 1000,
  lastSeenAt: 1000,
  extra: {},
});

const change = (changed: ShardView[], removed: number[] = []): ShardChange => ({
  changed,
  removed,
  transitions: [],
  restarts: [],
  duplicated: [],
});

const ids = (lo: number, n: number): number[] => Array.from({ length: n }, (_, i) => lo + i);

/** Take pushes until none is left over, applying each to `held`. */
function drain(pushes: ReturnType<typeof createShardPushes>, held: Map<number, ShardView>) {
  const out: ShardPush[] = [];
  do {
    for (const p of pushes.take(0) ?? []) {
      out.push(p);
      applyShardPush(held, p);
    }
  } while (pushes.leftOver() && out.length < 1000);
  return out;
}

describe('shard pushes', () => {
  it('sends 50,000 removed ids in pushes of at most SHARD_CHUNK, and the mirror ends empty', () => {
    const pushes = createShardPushes({ countersEveryMs: 5000 });
    const held = new Map<number, ShardView>();
    pushes.changed('p', change(ids(0, 50_000).map(view)), true);
    drain(pushes, held);
    expect(held.size).toBe(50_000);

    pushes.changed('p', change([], ids(0, 50_000)), false);
    const out = drain(pushes, held);
    expect(out.length).toBe(50_000 / SHARD_CHUNK);
    for (const p of out)
      expect(p.removed.length + p.shards.id.length).toBeLessThanOrEqual(SHARD_CHUNK);
    expect(out.map((p) => p.more)).toEqual([...Array<boolean>(9).fill(true), false]);
    expect(new Set(out.flatMap((p) => p.removed)).size).toBe(50_000);
    expect(held.size).toBe(0);
  });

  it('counts shards and removed ids together against the bound, sending each once', () => {
    const pushes = createShardPushes({ countersEveryMs: 5000 });
    const held = new Map<number, ShardView>();
    pushes.changed('p', change(ids(0, 10_000).map(view)), true);
    drain(pushes, held);
    // 3,000 new shards appear and 4,000 old ones go in one report.
    pushes.changed('p', change(ids(10_000, 3000).map(view), ids(0, 4000)), false);
    const out = drain(pushes, held);
    expect(out.length).toBe(2);
    expect(out[0]?.shards.id.length).toBe(3000);
    expect(out[0]?.removed.length).toBe(SHARD_CHUNK - 3000);
    expect(out[0]?.more).toBe(true);
    expect(out[1]?.shards.id.length).toBe(0);
    expect(out[1]?.removed.length).toBe(4000 - (SHARD_CHUNK - 3000));
    expect(out[1]?.more).toBe(false);
    expect(held.size).toBe(9000);
    expect(held.has(3999)).toBe(false);
    expect(held.has(12_999)).toBe(true);
  });
});
