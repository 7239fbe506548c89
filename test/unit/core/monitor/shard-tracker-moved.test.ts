/**
 * Shards whose counters alone moved (electron/core/monitor/shard-tracker-types.ts,
 * `MovedShards`): the tracker lists them by snapshot index, makes no view for
 * them, and still answers `get` / `all` with their new values. Every other
 * change of a view is in `changed`, so a reader that applies both to what it
 * holds ends with what the tracker holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import { makeShardStats } from '../../../support/model-builders';
import { pushedView } from '../../../support/pushed-view';
import type { ShardChange } from '../../../../electron/core/monitor/shard-tracker';
import { toColumns } from '../../../../electron/core/gateway/shard-columns';
import type { ShardView } from '../../../../shared/live-status';
import type { Json, ShardStats } from '../../../../shared/protocol';

const T0 = Date.UTC(2026, 11, 3, 15, 0, 0);

const shard = makeShardStats;

/** Ids of the moved shards, in the order listed. */
const movedIds = (c: ShardChange): number[] =>
  Array.from(c.moved.at.subarray(0, c.moved.count), (i) => c.moved.columns.ids[i] as number);

/** A view without the fields a counters move may change. */
function withoutCounters(v: ShardView): Partial<ShardView> {
  const {
    sendPing: _sp,
    receibePing: _rp,
    sending: _se,
    received: _re,
    sendRate: _sr,
    recvRate: _rr,
    pingGap: _gap,
    lastSeenAt: _seen,
    ...rest
  } = v;
  return rest;
}

