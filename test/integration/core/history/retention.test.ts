import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MIN, SEC, incident, useHarness } from './helpers';

const harness = useHarness();

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
    expect(store.timeline({ profileId: 'p', limit: 100 }).events.map((e) => e.text)).toContain(
      'kept',
    );
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
    expect(store.timeline({ profileId: 'p', limit: 1 }).events[0]?.text).toBe(
      `e${t0 - HOUR + 20_005}`,
    );
  });
});
