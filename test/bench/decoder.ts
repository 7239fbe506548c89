/**
 * `npm run bench -- decoder`: what reading one `GATEWAY_SHARD_INFO` frame
 * costs the connection's worker, per path, side by side in one process, arms
 * taking turns (issue #16):
 * - `JSON.parse`: the bytes to a string and `JSON.parse` (plus `inflateSync`
 *   for a compressed frame) and nothing else: the floor, no checks, no shards;
 * - `general`: `decodeFrame` (limits, depth, secret check, scrub proof) and
 *   `flattenShardsStats`, one object per shard: the path every frame took
 *   before the shard-info decoder, and the one it leaves frames to;
 * - `decoder`: `decodeShardInfo`, straight into columns, with the same checks.
 * For 5,000 and 50,000 shards, as a text frame and as a zlib binary frame (a
 * gateway asked to compress, ENCODE_ZLIB). Then a zlib frame the decoder
 * declines (a shard holds the secret) through the decoder and the general
 * path, the general path inflating the frame again (`twice`, as before
 * 2026-12-05) or reading the bytes the decoder inflated (`once`, as now). The secret check watches a
 * random-looking key and secret, as a real bot's are. Per arm: the mean per
 * frame over all rounds and the mean of its fastest round (other jobs on a
 * shared machine only add time). Figures only; nothing is asserted.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { deflateSync, inflateSync } from 'node:zlib';
import { decodeFrame } from '../../electron/core/gateway/codec';
import { createSecretScrubber } from '../../electron/core/gateway/secret-scrub';
import { decodeShardInfo } from '../../electron/core/gateway/shard-info-decoder';
import { createSeededRandom } from '../../electron/sim/random';
import { createShardTable, nest } from '../../electron/sim/shards';
import { flattenShardsStats } from '../../shared/protocol';
import type { BenchResult } from './shard-ingest';

const SIZES = (process.env['SHARDWATCH_BENCH_DECODER_SHARDS'] ?? '5000,50000')
  .split(',')
  .map(Number);
const ROUNDS = Number(process.env['SHARDWATCH_BENCH_DECODER_ROUNDS'] ?? 8);
const LIMIT = 64 * 1024 * 1024;

/** A snapshot frame's text; `secret` goes into shard 7 as an unknown field. */
function snapshotText(shards: number, secret?: string): Buffer {
  const random = createSeededRandom(11);
  const table = createShardTable(shards, random).snapshot();
  table.forEach((s, i) => {
    s.sending = 5_000 + i * 7;
    s.received = 9_000 + i * 3;
    s.send_ping = 100 + (i % 97);
    s.receibe_ping = 100 + (i % 89);
  });
  // An unknown field, as a gateway may add one; the decoder reads such a shard alone.
  if (secret !== undefined) Object.assign(table[7] ?? {}, { note: secret });
  const frame = { type: 1, service: 'gateway', event: 'GATEWAY_SHARD_INFO', data: nest(table) };
  return Buffer.from(JSON.stringify(frame));
}

type Arm = (wire: Buffer, binary: boolean) => number;

