/**
 * The whole core under load (issue 3 §7), three parts:
 *
 * a. One 10 000-shard snapshot through the core pipeline — shard tracker
 *    diff and health, alert evaluation, history bookkeeping, the dirty-set
 *    merge and the coalesced delta it ends in — driven through a real
 *    profile runtime by a fake gateway connection on a fake clock.
 * a'. For comparison, what the wire side adds: 5 000-shard snapshots from a
 *    simulator child over a real socket, CPU per snapshot, the current path
 *    side by side with the pre-2026-11-26 one and with a parse-only floor.
 * b. 100 profiles pinging once a second against ONE simulator running in a
 *    child process (`shardwatch sim`), for 30 s after a 10 s warm-up: this
 *    process's CPU and RSS.
 * c. A simulated day at one ping a second with 1 000 shards on the fake
 *    clock: JS heap growth after a one-hour warm-up.
 *
 * Reports figures and "goal met/missed" only; nothing is asserted
 * (docs/architecture.md §5).
 */
import { partIngestAnalytics } from './analytics-ingest';
import { partDay } from './core-load-day';
import { partIngest } from './core-load-ingest';
import { partManyProfiles } from './core-load-profiles';
import { partWire } from './core-load-wire';
import type { BenchResult } from './shard-ingest';

/** Run the three parts and report their figures. */
export async function benchCoreLoad(): Promise<BenchResult> {
  const lines: string[] = [];
  const figures: Record<string, number> = {};
  // The 100-profile part first: RSS is a whole-process figure, and the
  // 10 000-shard parts leave a larger heap behind.
  // SHARDWATCH_BENCH_CORE_PARTS=b (or any of a, n, w, b, c) runs only those parts, for profiling.
  const parts = process.env['SHARDWATCH_BENCH_CORE_PARTS'] ?? 'banwc';
  if (parts.includes('b')) await partManyProfiles(lines, figures);
  if (parts.includes('a')) await partIngest(lines, figures);
  if (parts.includes('n')) await partIngestAnalytics(lines, figures);
  if (parts.includes('w')) await partWire(lines, figures);
  if (parts.includes('c')) await partDay(lines, figures);
  return { name: 'core-load', lines, figures };
}
