/**
 * The clock port (docs/architecture.md §3.5). Everything in the engine and the
 * simulator that measures or waits goes through a Clock so tests can drive
 * time with a fake (`test/support/fake-clock.ts`). It lives in `shared/`
 * because both `electron/core` and `electron/sim` use it and neither may
 * import the other; it needs only the timers and `performance` every
 * JavaScript runtime has.
 */

/** Handle of a scheduled callback. */
export interface TimerHandle {
  /** Opaque; only passed back to {@link Clock.clearTimeout}. */
  readonly id: unknown;
}

/** Time source and scheduler. */
export interface Clock {
  /** Monotonic milliseconds with sub-millisecond resolution (never `Date.now()`). */
  now(): number;
  /** Wall-clock epoch milliseconds, for timestamps shown to users and stored. */
  wallNow(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | null | undefined): void;
}

/** The real clock: `performance.now()` and the runtime's timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { id: t };
  },
  clearTimeout(handle) {
    if (handle) clearTimeout(handle.id as ReturnType<typeof setTimeout>);
  },
};
