/**
 * The alert engine on shards: a shards-down outage grouped into one incident,
 * and flapping shards damped into one alert.
 */
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/incident-model';
import type { ShardView } from '../../../../shared/live-status';
import { createHarness, range } from './fixtures';

describe('alert engine: grouping of shards-down', () => {
  it('a 37-of-128 outage over several snapshots is ONE incident titled "37 of 128 shards down"', () => {
    const h = createHarness({ raiseAfter: 2, clearAfter: 2 });
    const steps = [range(0, 5), range(0, 12), range(0, 20), range(0, 30), range(0, 37)];
    for (const down of steps) {
      h.snapshot(down);
      h.snapshot(down);
      h.clock.advance(5000);
    }
    const open = h.engine.incidents();
    expect(open).toHaveLength(1);
    expect(open[0]?.title).toBe('37 of 128 shards down');
    expect(open[0]?.shardIds).toEqual(range(0, 37));
    expect(open[0]?.severity).toBe('warning');
    expect(open[0]?.body).toBe(
      'Shards 0, 1, 2, 3, 4 and 32 more are disconnected since 12:00. Open the profile to see which.',
    );
    expect(h.changes('shards-down', 'open')).toHaveLength(1);
    expect(h.changes('shards-down', 'update').length).toBeGreaterThanOrEqual(4);
    expect(h.notifier.notifications.length).toBeGreaterThanOrEqual(1);
    expect(h.notifier.notifications.length).toBeLessThanOrEqual(2);
    expect(h.notifier.notifications[0]).toMatchObject({
      title: 'Shardwatch · Prod bot: 5 of 128 shards down',
      severity: 'warning',
      profileId: 'p1',
      shardId: null,
    });

    // Shrinking updates the same incident.
    h.snapshot(range(0, 3));
    expect(h.engine.incidents()[0]?.title).toBe('3 of 128 shards down');
    expect(h.engine.incidents()[0]?.id).toBe(open[0]?.id);
  });

  it('notifies again once when more than half go down (critical), not on every growth step', () => {
    // A high flap threshold: shards 60–69 toggling below would otherwise
    // (rightly) be reported as flapping.
    const h = createHarness(
      { raiseAfter: 1, escalateDownFraction: 0.5 },
      { engine: { flapThreshold: 50 } },
    );
    h.snapshot(range(0, 10));
    h.snapshot(range(0, 40));
    h.snapshot(range(0, 65));
    h.snapshot(range(0, 90));
    h.snapshot(range(0, 128));
    expect(h.notifier.notifications.map((n) => n.severity)).toEqual(['warning', 'critical']);
    expect(h.notifier.notifications[1]?.title).toBe('Shardwatch · Prod bot: 65 of 128 shards down');
    // Hovering around half does not re-notify every time it crosses.
    h.snapshot(range(0, 60));
    h.snapshot(range(0, 70));
    h.snapshot(range(0, 60));
    h.snapshot(range(0, 70));
    expect(h.notifier.notifications).toHaveLength(2);
    expect(h.engine.incidents()).toHaveLength(1);
  });

  it('a single shard names the shard in the notification', () => {
    const h = createHarness({ raiseAfter: 1 });
    h.snapshot([42]);
    expect(h.notifier.notifications[0]).toMatchObject({
      title: 'Shardwatch · Prod bot: 1 of 128 shards down',
      shardId: 42,
    });
    expect(h.notifier.notifications[0]?.body).toMatch(/^Shard 42 is disconnected since 12:00\./);
  });

  it('excludes dev shards by default and includes them when asked', () => {
    const dev = [126, 127];
    const excluded = createHarness({ raiseAfter: 1 }, { dev });
    excluded.snapshot([], (s) => (s.development ? { ...s, disconnected: true } : s));
    expect(excluded.engine.openCount()).toBe(0);
    excluded.snapshot([3], (s) => (s.development ? { ...s, disconnected: true } : s));
    // The denominator leaves the dev shards out too.
    expect(excluded.engine.incidents()[0]?.title).toBe('1 of 126 shards down');

    const included = createHarness({ raiseAfter: 1, includeDevShards: true }, { dev });
    included.snapshot([], (s) => (s.development ? { ...s, disconnected: true } : s));
    expect(included.engine.incidents()[0]?.title).toBe('2 of 128 shards down');
  });
});

describe('alert engine: flapping', () => {
  it('a fast-flapping shard gives ONE damped flapping alert and no shards-down churn', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 3 });
    // 20 cycles of down 2 snapshots / up 2 snapshots, 5 s apart.
    for (let cycle = 0; cycle < 20; cycle++) {
      for (const down of [[7], [7], [], []]) {
        h.snapshot(down);
        h.tick(5);
      }
    }
    expect(h.changes('shard-flapping', 'open')).toHaveLength(1);
    expect(h.changes('shards-down', 'open')).toHaveLength(0);
    expect(h.notifier.notifications).toHaveLength(1);
    expect(h.notifier.notifications[0]?.title).toBe('Shardwatch · Prod bot: shard 7 flapping');

    // While flapping, staying down does not open shards-down either…
    for (let k = 0; k < 10; k++) h.snapshot([7]);
    expect(h.changes('shards-down', 'open')).toHaveLength(0);

    // …until it has not toggled for the whole flap window: then it is simply down.
    h.tick(10 * 60 - 1);
    expect(h.engine.openCount()).toBe(1);
    h.tick(2);
    expect(h.changes('shard-flapping', 'close')).toHaveLength(1);
    for (let k = 0; k < 3; k++) h.snapshot([7]);
    expect(h.engine.incidents().map((i) => i.title)).toEqual(['1 of 128 shards down']);
  });

  it('a slow-flapping shard stops opening and closing shards-down once damped', () => {
    const h = createHarness({ raiseAfter: 2, clearAfter: 2 });
    for (let cycle = 0; cycle < 20; cycle++) {
      for (const down of [[7], [7], [7], [], [], []]) {
        h.snapshot(down);
        h.tick(5);
      }
    }
    // Undamped this would be 20 opens; only the cycles before detection count.
    expect(h.changes('shards-down', 'open').length).toBeLessThanOrEqual(2);
    expect(h.changes('shard-flapping', 'open')).toHaveLength(1);
  });

  it('lists several flapping shards in one incident', () => {
    const h = createHarness({ raiseAfter: 3 });
    for (let cycle = 0; cycle < 4; cycle++) {
      h.snapshot([3, 9]);
      h.snapshot([]);
    }
    const flap = h.engine.incidents().filter((i) => i.rule === 'shard-flapping');
    expect(flap).toHaveLength(1);
    expect(flap[0]?.title).toBe('2 shards flapping');
    expect(flap[0]?.shardIds).toEqual([3, 9]);
  });

  it('only shards the shard rules count can flap: development shards only with includeDevShards', () => {
    const markDev = (s: ShardView): ShardView => (s.id === 9 ? { ...s, development: true } : s);
    const flapping = (includeDevShards: boolean): Incident[] => {
      const h = createHarness({ raiseAfter: 3, includeDevShards });
      for (let cycle = 0; cycle < 4; cycle++) {
        h.snapshot([3, 9], markDev);
        h.snapshot([], markDev);
      }
      return h.engine.incidents().filter((i) => i.rule === 'shard-flapping');
    };
    expect(flapping(false).map((i) => i.shardIds)).toEqual([[3]]);
    expect(flapping(true).map((i) => i.shardIds)).toEqual([[3, 9]]);
  });
});
