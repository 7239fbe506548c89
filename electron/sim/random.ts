/**
 * A small seeded PRNG so simulator runs (session ids, shard hashes, scenario
 * choices) are reproducible in tests. Not for anything security-related.
 */
import { randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random helpers built on one `[0, 1)` source. */
export interface SimRandom {
  /** A float in `[0, 1)`. */
  next(): number;
  /** An integer in `[0, maxExclusive)`. */
  int(maxExclusive: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** `length` characters from `[A-Za-z0-9]`. */
  alnum(length: number): string;
}

/** Mulberry32: 32-bit state, good enough spread for simulation. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Wrap any `[0, 1)` source in the {@link SimRandom} helpers. */
export function randomFrom(source: () => number): SimRandom {
  const next = (): number => {
    const v = source();
    // A hostile or sloppy source must not produce out-of-range indexes.
    return Number.isFinite(v) ? Math.min(Math.max(v, 0), 0.9999999999) : 0;
  };
  const int = (maxExclusive: number): number =>
    maxExclusive <= 0 ? 0 : Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    chance: (p) => next() < p,
    alnum(length) {
      let s = '';
      for (let i = 0; i < length; i++) s += ALNUM[int(ALNUM.length)];
      return s;
    },
  };
}

/**
 * Create a seeded {@link SimRandom}. Without a seed, one is drawn from the OS
 * so separate runs differ.
 */
export function createSeededRandom(seed?: number): SimRandom {
  return randomFrom(mulberry32(seed ?? randomInt(0, 2 ** 32 - 1)));
}
