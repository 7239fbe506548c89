/**
 * The shard rules fed what changed (electron/core/alerts/shard-index.ts), as
 * the monitor feeds them: the shard tracker's change of each snapshot, with
 * the whole list read only when the list the changes follow is a new one.
 * What the user sees — which incidents open, what they say, when they
 * close — must be what the whole list gives.
 */
import { describe, expect, it } from 'vitest';
import type { AlertSample } from '../../../../electron/core/alerts/types';
import type { ShardDelta } from '../../../../electron/core/alerts/shard-index';
import type { ShardStats } from '../../../../shared/protocol';
import type { ShardChange } from '../../../../electron/core/monitor/shard-tracker';
import { createShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import type { ShardTracker } from '../../../../electron/core/monitor/shard-tracker';
import type { Harness } from './fixtures';
import { createHarness } from './fixtures';
import { seededRandom as random } from '../../../support/seeded-random';
import type { AlertSettings } from '../../../../shared/profile-model';

function stat(id: number, over: Partial<ShardStats> = {}): ShardStats {
  return {
    shard_id: id,
    shard_hash: `h${id}`,
    development: false,
    disconnected: false,
    send_ping: 0,
    receibe_ping: 0,
    sending: 0,
    received: 0,
    extra: {},
    ...over,
  };
}

/** A bot: shard ids, which are down, dev or frozen, and counters that move. */
interface Bot {
  ids: number[];
  down: Set<number>;
  dev: Set<number>;
  frozen: Set<number>;
  tick: number;
}

function snapshotOf(bot: Bot): ShardStats[] {
  bot.tick++;
  return bot.ids.map((id) => {
    const moving = !bot.frozen.has(id);
    const n = moving ? bot.tick : 0;
    return stat(id, {
      disconnected: bot.down.has(id),
      development: bot.dev.has(id),
      send_ping: n,
      receibe_ping: n,
      sending: n * 3,
      received: n * 5,
    });
  });
}

/** Feeds one tracker's snapshots to the harness's engine, as changes or as the whole list. */
function feeder(h: Harness, mode: 'delta' | 'all') {
  let tracker: ShardTracker = createShardTracker({ shardTotal: h.profile.shardTotal });
  let source: object = {};
  const sent: ShardDelta[] = [];
  const send = (change: ShardChange): void => {
    const t = tracker;
    const delta: ShardDelta = {
      source,
      changed: change.changed,
      removed: change.removed,
      all: () => t.all(),
    };
    sent.push(delta);
    const sample: AlertSample = {
      kind: 'shards',
      profile: h.profile,
      shards: mode === 'delta' ? delta : t.all(),
      summary: t.summary(true, h.clock.wallNow()),
      transitions: change.transitions,
    };
    h.engine.evaluate(h.profile.id, sample);
  };
  return {
    sent,
    ingest(shards: ShardStats[]): void {
      send(tracker.ingest(shards, h.clock.wallNow()));
    },
    /** The connection dropped: every shard no-data, outside any snapshot. */
    noData(): void {
      if (tracker.markNoData(h.clock.wallNow()).changed.length > 0) source = {};
    },
    /** A new connection (the profile's address was edited): a new tracker. */
    restart(): void {
      tracker = createShardTracker({ shardTotal: h.profile.shardTotal });
      source = {};
    },
  };
}

/** Incidents as the user sees them, in order. */
function seen(h: Harness): string[] {
  return h.events.map(
    (e) =>
      `${e.change} ${e.incident.rule} ${e.incident.severity} ${e.incident.title} | ${e.incident.body} | ${e.incident.shardIds.join(',')}`,
  );
}

const ALERTS: Partial<AlertSettings> = { silentStall: true, missingShards: true };

describe('shard rules fed the tracker’s changes', () => {
  it('keeps a shards-down incident open while the down shards stop changing', () => {
    const h = createHarness(ALERTS, { profile: { shardTotal: 10 } });
    const f = feeder(h, 'delta');
    const bot: Bot = {
      ids: [...Array(10).keys()],
      down: new Set([3, 7]),
      dev: new Set(),
      frozen: new Set([3, 7]),
      tick: 0,
    };
    for (let i = 0; i < 8; i++) {
      f.ingest(snapshotOf(bot));
      h.clock.advance(1000);
    }
    // From the third snapshot on, shards 3 and 7 are in no change at all…
    const late = f.sent.slice(3);
    expect(late.every((d) => d.changed.every((v) => v.id !== 3 && v.id !== 7))).toBe(true);
    // (The others' counters move in every report: counters moves, no view handed to the rules.)
    expect(late.map((d) => d.changed.length)).toEqual([0, 0, 0, 0, 0]);
    // …and the incident still names them, opened once, never closed.
    const down = h.changes('shards-down', 'open');
    expect(down.map((i) => i.shardIds)).toEqual([[3, 7]]);
    expect(down[0]?.title).toBe('2 of 10 shards down');
    expect(h.changes('shards-down', 'close')).toEqual([]);

    // Shard 3 comes back: the incident narrows to 7 alone; 7 back: it closes.
    bot.down.delete(3);
    bot.frozen.delete(3);
    f.ingest(snapshotOf(bot));
    expect(h.engine.incidents()[0]?.shardIds).toEqual([7]);
    bot.down.delete(7);
    bot.frozen.delete(7);
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1000);
      f.ingest(snapshotOf(bot));
    }
    expect(h.changes('shards-down', 'close')).toHaveLength(1);
  });

  it('raises silent-stall for shards that froze long ago and have not changed since', () => {
    const h = createHarness(ALERTS, { profile: { shardTotal: 6 } });
    const f = feeder(h, 'delta');
    const bot: Bot = {
      ids: [...Array(6).keys()],
      down: new Set(),
      dev: new Set(),
      frozen: new Set([2]),
      tick: 0,
    };
    // 60 s frozen while connected is a stall (shard-tracker-types.ts); after it, no change.
    for (let i = 0; i < 70; i++) {
      f.ingest(snapshotOf(bot));
      h.clock.advance(1000);
    }
    const stalls = h.changes('silent-stall', 'open');
    expect(stalls.map((i) => i.shardIds)).toEqual([[2]]);
    expect(h.changes('silent-stall', 'close')).toEqual([]);
    expect(f.sent.at(-1)?.changed.some((v) => v.id === 2)).toBe(false);
  });

  it('forgets the shards of a restarted connection: its new tracker starts the list again', () => {
    const h = createHarness(ALERTS, { profile: { shardTotal: 10 } });
    const f = feeder(h, 'delta');
    const bot: Bot = {
      ids: [...Array(10).keys()],
      down: new Set([8, 9]),
      dev: new Set(),
      frozen: new Set(),
      tick: 0,
    };
    for (let i = 0; i < 4; i++) {
      f.ingest(snapshotOf(bot));
      h.clock.advance(1000);
    }
    expect(h.changes('shards-down', 'open').map((i) => i.shardIds)).toEqual([[8, 9]]);
    // The new connection reports shards 0–7 only, all up: 8 and 9 are missing, not down.
    f.restart();
    bot.ids = [...Array(8).keys()];
    bot.down.clear();
    for (let i = 0; i < 4; i++) {
      f.ingest(snapshotOf(bot));
      h.clock.advance(1000);
    }
    expect(h.changes('shards-down', 'close')).toHaveLength(1);
    expect(h.engine.incidents().find((i) => i.rule === 'missing-shards')?.shardIds).toEqual([8, 9]);
  });

  it('starts from the whole list for a profile deleted and made again with the same id', () => {
    const h = createHarness(ALERTS, { profile: { shardTotal: 4 } });
    const f = feeder(h, 'delta');
    const bot: Bot = {
      ids: [0, 1, 2, 3],
      down: new Set([1]),
      dev: new Set(),
      frozen: new Set(),
      tick: 0,
    };
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    expect(h.changes('shards-down', 'open')).toHaveLength(1);
    h.engine.removeProfile(h.profile.id);
    // Shard 1 came back meanwhile; the change of the next snapshot carries only moving counters.
    bot.down.clear();
    f.ingest(snapshotOf(bot));
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    expect(h.changes('shards-down', 'open')).toHaveLength(1);
    expect(h.engine.incidents().filter((i) => i.clearedAt === null)).toEqual([]);
  });

  it('reads the whole list again after a pause, when samples were not read', () => {
    const h = createHarness(ALERTS, { profile: { shardTotal: 4 } });
    const f = feeder(h, 'delta');
    const bot: Bot = {
      ids: [0, 1, 2, 3],
      down: new Set([2]),
      dev: new Set(),
      frozen: new Set([2]),
      tick: 0,
    };
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    expect(h.changes('shards-down', 'open')).toHaveLength(1);
    h.engine.pause(true);
    // While paused, shard 2 comes back up; that change is not read.
    bot.down.clear();
    f.ingest(snapshotOf(bot));
    h.engine.pause(false);
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    // The pause closed the incident; shard 2 is up, so nothing opens again.
    expect(h.changes('shards-down', 'open')).toHaveLength(1);
    expect(h.engine.incidents().filter((i) => i.clearedAt === null)).toEqual([]);
  });

  it('counts dev shards as the settings say, switched while the shards do not change', () => {
    const h = createHarness({ ...ALERTS, includeDevShards: false }, { profile: { shardTotal: 6 } });
    const f = feeder(h, 'delta');
    const bot: Bot = {
      ids: [...Array(6).keys()],
      down: new Set([4, 5]),
      dev: new Set([5]),
      frozen: new Set([4, 5]),
      tick: 0,
    };
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    expect(h.engine.incidents()[0]?.title).toBe('1 of 5 shards down');
    h.profile.alerts = { ...h.profile.alerts, includeDevShards: true };
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    const open = h.engine.incidents().find((i) => i.clearedAt === null);
    expect(open?.title).toBe('2 of 6 shards down');
    expect(open?.shardIds).toEqual([4, 5]);
  });

  it('names down shards with ids past the dense range as the whole list does', () => {
    const h = createHarness(ALERTS, { profile: { shardTotal: 4 } });
    const f = feeder(h, 'delta');
    const big = 2 ** 21;
    const downIds = () =>
      h.engine.incidents().find((x) => x.rule === 'shards-down' && x.clearedAt === null)?.shardIds;
    const bot: Bot = {
      ids: [0, 1, big, big + 1],
      down: new Set([1, big]),
      dev: new Set(),
      frozen: new Set([1, big]),
      tick: 0,
    };
    for (let i = 0; i < 4; i++) f.ingest(snapshotOf(bot));
    expect(downIds()).toEqual([1, big]);
    // The big one goes away, then comes back up.
    bot.ids = [0, 1, big + 1];
    f.ingest(snapshotOf(bot));
    expect(downIds()).toEqual([1]);
    bot.ids = [0, 1, big, big + 1];
    bot.down.delete(big);
    f.ingest(snapshotOf(bot));
    expect(downIds()).toEqual([1]);
  });

  it('gives the same incidents as the whole list, over random snapshots, drops and restarts', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = random(seed);
      const runs = (['delta', 'all'] as const).map((mode) => {
        const h = createHarness(ALERTS, { profile: { shardTotal: 24 } });
        return { h, f: feeder(h, mode) };
      });
      const bot: Bot = {
        ids: [...Array(24).keys()],
        down: new Set(),
        dev: new Set([20, 21]),
        frozen: new Set(),
        tick: 0,
      };
      for (let step = 0; step < 160; step++) {
        const r = rnd();
        const id = Math.floor(rnd() * 26);
        const flip = (s: Set<number>): void => void (s.has(id) ? s.delete(id) : s.add(id));
        let event: 'snapshot' | 'noData' | 'restart' = 'snapshot';
        if (r < 0.25) flip(bot.down);
        else if (r < 0.35) flip(bot.frozen);
        else if (r < 0.4) flip(bot.dev);
        else if (r < 0.46)
          bot.ids = bot.ids.includes(id) ? bot.ids.filter((x) => x !== id) : [...bot.ids, id];
        else if (r < 0.49) event = 'noData';
        else if (r < 0.51) event = 'restart';
        const advance = rnd() < 0.1 ? 30_000 : 1000;
        const shards = snapshotOf(bot);
        for (const { h, f } of runs) {
          h.clock.advance(advance);
          if (event === 'noData') f.noData();
          if (event === 'restart') f.restart();
          f.ingest(shards);
        }
      }
      const [delta, all] = runs.map((x) => seen(x.h));
      expect(delta, `seed ${seed}`).toEqual(all);
      expect((all ?? []).length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});
