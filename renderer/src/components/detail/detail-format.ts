/**
 * Formatting for the profile detail: the app-wide rules of `format.ts`, with
 * "no data" written out where a figure is missing (distinct from "down").
 */
import { formatCount, formatExact, formatMs, formatPct, formatRelative } from '../../format';

/** Text shown where a value has no data (distinct from "down"). */
export const NO_DATA = 'no data';

function missing(v: number | null | undefined): v is null | undefined {
  return v === null || v === undefined || !Number.isFinite(v);
}

/** Milliseconds, as everywhere in the app (two decimals below 10 ms). */
export function fmtMs(ms: number | null | undefined): string {
  return missing(ms) ? NO_DATA : formatMs(ms);
}

/** Percentage, as everywhere in the app. */
export function fmtPct(pct: number | null | undefined): string {
  return missing(pct) ? NO_DATA : formatPct(pct);
}

/** A counter with thousands separators. */
export function fmtInt(n: number | null | undefined): string {
  return missing(n) ? NO_DATA : formatCount(n);
}

/** A rate in messages per second. */
export function fmtRate(perSec: number | null | undefined): string {
  if (missing(perSec)) return '—';
  return `${perSec < 10 ? perSec.toFixed(2) : perSec.toFixed(1)}/s`;
}

/** Exact local date and time (for tooltips). */
export function fmtExact(ms: number | null | undefined): string {
  return missing(ms) || ms <= 0 ? 'never' : formatExact(ms);
}

/** "12 s ago", "5 min ago"…, or "never". */
export function fmtRelative(ms: number | null | undefined, now: number): string {
  return missing(ms) || ms <= 0 ? 'never' : formatRelative(ms, now);
}
