import { describe, expect, it } from 'vitest';
import type { ShardStats } from '../../../../shared/protocol';
import { createShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import { makeShardStats } from '../../../support/model-builders';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const SEC = 1_000;

const shard = makeShardStats;

function fleet(n: number, over: (id: number) => Partial<ShardStats> = () => ({})): ShardStats[] {
  return Array.from({ length: n }, (_, id) => shard(id, over(id)));
}

describe('shard tracker: health rules', () => {
  it('derives up, down, degraded (ping gap) and dev from one snapshot', () => {
    const t = createShardTracker({ shardTotal: 5 });
    t.ingest(
      [
        shard(0),
        shard(1, { disconnected: true }),
        shard(2, { send_ping: 13, receibe_ping: 10 }),
        shard(3, { send_ping: 12, receibe_ping: 10 }),
        shard(4, { development: true, disconnected: true }),
      ],
      T0,
    );
    expect(t.all().map((v) => [v.id, v.state, v.pingGap])).toEqual([
      [0, 'up', 0],
      [1, 'down', 0],
      [2, 'degraded', 3],
      [3, 'up', 2],
      [4, 'dev', 0],
    ]);
    expect(t.summary(true, T0)).toMatchObject({
      expected: 5,
      reported: 5,
      up: 2,
      down: 1,
      degraded: 1,
      dev: 1,
      noData: 0,
      missingCount: 0,
      lastReportAt: T0,
    });
  });

  it('honours a custom degradedPingGap', () => {
    const t = createShardTracker({ shardTotal: 1, degradedPingGap: 10 });
    t.ingest([shard(0, { send_ping: 19, receibe_ping: 10 })], T0);
    expect(t.get(0)?.state).toBe('up');
    t.ingest([shard(0, { send_ping: 20, receibe_ping: 10 })], T0 + SEC);
    expect(t.get(0)?.state).toBe('degraded');
  });

  it('reports transitions with the time and keeps lastChangeAt at the last state change', () => {
    const t = createShardTracker({ shardTotal: 1 });
    const first = t.ingest([shard(0)], T0);
    // A shard's first appearance is a new view, not a transition.
    expect(first.transitions).toEqual([]);
    expect(first.changed.map((v) => v.id)).toEqual([0]);

    const down = t.ingest([shard(0, { disconnected: true })], T0 + 5 * SEC);
    expect(down.transitions).toEqual([{ shardId: 0, from: 'up', to: 'down', at: T0 + 5 * SEC }]);
    // Counters move but the state does not: lastChangeAt stays, lastSeenAt moves.
    t.ingest([shard(0, { disconnected: true, sending: 150 })], T0 + 9 * SEC);
    expect(t.get(0)).toMatchObject({
      state: 'down',
      lastChangeAt: T0 + 5 * SEC,
      lastSeenAt: T0 + 9 * SEC,
    });
  });

  it('keeps unknown fields in extra', () => {
    const t = createShardTracker({ shardTotal: 1 });
    t.ingest([shard(0, { extra: { region: 'eu', load: [1, 2] } })], T0);
    expect(t.get(0)?.extra).toEqual({ region: 'eu', load: [1, 2] });
    // The second report makes rates known (null → 0): a counters move, not a new view.
    const second = t.ingest([shard(0, { extra: { region: 'eu', load: [1, 2] } })], T0 + SEC / 2);
    expect([second.changed, second.moved.count]).toEqual([[], 1]);
    expect(t.get(0)).toMatchObject({ sendRate: 0, extra: { region: 'eu', load: [1, 2] } });
    const same = t.ingest([shard(0, { extra: { load: [1, 2], region: 'eu' } })], T0 + SEC);
    expect([same.changed, same.moved.count]).toEqual([[], 0]);
    const changed = t.ingest([shard(0, { extra: { region: 'us', load: [1, 2] } })], T0 + 2 * SEC);
    expect(changed.changed.map((v) => v.extra)).toEqual([{ region: 'us', load: [1, 2] }]);
  });
});

describe('shard tracker: message rates', () => {
  it('computes messages per second between consecutive reports', () => {
    const t = createShardTracker({ shardTotal: 1 });
    t.ingest([shard(0, { sending: 100, received: 200 })], T0);
    expect(t.get(0)).toMatchObject({ sendRate: null, recvRate: null });
    t.ingest([shard(0, { sending: 150, received: 220 })], T0 + 5 * SEC);
    expect(t.get(0)).toMatchObject({ sendRate: 10, recvRate: 4 });
  });

  it('gives a null rate, not a negative one, when a counter resets', () => {
    const t = createShardTracker({ shardTotal: 1 });
    t.ingest([shard(0, { sending: 1_000, received: 500 })], T0);
    t.ingest([shard(0, { sending: 1_010, received: 510 })], T0 + SEC);
    t.ingest([shard(0, { sending: 3, received: 520 })], T0 + 2 * SEC);
    expect(t.get(0)).toMatchObject({ sendRate: null, recvRate: 10 });
    // The next interval after the reset has a rate again.
    t.ingest([shard(0, { sending: 13, received: 520 })], T0 + 3 * SEC);
    expect(t.get(0)).toMatchObject({ sendRate: 10, recvRate: 0 });
  });
});

describe('shard tracker: silent stall', () => {
  it('flags a connected shard whose counters are frozen for stallAfterMs, and clears it when they move', () => {
    const t = createShardTracker({ shardTotal: 1, stallAfterMs: 60_000, staleAfterMs: 1e9 });
    t.ingest([shard(0)], T0);
    t.ingest([shard(0)], T0 + 59_999);
    expect(t.get(0)).toMatchObject({ stalled: false, state: 'up' });

    const stall = t.ingest([shard(0)], T0 + 60_000);
    expect(t.get(0)).toMatchObject({ stalled: true, state: 'degraded' });
    expect(stall.transitions).toEqual([
      { shardId: 0, from: 'up', to: 'degraded', at: T0 + 60_000 },
    ]);
    expect(t.summary(true, T0 + 60_000)).toMatchObject({ stalled: 1, degraded: 1, up: 0 });

    // Only one counter moving is enough to prove life.
    t.ingest([shard(0, { receibe_ping: 11, send_ping: 11 })], T0 + 61_000);
    expect(t.get(0)).toMatchObject({ stalled: false, state: 'up' });
    expect(t.summary(true, T0 + 61_000).stalled).toBe(0);
  });

  it('never calls a disconnected shard stalled, and restarts the clock when it reconnects', () => {
    const t = createShardTracker({ shardTotal: 1, stallAfterMs: 60_000, staleAfterMs: 1e9 });
    t.ingest([shard(0, { disconnected: true })], T0);
    t.ingest([shard(0, { disconnected: true })], T0 + 120_000);
    expect(t.get(0)).toMatchObject({ stalled: false, state: 'down' });
    t.ingest([shard(0)], T0 + 130_000);
    expect(t.get(0)).toMatchObject({ stalled: false, state: 'up' });
    t.ingest([shard(0)], T0 + 180_000);
    expect(t.get(0)?.stalled).toBe(true);
  });

  it('does not declare a stall straight after our own outage', () => {
    const t = createShardTracker({ shardTotal: 1, stallAfterMs: 60_000 });
    t.ingest([shard(0)], T0);
    t.markNoData(T0 + SEC);
    t.ingest([shard(0)], T0 + 300_000);
    expect(t.get(0)).toMatchObject({ stalled: false, state: 'up' });
  });
});

describe('shard tracker: restarts', () => {
  it('counts a changed shard_hash as a restart, ignoring an empty hash', () => {
    const t = createShardTracker({ shardTotal: 2 });
    t.ingest([shard(0, { shard_hash: 'a' }), shard(1, { shard_hash: '' })], T0);
    const r = t.ingest([shard(0, { shard_hash: 'b' }), shard(1, { shard_hash: 'x' })], T0 + SEC);
    expect(r.restarts).toEqual([{ shardId: 0, at: T0 + SEC }]);
    expect(t.get(0)).toMatchObject({ hash: 'b', restarts: 1 });
    expect(t.get(1)).toMatchObject({ hash: 'x', restarts: 0 });
    t.ingest([shard(0, { shard_hash: 'c' }), shard(1, { shard_hash: 'x' })], T0 + 2 * SEC);
    expect(t.get(0)?.restarts).toBe(2);
  });
});

describe('shard tracker: coverage', () => {
  it('lists missing ids up to maxListed with the full count', () => {
    const t = createShardTracker({ shardTotal: 10, maxListed: 3 });
    t.ingest([shard(0), shard(2), shard(9)], T0);
    const s = t.summary(true, T0);
    expect(s.missingCount).toBe(7);
    expect(s.missing).toEqual([1, 3, 4]);
  });

  it('keeps the last occurrence of a duplicated id and reports it once', () => {
    const t = createShardTracker({ shardTotal: 3 });
    const c = t.ingest(
      [
        shard(0),
        shard(1, { sending: 1 }),
        shard(2),
        shard(1, { sending: 2 }),
        shard(1, { sending: 3 }),
      ],
      T0,
    );
    expect(c.duplicated).toEqual([1]);
    expect(c.changed.map((v) => v.id)).toEqual([0, 2, 1]);
    expect(t.get(1)?.sending).toBe(3);
    expect(t.summary(true, T0)).toMatchObject({ reported: 3, duplicated: [1], missingCount: 0 });
    // The next clean snapshot clears the duplicate report.
    expect(t.ingest(fleet(3), T0 + SEC).duplicated).toEqual([]);
    expect(t.summary(true, T0 + SEC).duplicated).toEqual([]);
  });

  it('keeps and shows ids beyond shardTotal without counting them as coverage', () => {
    const t = createShardTracker({ shardTotal: 2 });
    t.ingest([shard(0), shard(5)], T0);
    expect(t.all().map((v) => v.id)).toEqual([0, 5]);
    expect(t.summary(true, T0)).toMatchObject({ reported: 2, missing: [1], missingCount: 1 });
    t.setShardTotal(6);
    expect(t.summary(true, T0)).toMatchObject({
      expected: 6,
      missing: [1, 2, 3, 4],
      missingCount: 4,
    });
  });

  it('removes shards a later full snapshot leaves out', () => {
    const t = createShardTracker({ shardTotal: 3 });
    t.ingest(fleet(3), T0);
    t.ingest(fleet(3), T0 + SEC);
    const c = t.ingest([shard(1)], T0 + 2 * SEC);
    expect(c.removed).toEqual([0, 2]);
    expect(c.changed).toEqual([]);
    expect(t.all().map((v) => v.id)).toEqual([1]);
    expect(t.summary(true, T0 + 2 * SEC)).toMatchObject({ reported: 1, up: 1, missing: [0, 2] });
  });

  it('leaves coverage unknown when the server does not report stats or has not reported yet', () => {
    const t = createShardTracker({ shardTotal: 4 });
    expect(t.summary(true, T0)).toMatchObject({ missing: [], missingCount: 0, lastReportAt: null });
    t.ingest([], T0);
    // An empty nest means no shard has reported yet: all are missing.
    expect(t.summary(true, T0)).toMatchObject({
      reported: 0,
      missing: [0, 1, 2, 3],
      missingCount: 4,
    });
    expect(t.summary(false, T0)).toMatchObject({
      reportsStats: false,
      missing: [],
      missingCount: 0,
    });
  });
});

describe('shard tracker: no data', () => {
  it('turns every shard to no-data when the connection drops, and back on the next snapshot', () => {
    const t = createShardTracker({ shardTotal: 3 });
    t.ingest([shard(0), shard(1, { disconnected: true }), shard(2, { development: true })], T0);
    const c = t.markNoData(T0 + SEC);
    expect(c.transitions).toEqual([
      { shardId: 0, from: 'up', to: 'no-data', at: T0 + SEC },
      { shardId: 1, from: 'down', to: 'no-data', at: T0 + SEC },
      { shardId: 2, from: 'dev', to: 'no-data', at: T0 + SEC },
    ]);
    expect(t.all().every((v) => v.state === 'no-data' && v.sendRate === null)).toBe(true);
    expect(t.summary(true, T0 + SEC)).toMatchObject({ noData: 3, up: 0, down: 0, dev: 0 });
    // Already no-data: nothing more to report.
    expect(t.markNoData(T0 + 2 * SEC).changed).toEqual([]);

    const back = t.ingest(
      [shard(0), shard(1, { disconnected: true }), shard(2, { development: true })],
      T0 + 3 * SEC,
    );
    expect(back.transitions.map((x) => [x.shardId, x.to])).toEqual([
      [0, 'up'],
      [1, 'down'],
      [2, 'dev'],
    ]);
  });

  it('marks shards no-data on tick once no report came for staleAfterMs', () => {
    const t = createShardTracker({ shardTotal: 2, staleAfterMs: 15_000 });
    t.ingest(fleet(2), T0);
    expect(t.tick(T0 + 14_999).changed).toEqual([]);
    expect(t.get(0)?.state).toBe('up');
    const stale = t.tick(T0 + 15_000);
    expect(stale.changed.map((v) => [v.id, v.state, v.lastSeenAt, v.lastChangeAt])).toEqual([
      [0, 'no-data', T0, T0 + 15_000],
      [1, 'no-data', T0, T0 + 15_000],
    ]);
    expect(t.tick(T0 + 20_000).changed).toEqual([]);
  });

  it('counts shards as no data in a summary past staleAfterMs even before tick', () => {
    const t = createShardTracker({ shardTotal: 2, staleAfterMs: 15_000 });
    t.ingest(fleet(2), T0);
    expect(t.summary(true, T0 + 10_000)).toMatchObject({ up: 2, noData: 0 });
    expect(t.summary(true, T0 + 15_000)).toMatchObject({ up: 0, noData: 2 });
  });
});

describe('shard tracker: large snapshots', () => {
  it('returns exactly the 3 changed shards of a 10,000-shard snapshot', () => {
    const t = createShardTracker({ shardTotal: 10_000 });
    const first = t.ingest(fleet(10_000), T0);
    expect(first.changed).toHaveLength(10_000);
    // Second report: rates become known for every shard, once — a counters move, no view each.
    const second = t.ingest(fleet(10_000), T0 + SEC / 2);
    expect([second.changed.length, second.moved.count]).toEqual([0, 10_000]);
    const third = t.ingest(fleet(10_000), T0 + (3 * SEC) / 4);
    expect([third.changed.length, third.moved.count]).toEqual([0, 0]);

    const before = t.all();
    const next = fleet(10_000, (id) => {
      if (id === 17) return { disconnected: true };
      if (id === 4_242) return { sending: 101 };
      if (id === 9_999) return { shard_hash: 'rebooted' };
      return {};
    });
    const c = t.ingest(next, T0 + SEC);
    expect(c.changed.map((v) => v.id)).toEqual([17, 9_999]);
    expect(
      Array.from(c.moved.at.subarray(0, c.moved.count), (i) => c.moved.columns.ids[i]),
    ).toEqual([4_242]);
    expect(c.transitions).toEqual([{ shardId: 17, from: 'up', to: 'down', at: T0 + SEC }]);
    expect(c.restarts).toEqual([{ shardId: 9_999, at: T0 + SEC }]);
    expect(c.removed).toEqual([]);
    // Unchanged shards keep their view objects; their lastSeenAt still moves.
    const after = t.all();
    expect(after[5]).toBe(before[5]);
    expect(after[5]?.lastSeenAt).toBe(T0 + SEC);
    expect(after[17]).not.toBe(before[17]);
    expect(after[4_242]).not.toBe(before[4_242]);
    expect(after[4_242]).toMatchObject({ sending: 101, sendRate: 4, lastSeenAt: T0 + SEC });
    expect(t.summary(true, T0 + SEC)).toMatchObject({ up: 9_999, down: 1, missingCount: 0 });
  });

  it('forgets everything on clear()', () => {
    const t = createShardTracker({ shardTotal: 2 });
    t.ingest(fleet(2), T0);
    t.clear();
    expect(t.all()).toEqual([]);
    expect(t.summary(true, T0)).toMatchObject({ reported: 0, up: 0, lastReportAt: null });
    expect(t.ingest(fleet(1), T0).changed).toHaveLength(1);
  });
});
