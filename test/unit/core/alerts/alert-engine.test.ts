import { describe, expect, it } from 'vitest';
import type { Incident, SnoozeState } from '../../../../shared/incident-model';
import type { ShardView } from '../../../../shared/live-status';
import { createHarness, latency, makeProfile, range } from './fixtures';

const MIN = 60_000;

describe('alert engine: debounce (raiseAfter / clearAfter)', () => {
  it('one bad snapshot neither raises nor clears', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 3 });
    // Different shards blip, so this is not flapping either.
    h.snapshot([5]);
    h.snapshot([]);
    h.snapshot([6]);
    h.snapshot([]);
    expect(h.engine.openCount()).toBe(0);
    expect(h.notifier.notifications).toHaveLength(0);

    h.snapshot([7]);
    h.snapshot([7]);
    h.snapshot([7]);
    expect(h.engine.openCount()).toBe(1);
    h.snapshot([]);
    h.snapshot([8]);
    h.snapshot([]);
    h.snapshot([]);
    expect(h.engine.openCount()).toBe(1);
  });

  it('raises on exactly the raiseAfter-th bad sample and clears on the clearAfter-th good one', () => {
    const h = createHarness({ raiseAfter: 4, clearAfter: 2 });
    for (let k = 0; k < 3; k++) h.snapshot([9]);
    expect(h.engine.openCount('p1')).toBe(0);
    h.snapshot([9]);
    expect(h.engine.openCount('p1')).toBe(1);
    expect(h.notifier.notifications).toHaveLength(1);

    h.snapshot([]);
    expect(h.engine.openCount('p1')).toBe(1);
    h.snapshot([]);
    expect(h.engine.openCount('p1')).toBe(0);
    const [closed] = h.engine.incidents({ includeClosed: true });
    expect(closed?.clearedAt).toBe(h.clock.wallNow());
    // Recovery is told once, with the outage's duration.
    expect(h.notifier.notifications).toHaveLength(2);
    expect(h.notifier.notifications[1]).toMatchObject({
      title: 'Shardwatch · Prod bot: recovered: 1 of 128 shards down',
      severity: 'info',
    });
  });

  it('counts connection-lost in seconds: a burst of state changes is one sample', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 3 });
    const conn = (state: 'ready' | 'reconnecting' | 'connecting' | 'handshaking' | 'registering') =>
      h.engine.evaluate('p1', {
        kind: 'connection',
        profile: h.profile,
        state,
        problem: state === 'reconnecting' ? 'dead' : null,
        detail: null,
      });
    conn('ready');
    h.tick(5);
    conn('reconnecting');
    conn('connecting');
    conn('handshaking');
    conn('registering');
    expect(h.engine.openCount()).toBe(0);
    conn('ready'); // a normal, quick reconnect
    h.tick(10);
    expect(h.engine.openCount()).toBe(0);

    conn('reconnecting');
    h.tick(1);
    expect(h.engine.openCount()).toBe(0);
    h.tick(1);
    const [inc] = h.engine.incidents();
    expect(inc).toMatchObject({ rule: 'connection-lost', severity: 'critical' });
    expect(h.notifier.notifications[0]?.title).toBe(
      'Shardwatch · Prod bot: gateway connection lost',
    );

    conn('ready');
    h.tick(1);
    expect(h.engine.openCount()).toBe(1);
    h.tick(1);
    expect(h.engine.openCount()).toBe(0);
  });

  it('a connection the user closed never raises connection-lost', () => {
    const h = createHarness({ raiseAfter: 2 });
    h.engine.evaluate('p1', {
      kind: 'connection',
      profile: h.profile,
      state: 'closed',
      problem: null,
      detail: null,
    });
    h.tick(30);
    expect(h.engine.openCount()).toBe(0);
  });
});

