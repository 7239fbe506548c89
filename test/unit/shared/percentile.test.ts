import { describe, expect, it } from 'vitest';
import { percentile } from '../../../shared/percentile';

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ⌈p·N/100⌉, never a value between two', () => {
    const v = [1, 2, 3, 4];
    expect(percentile(v, 50)).toBe(2);
    expect(percentile(v, 51)).toBe(3);
    expect(percentile(v, 95)).toBe(4);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    // 95·20/100 is exactly 19: the 19th value, not the 20th.
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile(twenty, 99)).toBe(20);
  });

  it('gives the minimum at p0 and the maximum at p100, clamping beyond', () => {
    expect(percentile([3, 5, 9], 0)).toBe(3);
    expect(percentile([3, 5, 9], 100)).toBe(9);
    expect(percentile([3, 5, 9], -10)).toBe(3);
    expect(percentile([3, 5, 9], 250)).toBe(9);
  });

  it('reads only the first n values of a larger buffer', () => {
    const scratch = Float64Array.from([10, 20, 30, 999, 999]);
    expect(percentile(scratch, 100, 3)).toBe(30);
    expect(percentile(scratch, 50, 3)).toBe(20);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([1, 2], 50, 0)).toBeNaN();
  });
});
