/**
 * The alert engine on a profile's connection: debounce (raiseAfter /
 * clearAfter), credentials refused, and secrets that cannot be read here.
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from './fixtures';

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

  it('a slow first connect is not a lost connection; a first attempt that fails is, and so is a hung reconnect', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 3 });
    const conn = (
      state: 'ready' | 'reconnecting' | 'connecting' | 'handshaking' | 'registering' | 'closed',
      problem: 'timeout' | null = null,
    ) =>
      h.engine.evaluate('p1', {
        kind: 'connection',
        profile: h.profile,
        state,
        problem,
        detail: null,
      });
    // Twelve profiles starting at once on a busy machine: the first connect takes 20 s.
    conn('connecting');
    h.tick(10);
    conn('handshaking');
    h.tick(10);
    // A bot that registers waits for the gateway's answer: still the first attempt.
    conn('registering');
    h.tick(10);
    expect(h.engine.openCount()).toBe(0);
    expect(h.notifier.notifications).toHaveLength(0);
    conn('ready');
    h.tick(5);

    // Once it has been up, a reconnect that hangs in `connecting` counts.
    conn('reconnecting', 'timeout');
    conn('connecting');
    h.tick(3);
    expect(h.engine.incidents()).toEqual([expect.objectContaining({ rule: 'connection-lost' })]);
    conn('ready');
    h.tick(3);
    expect(h.engine.openCount()).toBe(0);

    // Closed by the user and connected again: a first attempt again, then one that fails.
    conn('closed');
    conn('connecting');
    h.tick(5);
    expect(h.engine.openCount()).toBe(0);
    conn('reconnecting', 'timeout');
    h.tick(3);
    expect(h.engine.incidents()).toEqual([expect.objectContaining({ rule: 'connection-lost' })]);
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
