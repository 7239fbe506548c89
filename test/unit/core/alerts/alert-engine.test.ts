/**
 * The alert engine's rules and settings (disabled rules, latency, loss,
 * silent stall, missing shards) and its incident list and lifecycle. Its
 * connection, shard and quiet-time behaviour: alert-engine-*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, latency, makeProfile, range } from './fixtures';

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
