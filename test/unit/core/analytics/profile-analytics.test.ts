/**
 * One profile's analyses fed by a real shard tracker, as the monitor feeds
 * them: what reaches the shard history, one-way shards named over time,
 * deploy shards held, restarts counted once, the diagnosis of down shards,
 * and the budget read back from the history after an app restart.
 */
import { describe, expect, it } from 'vitest';
import { createProfileAnalytics } from '../../../../electron/core/analytics/profile-analytics';
import type { AnalyticsLayout } from '../../../../electron/core/analytics/profile-analytics';
import { createShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import type { ShardChange } from '../../../../electron/core/monitor/shard-tracker';
import type { ShardStats } from '../../../../shared/protocol';
import {
  MARK_RESTART,
  createSliceBuilder,
  heatCode,
  heatState,
} from '../../../../shared/shard-heatmap';
import { createFakeClock } from '../../../support/fake-clock';

const LAYOUT: AnalyticsLayout = {
  shardTotal: 16,
  maxConcurrency: 4,
  clusters: null,
  dailySessionLimit: 1000,
};

function harness(layout: Partial<AnalyticsLayout> = {}) {
  const clock = createFakeClock();
  const records: Array<{ at: number; id: number; code: number }> = [];
  const a = createProfileAnalytics({
    clock,
    layout: { ...LAYOUT, ...layout },
    record: (at, ids, codes, count) => {
      for (let i = 0; i < count; i++)
        records.push({ at, id: ids[i] as number, code: codes[i] as number });
    },
  });
  const tracker = createShardTracker({ shardTotal: 16 });
  const shards: ShardStats[] = Array.from({ length: 16 }, (_, id) => ({
    shard_id: id,
    shard_hash: `h${id}`,
    development: false,
    disconnected: false,
    send_ping: 0,
    receibe_ping: 0,
    sending: 0,
    received: 0,
    extra: {},
  }));
  /** One second passes; every connected shard talks (unless `mute` says otherwise); a snapshot arrives. */
  const second = (mute: (s: ShardStats) => Partial<ShardStats> = () => ({})): ShardChange => {
    clock.advance(1000);
    for (const s of shards) {
      if (s.disconnected) continue;
      s.send_ping++;
      s.receibe_ping++;
      s.sending++;
      s.received++;
      Object.assign(s, mute(s));
    }
    const at = clock.wallNow();
    const change = tracker.ingest(shards, at);
    a.ingested(change, at);
    a.changed(change, at);
    return change;
  };
  const tick = () => a.tick(clock.wallNow());
  return { clock, a, tracker, shards, records, second, tick };
}

describe('profile analytics', () => {
  it('records states, restarts and removed shards for the heatmap, and no data when our view goes', () => {
    const h = harness();
    h.second();
    h.second();
    h.records.length = 0;
    (h.shards[2] as ShardStats).disconnected = true;
    (h.shards[5] as ShardStats).shard_hash = 'new';
    h.second();
    expect(h.records.filter((r) => r.code !== heatCode('up'))).toEqual([
      { at: h.clock.wallNow(), id: 2, code: heatCode('down') },
      { at: h.clock.wallNow(), id: 5, code: heatCode('up', MARK_RESTART) },
    ]);
    h.records.length = 0;
    const gone = h.tracker.markNoData(h.clock.wallNow());
    h.a.changed(gone, h.clock.wallNow());
    expect(new Set(h.records.map((r) => heatState(r.code)))).toEqual(new Set(['no-data']));
    expect(h.records).toHaveLength(16);
  });

  it('names a shard one-way a minute after its pings stop being answered, in the history and the facts', () => {
    const h = harness();
    for (let t = 0; t < 5; t++) h.second();
    let frozen = -1;
    const oneWay = (s: ShardStats) => {
      if (s.shard_id !== 7) return {};
      if (frozen < 0) frozen = s.receibe_ping - 1;
      return { receibe_ping: frozen };
    };
    for (let t = 0; t < 59; t++) {
      h.second(oneWay);
      expect(h.tick().facts.oneWay).toBeNull();
    }
    h.second(oneWay);
    h.second(oneWay);
    const t = h.tick();
    expect(t.facts.oneWay).toMatchObject({ shardIds: [7], title: 'shard 7 one-way' });
    expect(h.a.findings().oneWay).toEqual([[7, 7]]);
    expect(h.records.filter((r) => r.id === 7).map((r) => heatState(r.code))).toContain('one-way');
    // Our own outage says nothing about the shard: the name goes, and its clocks start afresh.
    h.a.stopped();
    expect(h.tick().facts.oneWay).toBeNull();
    expect(h.tick().findingsChanged).toBe(false);
  });

  it('names one-way and silent shards from reports where only counters moved (no view per shard)', () => {
    const h = harness();
    h.second();
    const frozen = { recv: -1, received: -1 };
    const mute = (s: ShardStats): Partial<ShardStats> => {
      if (s.shard_id === 7) {
        if (frozen.recv < 0) frozen.recv = s.receibe_ping - 1;
        return { receibe_ping: frozen.recv };
      }
      if (s.shard_id === 5) {
        if (frozen.received < 0) frozen.received = s.received - 1;
        return { received: frozen.received };
      }
      return {};
    };
    const named: Array<[number | null, number | null]> = [];
    const views: number[] = [];
    for (let t = 0; t < 125; t++) {
      const change = h.second(mute);
      // Every shard is reported as a counters move, no view each…
      expect(change.changed.length + change.moved.count).toBe(16);
      views.push(...change.changed.map((v) => v.id));
      const f = h.tick().facts;
      named.push([f.oneWay?.shardIds[0] ?? null, f.silent?.shardIds[0] ?? null]);
    }
    // Both counters last moved in the report before the loop's first (index −1): one-way a
    // minute of unanswered pings later, silent after two minutes of hearing nothing.
    expect(named.findIndex(([oneWay]) => oneWay === 7)).toBe(59);
    expect(named.findIndex(([, silent]) => silent === 5)).toBe(119);
    expect(h.a.findings()).toMatchObject({ oneWay: [[7, 7]], silent: [[5, 5]] });
    // …but once: shard 7 turning degraded as its ping gap grew.
    expect(views).toEqual([7]);
  });

  it('starts a shard’s clocks afresh when it reconnects after counters-only reports while down', () => {
    const h = harness();
    const three = h.shards[3] as ShardStats;
    three.disconnected = true;
    h.second();
    // Down for 90 s: the gateway keeps pinging it, no answer (counters alone move).
    for (let t = 0; t < 90; t++) {
      three.send_ping++;
      expect(h.second().changed).toEqual([]);
    }
    // Back, its first answers a few seconds late: not one-way.
    three.disconnected = false;
    const unanswered = three.receibe_ping;
    const back = (s: ShardStats) => (s.shard_id === 3 ? { receibe_ping: unanswered } : {});
    for (let t = 0; t < 5; t++) {
      h.second(back);
      expect(h.tick().facts.oneWay).toBeNull();
    }
  });

  it('holds the shards of a deploy and counts a shard back with a new hash as one session start', () => {
    const h = harness();
    h.second();
    for (const id of [0, 1, 2, 3]) {
      (h.shards[id] as ShardStats).disconnected = true;
      h.second();
      expect(h.a.isHeld(id)).toBe(id >= 2);
      for (let t = 0; t < 6; t++) h.second();
      Object.assign(h.shards[id] as ShardStats, { disconnected: false, shard_hash: `again${id}` });
      h.second();
      expect(h.a.isHeld(id)).toBe(false);
      for (let t = 0; t < 2; t++) h.second();
    }
    expect(h.a.budget().used).toBe(4);
    expect(h.a.loops()).toEqual([]);
    // Two minutes without a shard going down: the deploy is over, one event.
    let deploy = null;
    for (let t = 0; t < 130 && !deploy; t++) {
      h.second();
      deploy = h.tick().deploy;
    }
    expect(deploy?.text).toMatch(/^Rolling restart: 4 shards \(0–3\) restarted in ascending order/);
  });

  it('describes down shards only when they share something telling, and asks the diagnosis once per set', () => {
    const h = harness();
    h.second();
    expect(h.a.describeDown([3, 7, 11])).toEqual({
      title: '3 shards down, all in identify bucket 3',
      body: expect.stringContaining('shard_id % 4 = 3'),
    });
    expect(h.a.describeDown([3, 7, 11])).toBe(h.a.describeDown([3, 7, 11]));
    // Two shards in two buckets and two ranges share nothing: the plain title stays.
    expect(h.a.describeDown([4, 9])).toBeNull();
    expect(h.a.describeDown([1])).toBeNull();
    h.a.setLayout({ ...LAYOUT, maxConcurrency: 1, clusters: { size: 4 } });
    expect(h.a.describeDown([4, 5, 6, 7])?.title).toBe(
      '4 shards down, all in cluster 1 (shards 4–7)',
    );
  });

  it('reads the last day of restarts back from the shard history, so the budget survives a restart', () => {
    const h = harness({ dailySessionLimit: 10 });
    const now = h.clock.wallNow();
    const from = now - 86_400_000;
    const b = createSliceBuilder(from, now, 0, 3);
    b.setInitial(0, heatCode('up'));
    b.setInitial(1, heatCode('up'));
    b.push(0, now - 3_600_000, heatCode('up', MARK_RESTART));
    b.push(1, now - 7_200_000, heatCode('down'));
    b.push(1, now - 7_190_000, heatCode('up', MARK_RESTART));
    b.push(2, now - 60_000, heatCode('down'));
    h.a.seed(b.finish());
    // Shard 1's reconnect and new hash in the same moment are one session start.
    expect(h.a.budget()).toMatchObject({ used: 2, limit: 10 });
    expect(h.a.countingSince()).toBe(from);
    h.a.setLayout({ ...LAYOUT, dailySessionLimit: 2 });
    expect(h.a.budget().level).toBe('exhausted');
  });
});
