/**
 * The shard tracker on columns: a snapshot as the worker sends it (typed
 * arrays, hashes as bytes) gives the same views and changes as the same
 * list given as objects, only changed shards get new objects, and the
 * state kept in slots survives shards leaving, coming back and moving
 * around in the snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import { makeShardStats } from '../../../support/model-builders';
import { pushedView } from '../../../support/pushed-view';
import { giveBackColumns, toColumns } from '../../../../electron/core/gateway/shard-columns';
import type { Json, ShardStats } from '../../../../shared/protocol';

const T0 = Date.UTC(2026, 11, 3, 6, 0, 0);

const shard = makeShardStats;

function fleet(n: number, over: (id: number) => Partial<ShardStats> = () => ({})): ShardStats[] {
  return Array.from({ length: n }, (_, id) => shard(id, over(id)));
}

describe('shard tracker on columns', () => {
  it('lists only the shards that changed, and keeps the other views as they were', () => {
    const t = createShardTracker({ shardTotal: 1000 });
    t.ingestColumns(toColumns(fleet(1000)), T0);
    t.ingestColumns(toColumns(fleet(1000)), T0 + 1000);
    const before = t.all();
    const next = fleet(1000, (id) => (id % 100 === 7 ? { sending: 150 } : {}));
    const change = t.ingestColumns(toColumns(next), T0 + 2000);
    // Counters alone moved: listed by snapshot index, no view made for them.
    expect(change.changed).toEqual([]);
    const movedIds = Array.from(
      change.moved.at.subarray(0, change.moved.count),
      (i) => change.moved.columns.ids[i],
    );
    expect(movedIds).toEqual([7, 107, 207, 307, 407, 507, 607, 707, 807, 907]);
    expect(pushedView(change, 7)).toMatchObject({ sending: 150, sendRate: 50 });
    const after = t.all();
    expect(after[8]).toBe(before[8]);
    expect(after[8]?.lastSeenAt).toBe(T0 + 2000);
    expect(after[7]).not.toBe(before[7]);
    expect(after[7]).toMatchObject({ sending: 150, sendRate: 50, lastSeenAt: T0 + 2000 });
    expect(t.summary(true, T0 + 2000)).toMatchObject({ up: 1000, reported: 1000 });
  });

  it('reads a snapshot in full when the last one it read has been given back since', () => {
    // A worker connection gives a snapshot's columns back once the next is
    // handed out (give-back.ts); a tracker that missed that one (a paused
    // profile) still holds the given-back hashes as its last.
    const a = fleet(5000);
    const b = fleet(5000, (id) =>
      id === 2 ? { shard_hash: 'restarted' } : id % 500 === 9 ? { sending: 170 } : {},
    );
    const given = createShardTracker({ shardTotal: 5000 });
    const kept = createShardTracker({ shardTotal: 5000 });
    for (const t of [given, kept]) t.ingestColumns(toColumns(a), T0);
    const lastA = toColumns(a);
    given.ingestColumns(lastA, T0 + 1000);
    kept.ingestColumns(toColumns(a), T0 + 1000);
    giveBackColumns(lastA);
    expect(lastA.hashBytes.length).toBe(0);
    const changeGiven = given.ingestColumns(toColumns(b), T0 + 2000);
    const changeKept = kept.ingestColumns(toColumns(b), T0 + 2000);
    expect(changeGiven.restarts.map((r) => r.shardId)).toEqual([2]);
    expect(changeGiven.restarts).toEqual(changeKept.restarts);
    expect(changeGiven.changed).toEqual(changeKept.changed);
    expect(changeGiven.moved.count).toBe(10);
    expect(changeGiven.moved.count).toBe(changeKept.moved.count);
    expect(given.all()).toEqual(kept.all());
    expect(given.get(509)).toMatchObject({ sending: 170, hash: 'hash-509' });
  });

  it('tells a restart when the hash column is byte for byte as before but shards moved', () => {
    const h = (id: number): Partial<ShardStats> => ({ shard_hash: `h${id}` });
    // Ids 1 and 2 trade places; the hashes stay where they were in the frame.
    const t = createShardTracker({ shardTotal: 4 });
    t.ingestColumns(toColumns([0, 1, 2, 3].map((id) => shard(id, h(id)))), T0);
    const swapped = [0, 2, 1, 3].map((id, i) => shard(id, h(i)));
    const change = t.ingestColumns(toColumns(swapped), T0 + 1000);
    expect(change.restarts.map((r) => r.shardId)).toEqual([2, 1]);
    expect(t.get(1)?.hash).toBe('h2');
    // Once an id was listed twice, its slot holds the hash of its last place, not its first.
    const u = createShardTracker({ shardTotal: 4 });
    u.ingestColumns(toColumns([shard(0, h(0)), shard(0, h(1)), shard(2, h(2))]), T0);
    expect(u.get(0)?.hash).toBe('h1');
    const next = u.ingestColumns(
      toColumns([shard(0, h(0)), shard(1, h(1)), shard(2, h(2))]),
      T0 + 1000,
    );
    expect(next.restarts.map((r) => r.shardId)).toEqual([0]);
    expect(u.get(0)?.hash).toBe('h0');
    // Nothing moved: no restart, and the same views.
    const again = u.ingestColumns(
      toColumns([shard(0, h(0)), shard(1, h(1)), shard(2, h(2))]),
      T0 + 1000,
    );
    expect(again.restarts).toEqual([]);
    expect(again.changed).toEqual([]);
  });

  it('tells a restart by its hash bytes, non-ASCII hashes included', () => {
    const t = createShardTracker({ shardTotal: 3 });
    const list = [shard(0, { shard_hash: 'ünïcødé-漢' }), shard(1), shard(2, { shard_hash: '' })];
    t.ingestColumns(toColumns(list), T0);
    expect(t.ingestColumns(toColumns(list), T0 + 1000).restarts).toEqual([]);
    const moved = [
      shard(0, { shard_hash: 'ünïcødé-漢字' }),
      shard(1, { shard_hash: 'hash-1b' }),
      shard(2, { shard_hash: 'first' }),
    ];
    const change = t.ingestColumns(toColumns(moved), T0 + 2000);
    // An empty hash becoming one is a change, not a restart.
    expect(change.restarts.map((r) => r.shardId)).toEqual([0, 1]);
    expect(change.changed.map((v) => [v.id, v.hash, v.restarts])).toEqual([
      [0, 'ünïcødé-漢字', 1],
      [1, 'hash-1b', 1],
      [2, 'first', 0],
    ]);
  });

  it('sees an `extra` appear, change and go', () => {
    const t = createShardTracker({ shardTotal: 2 });
    t.ingestColumns(toColumns(fleet(2)), T0);
    t.ingestColumns(toColumns(fleet(2)), T0 + 1000);
    const withNote = fleet(2, (id) => (id === 1 ? { extra: { note: 'a' } } : {}));
    expect(t.ingestColumns(toColumns(withNote), T0 + 2000).changed.map((v) => v.id)).toEqual([1]);
    expect(t.ingestColumns(toColumns(withNote), T0 + 3000).changed).toEqual([]);
    expect(t.get(1)?.extra).toEqual({ note: 'a' });
    expect(t.ingestColumns(toColumns(fleet(2)), T0 + 4000).changed.map((v) => v.id)).toEqual([1]);
    expect(t.get(1)?.extra).toEqual({});
  });

  it('keeps each shard’s state when the snapshot order changes, shards leave and new ones come', () => {
    const t = createShardTracker({ shardTotal: 6 });
    t.ingestColumns(toColumns(fleet(6)), T0);
    t.ingestColumns(toColumns(fleet(6, (id) => ({ sending: 100 + id }))), T0 + 1000);
    // Reversed, shard 2 gone, shard 9 new: its slot may be shard 2's old one.
    const next = [5, 4, 3, 1, 0, 9].map((id) => shard(id, { sending: 100 + 2 * id }));
    const change = t.ingestColumns(toColumns(next), T0 + 2000);
    expect(change.removed).toEqual([2]);
    expect(t.get(9)).toMatchObject({ id: 9, hash: 'hash-9', sendRate: null, restarts: 0 });
    expect(t.get(2)).toBeNull();
    expect(t.get(5)).toMatchObject({ sending: 110, sendRate: 5 });
    expect(t.all().map((v) => v.id)).toEqual([0, 1, 3, 4, 5, 9]);
    expect(t.summary(true, T0 + 2000)).toMatchObject({
      reported: 6,
      missingCount: 1,
      missing: [2],
    });
  });

  it('keeps its counts, views and last snapshot in agreement on any run of snapshots', () => {
    const shardArb = fc.record({
      shard_id: fc.nat({ max: 40 }),
      shard_hash: fc.constantFrom('', 'a', 'b', 'ü'),
      development: fc.boolean(),
      disconnected: fc.boolean(),
      send_ping: fc.nat({ max: 6 }),
      receibe_ping: fc.nat({ max: 6 }),
      sending: fc.nat({ max: 3 }),
      received: fc.nat({ max: 3 }),
      extra: fc.constantFrom<Record<string, Json>>({}, { n: 1 }, { n: 2 }),
    });
    const step = fc.record({
      shards: fc.array(shardArb, { maxLength: 30 }),
      dt: fc.constantFrom(0, 500, 30_000, 61_000),
      action: fc.constantFrom('ingest', 'ingest', 'ingest', 'tick', 'markNoData'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const t = createShardTracker({ shardTotal: 20 });
        let at = T0;
        let last: ShardStats[] = [];
        for (const s of steps) {
          at += s.dt;
          if (s.action === 'tick') t.tick(at);
          else if (s.action === 'markNoData') t.markNoData(at);
          else {
            t.ingestColumns(toColumns(s.shards), at);
            last = s.shards;
          }
          const views = t.all();
          // Exactly the ids of the last snapshot, ascending, each with its last entry's fields.
          const lastById = new Map(last.map((x) => [x.shard_id, x]));
          expect(views.map((v) => v.id)).toEqual([...lastById.keys()].sort((a, b) => a - b));
          for (const v of views) {
            const x = lastById.get(v.id) as ShardStats;
            expect(v).toMatchObject({ hash: x.shard_hash, sending: x.sending, extra: x.extra });
            expect(t.get(v.id)).toBe(v);
          }
          // The counts kept on every change agree with the views.
          const n = (state: string) => views.filter((v) => v.state === state).length;
          const sum = t.summary(true, at);
          if (at - (sum.lastReportAt ?? at) < 15_000)
            expect(sum).toMatchObject({
              reported: views.length,
              up: n('up'),
              degraded: n('degraded'),
              down: n('down'),
              dev: n('dev'),
              noData: n('no-data'),
              stalled: views.filter((v) => v.stalled && v.state === 'degraded').length,
            });
        }
      }),
      { numRuns: 200 },
    );
  });
});
