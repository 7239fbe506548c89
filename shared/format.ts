/**
 * Formatting rules every surface shares: the views, the tray tooltip and
 * menu, notifications, engine-made sentences and `shardwatch probe` write a
 * number and a round-trip time the same way, in the user's language
 * (`1,234.5` in English, `1.234,5` in Brazilian Portuguese). The renderer's
 * `format.ts` adds what only screens need (placeholders for missing values,
 * relative times).
 */

/** Digits after the decimal mark: exactly `digits`, or from `min` to `max`. */
export type FractionDigits = number | { min: number; max: number };

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number written for `locale` (a BCP 47 tag such as `en` or `pt-BR`), with
 * the digits asked for (default: up to 2). One formatter per locale and
 * precision is kept: charts and tables format thousands of numbers.
 */
export function formatNumber(
  value: number,
  locale: string = 'en',
  digits: FractionDigits = { min: 0, max: 2 },
): string {
  const { min, max } = typeof digits === 'number' ? { min: digits, max: digits } : digits;
  const key = `${locale}\u0000${min}\u0000${max}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * A round-trip time in milliseconds with its unit: two decimals below 10 ms
 * (sub-millisecond differences matter on loopback), a whole number otherwise,
 * in `locale`'s digits (`12,35 ms` in Brazilian Portuguese). Rounded before
 * choosing, so 9.999 is `10 ms`, not `10.00 ms`.
 */
export function formatRtt(ms: number, locale: string = 'en'): string {
  const rounded = Math.round(ms * 100) / 100;
  if (Math.abs(rounded) < 10) return `${formatNumber(rounded, locale, 2)} ms`;
  return `${formatNumber(Math.round(ms), locale, 0)} ms`;
}

/** Text without its closing full stops and spaces, to be placed inside a sentence. */
export function withoutStop(text: string): string {
  return text.trim().replace(/[.\s]+$/u, '');
}

/**
 * Sentences joined by one space, each ending in exactly one stop, whatever
 * the parts brought with them: no "failed.The", no "6.9 s..". Empty parts
 * are skipped, so an optional detail can be passed as is.
 */
export function sentences(...parts: Array<string | null | undefined | false>): string {
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    const text = part.trim().replace(/\.{2,}$/u, '.');
    if (text === '') continue;
    out.push(/[.!?…]$/u.test(text) ? text : `${text}.`);
  }
  return out.join(' ');
}

/**
 * A date and time in this computer's time zone, `2026-11-26 14:03` (with
 * `seconds`, `2026-11-26 14:03:12`): the one date and time style of every
 * screen and of the engine's sentences (a notice, a report), in both
 * languages.
 */
export function formatDateTime(at: number, seconds = false): string {
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}${seconds ? `:${two(d.getSeconds())}` : ''}`
  );
}