describe('alert engine: credentials refused', () => {
  it('raises immediately as one critical incident, without a second connection-lost alert', () => {
    const h = createHarness({ raiseAfter: 5 });
    h.engine.evaluate('p1', {
      kind: 'connection',
      profile: h.profile,
      state: 'auth-refused',
      problem: 'auth-refused',
      detail: null,
    });
    expect(h.engine.incidents()).toEqual([
      expect.objectContaining({ rule: 'credentials-refused', severity: 'critical' }),
    ]);
    expect(h.notifier.notifications).toHaveLength(1);
    expect(h.notifier.notifications[0]?.severity).toBe('critical');
    expect(h.notifier.notifications[0]?.body).toMatch(/Check them in the profile/);
    h.tick(20);
    expect(h.engine.openCount()).toBe(1);
    expect(h.notifier.notifications).toHaveLength(1);
  });

  it('pressing Connect again and again on refused credentials never adds a connection-lost incident', () => {
    const h = createHarness({ raiseAfter: 3 });
    const conn = (state: 'connecting' | 'auth-refused') =>
      h.engine.evaluate('p1', {
        kind: 'connection',
        profile: h.profile,
        state,
        problem: state === 'auth-refused' ? 'auth-refused' : null,
        detail: null,
      });
    conn('auth-refused');
    // Each Connect is a short attempt the gateway refuses again.
    for (let i = 0; i < 5; i++) {
      conn('connecting');
      conn('auth-refused');
    }
    expect(h.engine.incidents().map((i) => i.rule)).toEqual(['credentials-refused']);
    expect(h.notifier.notifications).toHaveLength(1);
  });
});

describe('alert engine: secrets that cannot be read here', () => {
  it('raise no "connection lost" alert: the gateway was never asked', () => {
    const h = createHarness({ raiseAfter: 3 });
    h.connection('failed', 'secrets-unreadable');
    h.tick(30 * 60);
    expect(h.engine.incidents({ includeClosed: true })).toEqual([]);
    expect(h.notifier.notifications).toEqual([]);
  });

  it('close the connection incident of a gateway that was lost before the key changed', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 3 });
    h.connection('ready');
    h.connection('reconnecting', 'dead');
    h.tick(5);
    expect(h.engine.incidents()).toEqual([expect.objectContaining({ rule: 'connection-lost' })]);
    h.connection('failed', 'secrets-unreadable');
    h.tick(5);
    expect(h.engine.openCount()).toBe(0);
    // Nothing is said for a connection nobody watches: no "recovered" either.
    expect(h.notifier.notifications).toHaveLength(1);
  });
});

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

