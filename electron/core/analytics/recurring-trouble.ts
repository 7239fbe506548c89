/**
 * Recurring trouble (docs/analytics.md "Recurring trouble"): failures that
 * come back at the same time of day on several days (a nightly backup, a
 * cron job, a provider's maintenance) are pointed out with a suggested
 * maintenance window. Pure: failure times in, findings out, and the
 * suggestion as maintenance-window fields for one click.
 */
import type { MaintenanceFields } from '../../../shared/alerting';
import type { RecurringTroubleFinding } from '../../../shared/analytics';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { isValidTimeZone, localParts, parseHm } from '../alerts/local-time';
import { formatCount } from './text';

const DAY_MINUTES = 1440;
const DAY_MS = 86_400_000;

/** Options of {@link findRecurringTrouble}; defaults and reasons in docs/analytics.md. */
export interface RecurringTroubleOptions {
  /** IANA zone the user lives in: "the same time of day" is local time. */
  timeZone: string;
  nowWall: number;
  /** Days of failures looked at. Default 14. */
  lookbackDays?: number;
  /** Width of a time-of-day slot. Default 60 min. */
  windowMinutes?: number;
  /** Distinct days with a failure in the slot. Default 3. */
  minDays?: number;
  /**
   * Most chance that failures spread at random over the day would fill some
   * slot this well (Poisson tail × slots per day). Default 0.01: a few
   * unrelated failures never look like a pattern, nor does "fails all day".
   */
  maxChance?: number;
  /** Margin around the failures in the suggested window. Default 15 min. */
  padMinutes?: number;
  /** Most findings returned. Default 3. */
  maxResults?: number;
  /** Words the findings (the user's language); English by default. */
  say?: Say;
}

/** Defaults of {@link RecurringTroubleOptions}. */
export const RECURRING_DEFAULTS = {
  lookbackDays: 14,
  windowMinutes: 60,
  minDays: 3,
  maxChance: 0.01,
  padMinutes: 15,
  maxResults: 3,
} as const;

/** One time of day at which failures keep happening. */
export interface RecurringTrouble extends RecurringTroubleFinding {
  /** Typical local minute of the day (the median of the failures in the slot); `at` is its `HH:MM`. */
  atMinute: number;
}

