/**
 * Micro-benchmark of `ShardTracker.ingestColumns` on a 10 000-shard
 * snapshot handed over as columns, as a worker connection hands it (making
 * the columns is the worker's work and is not timed): the usual case (about
 * 1 % of shards changing per snapshot) and the worst case (every shard
 * changing). Reports timings only; timing goals are judged by
 * whoever reads the figures, never asserted here (docs/architecture.md §5).
 */
import { performance } from 'node:perf_hooks';
import type { ShardStats } from '../../shared/protocol';
import { createShardTracker } from '../../electron/core/monitor/shard-tracker';
import { percentile } from '../../shared/percentile';
import { shardAt } from './core-load-driver';
import { toColumns } from '../../electron/core/gateway/shard-columns';

/** What one benchmark reports to the bench runner. */
export interface BenchResult {
  name: string;
  /** Human-readable lines, one per measured case. */
  lines: string[];
  /** Machine-readable figures, e.g. `one-pct.p95Ms`. */
  figures: Record<string, number>;
}

const SHARDS = 10_000;
const WARMUP = 50;
const ITERATIONS = 200;
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

interface CaseResult {
  p50: number;
  p95: number;
  max: number;
  changedPerSnapshot: number;
}

/**
 * Ingest `WARMUP + ITERATIONS` snapshots one second apart; `changeCount`
 * shards (a moving window over the id range) get new counters each time.
 * Building the next snapshot happens outside the timed region.
 */
function runCase(changeCount: number): CaseResult {
  // Each shard here moves only once per 100 s; without a long stall window
  // the idle ones would all turn stalled mid-run and swamp the 1 % case.
  const tracker = createShardTracker({ shardTotal: SHARDS, stallAfterMs: 1e12 });
  const snapshot: ShardStats[] = Array.from({ length: SHARDS }, (_, id) => shardAt(id, 0));
  // Two reports first so rates are known and later snapshots list only real changes.
  tracker.ingest(snapshot, T0);
  tracker.ingest(snapshot, T0 + 1_000);

  const times: number[] = [];
  let changedTotal = 0;
  let cursor = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const tick = i + 1;
    for (let k = 0; k < changeCount; k++) {
      const id = (cursor + k) % SHARDS;
      snapshot[id] = shardAt(id, tick);
    }
    cursor = (cursor + changeCount) % SHARDS;
    const at = T0 + (i + 2) * 1_000;
    const columns = toColumns(snapshot);
    const start = performance.now();
    const change = tracker.ingestColumns(columns, at);
    const elapsed = performance.now() - start;
    if (i >= WARMUP) {
      times.push(elapsed);
      // New views and counters moves (listed without a view) alike.
      changedTotal += change.changed.length + change.moved.count;
    }
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1] ?? Number.NaN,
    changedPerSnapshot: changedTotal / ITERATIONS,
  };
}

/** Measure ingest of a 10 000-shard snapshot with ~1 % and with 100 % of shards changing. */
export async function benchShardIngest(): Promise<BenchResult> {
  const cases: Array<[key: string, label: string, changeCount: number]> = [
    ['one-pct', '1% of shards move', SHARDS / 100],
    ['all', 'every shard moves', SHARDS],
  ];
  const lines: string[] = [];
  const figures: Record<string, number> = {};
  for (const [key, label, changeCount] of cases) {
    const r = runCase(changeCount);
    figures[`${key}.p50Ms`] = r.p50;
    figures[`${key}.p95Ms`] = r.p95;
    figures[`${key}.maxMs`] = r.max;
    figures[`${key}.changedPerSnapshot`] = r.changedPerSnapshot;
    lines.push(
      // A shard that moved is listed again the next second when its rate
      // falls back to 0, so ~2 listings per moved shard is expected.
      `ingest ${SHARDS} shards, ${label} (${r.changedPerSnapshot} shards listed/snapshot, ` +
        `${ITERATIONS} runs): p50 ${r.p50.toFixed(3)} ms, p95 ${r.p95.toFixed(3)} ms, ` +
        `max ${r.max.toFixed(3)} ms`,
    );
  }
  return { name: 'shard-ingest', lines, figures };
}