export async function benchDecoder(): Promise<BenchResult> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const secret = 'Zq9xW2vLp0Kd7Hs3mN5bT1cY8uR4eA6j';
  const watch = createSecretScrubber([
    secret,
    'a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1a8f7c6e5d4b3a2f1',
  ]);
  const arms: Array<[string, Arm]> = [
    [
      'JSON.parse',
      (wire, binary) => {
        const text = (binary ? inflateSync(wire) : wire).toString('utf8');
        const v = JSON.parse(text) as { data: unknown[] };
        return v.data.length;
      },
    ],
    [
      'general',
      (wire, binary) => {
        const r = decodeFrame(wire, binary, { watch, maxFrameBytes: LIMIT });
        if (!r.ok) throw new Error(`decodeFrame refused the frame: ${r.error.reason}`);
        return flattenShardsStats(r.message.data).length;
      },
    ],
    [
      'decoder',
      (wire, binary) => {
        const r = decodeShardInfo(wire, binary, { watch, maxFrameBytes: LIMIT });
        if (!r) throw new Error('the decoder left the frame to the general path');
        return r.columns.count;
      },
    ],
  ];
  const lines: string[] = [];
  const figures: Record<string, number> = {};
  for (const shards of SIZES) {
    const text = snapshotText(shards);
    const zlib = deflateSync(text);
    for (const [kind, wire, binary] of [
      ['text', text, false],
      ['zlib', zlib, true],
    ] as const) {
      const perFrame = Math.max(1, Math.round(200_000 / shards));
      const times = new Map<string, number[]>(arms.map(([name]) => [name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, arm] of arms) {
          const t0 = performance.now();
          for (let i = 0; i < perFrame; i++) {
            if (arm(wire, binary) < 1) throw new Error(`${name}: no shards`);
          }
          times.get(name)?.push((performance.now() - t0) / perFrame);
        }
      }
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const floor = Math.min(...(times.get('JSON.parse') ?? [Number.NaN]));
      const parts = arms.map(([name]) => {
        const xs = times.get(name) ?? [];
        const best = Math.min(...xs);
        figures[`${shards}.${kind}.${name}.bestMs`] = best;
        figures[`${shards}.${kind}.${name}.meanMs`] = mean(xs);
        return `${name} ${best.toFixed(2)} ms (mean ${mean(xs).toFixed(2)}, ${(best / floor).toFixed(2)}× the floor)`;
      });
      lines.push(
        `${shards} shards, ${kind} frame of ${(wire.length / 1024).toFixed(0)} KiB ` +
          `(${ROUNDS} rounds × ${perFrame}, fastest round): ${parts.join('; ')}`,
      );
    }
  }
  // A compressed frame the decoder declines, then the general path: inflated twice or once.
  const declinedArms: Array<[string, (wire: Buffer) => number]> = [false, true].map((once) => [
    once ? 'once' : 'twice',
    (wire) => {
      let inflated: Buffer | undefined;
      const hand = (b: Buffer): void => {
        inflated = b;
      };
      const fast = decodeShardInfo(wire, true, {
        watch,
        maxFrameBytes: LIMIT,
        declinedInflated: once ? hand : undefined,
      });
      if (fast) throw new Error('the decoder took a frame that holds the secret');
      const r = decodeFrame(wire, true, { watch, maxFrameBytes: LIMIT, inflated });
      if (!r.ok) throw new Error(`decodeFrame refused the frame: ${r.error.reason}`);
      return flattenShardsStats(r.message.data).length;
    },
  ]);
  for (const shards of SIZES) {
    const wire = deflateSync(snapshotText(shards, secret));
    const perFrame = Math.max(1, Math.round(200_000 / shards));
    const best = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, arm] of declinedArms) {
        const t0 = performance.now();
        for (let i = 0; i < perFrame; i++) {
          if (arm(wire) < 1) throw new Error(`${name}: no shards`);
        }
        const ms = (performance.now() - t0) / perFrame;
        best.set(name, Math.min(best.get(name) ?? Infinity, ms));
      }
    }
    const twice = best.get('twice') ?? Number.NaN;
    const once = best.get('once') ?? Number.NaN;
    figures[`${shards}.declined.twiceMs`] = twice;
    figures[`${shards}.declined.onceMs`] = once;
    lines.push(
      `${shards} shards, a zlib frame of ${(wire.length / 1024).toFixed(0)} KiB the decoder declines (a secret in it), ` +
        `then the general path (fastest round): inflated twice ${twice.toFixed(2)} ms, once ${once.toFixed(2)} ms ` +
        `(${(twice / once).toFixed(2)}×)`,
    );
  }
  lines.push(`1-min load ${loadBefore.toFixed(2)} → ${(loadavg()[0] ?? Number.NaN).toFixed(2)}`);
  return {
    name: 'Reading one shard-info frame in the worker: JSON.parse floor, general path, decoder',
    lines,
    figures,
  };
}
