/**
 * Applies a connection's budgets (`budget.ts`) to its socket: over budget,
 * the socket stops being read until the window ends, and frames `ws` had
 * already buffered are dropped unread.
 */
import type WebSocket from 'ws';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { BudgetExceeded, ConnectionBudget } from './budget';
import { createBudgetMeter } from './budget';

/** One connection's throttle. */
export interface Throttle {
  /** A frame of `bytes` arrived on `ws`; false when it must be dropped unread. */
  admitFrame(ws: WebSocket, bytes: number): boolean;
  /** A ping answer arrived on `ws`; false when it must be dropped. */
  admitPingAnswer(ws: WebSocket): boolean;
  /** A new socket: forget the old window and its timer. */
  reset(): void;
}

/** `onThrottled` is told each time the connection goes over a budget. */
export function createThrottle(
  clock: Clock,
  budget: ConnectionBudget,
  onThrottled: (what: BudgetExceeded, limit: number) => void,
): Throttle {
  const meter = createBudgetMeter(clock, budget);
  let timer: TimerHandle | null = null;

  function clear(): void {
    clock.clearTimeout(timer);
    timer = null;
  }

  function pause(ws: WebSocket, what: BudgetExceeded): void {
    ws.pause();
    clear();
    timer = clock.setTimeout(() => {
      timer = null;
      if (ws.readyState === ws.OPEN) ws.resume();
    }, meter.remainingMs());
    const limit =
      what === 'frames'
        ? budget.framesPerSecond
        : what === 'bytes'
          ? budget.bytesPerSecond
          : budget.pingAnswersPerSecond;
    onThrottled(what, limit);
  }

  return {
    admitFrame(ws, bytes) {
      const over = meter.frame(bytes);
      if (over) pause(ws, over);
      return !meter.throttled;
    },
    admitPingAnswer(ws) {
      if (meter.pingAnswer()) pause(ws, 'ping-answers');
      return !meter.throttled;
    },
    reset() {
      clear();
      meter.reset();
    },
  };
}

/** Size of a frame as `ws` hands it over. */
export function rawBytes(data: WebSocket.RawData): number {
  if (Array.isArray(data)) {
    let n = 0;
    for (const b of data) n += b.length;
    return n;
  }
  return data.byteLength;
}
