import type { Clock, TimerHandle } from '../../shared/clock';
import { systemClock } from '../../shared/clock';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** A deterministic clock for tests: time moves only when `advance` is called. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  /** Number of timers scheduled and not yet fired or cleared. */
  pendingCount(): number;
  /** Monotonic time of the earliest pending timer, or null (lets a test step timer by timer). */
  nextDueAt(): number | null;
}

export function createFakeClock(startWall = Date.UTC(2026, 10, 26, 12, 0, 0)): FakeClock {
  let mono = 0;
  let seq = 0;
  const pending = new Map<number, Pending>();
  /** The earliest timer due at or before `limit`; ties fire in scheduling order. */
  const earliest = (limit: number): [number, Pending] | null => {
    let next: [number, Pending] | null = null;
    for (const entry of pending) {
      const p = entry[1];
      if (p.at > limit) continue;
      if (!next || p.at < next[1].at || (p.at === next[1].at && p.seq < next[1].seq)) next = entry;
    }
    return next;
  };
  return {
    now: () => mono,
    wallNow: () => startWall + mono,
    setTimeout(fn, ms): TimerHandle {
      const id = ++seq;
      pending.set(id, { at: mono + Math.max(0, ms), seq: id, fn });
      return { id };
    },
    clearTimeout(handle) {
      if (handle) pending.delete(handle.id as number);
    },
    advance(ms) {
      const target = mono + ms;
      for (;;) {
        const next = earliest(target);
        if (!next) break;
        pending.delete(next[0]);
        mono = next[1].at;
        next[1].fn();
      }
      mono = target;
    },
    pendingCount: () => pending.size,
    nextDueAt() {
      const next = earliest(Infinity);
      return next ? next[1].at : null;
    },
  };
}

/** The real clock, except that a test can move its wall time forward. */
export interface WallJumpClock extends Clock {
  /** Move wall time forward by `ms`, as if that much time had passed; timers and `now()` stay real. */
  jumpWall(ms: number): void;
}

/**
 * For tests that run real sockets on real timers but check figures over wall
 * time (uptime over 24 h): jumping the wall clock makes those figures exact,
 * whatever the machine's load did to the seconds the test itself took.
 */
export function createWallJumpClock(): WallJumpClock {
  let offset = 0;
  return {
    now: () => systemClock.now(),
    wallNow: () => systemClock.wallNow() + offset,
    setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
    clearTimeout: (handle) => systemClock.clearTimeout(handle),
    jumpWall(ms) {
      offset += ms;
    },
  };
}
