/**
 * When a gateway worker sends its batch of events to the main thread
 * (docs/architecture.md §3.12): after the turn of its event loop that queued
 * them — unless a ping is in flight. Then the batch waits until the ping is
 * answered or lost, for at most {@link HOLD_WHILE_PING_MS}.
 *
 * Why: sending a ping queues an event (the frame log's outgoing frame), and
 * building and posting that batch (the connection's facts, scrubbed and
 * cloned, then the main thread woken to read them) ran while the answer was
 * on its way. On a 2-core machine an answer that arrived meanwhile waited
 * for it: that cost the worker's RTT about 0.3 ms at p50 against a raw `ws`
 * client (docs/benchmarks.md, issue #16 "ping overhead"). Held back, the
 * batch goes out right after the answer is timed, with the ping's outcome.
 */
import type { Clock, TimerHandle } from '../../../shared/clock';

/** Longest a batch waits for a ping in flight (ms); a slow gateway's batches still flow. */
export const HOLD_WHILE_PING_MS = 250;

/** What the batcher needs: a clock for the hold, and "after this turn of the loop". */
export interface BatchTimers {
  clock: Clock;
  /** Run `fn` once the current turn of the event loop is over (`setImmediate`); returns a cancel. */
  soon(fn: () => void): () => void;
}

/** Decides when queued events are sent; see the module comment. */
export interface Batcher {
  /** Events were queued: send them soon, or once the ping in flight settles. */
  queued(): void;
  /** A ping went out (true), or was answered or lost, or its loop stopped (false). */
  pingInFlight(inFlight: boolean): void;
  /** Send what is queued now (a command arrived: what came before it travels apart). */
  flushNow(): void;
  /** Forget what is scheduled. */
  dispose(): void;
}

/** `send` posts the queued events; it is called only when something was queued. */
export function createBatcher(send: () => void, timers: BatchTimers): Batcher {
  const { clock } = timers;
  let waiting = false;
  let inFlight = false;
  let cancelSoon: (() => void) | null = null;
  let hold: TimerHandle | null = null;

  function cancel(): void {
    cancelSoon?.();
    cancelSoon = null;
    clock.clearTimeout(hold);
    hold = null;
  }

  function run(): void {
    cancel();
    if (!waiting) return;
    waiting = false;
    send();
  }

  /** Schedule the send the current situation calls for. */
  function arm(): void {
    if (!waiting) return;
    if (inFlight) {
      if (hold !== null) return;
      cancelSoon?.();
      cancelSoon = null;
      hold = clock.setTimeout(run, HOLD_WHILE_PING_MS);
      return;
    }
    if (cancelSoon !== null) return;
    clock.clearTimeout(hold);
    hold = null;
    cancelSoon = timers.soon(run);
  }

  return {
    queued() {
      waiting = true;
      arm();
    },
    pingInFlight(next) {
      inFlight = next;
      arm();
    },
    flushNow: run,
    dispose() {
      cancel();
      waiting = false;
    },
  };
}
