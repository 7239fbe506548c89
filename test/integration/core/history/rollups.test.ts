import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MIN, SEC, useHarness } from './helpers';

const harness = useHarness();

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
      { t: m, count: 60, lost: 3, min: 1, max: 60, p5: 3, p50: 30, p95: 57, disturbed: 0 },
      {
        t: m + 15 * MIN,
        count: 1,
        lost: 0,
        min: 999,
        max: 999,
        p5: 999,
        p50: 999,
        p95: 999,
        disturbed: 0,
      },
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
      [m, 60, 3, 30],
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

  it('stores disturbed samples flagged and leaves them out of every RTT figure, raw and rolled up', () => {
    const h = harness();
    const store = h.open();
    const now = h.clock.wallNow(); // 12:00:00
    const m = now - 30 * MIN;
    for (let s = 0; s < 10; s++) store.recordPing('p', m + s * SEC, 10 + s);
    // Two answers timed while the thread stalled: far slower than the rest.
    store.recordPing('p', m + 20 * SEC, 800, true);
    store.recordPing('p', m + 21 * SEC, 900, true);
    store.recordPing('p', m + 22 * SEC, null, true); // a loss is never disturbed
    h.clock.advance(SEC);

    const raw = store.query({ profileId: 'p', window: '15m' }, m + 5 * MIN);
    expect(raw.resolutionMs).toBe(SEC); // one sample a bucket
    expect(raw.points.filter((p) => p.disturbed > 0).map((p) => [p.t, p.count, p.max])).toEqual([
      [m + 20 * SEC, 0, null],
      [m + 21 * SEC, 0, null],
    ]);
    expect(Math.max(...raw.points.map((p) => p.max ?? 0))).toBe(19);

    const minute = { t: m, count: 10, lost: 1, disturbed: 2, min: 10, max: 19, p95: 19 };
    expect(store.query({ profileId: 'p', window: '24h' }, now).points).toEqual([
      expect.objectContaining(minute),
    ]);
    // The hour rollup and a reopened file say the same.
    h.clock.advance(HOUR);
    store.close();
    const reopened = h.open();
    const month = reopened.query({ profileId: 'p', window: '30d' }, h.clock.wallNow());
    expect(month.resolutionMs).toBe(HOUR);
    expect(month.points).toEqual([
      expect.objectContaining({ t: now - HOUR, count: 10, lost: 1, disturbed: 2, max: 19 }),
    ]);
  });
});
