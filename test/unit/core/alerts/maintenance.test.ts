/**
 * Maintenance windows silence exactly their span: one-off windows by their
 * instants, weekly ones by local time in their zone, across DST changes.
 */
import { describe, expect, it } from 'vitest';
import type { MaintenanceFields } from '../../../../shared/alerting';
import {
  activeWindows,
  checkMaintenance,
  nextStart,
  occurrenceAt,
  silences,
} from '../../../../electron/core/alerts/maintenance';

const weekly = (over: Partial<MaintenanceFields> = {}): MaintenanceFields => ({
  name: 'Sunday deploy',
  profileId: null,
  kind: 'weekly',
  startsAt: 0,
  endsAt: 0,
  days: [0],
  start: '03:00',
  durationMin: 120,
  timeZone: 'Europe/Berlin',
  ...over,
});

describe('maintenance windows', () => {
  it('a one-off window covers [start, end) exactly', () => {
    const w = { ...weekly(), kind: 'once' as const, startsAt: 1000, endsAt: 5000 };
    expect(occurrenceAt(w, 999)).toBeNull();
    expect(occurrenceAt(w, 1000)).toEqual({ startsAt: 1000, endsAt: 5000 });
    expect(occurrenceAt(w, 4999)).not.toBeNull();
    expect(occurrenceAt(w, 5000)).toBeNull();
  });

  it('a weekly window starts at local time in its zone, on both sides of a DST change', () => {
    // Berlin: 2026-03-29 is the spring change (CET → CEST); both Sundays at 03:00 local.
    const before = Date.UTC(2026, 2, 22, 2, 0); // 03:00 CET = 02:00 UTC
    const after = Date.UTC(2026, 2, 29, 1, 0); // 03:00 CEST = 01:00 UTC
    expect(occurrenceAt(weekly(), before - 1)).toBeNull();
    expect(occurrenceAt(weekly(), before)).toEqual({
      startsAt: before,
      endsAt: before + 7_200_000,
    });
    expect(occurrenceAt(weekly(), after)).toEqual({ startsAt: after, endsAt: after + 7_200_000 });
    expect(occurrenceAt(weekly(), after + 7_200_000)).toBeNull();
    // Monday is not in the window.
    expect(occurrenceAt(weekly(), Date.UTC(2026, 2, 23, 2, 30))).toBeNull();
    expect(nextStart(weekly(), before + 1)).toBe(after);
  });

  it('a window crossing midnight is still in force after midnight', () => {
    const w = weekly({ days: [6], start: '23:00', durationMin: 180, timeZone: 'UTC' });
    // Saturday 2026-11-28 23:00 UTC → Sunday 02:00.
    expect(occurrenceAt(w, Date.UTC(2026, 10, 29, 1, 0))).toEqual({
      startsAt: Date.UTC(2026, 10, 28, 23, 0),
      endsAt: Date.UTC(2026, 10, 29, 2, 0),
    });
  });

  it('lists active windows and which profiles they silence', () => {
    const now = Date.UTC(2026, 10, 26, 12, 0);
    const active = activeWindows(
      [
        {
          ...weekly(),
          id: 'a',
          createdAt: 0,
          kind: 'once',
          profileId: 'p1',
          startsAt: now - 1,
          endsAt: now + 10,
        },
        {
          ...weekly(),
          id: 'b',
          createdAt: 0,
          kind: 'once',
          profileId: 'p2',
          startsAt: now + 1,
          endsAt: now + 10,
        },
      ],
      now,
    );
    expect(active).toEqual([
      { windowId: 'a', name: 'Sunday deploy', profileId: 'p1', endsAt: now + 10 },
    ]);
    expect(silences(active, 'p1')).toBe(true);
    expect(silences(active, 'p2')).toBe(false);
  });

  it('says what is wrong with a form', () => {
    expect(
      checkMaintenance(weekly({ days: [], start: '25:00', timeZone: 'Mars/Base' }), 0),
    ).toEqual({
      days: 'Choose at least one day of the week.',
      start: 'Enter the start as HH:MM, e.g. 03:00.',
      timeZone: 'Enter an IANA time zone such as Europe/Berlin or America/Sao_Paulo.',
    });
    expect(checkMaintenance({ ...weekly(), kind: 'once', startsAt: 10, endsAt: 5 }, 0)).toEqual({
      endsAt: 'The window must end after it starts.',
    });
  });
});
