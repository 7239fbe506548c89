import type { Clock, TimerHandle } from '../../electron/core/clock';

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
}

export function createFakeClock(startWall = Date.UTC(2026, 10, 26, 12, 0, 0)): FakeClock {
  let mono = 0;
  let seq = 0;
  const pending = new Map<number, Pending>();
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
        let next: [number, Pending] | null = null;
        for (const entry of pending) {
          if (
            entry[1].at <= target &&
            (!next ||
              entry[1].at < next[1].at ||
              (entry[1].at === next[1].at && entry[1].seq < next[1].seq))
          )
            next = entry;
        }
        if (!next) break;
        pending.delete(next[0]);
        mono = next[1].at;
        next[1].fn();
      }
      mono = target;
    },
    pendingCount: () => pending.size,
  };
}
