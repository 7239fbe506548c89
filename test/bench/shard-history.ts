/**
 * Shard history store benchmark: a synthetic day of state changes of
 * 10,000 (and 50,000) shards written the way the monitor would (one
 * `observe` per second of changes, one flush a second, on a fake clock),
 * then the heatmap's read of 24 h of every shard. Reports figures, asserts
 * nothing about time (docs/architecture.md §5).
 *
 * Run alone: `npx tsx test/bench/shard-history.ts`.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createShardTransitionStore } from '../../electron/core/history/shard-transitions';
import { encodeHeatmapSlice } from '../../shared/shard-heatmap';
import { createFakeClock } from '../support/fake-clock';
import { shardDay } from './shard-day';
import type { BenchResult } from './shard-ingest';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const HOUR = 3_600_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

interface ScaleFigures {
  rows: number;
  writeTotalMs: number;
  flushP50Ms: number;
  flushP95Ms: number;
  flushMaxMs: number;
  /** Flushes holding at least one record per shard (gateway blink, first second). */
  bigFlushRows: number;
  bigFlushMs: number;
  read24hP50Ms: number;
  read24hP95Ms: number;
  read1hP50Ms: number;
  sliceBytes: number;
  transitions: number;
  fileMiB: number;
  bytesPerRow: number;
}

function runScale(shards: number, reads: number): ScaleFigures {
  const dir = makeTempDir('shardwatch-bench-transitions-');
  const clock = createFakeClock();
  // Flushes are called by hand, one per simulated second, so each is timed alone.
  const store = createShardTransitionStore({
    file: join(dir, 'history.sqlite'),
    clock,
    flushIntervalMs: 365 * 24 * HOUR,
    retentionIntervalMs: 365 * 24 * HOUR,
  });
  try {
    const from = clock.wallNow();
    const day = shardDay(shards, from);
    const flushes: number[] = [];
    let bigFlushMs = 0;
    let bigFlushRows = 0;
    let written = 0;
    const writeStart = performance.now();
    let i = 0;
    while (i < day.count) {
      // Everything of one second, as one snapshot's changes.
      const second = Math.floor((day.t[i] as number) / 1000);
      let j = i;
      while (j < day.count && Math.floor((day.t[j] as number) / 1000) === second) j++;
      const at = second * 1000;
      if (at > clock.wallNow()) clock.advance(at - clock.wallNow());
      const kept = store.observe(
        'bench',
        at,
        day.shard.subarray(i, j),
        day.code.subarray(i, j),
        j - i,
      );
      const t0 = performance.now();
      store.flush();
      const ms = performance.now() - t0;
      flushes.push(ms);
      written += kept;
      if (kept >= shards && ms > bigFlushMs) {
        bigFlushMs = ms;
        bigFlushRows = kept;
      }
      i = j;
    }
    clock.advance(day.to - clock.wallNow());
    store.flush();
    const writeTotalMs = performance.now() - writeStart;
    const now = clock.wallNow();
    const read = (a: number, b: number, runs: number): number[] => {
      const out: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        store.slice('bench', a, b, 0, shards);
        out.push(performance.now() - t0);
      }
      return out.sort((x, y) => x - y);
    };
    const day24 = read(now - 24 * HOUR, now, reads);
    const hour = read(now - 5 * HOUR, now - 4 * HOUR, reads);
    const slice = store.slice('bench', now - 24 * HOUR, now, 0, shards);
    const stats = store.stats();
    flushes.sort((a, b) => a - b);
    return {
      rows: stats.rows,
      writeTotalMs,
      flushP50Ms: quantile(flushes, 0.5),
      flushP95Ms: quantile(flushes, 0.95),
      flushMaxMs: flushes[flushes.length - 1] ?? NaN,
      bigFlushRows,
      bigFlushMs,
      read24hP50Ms: quantile(day24, 0.5),
      read24hP95Ms: quantile(day24, 0.95),
      read1hP50Ms: quantile(hour, 0.5),
      sliceBytes: encodeHeatmapSlice(slice).length,
      transitions: slice.times.length,
      fileMiB: stats.fileBytes / 2 ** 20,
      bytesPerRow: written > 0 ? stats.fileBytes / written : NaN,
    };
  } finally {
    store.close();
    removeTempDir(dir);
  }
}

/** Write a day of 10,000 and 50,000 shards' changes; read 24 h of every shard. */
export async function benchShardHistory(): Promise<BenchResult> {
  const figures: Record<string, number> = {};
  const lines: string[] = [];
  for (const [shards, reads] of [
    [10_000, 20],
    [50_000, 8],
  ] as const) {
    const f = runScale(shards, reads);
    for (const [k, v] of Object.entries(f)) figures[`${shards}.${k}`] = v;
    const n = shards.toLocaleString('en-US');
    lines.push(
      `${n} shards: a day of ${f.rows.toLocaleString('en-US')} state changes (file and WAL ${f.fileMiB.toFixed(1)} MiB, ${f.bytesPerRow.toFixed(0)} bytes a change) written in ${(f.writeTotalMs / 1000).toFixed(1)} s; ` +
        `one flush a second: p50 ${f.flushP50Ms.toFixed(2)} ms, p95 ${f.flushP95Ms.toFixed(2)} ms, max ${f.flushMaxMs.toFixed(1)} ms; ` +
        `a flush of every shard at once (${f.bigFlushRows.toLocaleString('en-US')} rows) ${f.bigFlushMs.toFixed(1)} ms`,
      `${n} shards: read 24 h of every shard (${f.transitions.toLocaleString('en-US')} changes, ${(f.sliceBytes / 1024).toFixed(0)} KiB as bytes), ${reads} runs: p50 ${f.read24hP50Ms.toFixed(1)} ms, p95 ${f.read24hP95Ms.toFixed(1)} ms; a 1 h window p50 ${f.read1hP50Ms.toFixed(1)} ms`,
    );
  }
  return { name: 'Shard history store (heatmap data)', lines, figures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchShardHistory();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
}
