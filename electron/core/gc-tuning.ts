/**
 * When V8 starts a full garbage collection in a Shardwatch process
 * (docs/architecture.md §3.13).
 *
 * Shardwatch runs for days with a heap that barely grows: the engine keeps
 * its state (shards, figures, history) and what each snapshot or ping makes
 * dies young, save a few tens of KB a second that outlive a minor
 * collection. V8's default starts incremental marking of the whole old
 * generation as soon as the room left under its limit is no larger than the
 * young generation; with a live heap of ~25 MB and V8's smallest step of
 * 8 MB above it, that is after about 1 MB of promotion. With a 5,000-shard
 * bot it was a full collection of the main isolate every ~20 s and of the
 * gateway thread's every 20–40 s; without them a snapshot cost the process
 * 7–34 % less CPU in the runs recorded (docs/benchmarks.md, "V8's collector
 * tuned").
 *
 * These flags make V8 start that marking when {@link SOFT_TRIGGER_PERCENT}
 * of the room is used (at once past {@link HARD_TRIGGER_PERCENT}). The limit
 * itself does not move, so neither does the most memory V8 lets the heap
 * take before it collects; the old generation only holds its dead objects a
 * little longer. V8 flags are process-wide, so the gateway threads' isolates
 * follow too.
 *
 * Set at run time with `v8.setFlagsFromString`: both flags are read each time
 * V8 decides, so they take effect at once (`npm run bench` measures it with
 * and without, `SHARDWATCH_BENCH_GC_TUNING=off`). Node starts V8 with
 * `--no-freeze-flags-after-init` so that flags can change later, and
 * Electron's main process does too (electron/electron#42414 is about keeping
 * that argument); not run in Electron here, whose binary cannot be
 * downloaded on these machines. An unknown flag would only print a warning
 * (gc-tuning.test.ts checks that this runtime knows both).
 */
import { setFlagsFromString } from 'node:v8';

/** Start incremental marking once this share of the room under the limit is used (%). */
export const SOFT_TRIGGER_PERCENT = 80;
/** Start it at once (not from a task) past this share (%). */
export const HARD_TRIGGER_PERCENT = 95;

/** The V8 flags {@link tuneGarbageCollector} sets. */
export const GC_TUNING_FLAGS: readonly string[] = [
  `--incremental-marking-soft-trigger=${SOFT_TRIGGER_PERCENT}`,
  `--incremental-marking-hard-trigger=${HARD_TRIGGER_PERCENT}`,
];

let tuned = false;

/**
 * Set {@link GC_TUNING_FLAGS} for this process; the composition roots (the
 * desktop app, browser mode) call it once at start. Idempotent.
 */
export function tuneGarbageCollector(): void {
  if (tuned) return;
  tuned = true;
  for (const flag of GC_TUNING_FLAGS) setFlagsFromString(flag);
}
