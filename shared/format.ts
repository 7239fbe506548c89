/**
 * Formatting rules every surface shares: the views, the tray tooltip and
 * menu, notifications and `shardwatch probe` write a round-trip time the same
 * way. The renderer's `format.ts` adds what only screens need (placeholders
 * for missing values, relative times).
 */

/**
 * A round-trip time in milliseconds with its unit: two decimals below 10 ms
 * (sub-millisecond differences matter on loopback), a whole number otherwise.
 * Rounded before choosing, so 9.999 is `10 ms`, not `10.00 ms`.
 */
export function formatRtt(ms: number): string {
  const rounded = Math.round(ms * 100) / 100;
  if (Math.abs(rounded) < 10) return `${rounded.toFixed(2)} ms`;
  return `${Math.round(ms)} ms`;
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