describe('alert engine: quiet hours', () => {
  // The fake clock starts at 2026-11-26 12:00 UTC.
  const quietNow = { enabled: true, start: '11:00', end: '13:00', timeZone: 'UTC' };

  it('records the incident as suppressed and sends nothing', () => {
    const h = createHarness({ raiseAfter: 1, quietHours: quietNow });
    h.snapshot([1, 2, 3]);
    const [inc] = h.engine.incidents();
    expect(inc).toMatchObject({ title: '3 of 128 shards down', suppressed: true });
    expect(h.notifier.notifications).toHaveLength(0);
    expect(h.events.some((e) => e.change === 'open' && e.incident.suppressed)).toBe(true);
  });

  it('more than half down bypasses quiet hours with ONE critical notification', () => {
    const h = createHarness(
      { raiseAfter: 1, quietHours: quietNow },
      { engine: { flapThreshold: 50 } },
    );
    h.snapshot(range(0, 10));
    expect(h.notifier.notifications).toHaveLength(0);
    h.snapshot(range(0, 70));
    h.snapshot(range(0, 100));
    h.tick(60);
    expect(h.engine.incidents()[0]?.suppressed).toBe(false);
    // Dropping below half and crossing again does not bypass a second time.
    h.snapshot(range(0, 20));
    h.snapshot(range(0, 100));
    expect(h.notifier.notifications).toHaveLength(1);
    const [n] = h.notifier.notifications;
    expect(n?.severity).toBe('critical');
    expect(n?.title).toBe('Shardwatch · Prod bot: 70 of 128 shards down');
    expect(n?.body).toMatch(/bypassed quiet hours because more than 50% of the shards are down/);
  });

  it('an incident open longer than escalateAfterMs bypasses quiet hours once', () => {
    const h = createHarness({
      raiseAfter: 1,
      escalateAfterMs: 20 * MIN,
      quietHours: { ...quietNow, end: '14:00' },
    });
    h.snapshot([4, 5]);
    h.tick(20 * 60 - 1);
    expect(h.notifier.notifications).toHaveLength(0);
    h.tick(2);
    expect(h.notifier.notifications).toHaveLength(1);
    expect(h.notifier.notifications[0]?.severity).toBe('critical');
    expect(h.notifier.notifications[0]?.body).toMatch(
      /bypassed quiet hours because it has been open for more than 20 min/,
    );
    h.tick(30 * 60);
    expect(h.notifier.notifications).toHaveLength(1);
  });

  it('handles a window crossing midnight in a non-UTC zone', () => {
    const nyQuiet = { enabled: true, start: '22:00', end: '07:00', timeZone: 'America/New_York' };
    // In November New York is UTC−5. Each case would answer the other way
    // if the window were read in UTC.
    const cases = [
      { utc: Date.UTC(2026, 10, 27, 2, 30), local: '21:30', quiet: false },
      { utc: Date.UTC(2026, 10, 27, 4, 30), local: '23:30', quiet: true },
      { utc: Date.UTC(2026, 10, 27, 11, 30), local: '06:30', quiet: true },
      { utc: Date.UTC(2026, 10, 27, 12, 30), local: '07:30', quiet: false },
    ];
    for (const c of cases) {
      const h = createHarness({ raiseAfter: 1, quietHours: nyQuiet }, { startWall: c.utc });
      h.snapshot([1]);
      expect({ local: c.local, notified: h.notifier.notifications.length }).toEqual({
        local: c.local,
        notified: c.quiet ? 0 : 1,
      });
    }
  });
});

describe('alert engine: snooze and pause', () => {
  it('snooze 15m suppresses notifications and expires by itself', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 1 });
    const seen: SnoozeState[] = [];
    h.engine.on('snooze', (s) => seen.push(s));
    const s = h.engine.snooze('15m');
    expect(s).toEqual({ until: h.clock.wallNow() + 15 * MIN, paused: false });

    h.snapshot([1]);
    expect(h.engine.incidents()[0]?.suppressed).toBe(true);
    expect(h.notifier.notifications).toHaveLength(0);
    h.snapshot([]);

    h.clock.advance(15 * MIN - 1);
    expect(h.engine.snoozeState().until).not.toBeNull();
    h.clock.advance(1);
    expect(h.engine.snoozeState()).toEqual({ until: null, paused: false });
    expect(seen.at(-1)).toEqual({ until: null, paused: false });
    expect(h.clock.pendingCount()).toBe(0);

    h.snapshot([2]);
    expect(h.notifier.notifications).toHaveLength(1);
    expect(h.engine.incidents()[0]?.suppressed).toBe(false);
  });

  it('snooze until tomorrow ends at the next local 08:00', () => {
    // 2026-11-26 12:00 UTC is 13:00 in Berlin (CET, UTC+1): next 08:00 is tomorrow 07:00 UTC.
    const h = createHarness({}, { engine: { timeZone: 'Europe/Berlin' } });
    expect(h.engine.snooze('tomorrow').until).toBe(Date.UTC(2026, 10, 27, 7, 0));

    // At 02:00 Berlin "tomorrow" means this morning's 08:00.
    const early = createHarness(
      {},
      { startWall: Date.UTC(2026, 10, 26, 1, 0), engine: { timeZone: 'Europe/Berlin' } },
    );
    expect(early.engine.snooze('tomorrow').until).toBe(Date.UTC(2026, 10, 26, 7, 0));
  });

  it('snooze(null) ends the snooze and releases its timer', () => {
    const h = createHarness({ raiseAfter: 1 });
    h.engine.snooze('4h');
    expect(h.clock.pendingCount()).toBe(1);
    expect(h.engine.snooze(null)).toEqual({ until: null, paused: false });
    expect(h.clock.pendingCount()).toBe(0);
    h.snapshot([1]);
    expect(h.notifier.notifications).toHaveLength(1);
  });

  it('pause raises nothing at all and closes what was open', () => {
    const h = createHarness({ raiseAfter: 1 });
    h.snapshot([1]);
    expect(h.engine.openCount()).toBe(1);
    expect(h.engine.pause(true)).toEqual({ until: null, paused: true });
    expect(h.engine.openCount()).toBe(0);
    for (let k = 0; k < 5; k++) h.snapshot(range(0, 100));
    expect(h.engine.openCount()).toBe(0);
    expect(h.notifier.notifications).toHaveLength(1);

    h.engine.pause(false);
    h.snapshot(range(0, 100));
    expect(h.engine.openCount()).toBe(1);
  });
});

