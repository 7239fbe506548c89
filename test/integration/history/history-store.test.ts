import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../../../shared/model';
import { DAY, HOUR, MIN, SEC, totalPings, useHarness } from './helpers';

const harness = useHarness();

function incident(over: Partial<Incident> & Pick<Incident, 'id' | 'openedAt'>): Incident {
  return {
    profileId: 'p',
    rule: 'shards-down',
    severity: 'critical',
    title: 'Shards down',
    body: '2 shards down',
    shardIds: [3],
    updatedAt: over.openedAt,
    clearedAt: null,
    acknowledged: false,
    suppressed: false,
    ...over,
  };
}

describe('rollups', () => {
  it('summarises each minute and hour exactly, and keeps them after raw samples expire', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow(); // 12:00:00
    const m = now - 30 * MIN; // 11:30
    for (let s = 0; s < 60; s++) store.recordPing('p', m + s * SEC, s + 1);
    for (const s of [10, 20, 30]) store.recordPing('p', m + s * SEC + 500, null);
    store.recordPing('p', m + 15 * MIN + 5 * SEC, 999); // another minute: must not leak in
    h.clock.advance(SEC);

    expect(store.stats()).toMatchObject({ rawRows: 64, minuteRows: 2 });
    const day = store.query({ profileId: 'p', window: '24h' }, now);
    expect(day.resolutionMs).toBe(MIN);
    expect(day.points).toEqual([
      { t: m, count: 60, lost: 3, min: 1, max: 60, p5: 3.95, p50: 30.5, p95: 57.05 },
      { t: m + 15 * MIN, count: 1, lost: 0, min: 999, max: 999, p5: 999, p50: 999, p95: 999 },
    ]);

    // The 11:00 hour closes at 12:00 (+ grace): one hourly row from the raw samples.
    h.clock.advance(HOUR);
    expect(store.stats().hourRows).toBe(1);
    const hourPoint = { t: now - HOUR, count: 61, lost: 3, min: 1, max: 999, p50: 31 };

    // A day later the raw samples are gone; the rollups still answer.
    h.clock.advance(DAY);
    expect(store.stats().rawRows).toBe(0);
    const later = h.clock.wallNow();
    const month = store.query({ profileId: 'p', window: '30d' }, later);
    expect(month.resolutionMs).toBe(HOUR);
    expect(month.points).toHaveLength(1);
    expect(month.points[0]).toMatchObject(hourPoint);
    const week = store.query({ profileId: 'p', window: '7d' }, later);
    expect(week.resolutionMs).toBe(10 * MIN);
    expect(week.points.map((p) => [p.t, p.count, p.lost, p.p50])).toEqual([
      [m, 60, 3, 30.5],
      [m + 10 * MIN, 1, 0, 999],
    ]);
  });

  it('recomputes a rolled-up minute when a late ping for it is written', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow();
    const m = now - 10 * MIN;
    store.recordPing('p', m + SEC, 10);
    store.recordPing('p', m + 2 * SEC, 20);
    h.clock.advance(SEC);
    const before = store.query({ profileId: 'p', window: '24h' }, now).points;
    expect(before).toEqual([expect.objectContaining({ t: m, count: 2, max: 20 })]);

    store.recordPing('p', m + 50 * SEC, 100);
    h.clock.advance(SEC);
    const after = store.query({ profileId: 'p', window: '24h' }, now).points;
    expect(after).toEqual([expect.objectContaining({ t: m, count: 3, max: 100, p50: 20 })]);
    expect(store.stats().minuteRows).toBe(1);
  });
});

