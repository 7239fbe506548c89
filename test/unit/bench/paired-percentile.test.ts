import { describe, expect, it } from 'vitest';
import { pairedPercentileDiff } from '../../bench/paired-percentile';
import type { TimedSample } from '../../bench/paired-percentile';
import { createSeededRandom } from '../../../electron/sim/random';

/**
 * A run as `pingworker` sees it: a ping every 10 ms for `seconds`, most
 * around 0.2 ms, and a burst each second that hits a few pings hard, at a
 * phase of its own for each client (`seed`).
 */
function run(seconds: number, seed: number, extraMs = 0): TimedSample[] {
  const random = createSeededRandom(seed);
  const out: TimedSample[] = [];
  for (let s = 0; s < seconds; s++) {
    const burstAt = random.int(100);
    for (let i = 0; i < 100; i++) {
      const inBurst = i >= burstAt && i < burstAt + 3;
      const rtt = 0.2 + random.next() * 0.05 + (inBurst ? 1 + random.next() * 2 : 0) + extraMs;
      out.push({ at: 1_000_000 + s * 1000 + i * 10, rtt });
    }
  }
  return out;
}

describe('pingworker: a p99 difference with its paired block-bootstrap interval', () => {
  it('gives the plain difference of the two p99s as the estimate', () => {
    const a = run(20, 1);
    const b = run(20, 2);
    const sorted = (x: TimedSample[]) => x.map((s) => s.rtt).sort((p, q) => p - q);
    const p99 = (x: number[]) => x[Math.ceil(0.99 * x.length) - 1] ?? Number.NaN;
    const d = pairedPercentileDiff(a, b, { p: 99 });
    expect(d.estimate).toBeCloseTo(p99(sorted(a)) - p99(sorted(b)), 12);
    expect(d.blocks).toBe(20);
    expect(d.lo).toBeLessThanOrEqual(d.estimate);
    expect(d.hi).toBeGreaterThanOrEqual(d.estimate);
  });

  it('shows that two clients alike can differ by far more than 200 µs in one 20 s run', () => {
    // The same client twice, each hit at its own phase of the bursts.
    const d = pairedPercentileDiff(run(20, 3), run(20, 4), { p: 99 });
    expect(d.lo).toBeLessThan(0);
    expect(d.hi).toBeGreaterThan(0);
    expect(d.hi - d.lo).toBeGreaterThan(0.2);
  });

  it('narrows with a longer run, and finds a real 0.5 ms overhead outside it', () => {
    const short = pairedPercentileDiff(run(20, 5, 0.5), run(20, 6), { p: 99 });
    const long = pairedPercentileDiff(run(200, 5, 0.5), run(200, 6), { p: 99, replicates: 400 });
    expect(long.hi - long.lo).toBeLessThan((short.hi - short.lo) / 2);
    expect(long.lo).toBeGreaterThan(0.2);
  });

  it('is the same for the same seed, and says so when there is nothing to resample', () => {
    const a = run(10, 7);
    const b = run(10, 8);
    expect(pairedPercentileDiff(a, b, { p: 99, seed: 9 })).toEqual(
      pairedPercentileDiff(a, b, { p: 99, seed: 9 }),
    );
    const one = pairedPercentileDiff(a.slice(0, 100), b.slice(0, 100), { p: 99 });
    expect(one.blocks).toBe(1);
    expect([one.lo, one.hi]).toEqual([one.estimate, one.estimate]);
  });
});
