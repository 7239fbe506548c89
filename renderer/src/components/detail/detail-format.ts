/**
 * Formatting for the profile detail: the app-wide rules of `format.ts`, with
 * "no data" written out where a figure is missing (distinct from "down").
 */
import { formatCount, formatExact, formatMs, formatPct, formatRelative } from '../../format';
import { currentLocale, t } from '../../i18n';
import { formatNumber } from '../../../../shared/format';

/** Text shown where a value has no data (distinct from "down"). */
export function noData(): string {
  return t('common.noData');
}

function missing(v: number | null | undefined): v is null | undefined {
  return v === null || v === undefined || !Number.isFinite(v);
}

/** Milliseconds, as everywhere in the app (two decimals below 10 ms). */
export function fmtMs(ms: number | null | undefined): string {
  return missing(ms) ? noData() : formatMs(ms);
}

/** Percentage, as everywhere in the app. */
export function fmtPct(pct: number | null | undefined): string {
  return missing(pct) ? noData() : formatPct(pct);
}

/** A counter with thousands separators. */
export function fmtInt(n: number | null | undefined): string {
  return missing(n) ? noData() : formatCount(n);
}

/** A rate in messages per second. */
export function fmtRate(perSec: number | null | undefined): string {
  if (missing(perSec)) return '—';
  return t('common.rate', { n: formatNumber(perSec, currentLocale(), perSec < 10 ? 2 : 1) });
}

/** Exact local date and time (for tooltips). */
export function fmtExact(ms: number | null | undefined): string {
  return missing(ms) || ms <= 0 ? t('common.time.never') : formatExact(ms);
}

/** "12 s ago", "5 min ago"…, or "never". */
export function fmtRelative(ms: number | null | undefined, now: number): string {
  return missing(ms) || ms <= 0 ? t('common.time.never') : formatRelative(ms, now);
}