describe('retention', () => {
  it('deletes raw after 24 h, minute rollups after 30 d, hour rollups after 1 y, to the millisecond', () => {
    const h = harness();
    const store = h.open();
    const t0 = h.clock.wallNow();
    const times = [
      t0 - 365 * DAY - HOUR, // hour rollup expired
      t0 - 365 * DAY, // hour rollup kept (exactly at the boundary)
      t0 - 30 * DAY - MIN, // minute rollup expired
      t0 - 30 * DAY, // minute rollup kept
      t0 - DAY - 1, // raw expired
      t0 - DAY, // raw kept (exactly at the boundary)
    ];
    for (const t of times) store.recordPing('p', t, 42);
    store.recordEvent('p', { at: t0 - 30 * DAY - 1, kind: 'state', text: 'old', shardId: null });
    store.recordEvent('p', { at: t0 - 30 * DAY + 1, kind: 'state', text: 'kept', shardId: null });
    store.recordIncident(
      incident({ id: 'old', openedAt: t0 - 32 * DAY, clearedAt: t0 - 31 * DAY }),
    );
    store.recordIncident(
      incident({ id: 'recent', openedAt: t0 - 30 * DAY, clearedAt: t0 - 29 * DAY }),
    );
    store.recordIncident(incident({ id: 'still-open', openedAt: t0 - 40 * DAY }));
    h.clock.advance(SEC);
    expect(store.stats()).toMatchObject({ rawRows: 6, minuteRows: 6, hourRows: 6 });

    expect(store.runRetention(t0)).toEqual({
      deletedRaw: 5,
      deletedMinute: 3,
      deletedHour: 1,
      deletedEvents: 1,
      deletedIncidents: 1,
    });
    expect(store.timeline('p', 100).map((e) => e.text)).toContain('kept');
    expect(
      store
        .incidents('p', 10)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['recent', 'still-open']);

    // The store's own schedule: first pass one minute after start.
    h.clock.advance(58 * SEC);
    expect(store.stats()).toMatchObject({ rawRows: 1, minuteRows: 3, hourRows: 5 });
    h.clock.advance(2 * SEC);
    expect(store.stats()).toMatchObject({ rawRows: 0, minuteRows: 2, hourRows: 4 });
  });

  it('caps the timeline of a chatty profile', () => {
    const h = harness();
    const store = h.open();
    const t0 = h.clock.wallNow();
    // Flushed in slices: the in-memory event buffer holds 10 000.
    for (let i = 0; i < 20_006; i++) {
      const at = t0 - HOUR + i;
      store.recordEvent('p', { at, kind: 'protocol-error', text: `e${at}`, shardId: null });
      if (i % 5000 === 4999) store.flush();
    }
    store.flush();
    expect(store.runRetention(t0).deletedEvents).toBe(6);
    expect(store.stats().eventRows).toBe(20_000);
    // The newest are the ones kept.
    expect(store.timeline('p', 1)[0]?.text).toBe(`e${t0 - HOUR + 20_005}`);
  });
});

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
      store.timeline('p', n).map((e) => [e.kind, e.at, e.text]);

    h.clock.advance(SEC); // the incident is stored open…
    store.recordIncident(incident({ id: 'i1', openedAt: now - 6 * MIN, clearedAt: now - 2 * MIN }));
    expect(view(10)).toEqual(expected); // …and its clearing is still buffered
    h.clock.advance(SEC);
    expect(view(10)).toEqual(expected);
    expect(view(3)).toEqual(expected.slice(0, 3));
    expect(store.incidents('p', 10)).toHaveLength(1);
    expect(store.timeline('p', 10).find((e) => e.kind === 'shard-state')?.shardId).toBe(3);
  });
});