describe('alert engine: acknowledge', () => {
  it('stops notifications for that incident until it recovers; a recurrence is a new incident', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 2 });
    h.snapshot(range(0, 10));
    const [first] = h.engine.incidents();
    expect(h.notifier.notifications).toHaveLength(1);

    const acked = h.engine.acknowledge(first?.id ?? '');
    expect(acked?.acknowledged).toBe(true);
    h.snapshot(range(0, 100)); // would escalate to critical
    expect(h.engine.incidents()[0]?.severity).toBe('critical');
    expect(h.notifier.notifications).toHaveLength(1);

    h.snapshot([]);
    h.snapshot([]);
    expect(h.engine.openCount()).toBe(0);
    h.snapshot([3]);
    const [second] = h.engine.incidents();
    expect(second?.id).not.toBe(first?.id);
    expect(second?.acknowledged).toBe(false);
    // Open, recovery of the first (acknowledging stops repeats, not the all-clear), open of the second.
    expect(h.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Prod bot: 10 of 128 shards down',
      'Shardwatch · Prod bot: recovered: 100 of 128 shards down',
      'Shardwatch · Prod bot: 1 of 128 shards down',
    ]);
    expect(h.engine.acknowledge('no-such-incident')).toBeNull();
  });
});

describe('alert engine: rules and settings', () => {
  it('a disabled rule never raises, and disabling closes its open incident', () => {
    const h = createHarness({ raiseAfter: 1, shardsDown: false });
    for (let k = 0; k < 5; k++) h.snapshot(range(0, 128));
    expect(h.engine.openCount()).toBe(0);

    const on = createHarness({ raiseAfter: 1 });
    on.snapshot([1]);
    expect(on.engine.openCount()).toBe(1);
    const off = makeProfile({ raiseAfter: 1, shardsDown: false });
    on.engine.evaluate('p1', { kind: 'tick', profile: off });
    expect(on.engine.openCount()).toBe(0);
    expect(on.changes('shards-down', 'close')).toHaveLength(1);
  });

  it('latency p95: a null p95 is no data, not a bad sample', () => {
    const h = createHarness({ raiseAfter: 2, clearAfter: 2, latencyP95Ms: 250, lossPct: 0 });
    const ping = (p95: number | null) =>
      h.engine.evaluate('p1', { kind: 'ping', profile: h.profile, latency1m: latency(p95, null) });
    ping(400);
    ping(null);
    ping(null);
    expect(h.engine.openCount()).toBe(0);
    ping(400);
    expect(h.engine.incidents()[0]?.title).toBe('ping p95 400 ms (limit 250 ms)');
    ping(100);
    ping(100);
    expect(h.engine.openCount()).toBe(0);
  });

  it('latency p95 of 0 disables the rule; loss raises above its percentage', () => {
    const h = createHarness({ raiseAfter: 2, latencyP95Ms: 0, lossPct: 5 });
    for (let k = 0; k < 3; k++) {
      h.engine.evaluate('p1', { kind: 'ping', profile: h.profile, latency1m: latency(9000, 20) });
    }
    expect(h.engine.incidents().map((i) => i.title)).toEqual(['20% ping loss (limit 5%)']);
  });

  it('silent stall and missing shards raise their own incidents', () => {
    const h = createHarness({ raiseAfter: 1 });
    h.snapshot([], (s) => (s.id === 4 ? { ...s, stalled: true } : s));
    expect(h.engine.incidents().map((i) => i.title)).toEqual(['shard 4 stalled']);

    const m = createHarness({ raiseAfter: 1 });
    m.engine.evaluate('p1', {
      kind: 'shards',
      profile: m.profile,
      shards: [],
      summary: {
        reportsStats: true,
        expected: 128,
        expectedFrom: 'profile',
        reported: 126,
        up: 126,
        degraded: 0,
        down: 0,
        noData: 0,
        dev: 0,
        stalled: 0,
        missing: [126, 127],
        missingCount: 2,
        duplicated: [],
        lastReportAt: null,
      },
      transitions: [],
    });
    expect(m.engine.incidents().map((i) => i.title)).toEqual(['2 of 128 shards not reporting']);
  });

  it('a server without shard stats (0.2.2) never raises missing-shards', () => {
    const h = createHarness({ raiseAfter: 1 });
    for (let k = 0; k < 3; k++) {
      h.engine.evaluate('p1', {
        kind: 'shards',
        profile: h.profile,
        shards: [],
        summary: {
          reportsStats: false,
          expected: 128,
          expectedFrom: 'profile',
          reported: 0,
          up: 0,
          degraded: 0,
          down: 0,
          noData: 0,
          dev: 0,
          stalled: 0,
          missing: range(0, 100),
          missingCount: 128,
          duplicated: [],
          lastReportAt: null,
        },
        transitions: [],
      });
    }
    expect(h.engine.openCount()).toBe(0);
  });
});

