/**
 * Core-load part c (core-load.ts): a simulated day at one ping a second with
 * 1 000 shards on the fake clock, JS heap growth after a one-hour warm-up.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { MB, drivenCore, gcFunction, goal, shardAt, sleep } from './core-load-driver';

const GOAL_HEAP_GROWTH_MB = 10;

// ---------------------------------------------------------------------------
// c. a simulated day

const DAY_SHARDS = 1_000;
const DAY_SECONDS = 24 * 3600;
const DAY_WARMUP_SECONDS = 3600;
/** Each shard's counters move every this many seconds (staggered), well inside the stall window. */
const DAY_MOVE_EVERY_S = 30;

export async function partDay(lines: string[], figures: Record<string, number>): Promise<void> {
  const historyDir = makeTempDir('shardwatch-bench-day-');
  const d = await drivenCore({
    shardTotal: DAY_SHARDS,
    historyFile: join(historyDir, 'history.sqlite'),
  });
  const gc = gcFunction();
  const heapNow = async (): Promise<number> => {
    if (gc) {
      gc();
      return process.memoryUsage().heapUsed;
    }
    // No forced GC: the lowest of several samples is the closest to live data.
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      await sleep(20);
      min = Math.min(min, process.memoryUsage().heapUsed);
    }
    return min;
  };
  const samples: Array<{ hour: number; heap: number; external: number; rss: number }> = [];
  const t0 = performance.now();
  try {
    const snapshot = Array.from({ length: DAY_SHARDS }, (_, id) => shardAt(id, 0));
    let rng = 12345;
    const random = (): number => {
      rng = (rng * 1103515245 + 12345) % 2 ** 31;
      return rng / 2 ** 31;
    };
    for (let s = 1; s <= DAY_SECONDS; s++) {
      for (let id = s % DAY_MOVE_EVERY_S; id < DAY_SHARDS; id += DAY_MOVE_EVERY_S) {
        const prev = snapshot[id];
        if (!prev) continue;
        snapshot[id] = {
          ...prev,
          send_ping: prev.send_ping + 1,
          receibe_ping: prev.receibe_ping + 1,
          sending: prev.sending + 30,
          received: prev.received + 40,
        };
      }
      // Once an hour a shard drops for two minutes: an incident opens and closes.
      const hourSecond = s % 3600;
      if (hourSecond === 600 || hourSecond === 720) {
        const id = Math.floor(s / 3600) % DAY_SHARDS;
        const prev = snapshot[id];
        if (prev) snapshot[id] = { ...prev, disconnected: hourSecond === 600 };
      }
      d.conn.emit('shards', {
        shards: snapshot,
        source: 'shard-info',
        at: d.clock.wallNow(),
        reportsShardStats: true,
      });
      const lostPing = random() < 0.002;
      d.conn.emit('ping', {
        rttMs: lostPing ? null : 15 + random() * 20,
        lost: lostPing,
        at: d.clock.wallNow(),
      });
      d.clock.advance(1000);
      if (s % 3600 === 0) {
        const hour = s / 3600;
        if (hour >= DAY_WARMUP_SECONDS / 3600) {
          const m = process.memoryUsage();
          samples.push({
            hour,
            heap: await heapNow(),
            external: m.external + m.arrayBuffers,
            rss: m.rss,
          });
        }
      }
    }
    const wallS = (performance.now() - t0) / 1000;
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!first || !last) throw new Error('no heap samples');
    const growthMb = (last.heap - first.heap) / MB;
    const peakMb = Math.max(...samples.map((x) => x.heap)) / MB;
    const incidents = await d.core.api['query:incidents'](d.profileId, 1000);
    figures['day.heapGrowthMb'] = growthMb;
    figures['day.heapPeakMb'] = peakMb;
    figures['day.wallS'] = wallS;
    lines.push(
      `c. simulated 24 h, 1 ping/s, ${DAY_SHARDS} shards (every shard moving every ${DAY_MOVE_EVERY_S} s, ` +
        `one 2-minute shard outage an hour), fake clock, history in a temp SQLite file: ` +
        `${wallS.toFixed(0)} s of real time`,
      `   JS heap after ${first.hour} h ${(first.heap / MB).toFixed(1)} MB, after ${last.hour} h ` +
        `${(last.heap / MB).toFixed(1)} MB: growth ${growthMb.toFixed(2)} MB, peak ${peakMb.toFixed(1)} MB ` +
        `(goal growth ≤ ${GOAL_HEAP_GROWTH_MB} MB: ${goal(growthMb <= GOAL_HEAP_GROWTH_MB)}; ` +
        `${gc ? 'after a forced GC' : 'min of 5 samples, no forced GC'})`,
      `   typed arrays + external ${(first.external / MB).toFixed(1)} → ${(last.external / MB).toFixed(1)} MB ` +
        `(latency ring buffers fill up to a day), RSS ${(first.rss / MB).toFixed(0)} → ${(last.rss / MB).toFixed(0)} MB; ` +
        `${incidents.ok ? incidents.value.length : '?'} incidents recorded`,
    );
  } finally {
    await d.dispose();
    removeTempDir(historyDir);
  }
}
