import { describe, expect, it } from 'vitest';
import {
  findRecurringTrouble,
  maintenanceFor,
} from '../../../../electron/core/analytics/recurring-trouble';
import { checkMaintenance } from '../../../../electron/core/alerts/maintenance';
import { createSeededRandom } from '../../../../electron/sim/random';

const MIN = 60_000;
const DAY = 86_400_000;

describe('recurring trouble', () => {
  it('points out a nightly failure in local time, across a DST change, with a maintenance window', () => {
    // Europe/Berlin leaves summer time on 2026-10-25; 03:02 local is 01:02 UTC before, 02:02 after.
    const now = Date.UTC(2026, 9, 31, 12, 0);
    const rand = createSeededRandom(7);
    const failures: number[] = [];
    for (let day = 1; day <= 14; day++) {
      const date = new Date(now - day * DAY);
      const offsetH = date < new Date(Date.UTC(2026, 9, 25, 1)) ? 2 : 1;
      if (day % 3 !== 0) {
        failures.push(
          Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 3 - offsetH, 2) +
            rand.int(12) * MIN,
        );
      }
      // Unrelated failures at random times.
      failures.push(now - day * DAY + rand.int(DAY));
    }
    const found = findRecurringTrouble(failures, { timeZone: 'Europe/Berlin', nowWall: now });
    expect(found).toHaveLength(1);
    const f = found[0];
    // Days 1–13 but every third (day 14's 03:00 is before the 14-day look-back).
    expect(f?.days).toHaveLength(9);
    expect(f?.at.slice(0, 4)).toBe('03:0');
    expect(f?.suggestion).toEqual({ start: '02:45', end: '03:30', timeZone: 'Europe/Berlin' });
    expect(f?.title).toMatch(
      /^failures recur around 03:0\d \(Europe\/Berlin\) on 9 of the last 14 days$/,
    );
    expect(f?.body).toContain('Suggested maintenance window: 02:45–03:30 daily, Europe/Berlin.');
    // One click: a weekly window every day that the maintenance feature accepts as is.
    const fields = maintenanceFor(f as NonNullable<typeof f>, 'p1');
    expect(fields).toMatchObject({
      kind: 'weekly',
      start: '02:45',
      durationMin: 45,
      profileId: 'p1',
    });
    expect(fields.days).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(checkMaintenance(fields, now)).toEqual({});
  });

  it('finds a slot that crosses midnight', () => {
    const now = Date.UTC(2026, 10, 20, 12, 0);
    const failures: number[] = [];
    for (let day = 1; day <= 6; day++) {
      const midnight = Date.UTC(2026, 10, 20 - day);
      failures.push(midnight + (day % 2 ? -10 * MIN : 12 * MIN));
    }
    const [f] = findRecurringTrouble(failures, { timeZone: 'UTC', nowWall: now });
    expect(f?.days).toHaveLength(6);
    expect(f?.suggestion).toEqual({ start: '23:30', end: '00:30', timeZone: 'UTC' });
    expect(maintenanceFor(f as NonNullable<typeof f>, null).durationMin).toBe(60);
  });

  it('says nothing when failures are spread over the day or too rare', () => {
    const now = Date.UTC(2026, 10, 20, 12, 0);
    const everyHour = Array.from({ length: 14 * 24 }, (_, h) => now - h * 3_600_000 - 5 * MIN);
    expect(findRecurringTrouble(everyHour, { timeZone: 'UTC', nowWall: now })).toEqual([]);
    const twice = [now - DAY - 30 * MIN, now - 2 * DAY - 30 * MIN];
    expect(findRecurringTrouble(twice, { timeZone: 'UTC', nowWall: now })).toEqual([]);
    // Older than the look-back: forgotten.
    const old = [1, 2, 3].map((d) => now - (20 + d) * DAY);
    expect(findRecurringTrouble(old, { timeZone: 'UTC', nowWall: now })).toEqual([]);
  });

  it('refuses a time zone it does not know, saying what to use', () => {
    expect(() => findRecurringTrouble([], { timeZone: 'Mars/Olympus', nowWall: 0 })).toThrow(
      /"Mars\/Olympus" is not a time zone this system knows; use an IANA name/,
    );
  });
});
