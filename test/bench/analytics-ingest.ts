/**
 * Part a″ of `npm run bench -- core`: what the shard analytics add to a
 * 10,000-shard snapshot through the core (docs/analytics.md). Two cores
 * driven alike, one with the analytics and one without
 * (`AppCoreOptions.shardAnalytics: false`), take turns in rounds so machine
 * load hits both arms alike; each arm reports its p50/p95 of ingest plus the
 * delta and tick it leads to. Two loads: 1 % of shards moving (part a's) and
 * every shard moving (a busy bot, whose counters all move on every report).
 */
import { performance } from 'node:perf_hooks';
import type { DrivenCore } from './core-load-driver';
import { drivenCore, shardAt } from './core-load-driver';
import { percentile } from '../../shared/percentile';

const SHARDS = 10_000;
const SPACING_MS = 200;
const ROUNDS = 10;
const RUNS_PER_ROUND = 20;
const WARMUP = 30;

interface Arm {
  name: string;
  core: DrivenCore;
  snapshot: ReturnType<typeof shardAt>[];
  step: number;
  cursor: number;
  ms: number[];
}

function emit(arm: Arm): void {
  arm.core.conn.emit('shards', {
    shards: arm.snapshot,
    source: 'shard-info',
    at: arm.core.clock.wallNow(),
    reportsShardStats: true,
  });
}

/** One snapshot with `moving` shards changed, then the delta and tick it leads to; ms. */
function once(arm: Arm, moving: number): number {
  arm.step++;
  for (let k = 0; k < moving; k++) {
    const id = (arm.cursor + k) % SHARDS;
    arm.snapshot[id] = shardAt(id, arm.step);
  }
  arm.cursor = (arm.cursor + moving) % SHARDS;
  const t0 = performance.now();
  emit(arm);
  arm.core.clock.advance(SPACING_MS);
  return performance.now() - t0;
}

async function compare(moving: number, lines: string[], figures: Record<string, number>) {
  const arms: Arm[] = [];
  for (const [name, shardAnalytics] of [
    ['without analytics', false],
    ['with analytics', true],
  ] as const) {
    const core = await drivenCore({ shardTotal: SHARDS, historyFile: null, shardAnalytics });
    const arm: Arm = {
      name,
      core,
      snapshot: Array.from({ length: SHARDS }, (_, id) => shardAt(id, 0)),
      step: 0,
      cursor: 0,
      ms: [],
    };
    emit(arm);
    core.clock.advance(SPACING_MS);
    for (let i = 0; i < WARMUP; i++) once(arm, moving);
    arms.push(arm);
  }
  try {
    for (let r = 0; r < ROUNDS; r++)
      for (const arm of r % 2 === 0 ? arms : [...arms].reverse())
        for (let i = 0; i < RUNS_PER_ROUND; i++) arm.ms.push(once(arm, moving));
    const [off, on] = arms.map((a) => {
      const sorted = [...a.ms].sort((x, y) => x - y);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    }) as [{ p50: number; p95: number }, { p50: number; p95: number }];
    const key = moving === SHARDS ? 'all' : 'some';
    figures[`analytics.${key}.offP95Ms`] = off.p95;
    figures[`analytics.${key}.onP95Ms`] = on.p95;
    lines.push(
      `   ${moving.toLocaleString('en-US')} of ${SHARDS.toLocaleString('en-US')} shards moving, ` +
        `${ROUNDS} rounds × ${RUNS_PER_ROUND} runs per arm, arms taking turns: ` +
        `without analytics p50 ${off.p50.toFixed(2)} / p95 ${off.p95.toFixed(2)} ms, ` +
        `with p50 ${on.p50.toFixed(2)} / p95 ${on.p95.toFixed(2)} ms ` +
        `(p95 +${(on.p95 - off.p95).toFixed(2)} ms, ×${(on.p95 / off.p95).toFixed(2)})`,
    );
  } finally {
    for (const a of arms) await a.core.dispose();
  }
}

/** Part a″: the ingest path with and without the shard analytics, side by side. */
export async function partIngestAnalytics(
  lines: string[],
  figures: Record<string, number>,
): Promise<void> {
  lines.push(
    `a″. ${SHARDS.toLocaleString('en-US')}-shard snapshot + its delta and tick through the core, with and without the shard analytics (history in memory):`,
  );
  await compare(SHARDS / 100, lines, figures);
  await compare(SHARDS, lines, figures);
}
