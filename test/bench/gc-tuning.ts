/**
 * An experiment the bench can run, not what the app does
 * (docs/architecture.md §3.13, docs/benchmarks.md "V8's collector tuned").
 *
 * V8 starts incremental marking of the whole old generation once the room
 * left under its limit is no larger than the young generation; with a live
 * heap of ~25 MB and V8's smallest step of 8 MB above it, about 1 MB of
 * promotion is enough. These flags make it start at 80 % of the room (at
 * once past 95 %). With them a 5,000-shard snapshot cost the process 7–34 %
 * less CPU, but the ping-overhead goals were missed more often, so the app
 * leaves V8 at its defaults. `SHARDWATCH_BENCH_GC_TUNING=on` runs a bench
 * part with them, to measure that again.
 */
import { execFileSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';

/** The V8 flags of the experiment. */
export const GC_TUNING_FLAGS: readonly string[] = [
  '--incremental-marking-soft-trigger=80',
  '--incremental-marking-hard-trigger=95',
];

/**
 * Set {@link GC_TUNING_FLAGS} in this process. V8 reads both each time it
 * decides, so setting them at run time takes effect at once; an unknown flag
 * would only print a warning, so this says which ones this V8 does not know.
 */
export function tuneGarbageCollector(): string[] {
  const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
  const unknown = GC_TUNING_FLAGS.filter((f) => !options.includes(`  ${f.replace(/=.*$/, '')} (`));
  for (const flag of GC_TUNING_FLAGS) setFlagsFromString(flag);
  return unknown;
}