describe('persistence', () => {
  it('shows the past after the app restarts', () => {
    const h = harness();
    const first = h.open();
    const now = h.clock.wallNow();
    for (let k = 0; k < 600; k++) first.recordPing('p', now - k * SEC, 20 + (k % 5));
    first.recordRestart('p', 1, now - MIN);
    first.recordIncident(incident({ id: 'i', openedAt: now - 3 * MIN }));
    h.clock.advance(SEC);
    first.recordPing('p', h.clock.wallNow(), 33); // buffered only: close must write it
    const series = first.query({ profileId: 'p', window: '1h' }, h.clock.wallNow());
    const timeline = first.timeline('p', 50);
    first.close();

    const second = h.open();
    expect(second.query({ profileId: 'p', window: '1h' }, h.clock.wallNow())).toEqual(series);
    expect(totalPings(series.points)).toBe(601);
    expect(second.timeline('p', 50)).toEqual(timeline);
    expect(second.incidents(null, 10).map((i) => i.id)).toEqual(['i']);
    expect(h.errors).toEqual([]);
  });

  it('close writes what is buffered and releases its timers', () => {
    const h = harness();
    const store = h.open();
    store.recordPing('p', h.clock.wallNow(), 5);
    store.recordEvent('p', { at: h.clock.wallNow(), kind: 'state', text: 'x', shardId: null });
    store.close();
    expect(h.clock.pendingCount()).toBe(0);
    store.close();
    store.recordPing('p', h.clock.wallNow(), 5); // ignored, no throw

    const again = h.open();
    expect(again.stats()).toMatchObject({ rawRows: 1, eventRows: 1, pendingSamples: 0 });
  });

  it('deletes one profile and nothing else', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow();
    for (const id of ['a', 'b']) {
      store.recordPing(id, now - 2 * MIN, 10);
      store.recordRestart(id, 0, now - MIN);
      store.recordIncident(incident({ id: `inc-${id}`, profileId: id, openedAt: now - MIN }));
    }
    h.clock.advance(SEC);
    store.recordPing('a', now, 11); // still buffered: must go too
    store.deleteProfile('a');
    expect(store.query({ profileId: 'a', window: '1h' }, now).points).toEqual([]);
    expect(store.timeline('a', 10)).toEqual([]);
    expect(store.incidents(null, 10).map((i) => i.id)).toEqual(['inc-b']);
    expect(totalPings(store.query({ profileId: 'b', window: '1h' }, now).points)).toBe(1);
    expect(store.stats()).toMatchObject({ rawRows: 1, minuteRows: 1, eventRows: 1 });
  });
});

