/**
 * Reconnect backoff: capped exponential growth with jitter, so a fleet of
 * monitors does not reconnect in lockstep after a gateway restart.
 */

/** Backoff settings (all milliseconds). */
export interface BackoffOptions {
  /** Delay before the first retry (before jitter). */
  initialMs: number;
  /** Cap on any delay. */
  maxMs: number;
  /** A connection must stay ready this long before the attempt counter resets. */
  resetAfterReadyMs: number;
}

/** Defaults from the issue: 1 s doubling to 60 s, reset after 30 s of stable ready. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = {
  initialMs: 1000,
  maxMs: 60_000,
  resetAfterReadyMs: 30_000,
};

/**
 * Delay before retry number `attempt` (0-based).
 *
 * The un-jittered delay is `min(maxMs, initialMs * 2^attempt)`; "equal jitter"
 * then picks uniformly in its upper half, so the delay still grows (never
 * collapses to ~0 like full jitter can) while attempts spread out.
 * The result is always within `[base / 2, base]` and never above `maxMs`.
 *
 * @param random a source of numbers in [0, 1)
 */
export function backoffDelay(
  attempt: number,
  options: Pick<BackoffOptions, 'initialMs' | 'maxMs'>,
  random: () => number,
): number {
  const exp = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const base = Math.min(options.maxMs, options.initialMs * 2 ** exp);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(base / 2 + (r * base) / 2);
}