function hm(minute: number): string {
  const m = ((Math.round(minute) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function posInt(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

/** P(X ≥ k) for X ~ Poisson(λ). */
function poissonTail(lambda: number, k: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/**
 * Find times of day at which failures recur. `failures` are the wall times
 * failures started (incident openings, grouped shard failures), any order.
 * @throws RangeError for a time zone this runtime does not know.
 */
export function findRecurringTrouble(
  failures: ArrayLike<number>,
  opts: RecurringTroubleOptions,
): RecurringTrouble[] {
  const say = opts.say ?? sayEnglish;
  if (!isValidTimeZone(opts.timeZone)) {
    throw new RangeError(say('analytics.recurring.badZone', { zone: opts.timeZone.slice(0, 60) }));
  }
  const d = RECURRING_DEFAULTS;
  const lookback = posInt(opts.lookbackDays, d.lookbackDays);
  const width = Math.min(DAY_MINUTES, posInt(opts.windowMinutes, d.windowMinutes));
  const minDays = posInt(opts.minDays, d.minDays);
  const maxChance =
    opts.maxChance !== undefined && opts.maxChance > 0 && opts.maxChance < 1
      ? opts.maxChance
      : d.maxChance;
  const pad = Math.max(0, Math.floor(opts.padMinutes ?? d.padMinutes));
  const maxResults = posInt(opts.maxResults, d.maxResults);
  const since = opts.nowWall - lookback * DAY_MS;

  // Each failure as (local calendar day number, local minute of the day).
  let points: Array<{ day: number; minute: number }> = [];
  let firstDay = Infinity;
  for (let i = 0; i < failures.length; i++) {
    const t = failures[i] as number;
    if (!Number.isFinite(t) || t < since || t > opts.nowWall) continue;
    const p = localParts(t, opts.timeZone);
    const day = Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
    firstDay = Math.min(firstDay, day);
    points.push({ day, minute: p.hour * 60 + p.minute });
  }
  const out: RecurringTrouble[] = [];
  const seen = new Int32Array(lookback + 3).fill(-1);
  /**
   * The day a failure counts for in the slot starting at minute `s`: a slot
   * crossing midnight counts 23:50 and the 00:10 after it as one night.
   */
  const occurrence = (p: { day: number; minute: number }, s: number): number =>
    p.day - (p.minute < s && s + width > DAY_MINUTES ? 1 : 0);

  while (out.length < maxResults && points.length > 0) {
    // cover[s]: days with a failure in the slot starting at minute s.
    const cover = new Uint16Array(DAY_MINUTES);
    let sum = 0;
    for (let s = 0; s < DAY_MINUTES; s++) {
      let n = 0;
      for (const p of points) {
        if ((p.minute - s + DAY_MINUTES) % DAY_MINUTES >= width) continue;
        const k = occurrence(p, s) - firstDay + 1;
        if (seen[k] === s) continue;
        seen[k] = s;
        n++;
      }
      cover[s] = n;
      sum += n;
    }
    let best = 0;
    for (let s = 1; s < DAY_MINUTES; s++)
      if ((cover[s] as number) > (cover[best] as number)) best = s;
    const top = cover[best] as number;
    // How likely some slot of the day is this full if failures fell at random times.
    const chance = poissonTail(sum / DAY_MINUTES, top) * (DAY_MINUTES / width);
    if (top < minDays || chance > maxChance) break;
    // Centre the slot on the run of equally good starts around the best one.
    let lo = 0;
    while (lo < DAY_MINUTES && cover[(best - lo - 1 + DAY_MINUTES) % DAY_MINUTES] === top) lo++;
    let hi = 0;
    while (hi < DAY_MINUTES && cover[(best + hi + 1) % DAY_MINUTES] === top) hi++;
    const start = (best + Math.round((hi - lo) / 2) + DAY_MINUTES) % DAY_MINUTES;
    const offset = (m: number): number => (m - start + DAY_MINUTES) % DAY_MINUTES;
    const inside = points.filter((p) => offset(p.minute) < width);
    const offsets = inside.map((p) => offset(p.minute)).sort((a, b) => a - b);
    const median = start + (offsets[Math.floor((offsets.length - 1) / 2)] ?? 0);
    const first = start + (offsets[0] ?? 0);
    const last = start + (offsets[offsets.length - 1] ?? 0);
    const from = Math.floor((first - pad) / 15) * 15;
    const to = Math.ceil((last + 1 + pad) / 15) * 15;
    const days = [...new Set(inside.map((p) => occurrence(p, start)))]
      .sort((a, b) => a - b)
      .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
    const suggestion = { start: hm(from), end: hm(to), timeZone: opts.timeZone };
    out.push({
      atMinute: ((median % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES,
      at: hm(median),
      days,
      ofDays: lookback,
      failures: inside.length,
      suggestion,
      title: say('analytics.recurring.title', {
        time: hm(median),
        zone: opts.timeZone,
        days: days.length,
        lookback,
      }),
      body: say('analytics.recurring.body', {
        count: formatCount(inside.length, say),
        first: hm(first),
        last: hm(last),
        days: days.length,
        start: suggestion.start,
        end: suggestion.end,
        zone: opts.timeZone,
      }),
    });
    points = points.filter((p) => offset(p.minute) >= width);
  }
  return out;
}

/**
 * The suggested window of a finding as maintenance-window fields (every day
 * of the week, from `start` for as long as the suggestion), ready to save
 * with one click; `profileId` null silences every profile.
 */
export function maintenanceFor(
  finding: RecurringTrouble,
  profileId: string | null,
  say: Say = sayEnglish,
): MaintenanceFields {
  const start = parseHm(finding.suggestion.start) ?? 0;
  const end = parseHm(finding.suggestion.end) ?? start;
  return {
    name: say('analytics.recurring.windowName', { time: finding.at }),
    profileId,
    kind: 'weekly',
    startsAt: 0,
    endsAt: 0,
    days: [0, 1, 2, 3, 4, 5, 6],
    start: finding.suggestion.start,
    durationMin: (end - start + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES,
    timeZone: finding.suggestion.timeZone,
  };
}
