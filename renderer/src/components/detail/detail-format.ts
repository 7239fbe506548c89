/**
 * Number and time formatting for the profile detail. Units are always shown;
 * `null` means "no data" and is rendered as such, never as 0.
 */

/** Text shown where a value has no data (distinct from "down"). */
export const NO_DATA = 'no data';

/** Milliseconds: two decimals below 10 ms, one below 100 ms, whole above. */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_DATA;
  if (Math.abs(ms) < 10) return `${ms.toFixed(2)} ms`;
  if (Math.abs(ms) < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** Percentage with one decimal (two below 1 %). */
export function fmtPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return NO_DATA;
  return `${pct < 1 && pct > 0 ? pct.toFixed(2) : pct.toFixed(1)} %`;
}

/** A counter with thousands separators. */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_DATA;
  return Math.round(n).toLocaleString('en-US');
}

/** A rate in messages per second. */
export function fmtRate(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return '—';
  return `${perSec < 10 ? perSec.toFixed(2) : perSec.toFixed(1)}/s`;
}

/** Exact local date and time (for tooltips). */
export function fmtExact(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return 'never';
  const d = new Date(ms);
  const pad = (v: number, w = 2): string => String(v).padStart(w, '0');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** Clock time `HH:MM:SS` (for logs). */
export function fmtClock(ms: number): string {
  const d = new Date(ms);
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function fmtRelative(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return 'never';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
