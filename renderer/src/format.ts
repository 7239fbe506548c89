/**
 * Formatting helpers shared by every view. One date and time style
 * everywhere: 24-hour local time, dates as `YYYY-MM-DD`; a relative or
 * shortened time always has the exact one ({@link formatExact}) on hover. Numbers are shown in tabular
 * figures (the `.num` class in styles.css) so columns do not jitter as live
 * values change. Rules shared with the engine (the tray, notifications, the
 * probe) live in `shared/format.ts`.
 */
import { formatDateTime, formatNumber, formatRtt } from '../../shared/format';
import { currentLocale, t } from './i18n';

/** Placeholder for a value that does not exist yet. */
export const NO_VALUE = '—';

/** A latency in milliseconds by the app's one rule (`formatRtt`), or a placeholder. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  return formatRtt(ms, currentLocale());
}

/** A percentage: one decimal below 10 %, a whole number otherwise (`2,5%` in Portuguese). */
export function formatPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return NO_VALUE;
  if (pct === 0) return '0%';
  const rounded = Math.round(pct * 10) / 10;
  if (Math.abs(rounded) < 10) return `${formatNumber(rounded, currentLocale(), 1)}%`;
  return `${formatNumber(Math.round(pct), currentLocale(), 0)}%`;
}

/** A fraction 0…1 as a percentage. */
export function formatFraction(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return NO_VALUE;
  return formatPct(fraction * 100);
}

/** A whole number with the locale's thousands separators (`1.234` in Portuguese). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_VALUE;
  return formatNumber(Math.round(n), currentLocale(), 0);
}

/** A duration in words, largest unit first: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, Math.abs(ms));
  const s = Math.floor(abs / 1000);
  if (s < 60) return t('common.time.s', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return t('common.time.min', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24)
    return min % 60 === 0
      ? t('common.time.h', { n: h })
      : t('common.time.hMin', { h, min: min % 60 });
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? t('common.time.d', { n: d }) : t('common.time.dH', { d, h: h % 24 });
}

/** The largest unit of a duration alone: `5 min`, `3 h` (for relative times). */
function roughDuration(ms: number): string {
  const s = Math.floor(Math.max(0, Math.abs(ms)) / 1000);
  if (s < 60) return t('common.time.s', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return t('common.time.min', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t('common.time.h', { n: h });
  return t('common.time.d', { n: Math.floor(h / 24) });
}

/**
 * A time relative to `now`: `just now`, `12 s ago`, `5 min ago`, `in 1 h`.
 * Pair it with {@link formatExact} in a `title` so the exact time is a hover
 * away.
 */
export function formatRelative(at: number, now: number): string {
  const diff = now - at;
  if (Math.abs(diff) < 5000) return t('common.time.justNow');
  const span = roughDuration(diff);
  return diff > 0 ? t('common.time.ago', { span }) : t('common.time.in', { span });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Exact local date and time, `2026-11-26 14:03:12` (the shared style, `formatDateTime`). */
export function formatExact(at: number): string {
  return formatDateTime(at, true);
}

/**
 * A chart's time-axis label for ticks `stepMs` apart: `14:03:15` between
 * seconds, `14:03` between minutes and hours, `2026-11-26` between days.
 * Never a bare `:15.000`: a label always says which hour it is in.
 */
export function formatTick(at: number, stepMs: number): string {
  const d = new Date(at);
  if (stepMs >= 24 * 3_600_000)
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return stepMs >= 60_000 ? hm : `${hm}:${pad(d.getSeconds())}`;
}

/** Local time of day with seconds, `14:03:12` (logs; pair with {@link formatExact} on hover). */
export function formatTimeOfDay(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Local time of day, `14:03` (or `14:03:12` with `seconds`), with the date
 * in front when it is not today. Pair it with {@link formatExact} in a
 * `title`.
 */
export function formatClock(at: number, now: number, seconds = false): string {
  const d = new Date(at);
  const today = new Date(now);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  if (d.toDateString() === today.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}
