/**
 * One pending idle-time call (requestIdleCallback, or a 16 ms timer where
 * the browser has none): the canvas views paint the tiles next to the view
 * this way, one per idle period, so scrolling finds them ready.
 */
export interface IdleTask {
  /** Ask for one call of the task in the next idle period (no-op while one is pending). */
  schedule(): void;
  cancel(): void;
}

/** An idle task running `run`, called at the latest `timeout` ms after it was asked for. */
export function createIdleTask(run: () => void, timeout: number): IdleTask {
  let handle = 0;
  const call = (): void => {
    handle = 0;
    run();
  };
  return {
    schedule() {
      if (handle) return;
      handle =
        typeof requestIdleCallback === 'function'
          ? requestIdleCallback(call, { timeout })
          : (setTimeout(call, 16) as unknown as number);
    },
    cancel() {
      if (!handle) return;
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
      else clearTimeout(handle);
      handle = 0;
    },
  };
}
