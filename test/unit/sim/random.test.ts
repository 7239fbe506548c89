import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomFrom } from '../../../electron/sim/random';

describe('sim seeded random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const seq = (r: typeof a) => Array.from({ length: 50 }, () => r.next());
    expect(seq(a)).toEqual(seq(b));
    expect(seq(createSeededRandom(43))).not.toEqual(seq(createSeededRandom(42)));
  });

  it('stays in range and builds alphanumeric strings', () => {
    const r = createSeededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      expect(r.int(7)).toBeLessThan(7);
    }
    expect(r.alnum(85)).toMatch(/^[A-Za-z0-9]{85}$/);
  });

  it('clamps a sloppy external source', () => {
    const r = randomFrom(() => 1);
    expect(r.int(10)).toBe(9);
    expect(randomFrom(() => Number.NaN).int(10)).toBe(0);
  });
});
