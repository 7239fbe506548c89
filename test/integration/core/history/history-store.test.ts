import { describe, expect, it } from 'vitest';
import { MIN, SEC, incident, totalPings, useHarness } from './helpers';

const harness = useHarness();

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
    const timeline = first.timeline({ profileId: 'p', limit: 50 }).events;
    first.close();

    const second = h.open();
    expect(second.query({ profileId: 'p', window: '1h' }, h.clock.wallNow())).toEqual(series);
    expect(totalPings(series.points)).toBe(601);
    expect(second.timeline({ profileId: 'p', limit: 50 }).events).toEqual(timeline);
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
    expect(store.timeline({ profileId: 'a', limit: 10 }).events).toEqual([]);
    expect(store.incidents(null, 10).map((i) => i.id)).toEqual(['inc-b']);
    expect(totalPings(store.query({ profileId: 'b', window: '1h' }, now).points)).toBe(1);
    expect(store.stats()).toMatchObject({ rawRows: 1, minuteRows: 1, eventRows: 1 });
  });
});
