/**
 * When the alert engine keeps quiet: quiet hours (and what bypasses them),
 * snooze and pause, and an acknowledged incident.
 */
import { describe, expect, it } from 'vitest';
import type { SnoozeState } from '../../../../shared/incident-model';
import { createHarness, range } from './fixtures';

const MIN = 60_000;

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
