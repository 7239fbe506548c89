/**
 * Local wall-clock arithmetic in an IANA time zone, built on
 * `Intl.DateTimeFormat` only (no date library): quiet hours, "snooze until
 * tomorrow 08:00" and the "since 14:02" in notification bodies all need the
 * user's local time, not UTC.
 */

/** The local calendar fields of one instant in one zone. */
export interface LocalParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // `hourCycle: 'h23'` rather than `hour12: false`: some ICU versions print
    // midnight as "24" with the latter.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

let zoneCache: { zone: string; readAt: number } | null = null;

/**
 * The zone the process runs in (what the user's desktop shows). Read at most
 * once a minute: resolving it builds a formatter, and the tray asks on every push.
 */
export function systemTimeZone(): string {
  const now = Date.now();
  if (!zoneCache || now - zoneCache.readAt > 60_000) {
    zoneCache = {
      zone: new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      readAt: now,
    };
  }
  return zoneCache.zone;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Local calendar fields of `wallMs` in `timeZone`.
 * @throws RangeError for an unknown zone.
 */
export function localParts(wallMs: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(wallMs))) {
    if (part.type === 'literal' || part.type === 'dayPeriod' || part.type === 'era') continue;
    if (part.type in out) out[part.type as keyof LocalParts] = Number(part.value);
  }
  return out;
}

/** `HH:MM` of `wallMs` in `timeZone`; falls back to UTC for an unknown zone. */
export function formatLocalHm(wallMs: number, timeZone: string): string {
  let p: LocalParts;
  try {
    p = localParts(wallMs, timeZone);
  } catch {
    p = localParts(wallMs, 'UTC');
  }
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Minutes since local midnight for a `HH:MM` string; null when malformed. */
export function parseHm(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/**
 * Whether `wallMs` falls inside the local window `[start, end)` in
 * `timeZone`. A window whose end is earlier than its start crosses midnight
 * (22:00–07:00). `start === end` is an empty window, not a whole day: an
 * accidental "00:00–00:00" must not silence every alert.
 *
 * Unknown zones and malformed times answer false — for an alerting tool a
 * broken quiet-hours setting should fail towards delivering notifications.
 */
export function isWithinLocalWindow(
  wallMs: number,
  start: string,
  end: string,
  timeZone: string,
): boolean {
  const s = parseHm(start);
  const e = parseHm(end);
  if (s === null || e === null || s === e) return false;
  let p: LocalParts;
  try {
    p = localParts(wallMs, timeZone);
  } catch {
    return false;
  }
  const t = p.hour * 60 + p.minute;
  return s < e ? t >= s && t < e : t >= s || t < e;
}

/**
 * Epoch ms of a local wall time in `timeZone` (DST gaps resolve forward).
 * @throws RangeError for an unknown zone.
 */
export function zonedToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const target = Date.UTC(year, month - 1, day, hour, minute);
  let guess = target;
  // Two corrections converge for every real zone offset, including across a
  // DST change between the guess and the answer.
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const diff = seen - target;
    if (diff === 0) break;
    guess -= diff;
  }
  return guess;
}

/**
 * The next instant strictly after `wallMs` at which the local time in
 * `timeZone` is `hour:minute` (e.g. next 08:00 for "snooze until tomorrow").
 * @throws RangeError for an unknown zone.
 */
export function nextLocalTime(
  wallMs: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const now = localParts(wallMs, timeZone);
  for (let addDays = 0; addDays < 3; addDays++) {
    const d = new Date(Date.UTC(now.year, now.month - 1, now.day + addDays));
    const at = zonedToEpoch(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      hour,
      minute,
      timeZone,
    );
    if (at > wallMs) return at;
  }
  // Unreachable for real zones; a day later is the sane answer anyway.
  return wallMs + 86_400_000;
}
