/**
 * How sure is a difference of two clients' tail percentiles, measured side
 * by side in one run? (`npm run bench -- pingworker`, docs/benchmarks.md)
 *
 * A ping's tail on a loaded machine comes in bursts: a 50,000-shard snapshot
 * a second stalls every thread for a few milliseconds, and whichever pings
 * are in flight then make the p99. Two clients pinging in the same run get
 * the same bursts, but each lands at its own phase in them, so one run's p99
 * difference carries the luck of about one burst per second measured.
 *
 * The interval here is a **paired block bootstrap**: the run is cut into
 * blocks of time (a second by default, the snapshot period), blocks are drawn
 * with replacement, and both clients' samples from the same drawn blocks make
 * one replicate of the difference. Drawing whole blocks keeps a burst's
 * samples together; drawing the same blocks for both keeps what the bursts do
 * to both clients alike out of the difference.
 */
import { percentile } from '../../shared/percentile';
import { createSeededRandom } from '../../electron/sim/random';

/** One round trip: when it was read (epoch ms, any common clock) and its RTT (ms). */
export interface TimedSample {
  at: number;
  rtt: number;
}

/** Options of {@link pairedPercentileDiff}. */
export interface PairedDiffOptions {
  /** Percentile, 0–100. */
  p: number;
  /** Length of a block (ms); default 1,000. */
  blockMs?: number;
  /** Bootstrap replicates; default 1,000. */
  replicates?: number;
  /** Seed of the draws, so a run's interval can be recomputed; default 1. */
  seed?: number;
}

/** {@link pairedPercentileDiff}'s answer (ms). */
export interface PairedDiff {
  /** `p`-th percentile of `a` minus that of `b`, over every sample. */
  estimate: number;
  /** 2.5th and 97.5th percentiles of the replicates: a 95 % interval. */
  lo: number;
  hi: number;
  /** Blocks that held samples of both. */
  blocks: number;
}

function sortedRtts(samples: readonly TimedSample[]): Float64Array {
  const out = new Float64Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]?.rtt ?? 0;
  return out.sort();
}

/**
 * The `p`-th percentile of `a`'s RTTs minus `b`'s, with a paired block
 * bootstrap 95 % interval (module comment). Only blocks where both have
 * samples are drawn from; with fewer than two such blocks the interval is
 * the estimate itself.
 */
export function pairedPercentileDiff(
  a: readonly TimedSample[],
  b: readonly TimedSample[],
  o: PairedDiffOptions,
): PairedDiff {
  const blockMs = o.blockMs ?? 1000;
  const replicates = o.replicates ?? 1000;
  const estimate = percentile(sortedRtts(a), o.p) - percentile(sortedRtts(b), o.p);
  const byBlock = new Map<number, { a: number[]; b: number[] }>();
  const put = (samples: readonly TimedSample[], side: 'a' | 'b'): void => {
    for (const s of samples) {
      const k = Math.floor(s.at / blockMs);
      let block = byBlock.get(k);
      if (!block) byBlock.set(k, (block = { a: [], b: [] }));
      block[side].push(s.rtt);
    }
  };
  put(a, 'a');
  put(b, 'b');
  const blocks = [...byBlock.values()].filter((k) => k.a.length > 0 && k.b.length > 0);
  if (blocks.length < 2) return { estimate, lo: estimate, hi: estimate, blocks: blocks.length };
  const random = createSeededRandom(o.seed ?? 1);
  // A replicate holds at most as many samples as its blocks' largest, times their count.
  const most = (side: 'a' | 'b'): number => Math.max(...blocks.map((k) => k[side].length));
  const scratchA = new Float64Array(most('a') * blocks.length);
  const scratchB = new Float64Array(most('b') * blocks.length);
  const diffs = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    let na = 0;
    let nb = 0;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[random.int(blocks.length)];
      if (!block) continue;
      for (const v of block.a) scratchA[na++] = v;
      for (const v of block.b) scratchB[nb++] = v;
    }
    const sa = scratchA.subarray(0, na).sort();
    const sb = scratchB.subarray(0, nb).sort();
    diffs[r] = percentile(sa, o.p, na) - percentile(sb, o.p, nb);
  }
  diffs.sort();
  return {
    estimate,
    lo: percentile(diffs, 2.5),
    hi: percentile(diffs, 97.5),
    blocks: blocks.length,
  };
}
