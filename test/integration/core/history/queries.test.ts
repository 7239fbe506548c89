import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../shared/profile-detail';
import { DAY, HOUR, MIN, SEC, incident, totalPings, useHarness } from './helpers';

const harness = useHarness();

describe('query', () => {
  /** Two hours of 1 Hz pings ending at `now`; every 30th lost, RTT 10–19 ms. */
  function twoHours(h: ReturnType<typeof harness>) {
    const store = h.open();
    const now = h.clock.wallNow();
    for (let k = 7199; k >= 0; k--) {
      store.recordPing('p', now - k * SEC, k % 30 === 0 ? null : 10 + (k % 10));
      store.recordPing('other', now - k * SEC, 500);
    }
    h.clock.advance(SEC);
    return { store, now };
  }

  it('serves every window at its resolution and counts each ping exactly once', () => {
    const h = harness();
    const { store, now } = twoHours(h);
    const expectations = [
      ['15m', SEC, 901, 31],
      ['1h', 5 * SEC, 3601, 121],
      ['24h', MIN, 7200, 240],
      ['7d', 10 * MIN, 7200, 240],
      ['30d', HOUR, 7200, 240],
    ] as const;
    for (const [window, resolutionMs, pings, lost] of expectations) {
      const s = store.query({ profileId: 'p', window }, now);
      expect({ window, resolutionMs: s.resolutionMs }).toEqual({ window, resolutionMs });
      expect({ window, pings: totalPings(s.points) }).toEqual({ window, pings });
      expect({ window, lost: s.points.reduce((n, p) => n + p.lost, 0) }).toEqual({ window, lost });
      for (const p of s.points) {
        expect(p.min === null || p.min >= 10).toBe(true);
        expect(p.max === null || p.max <= 19).toBe(true);
      }
      const ts = s.points.map((p) => p.t);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
      expect(ts[ts.length - 1]).toBeLessThanOrEqual(now);
    }
    expect(store.query({ profileId: 'p', window: '15m' }, now).points.length).toBe(901);
  });

  it('zooms to the finest resolution that still has data', () => {
    const h = harness();
    const { store, now } = twoHours(h);
    const from = now - 30 * MIN;
    const to = now - 20 * MIN;
    const fine = store.query({ profileId: 'p', window: '24h', from, to }, now);
    expect(fine).toMatchObject({ from, to, resolutionMs: SEC });
    expect(fine.points).toHaveLength(601);
    expect(fine.points.every((p) => p.t >= from && p.t <= to)).toBe(true);

    // Three days on, raw samples are past retention; the same range comes from minute rollups.
    const later = now + 3 * DAY;
    store.runRetention(later);
    expect(store.stats().rawRows).toBe(0);
    const coarse = store.query({ profileId: 'p', window: '24h', from, to }, later);
    expect(coarse.resolutionMs).toBe(MIN);
    expect(coarse.points.map((p) => p.t)).toEqual(
      Array.from({ length: 11 }, (_, i) => from + i * MIN),
    );
    expect(totalPings(coarse.points)).toBe(660);
  });

  it('returns nothing for an unknown profile or an empty range', () => {
    const h = harness();
    const { store, now } = twoHours(h);
    expect(store.query({ profileId: 'nobody', window: '1h' }, now).points).toEqual([]);
    expect(
      store.query({ profileId: 'p', window: '1h', from: now, to: now - 1 }, now).points,
    ).toEqual([]);
  });

  it('puts restarts and overlapping incidents on the time axis, buffered or stored', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow();
    store.recordRestart('p', 3, now - 10 * MIN);
    store.recordRestart('p', 7, now - 20 * MIN);
    store.recordRestart('other', 1, now - 5 * MIN);
    store.recordIncident(incident({ id: 'a', openedAt: now - 2 * HOUR, clearedAt: now - HOUR }));
    store.recordIncident(
      incident({ id: 'b', openedAt: now - 5 * MIN, title: 'Latency high', severity: 'warning' }),
    );
    const check = (): void => {
      const q = store.query({ profileId: 'p', window: '15m' }, now);
      expect(q.restarts).toEqual([{ t: now - 10 * MIN, shardId: 3 }]);
      expect(q.incidents).toEqual([
        { t: now - 5 * MIN, clearedAt: null, title: 'Latency high', severity: 'warning' },
      ]);
      const d = store.query({ profileId: 'p', window: '24h' }, now);
      expect(d.restarts.map((r) => r.shardId)).toEqual([7, 3]);
      expect(d.incidents.map((i) => [i.t, i.clearedAt])).toEqual([
        [now - 2 * HOUR, now - HOUR],
        [now - 5 * MIN, null],
      ]);
    };
    check();
    h.clock.advance(SEC);
    expect(store.stats().eventRows).toBe(3);
    check();
  });
});