describe('alert engine: incident list and lifecycle', () => {
  it('lists open incidents first, then closed ones; removeProfile closes silently', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 1 });
    h.snapshot([1]);
    h.snapshot([]);
    h.clock.advance(1000);
    h.snapshot([2]);
    const other = makeProfile({ raiseAfter: 1 }, { id: 'p2', name: 'Staging' });
    h.engine.evaluate('p2', { kind: 'ping', profile: other, latency1m: latency(900) });

    const all = h.engine.incidents({ includeClosed: true });
    expect(all.map((i) => [i.profileId, i.clearedAt === null])).toEqual([
      ['p2', true],
      ['p1', true],
      ['p1', false],
    ]);
    expect(h.engine.incidents({ profileId: 'p1' })).toHaveLength(1);
    expect(h.engine.incidents({ includeClosed: true, limit: 2 })).toHaveLength(2);
    expect(h.engine.openCount()).toBe(2);

    const before = h.notifier.notifications.length;
    h.engine.removeProfile('p2');
    expect(h.engine.openCount('p2')).toBe(0);
    expect(h.changes('latency-p95', 'close')).toHaveLength(1);
    expect(h.notifier.notifications).toHaveLength(before);
  });

  it('dispose leaves no pending timers and stops emitting', () => {
    const h = createHarness({ raiseAfter: 1 });
    h.engine.snooze('1h');
    h.snapshot([1]);
    expect(h.clock.pendingCount()).toBe(1);
    h.engine.dispose();
    expect(h.clock.pendingCount()).toBe(0);
    const count = h.events.length;
    h.snapshot([1, 2, 3]);
    expect(h.events).toHaveLength(count);
  });
});
