/**
 * Flap detection: a key (a shard id, or the gateway connection) that
 * toggles `threshold` times within `windowMs` is flapping until it has not
 * toggled for a whole window. Its individual alerts are held back meanwhile,
 * so a flapping shard or a stalling gateway gives one damped alert instead of
 * one per toggle.
 */

/** Toggle history of a set of keys. */
export interface FlapTracker {
  /** Record a toggle of `key` at wall time `at`; true when `key` is flapping afterwards. */
  record(key: number, at: number): boolean;
  /** Forget toggles and flapping marks older than the window. */
  prune(now: number): void;
  isFlapping(key: number): boolean;
  /** Flapping keys, ascending. */
  flappingKeys(): number[];
  /** Toggles of `key` within the window ending at `now`. */
  recentCount(key: number, now: number): number;
  clear(): void;
}

/** Create a {@link FlapTracker}. `threshold` is at least 2. */
export function createFlapTracker(windowMs: number, threshold: number): FlapTracker {
  const limit = Math.max(2, threshold);
  const toggles = new Map<number, number[]>();
  /** Flapping keys → wall time of their latest toggle. */
  const flapping = new Map<number, number>();
  return {
    record(key, at) {
      const list = (toggles.get(key) ?? []).filter((t) => at - t < windowMs);
      list.push(at);
      toggles.set(key, list);
      if (list.length >= limit || flapping.has(key)) {
        flapping.set(key, Math.max(at, flapping.get(key) ?? 0));
        return true;
      }
      return false;
    },
    prune(now) {
      for (const [key, last] of flapping) if (now - last >= windowMs) flapping.delete(key);
      for (const [key, list] of toggles) {
        const kept = list.filter((t) => now - t < windowMs);
        if (kept.length === 0) toggles.delete(key);
        else toggles.set(key, kept);
      }
    },
    isFlapping: (key) => flapping.has(key),
    flappingKeys: () => [...flapping.keys()].sort((a, b) => a - b),
    recentCount: (key, now) => (toggles.get(key) ?? []).filter((t) => now - t < windowMs).length,
    clear() {
      toggles.clear();
      flapping.clear();
    },
  };
}
