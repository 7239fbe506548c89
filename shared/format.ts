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