describe('timeline', () => {
  it('merges transitions, restarts, incidents and events newest first', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow();
    store.recordEvent('p', { at: now - 10 * MIN, kind: 'state', text: 'Ready', shardId: null });
    store.recordShardTransition('p', 3, 'up', 'down', now - 5 * MIN);
    store.recordRestart('p', 3, now - 4 * MIN);
    store.recordEvent('p', {
      at: now - MIN,
      kind: 'server-message',
      text: 'rate limited',
      shardId: null,
    });
    store.recordEvent('other', { at: now, kind: 'state', text: 'Ready', shardId: null });
    store.recordIncident(incident({ id: 'i1', openedAt: now - 6 * MIN }));
    const expected: Array<[TimelineEvent['kind'], number, string]> = [
      ['server-message', now - MIN, 'rate limited'],
      ['incident-close', now - 2 * MIN, 'Cleared: Shards down'],
      ['shard-restart', now - 4 * MIN, 'Shard 3 restarted'],
      ['shard-state', now - 5 * MIN, 'Shard 3: up → down'],
      ['incident-open', now - 6 * MIN, 'Opened: Shards down'],
      ['state', now - 10 * MIN, 'Ready'],
    ];
    const view = (n: number): Array<[string, number, string]> =>
      store.timeline({ profileId: 'p', limit: n }).events.map((e) => [e.kind, e.at, e.text]);

    h.clock.advance(SEC); // the incident is stored open…
    store.recordIncident(incident({ id: 'i1', openedAt: now - 6 * MIN, clearedAt: now - 2 * MIN }));
    expect(view(10)).toEqual(expected); // …and its clearing is still buffered
    h.clock.advance(SEC);
    expect(view(10)).toEqual(expected);
    expect(view(3)).toEqual(expected.slice(0, 3));
    expect(store.incidents('p', 10)).toHaveLength(1);
    expect(
      store.timeline({ profileId: 'p', limit: 10 }).events.find((e) => e.kind === 'shard-state')
        ?.shardId,
    ).toBe(3);
  });

  it('filters on the engine and pages back through every matching event exactly once', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow();
    // 600 state changes, then 700 newer protocol errors: a page of everything
    // (or the old 500 newest) would hold no state change at all.
    for (let k = 0; k < 600; k++)
      store.recordEvent('p', {
        at: now - DAY + k * MIN,
        kind: 'state',
        text: `s${k}`,
        shardId: null,
      });
    for (let k = 0; k < 700; k++) {
      // Pairs share a time: a page edge must not split them.
      const at = now - HOUR + Math.floor(k / 2) * SEC;
      store.recordEvent('p', { at, kind: 'protocol-error', text: `e${k}`, shardId: null });
    }
    h.clock.advance(2 * SEC); // written to the database
    store.recordEvent('p', { at: now, kind: 'state', text: 'buffered', shardId: null });

    const first = store.timeline({ profileId: 'p', kinds: ['state'], limit: 100 });
    expect(first.events[0]?.text).toBe('buffered');
    expect(first.events.every((e) => e.kind === 'state')).toBe(true);

    const walk = (kinds: TimelineEvent['kind'][], limit: number): string[] => {
      const seen: string[] = [];
      let until: number | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = store.timeline({
          profileId: 'p',
          kinds,
          limit,
          ...(until === undefined ? {} : { until }),
        });
        seen.push(...page.events.map((e) => e.text));
        if (page.until === null) return seen;
        until = page.until;
      }
      throw new Error('paging did not end');
    };
    const states = walk(['state'], 97);
    expect(states).toHaveLength(601);
    expect(new Set(states).size).toBe(601);
    expect(states.at(-1)).toBe('s0');
    const errors = walk(['protocol-error'], 33);
    expect(errors).toHaveLength(700);
    expect(new Set(errors).size).toBe(700);
    expect(walk([], 250)).toHaveLength(1301);
  });
});
