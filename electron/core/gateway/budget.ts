/**
 * Per-connection budgets (docs/architecture.md §3.11): frames and bytes per
 * second, and ping answers per second. A connection over any of them is
 * throttled for the rest of its one-second window: its socket stops being
 * read (TCP pushes back on the gateway) and the frames `ws` had already
 * buffered are dropped before they are decoded, so a flooding gateway costs
 * the process next to nothing and cannot starve the other profiles.
 */
import type { Clock } from '../../../shared/clock';

/** Limits of one connection, per second. */
export interface ConnectionBudget {
  framesPerSecond: number;
  bytesPerSecond: number;
  /**
   * `GATEWAY_PING` answers. A connection pings at most a few times a second,
   * so more answers than this were never asked for. The connection raises it
   * to four answers per ping a second when it pings faster (tools, tests).
   */
  pingAnswersPerSecond: number;
}

/**
 * Defaults: far above what a healthy gateway sends (a ping a second, a
 * snapshot every few seconds of up to ~16 MiB, interactions of a busy bot),
 * far below a flood.
 */
export const DEFAULT_BUDGET: Readonly<ConnectionBudget> = {
  framesPerSecond: 2000,
  bytesPerSecond: 64 * 1024 * 1024,
  pingAnswersPerSecond: 20,
};

/** What went over budget. */
export type BudgetExceeded = 'frames' | 'bytes' | 'ping-answers';

/** Budget bookkeeping of one connection. */
export interface BudgetMeter {
  /** A frame of `bytes` arrived; the budget it just broke, or null. */
  frame(bytes: number): BudgetExceeded | null;
  /** A ping answer arrived; true when it broke the budget. */
  pingAnswer(): boolean;
  /** Whether frames are being dropped now. */
  readonly throttled: boolean;
  /** Ms until the current window ends. */
  remainingMs(): number;
  /** Start over (new socket). */
  reset(): void;
}

/** A meter on `clock` with one-second windows. */
export function createBudgetMeter(clock: Clock, budget: ConnectionBudget): BudgetMeter {
  let windowStart = clock.now();
  let frames = 0;
  let bytes = 0;
  let answers = 0;
  let throttled = false;

  function roll(): void {
    const now = clock.now();
    if (now - windowStart < 1000) return;
    windowStart = now;
    frames = 0;
    bytes = 0;
    answers = 0;
    throttled = false;
  }

  return {
    frame(n) {
      roll();
      frames++;
      bytes += n;
      if (throttled) return null;
      const over: BudgetExceeded | null =
        frames > budget.framesPerSecond ? 'frames' : bytes > budget.bytesPerSecond ? 'bytes' : null;
      if (over) throttled = true;
      return over;
    },
    pingAnswer() {
      roll();
      answers++;
      if (throttled || answers <= budget.pingAnswersPerSecond) return false;
      throttled = true;
      return true;
    },
    get throttled() {
      roll();
      return throttled;
    },
    remainingMs: () => Math.max(0, windowStart + 1000 - clock.now()),
    reset() {
      windowStart = clock.now();
      frames = 0;
      bytes = 0;
      answers = 0;
      throttled = false;
    },
  };
}