describe('shard tracker: counters-only moves', () => {
  it('lists a busy bot’s report compactly, in snapshot order, and get/all give the new counters', () => {
    const t = createShardTracker({ shardTotal: 6 });
    const order = [4, 0, 5, 2, 1, 3];
    const at = (n: number) => order.map((id) => shard(id, { sending: 100 + n * (id + 1) }));
    t.ingest(at(0), T0);
    t.ingest(at(1), T0 + 1000);
    const held = t.get(2);
    const views = t.all();
    const c = t.ingest(at(2), T0 + 2000);
    expect(c.changed).toEqual([]);
    expect(c.transitions).toEqual([]);
    expect(movedIds(c)).toEqual(order);
    expect(Array.from(c.moved.at.subarray(0, c.moved.count))).toEqual([0, 1, 2, 3, 4, 5]);
    // The counters at each listed index are the snapshot's.
    const k = c.moved.at[3] as number;
    expect(c.moved.columns.counters[k * 4 + 2]).toBe(106);
    // No view is kept with the old values: asking makes a new one with the new ones.
    const now = t.get(2);
    expect(now).not.toBe(held);
    expect(now).toMatchObject({ sending: 106, sendRate: 3, lastSeenAt: T0 + 2000 });
    expect(held).toMatchObject({ sending: 103 });
    expect(t.all().map((v) => v.sending)).toEqual([102, 104, 106, 108, 110, 112]);
    expect(t.all()[0]).not.toBe(views[0]);
    // The pushes' way to a moved shard: the tracker's values, written without a view.
    expect(pushedView(c, 5)).toEqual(t.get(5));
    expect(pushedView(c, 99)).toBeNull();
  });

  it('tells which shards’ counters moved since a generation, for a reader that asks later', () => {
    const t = createShardTracker({ shardTotal: 4 });
    const sent = [100, 100, 100, 100];
    const snap = (_k: number, moving: number[]) =>
      [0, 1, 2, 3].map((id) =>
        shard(id, { sending: moving.includes(id) ? ++(sent[id] as number) : sent[id] }),
      );
    t.ingest(snap(0, []), T0);
    const first = t.ingest(snap(1, [0, 1, 2, 3]), T0 + 1000).movedSince(0);
    expect(first.ids.sort()).toEqual([0, 1, 2, 3]);
    // Report 2: shard 1 moves, the others stop (their rates fall to 0): a counters move too.
    const second = t.ingest(snap(2, [1]), T0 + 2000).movedSince(first.generation);
    expect(second.ids.sort()).toEqual([0, 1, 2, 3]);
    const c = t.ingest(snap(3, [1, 3]), T0 + 3000);
    expect(c.movedSince(second.generation).ids.sort()).toEqual([1, 3]);
    expect(c.movedSince(c.movedSince(0).generation).ids).toEqual([]);
  });

  it('lists a state, flag, hash or extra change with its counters in `changed`, not in `moved`', () => {
    const t = createShardTracker({ shardTotal: 5 });
    const base = (n: number) => [0, 1, 2, 3, 4].map((id) => shard(id, { sending: 100 + n }));
    t.ingest(base(0), T0);
    t.ingest(base(1), T0 + 1000);
    const next = base(2);
    next[1] = shard(1, { sending: 102, disconnected: true });
    next[2] = shard(2, { sending: 102, shard_hash: 'again' });
    next[3] = shard(3, { sending: 102, extra: { zone: 'b' } });
    const c = t.ingest(next, T0 + 2000);
    expect(c.changed.map((v) => [v.id, v.sending])).toEqual([
      [1, 102],
      [2, 102],
      [3, 102],
    ]);
    expect(movedIds(c)).toEqual([0, 4]);
    expect(c.restarts.map((r) => r.shardId)).toEqual([2]);
  });

  it('lists a dev shard disconnecting, and a stall of a shard already degraded, as view changes', () => {
    const t = createShardTracker({ shardTotal: 2, stallAfterMs: 60_000 });
    // Shard 0 is dev (its state stays `dev` either way); shard 1's ping gap keeps it degraded.
    const snap = (n: number, disconnected: boolean, frozen: boolean) => [
      shard(0, { development: true, disconnected, sending: 100 + n }),
      shard(1, { send_ping: 13, receibe_ping: 10, sending: frozen ? 100 : 100 + n }),
    ];
    t.ingest(snap(0, false, true), T0);
    t.ingest(snap(1, false, true), T0 + 1000);
    const dropped = t.ingest(snap(2, true, true), T0 + 2000);
    expect(dropped.changed.map((v) => [v.id, v.state, v.disconnected])).toEqual([[0, 'dev', true]]);
    expect(dropped.transitions).toEqual([]);
    const stalled = t.ingest(snap(3, true, true), T0 + 61_000);
    expect(stalled.changed.map((v) => [v.id, v.state, v.stalled])).toEqual([[1, 'degraded', true]]);
    expect(movedIds(stalled)).toEqual([0]);
    const moving = t.ingest(snap(4, true, false), T0 + 62_000);
    expect(moving.changed.map((v) => [v.id, v.state, v.stalled, v.sending])).toEqual([
      [1, 'degraded', false, 104],
    ]);
  });

  it('tells readers every view change: `changed` and `moved` applied to a copy give all()', () => {
    const shardArb = fc.record({
      shard_id: fc.nat({ max: 12 }),
      shard_hash: fc.constantFrom('', 'a', 'b'),
      development: fc.boolean(),
      disconnected: fc.boolean(),
      send_ping: fc.nat({ max: 4 }),
      receibe_ping: fc.nat({ max: 4 }),
      sending: fc.nat({ max: 3 }),
      received: fc.nat({ max: 3 }),
      extra: fc.constantFrom<Record<string, Json>>({}, { n: 1 }),
    });
    const step = fc.record({
      shards: fc.array(shardArb, { maxLength: 16 }),
      dt: fc.constantFrom(0, 700, 30_000, 61_000),
      action: fc.constantFrom('ingest', 'ingest', 'ingest', 'ingest', 'tick', 'markNoData'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 14 }), (steps) => {
        const t = createShardTracker({ shardTotal: 10 });
        const copy = new Map<number, ShardView>();
        let at = T0;
        for (const s of steps) {
          at += s.dt;
          const before = new Map(t.all().map((v) => [v.id, withoutCounters(v)]));
          const c =
            s.action === 'tick'
              ? t.tick(at)
              : s.action === 'markNoData'
                ? t.markNoData(at)
                : t.ingestColumns(toColumns(s.shards), at);
          if (s.action === 'ingest') {
            // What the snapshot said (its last entry for an id) is what every view says.
            const last = new Map(s.shards.map((x) => [x.shard_id, x]));
            for (const v of t.all()) {
              const x = last.get(v.id) as ShardStats;
              expect([v.hash, v.development, v.disconnected, v.extra]).toEqual([
                x.shard_hash,
                x.development,
                x.disconnected,
                x.extra,
              ]);
              expect([v.sendPing, v.receibePing, v.sending, v.received]).toEqual([
                x.send_ping,
                x.receibe_ping,
                x.sending,
                x.received,
              ]);
            }
          }
          for (const id of c.removed) copy.delete(id);
          for (const v of c.changed) copy.set(v.id, v);
          const moved = movedIds(c);
          for (const id of moved) {
            // Only counters, rates and lastSeenAt can differ for a moved shard.
            expect(withoutCounters(t.get(id) as ShardView)).toEqual(before.get(id));
            copy.set(id, pushedView(c, id) as ShardView);
          }
          expect(new Set(moved).size).toBe(moved.length);
          expect(c.changed.some((v) => moved.includes(v.id))).toBe(false);
          // Apart from lastSeenAt (refreshed on every view in place), the copy is what the tracker holds.
          const strip = (v: ShardView) => ({ ...v, lastSeenAt: 0 });
          expect([...copy.values()].map(strip).sort((a, b) => a.id - b.id)).toEqual(
            t.all().map(strip),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
