/**
 * Maintenance windows as pure functions: is a window in force at an instant,
 * and until when. Weekly windows are local times in an IANA zone, so "every
 * Sunday 03:00 for 2 h" starts at 03:00 local on both sides of a DST change
 * (a start inside a DST gap moves forward to the first valid minute); the
 * length is real elapsed time.
 */
import type {
  ActiveMaintenance,
  MaintenanceFields,
  MaintenanceWindow,
} from '../../../shared/alerting';
import type { LocalParts } from './local-time';
import { isValidTimeZone, localParts, parseHm, zonedToEpoch } from './local-time';

const DAY = 86_400_000;

/**
 * Start of a weekly window on the local date `offset` days from `today`, or
 * null when the window does not run on that day of the week.
 */
function startOn(
  w: MaintenanceFields,
  today: LocalParts,
  offset: number,
  hm: number,
): number | null {
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
  if (!w.days.includes(date.getUTCDay())) return null;
  return zonedToEpoch(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    Math.floor(hm / 60),
    hm % 60,
    w.timeZone,
  );
}

/** The occurrence of `w` in force at `now`: its start and end, or null. */
export function occurrenceAt(
  w: MaintenanceFields,
  now: number,
): { startsAt: number; endsAt: number } | null {
  if (w.kind === 'once') {
    return w.startsAt <= now && now < w.endsAt ? { startsAt: w.startsAt, endsAt: w.endsAt } : null;
  }
  const hm = parseHm(w.start);
  if (hm === null || w.durationMin <= 0 || w.days.length === 0 || !isValidTimeZone(w.timeZone))
    return null;
  const lengthMs = w.durationMin * 60_000;
  const today = localParts(now, w.timeZone);
  // Occurrences last at most a week, so one that covers `now` started on one
  // of the last eight local dates.
  for (let back = 0; back <= 8; back++) {
    const startsAt = startOn(w, today, -back, hm);
    if (startsAt === null) continue;
    if (startsAt <= now && now < startsAt + lengthMs)
      return { startsAt, endsAt: startsAt + lengthMs };
  }
  return null;
}

/** The next start of `w` strictly after `now` (within two weeks), or null. */
export function nextStart(w: MaintenanceFields, now: number): number | null {
  if (w.kind === 'once') return w.startsAt > now ? w.startsAt : null;
  const hm = parseHm(w.start);
  if (hm === null || w.durationMin <= 0 || w.days.length === 0 || !isValidTimeZone(w.timeZone))
    return null;
  const today = localParts(now, w.timeZone);
  for (let ahead = 0; ahead <= 15; ahead++) {
    const at = startOn(w, today, ahead, hm);
    if (at !== null && at > now) return at;
  }
  return null;
}

/** Windows in force at `now`. */
export function activeWindows(
  windows: readonly MaintenanceWindow[],
  now: number,
): ActiveMaintenance[] {
  const out: ActiveMaintenance[] = [];
  for (const w of windows) {
    const occ = occurrenceAt(w, now);
    if (occ) out.push({ windowId: w.id, name: w.name, profileId: w.profileId, endsAt: occ.endsAt });
  }
  return out;
}

/** Whether a profile is silenced by one of `active`. */
export function silences(active: readonly ActiveMaintenance[], profileId: string): boolean {
  return active.some((a) => a.profileId === null || a.profileId === profileId);
}

/**
 * What is wrong with a window form, per field (empty when it is fine).
 * One-off windows must end after they start and not in the past; weekly
 * ones need a day, a valid `HH:MM`, a length up to a week and a known zone.
 */
export function checkMaintenance(w: MaintenanceFields, now: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (w.name.trim() === '') errors['name'] = 'Give the window a name, e.g. "Weekly deploy".';
  if (w.kind === 'once') {
    if (w.endsAt <= w.startsAt) errors['endsAt'] = 'The window must end after it starts.';
    else if (w.endsAt <= now) errors['endsAt'] = 'This window is already over; choose a later end.';
    else if (w.endsAt - w.startsAt > 366 * DAY) errors['endsAt'] = 'A window lasts at most a year.';
  } else {
    if (w.days.length === 0) errors['days'] = 'Choose at least one day of the week.';
    if (parseHm(w.start) === null) errors['start'] = 'Enter the start as HH:MM, e.g. 03:00.';
    if (w.durationMin < 1 || w.durationMin > 7 * 24 * 60)
      errors['durationMin'] = 'Enter a length from 1 minute to 7 days.';
    if (!isValidTimeZone(w.timeZone))
      errors['timeZone'] = 'Enter an IANA time zone such as Europe/Berlin or America/Sao_Paulo.';
  }
  return errors;
}