describe('disk trouble', () => {
  const SAVE_FAILED =
    'History could not be saved: a write to the history file failed (simulated). Monitoring continues; charts may have gaps.';

  it('keeps monitoring when writes fail, says so once, and saves the backlog later', () => {
    const h = harness();
    let failing = false;
    const store = h.open({ faults: { failWrites: () => failing } });
    const start = h.clock.wallNow();
    store.recordPing('p', start - 5 * SEC, 10);
    h.clock.advance(SEC);
    expect(store.stats().rawRows).toBe(1);

    failing = true;
    for (let i = 0; i < 10; i++) {
      store.recordPing('p', h.clock.wallNow(), 20);
      store.recordPing('new-profile', h.clock.wallNow(), 40);
      h.clock.advance(SEC);
    }
    expect(h.errors).toEqual([SAVE_FAILED]);
    expect(store.health()).toEqual({ ok: false, error: SAVE_FAILED });
    expect(store.stats()).toMatchObject({ rawRows: 1, pendingSamples: 20 });
    // Charts still show everything, from memory.
    expect(
      totalPings(store.query({ profileId: 'p', window: '15m' }, h.clock.wallNow()).points),
    ).toBe(11);

    failing = false;
    h.clock.advance(SEC);
    expect(store.health()).toEqual({ ok: true, error: null });
    expect(store.stats()).toMatchObject({ rawRows: 21, pendingSamples: 0 });
    expect(h.errors).toHaveLength(1);

    failing = true; // the same trouble coming back later is news again
    store.recordPing('p', h.clock.wallNow(), 30);
    h.clock.advance(SEC);
    expect(h.errors).toEqual([SAVE_FAILED, SAVE_FAILED]);
    failing = false;
    store.close();
    const reopened = h.open();
    expect(reopened.stats().rawRows).toBe(22);
    const q = { window: '15m', profileId: 'new-profile' } as const;
    expect(totalPings(reopened.query(q, h.clock.wallNow()).points)).toBe(10);
  });

  it('bounds the backlog by dropping the oldest samples and counting them', () => {
    const h = harness();
    let failing = true;
    const store = h.open({ faults: { failWrites: () => failing }, maxBufferedSamples: 100 });
    const t0 = h.clock.wallNow();
    for (let i = 0; i < 150; i++) store.recordPing('p', t0 - 150 * SEC + i * SEC, i);
    h.clock.advance(SEC);
    expect(store.stats()).toMatchObject({ pendingSamples: 100, droppedSamples: 50 });
    failing = false;
    h.clock.advance(SEC);
    const s = store.query({ profileId: 'p', window: '15m' }, h.clock.wallNow());
    expect(totalPings(s.points)).toBe(100);
    expect(s.points[0]?.min).toBe(50);
  });

  it('waits out a database locked by another program', () => {
    const h = harness();
    const store = h.open({ busyTimeoutMs: 20 });
    store.recordPing('p', h.clock.wallNow(), 1);
    h.clock.advance(SEC);

    const other = new DatabaseSync(h.file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      for (let i = 0; i < 3; i++) {
        store.recordPing('p', h.clock.wallNow(), 2);
        h.clock.advance(SEC);
      }
      expect(h.errors).toEqual([
        'History could not be saved: the history database is locked by another program. Monitoring continues; charts may have gaps.',
      ]);
      expect(store.health().ok).toBe(false);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    h.clock.advance(SEC);
    expect(store.health().ok).toBe(true);
    expect(store.stats().rawRows).toBe(4);
  });

  it('reports a full disk without losing what is stored', () => {
    const h = harness();
    const store = h.open({ faults: { maxPageCount: 40 } });
    const t0 = h.clock.wallNow();
    store.recordPing('p', t0 - MIN, 7);
    h.clock.advance(SEC);
    const stored = store.query({ profileId: 'p', window: '1h' }, t0);

    for (let i = 0; i < 30_000; i++) store.recordPing('p', t0 - 10 * HOUR + i * SEC, 9);
    expect(() => h.clock.advance(SEC)).not.toThrow();
    expect(h.errors).toEqual([
      'History could not be saved: the disk is full. Monitoring continues; charts may have gaps.',
    ]);
    expect(store.stats()).toMatchObject({ rawRows: 1, pendingSamples: 30_000 });
    store.close();
    const reopened = h.open();
    expect(reopened.query({ profileId: 'p', window: '1h' }, t0)).toEqual(stored);
  });

  it('starts without its folder and saves once the folder can be made', () => {
    const h = harness();
    const blocker = join(h.dir, 'blocker');
    writeFileSync(blocker, 'a file where the folder should be');
    const file = join(blocker, 'history.sqlite');
    const store = h.open({ file });
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(
      /^History could not be saved: the folder for .*blocker.history\.sqlite cannot be created \(a file is in the way\)\. Monitoring continues; charts may have gaps\.$/,
    );
    expect(store.health().ok).toBe(false);
    for (let i = 0; i < 5; i++) {
      store.recordPing('p', h.clock.wallNow(), 3);
      h.clock.advance(SEC);
    }
    expect(h.errors).toHaveLength(1);
    expect(
      totalPings(store.query({ profileId: 'p', window: '15m' }, h.clock.wallNow()).points),
    ).toBe(5);

    rmSync(blocker);
    h.clock.advance(SEC);
    expect(store.health().ok).toBe(true);
    store.close();
    expect(h.open({ file }).stats().rawRows).toBe(5);
  });

  it('moves a corrupt file aside and starts a fresh history', () => {
    const h = harness();
    const garbage = 'this is not a database\n'.repeat(500);
    writeFileSync(h.file, garbage);
    const store = h.open();
    const moved = `${h.file}.corrupt-2026-11-26T12-00-00-000Z`;
    expect(h.errors).toEqual([
      `History could not be read (${h.file} is damaged or not a database); the damaged file was moved to ${moved} and a new history was started. Monitoring continues.`,
    ]);
    expect(readFileSync(moved, 'utf8')).toBe(garbage);
    expect(store.health().ok).toBe(true);

    store.recordPing('p', h.clock.wallNow(), 8);
    store.close();
    expect(h.open().stats().rawRows).toBe(1);
    expect(h.errors).toHaveLength(1);
  });

  it('leaves a file from a newer version alone', () => {
    const h = harness();
    const db = new DatabaseSync(h.file);
    db.exec('CREATE TABLE future (x); PRAGMA user_version = 99');
    db.close();
    const store = h.open();
    store.recordPing('p', h.clock.wallNow(), 1);
    h.clock.advance(5 * SEC);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(/newer version of Shardwatch/);
    store.close();
    const check = new DatabaseSync(h.file);
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 99 });
    check.close();
    expect(readdirSync(h.dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(existsSync(h.file)).toBe(true);
  });
});
