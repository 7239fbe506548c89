/**
 * A synthetic day of shard state changes for the shard history benchmarks
 * (store and heatmap): every kind of trouble the analyses look for, at the
 * scale asked for. Pure (no Node, no DOM) so the browser harness uses it too.
 *
 * For `n` shards over 24 h from `from`: a few short `degraded` spells per
 * shard, identify bucket 3 (of 16) down 02:00–02:20, the whole gateway
 * blinking to `no-data` for 30 s at 03:00, five shards in a restart loop
 * 08:00–11:00, one shard one-way 14:00–15:00, three silent 16:00–16:30, and
 * a rolling restart of every shard from 20:00.
 */
import { MARK_RESTART, createSliceBuilder, heatCode } from '../../shared/shard-heatmap';
import type { HeatmapSlice } from '../../shared/shard-heatmap';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** State changes as parallel columns, in time order. */
export interface ShardDay {
  from: number;
  to: number;
  shards: number;
  t: Float64Array;
  shard: Int32Array;
  code: Uint8Array;
  count: number;
}

/**
 * A fixed spread in `[0, 1)` for draw number `k` (Knuth's multiplicative
 * hash): every run draws the same day, in Node and in the browser alike.
 */
function spread(seed: number): () => number {
  let k = seed >>> 0;
  return () => {
    k = (k + 1) >>> 0;
    return (Math.imul(k, 2654435761) >>> 0) / 4294967296;
  };
}

/** Build the day for `shards` shards starting at `from` (wall ms). */
export function shardDay(shards: number, from: number, seed = 42): ShardDay {
  const rand = spread(seed);
  const ev: Array<[number, number, number]> = [];
  const up = heatCode('up');
  for (let s = 0; s < shards; s++) ev.push([from, s, up]);
  const spell = (s: number, a: number, b: number, state: Parameters<typeof heatCode>[0]): void => {
    ev.push([a, s, heatCode(state)], [b, s, up]);
  };
  for (let s = 0; s < shards; s++) {
    const spells = 2 + Math.floor(rand() * 5);
    for (let k = 0; k < spells; k++) {
      const a = from + Math.floor(rand() * 23 * HOUR);
      spell(s, a, a + MIN + Math.floor(rand() * 4 * MIN), 'degraded');
    }
  }
  for (let s = 3; s < shards; s += 16)
    spell(s, from + 2 * HOUR, from + 2 * HOUR + 20 * MIN, 'down');
  for (let s = 0; s < shards; s++) spell(s, from + 3 * HOUR, from + 3 * HOUR + 30_000, 'no-data');
  for (let k = 0; k < 5; k++) {
    const s = Math.floor((shards / 5) * k + 1);
    for (let t = from + 8 * HOUR; t < from + 11 * HOUR; t += 2 * MIN)
      ev.push([t + k, s, heatCode('up', MARK_RESTART)]);
  }
  if (shards > 42) spell(42, from + 14 * HOUR, from + 15 * HOUR, 'one-way');
  for (const s of [100, 101, 102])
    if (s < shards) spell(s, from + 16 * HOUR, from + 16.5 * HOUR, 'silent');
  // Rolling restart: 20 shards a second, each down 5 s, back with a new hash.
  for (let s = 0; s < shards; s++) {
    const a = from + 20 * HOUR + Math.floor(s / 20) * 1000;
    ev.push([a, s, heatCode('down')], [a + 5000, s, heatCode('up', MARK_RESTART)]);
  }
  ev.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const n = ev.length;
  const day: ShardDay = {
    from,
    to: from + 24 * HOUR,
    shards,
    t: new Float64Array(n),
    shard: new Int32Array(n),
    code: new Uint8Array(n),
    count: n,
  };
  ev.forEach(([t, s, c], i) => {
    day.t[i] = t;
    day.shard[i] = s;
    day.code[i] = c;
  });
  return day;
}

/** The day as a heatmap slice of every shard over its 24 h (what the store would return). */
export function daySlice(day: ShardDay): HeatmapSlice {
  const b = createSliceBuilder(day.from, day.to, 0, day.shards);
  const idx = Array.from({ length: day.count }, (_, i) => i).sort(
    (a, c) =>
      (day.shard[a] as number) - (day.shard[c] as number) ||
      (day.t[a] as number) - (day.t[c] as number),
  );
  for (const i of idx) b.push(day.shard[i] as number, day.t[i] as number, day.code[i] as number);
  return b.finish();
}
