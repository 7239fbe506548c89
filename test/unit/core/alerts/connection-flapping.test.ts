/**
 * Connection flaps are damped like shard flaps: a gateway that stalls every
 * two minutes for half an hour gives a handful of alerts, not one per drop.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../shared/connection-state';
import { createHarness } from './fixtures';

describe('alert engine: connection flapping', () => {
  it('a gateway stalling every 2 minutes for 30 minutes sends at most 3 critical alerts, then one recovery', () => {
    const h = createHarness({ raiseAfter: 5, clearAfter: 5 });
    const conn = (state: ConnectionState) => h.connection(state, 'dead');
    conn('ready');
    h.tick(10);
    // Each cycle: 100 s fine, then pings stop; the connection is declared
    // dead and reconnects, ready again after 20 s.
    for (let cycle = 0; cycle < 15; cycle++) {
      h.tick(100);
      conn('reconnecting');
      h.tick(20);
      conn('ready');
    }
    const critical = h.notifier.notifications.filter((n) => n.severity === 'critical');
    expect(critical.length).toBeLessThanOrEqual(3);
    const open = h.engine.incidents();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      rule: 'connection-lost',
      title: 'gateway connection unstable',
    });
    expect(open[0]?.body).toMatch(/dropped \d+ times within 10 min/);

    // It holds the alert open until the connection has held for the window.
    h.tick(9 * 60);
    expect(h.engine.openCount()).toBe(1);
    h.tick(70);
    expect(h.engine.openCount()).toBe(0);
    const last = h.notifier.notifications.at(-1);
    expect(last?.title).toBe('Shardwatch · Prod bot: recovered: gateway connection unstable');
    expect(last?.body).toMatch(/^Recovered after \d+ min/);
  });

  it('a single drop and return is one lost / recovered pair', () => {
    const h = createHarness({ raiseAfter: 2, clearAfter: 2 });
    const conn = (state: ConnectionState) => h.connection(state, 'unreachable');
    conn('ready');
    h.tick(5);
    conn('reconnecting');
    h.tick(4 * 60);
    conn('ready');
    h.tick(5);
    expect(h.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Prod bot: gateway connection lost',
      'Shardwatch · Prod bot: recovered: gateway connection lost',
    ]);
    expect(h.notifier.notifications[1]?.body).toBe('Recovered after 4 min (open since 12:00).');
  });
});
