/**
 * Removed shard ids follow the same per-push bound as shards
 * (electron/core/app-core/shard-pushes.ts): a 50,000-shard bot that goes
 * away leaves in pushes of at most SHARD_CHUNK entries, and a renderer
 * applying them in order ends holding none of its shards. Shards whose
 * counters alone moved (a real tracker's `moved`, no view each) reach the
 * window once per counters period with the values of the latest snapshot.
 */
import { describe, expect, it } from 'vitest';
import { createShardPushes } from '../../../../electron/core/app-core/shard-pushes';
import type { ShardChange } from '../../../../electron/core/monitor/shard-tracker';
import { NO_MOVES, createShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import type { ShardStats } from '../../../../shared/protocol';
import type { ShardView } from '../../../../shared/live-status';
import { applyShardPush, SHARD_CHUNK } from '../../../../shared/shard-columns';
import type { ShardPush } from '../../../../shared/shard-columns';
import { makeShardView } from '../../../support/model-builders';

const view = (id: number): ShardView =>
  makeShardView(id, {
    sendPing: 1,
    receibePing: 1,
    sending: 0,
    received: 0,
    sendRate: null,
    lastChangeAt: 1000,
    lastSeenAt: 1000,
  });

const change = (changed: ShardView[], removed: number[] = []): ShardChange => ({
  changed,
  moved: NO_MOVES,
  removed,
  transitions: [],
  restarts: [],
  duplicated: [],
  putTo: () => false,
  movedSince: () => ({ ids: [], generation: 0 }),
});

const ids = (lo: number, n: number): number[] => Array.from({ length: n }, (_, i) => lo + i);

/** A snapshot of shards `0..n-1` at report `k`: every counter moves; `down` ids disconnected. */
const snapshot = (n: number, k: number, down: readonly number[] = []): ShardStats[] =>
  ids(0, n).map((id) => ({
    shard_id: id,
    shard_hash: `h${id}`,
    development: false,
    disconnected: down.includes(id),
    send_ping: k,
    receibe_ping: k,
    sending: 10 * k + id,
    received: 20 * k + id,
    extra: {},
  }));

const T0 = Date.UTC(2026, 11, 3, 15, 0, 0);

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

  it('sends counter-only moves once per counters period, with the latest snapshot’s values', () => {
    const tracker = createShardTracker({ shardTotal: 100 });
    const pushes = createShardPushes({ countersEveryMs: 5000 });
    const held = new Map<number, ShardView>();
    const report = (k: number, down: number[] = []) => {
      const c = tracker.ingest(snapshot(100, k, down), T0 + k * 1000);
      pushes.changed('p', c, false);
      return c;
    };
    report(0);
    drain(pushes, held);
    expect(held.size).toBe(100);
    // Counters alone (the second report also makes the rates known): no view in the change.
    const second = report(1);
    expect([second.changed.length, second.moved.count]).toEqual([0, 100]);
    drain(pushes, held); // the first counters push of the profile goes at once
    expect(held.get(3)).toMatchObject({ sending: 13, sendRate: 10 });

    // 1 s later shard 7 goes down: it goes out at once, the others wait.
    const third = report(2, [7]);
    expect(third.changed.map((v) => v.id)).toEqual([7]);
    const now = pushes.take(1000) ?? [];
    expect(now.flatMap((p) => Array.from(p.shards.id))).toEqual([7]);
    for (const p of now) applyShardPush(held, p);
    expect(held.get(7)).toMatchObject({ state: 'down', sending: 27 });
    expect(held.get(3)).toMatchObject({ sending: 13 });
    for (let k = 3; k <= 6; k++) {
      report(k, [7]);
      expect(pushes.take(k * 1000 - 2000)).toBeUndefined();
    }
    // The counters period is over: every shard, with report 6's values.
    const batch = pushes.take(5000) ?? [];
    expect(batch.flatMap((p) => Array.from(p.shards.id))).toHaveLength(100);
    for (const p of batch) applyShardPush(held, p);
    for (const id of ids(0, 100)) expect(held.get(id)).toEqual(tracker.get(id));
    expect(held.get(3)).toMatchObject({ sending: 63, received: 123, sendRate: 10 });
    // Nothing is left: no empty push follows.
    expect(pushes.leftOver()).toBe(false);
    expect(pushes.take(5100)).toBeUndefined();
  });

  it('splits a counters push of 12,000 moved shards into chunks, each shard once and current', () => {
    const tracker = createShardTracker({ shardTotal: 12_000 });
    const pushes = createShardPushes({ countersEveryMs: 5000 });
    const held = new Map<number, ShardView>();
    pushes.changed('p', tracker.ingest(snapshot(12_000, 0), T0), false);
    drain(pushes, held);
    pushes.changed('p', tracker.ingest(snapshot(12_000, 1), T0 + 1000), false);
    pushes.changed('p', tracker.ingest(snapshot(12_000, 2), T0 + 2000), false);
    const out = drain(pushes, held);
    expect(out.map((p) => p.shards.id.length)).toEqual([SHARD_CHUNK, SHARD_CHUNK, 2000]);
    expect(out.map((p) => p.more)).toEqual([true, true, false]);
    expect(new Set(out.flatMap((p) => Array.from(p.shards.id))).size).toBe(12_000);
    expect(held.get(11_999)).toEqual(tracker.get(11_999));
    expect(held.get(11_999)).toMatchObject({ sending: 20 + 11_999 });
  });

  it('leaves out a moved shard that went away between the chunks of a counters push, no blank in its place', () => {
    const tracker = createShardTracker({ shardTotal: 6000 });
    const pushes = createShardPushes({ countersEveryMs: 5000 });
    const held = new Map<number, ShardView>();
    pushes.changed('p', tracker.ingest(snapshot(6000, 0), T0), false);
    drain(pushes, held);
    pushes.changed('p', tracker.ingest(snapshot(6000, 1), T0 + 1000), false);
    const first = pushes.take(0) ?? [];
    expect(first.map((p) => [p.shards.id.length, p.more])).toEqual([[SHARD_CHUNK, true]]);
    for (const p of first) applyShardPush(held, p);
    // Before the rest goes out, 500 of the shards it holds leave the report.
    const firstIds = new Set(first.flatMap((p) => Array.from(p.shards.id)));
    const waiting = ids(0, 6000).filter((id) => !firstIds.has(id));
    expect(waiting).toHaveLength(1000);
    const gone = new Set(waiting.slice(0, 500));
    const after = snapshot(6000, 2).filter((s) => !gone.has(s.shard_id));
    pushes.changed('p', tracker.ingest(after, T0 + 2000), false);
    const rest = drain(pushes, held);
    // The other 500, each once: no blank entry where a gone one had room.
    const sent = rest.flatMap((p) => Array.from(p.shards.id));
    expect([...sent].sort((x, y) => x - y)).toEqual(waiting.slice(500));
    for (const p of rest) {
      const n = p.shards.id.length;
      expect([p.shards.hash.length, p.shards.seenAt.length, p.shards.recvRate.length]).toEqual([
        n,
        n,
        n,
      ]);
    }
    expect(rest.flatMap((p) => p.removed).sort((x, y) => x - y)).toEqual([...gone]);
    expect(held.size).toBe(5500);
    // The next counters period brings every shard to report 2's values.
    do for (const p of pushes.take(5000) ?? []) applyShardPush(held, p);
    while (pushes.leftOver());
    for (const id of after.map((s) => s.shard_id)) expect(held.get(id)).toEqual(tracker.get(id));
  });

  it('finds the counters moves of a new tracker for the profile, whose generations start again', () => {
    const pushes = createShardPushes({ countersEveryMs: 5000 });
    const held = new Map<number, ShardView>();
    const old = createShardTracker({ shardTotal: 3 });
    for (let k = 0; k < 8; k++)
      pushes.changed('p', old.ingest(snapshot(3, k), T0 + k * 1000), false);
    drain(pushes, held);
    // The profile's connection was made again: a new tracker, two reports, counters moving.
    const fresh = createShardTracker({ shardTotal: 3 });
    pushes.changed('p', fresh.ingest(snapshot(3, 20), T0 + 20_000), false);
    pushes.changed('p', fresh.ingest(snapshot(3, 21), T0 + 21_000), false);
    for (const p of pushes.take(10_000) ?? []) applyShardPush(held, p);
    expect(held.get(2)).toEqual(fresh.get(2));
    expect(held.get(2)).toMatchObject({ sending: 212 });
  });
});
