/**
 * What finding secret fragments costs on the large-snapshot path: the
 * codec's "this frame holds no secret" check (`decodeFrame`'s
 * `mayHoldWatched`) on a 5,000-shard `GATEWAY_SHARD_INFO` frame, measured
 * side by side in one process, arms taking turns:
 * - `none`: nothing watched (the check is skipped; the floor);
 * - `exact`: the two secrets as plain strings (what the connection did before
 *   fragments were looked for: two substring searches of the text);
 * - `fragments`: the connection's scrubber (any 8-character run of either
 *   secret or of its base64, hex and URL-encoded forms, any letter case),
 *   with the simulator's demo credentials, whose secret shares "shard" with
 *   the frame's field names (a worst case: every shard gives candidates);
 * - `fragments-random`: the same with a random-looking key and secret, as a
 *   real bot's are.
 * Also the slow path it avoids: a walk of the decoded frame for fragments.
 * Figures only; nothing is asserted (docs/architecture.md §5).
 */
import { performance } from 'node:perf_hooks';
import { decodeFrame } from '../../electron/core/gateway/codec';
import type { FrameWatch } from '../../electron/core/gateway/codec';
import { createSecretScrubber } from '../../electron/core/gateway/secret-scrub';
import { DEFAULT_SIM_CREDENTIALS } from '../../electron/sim';
import { createSeededRandom } from '../../electron/sim/random';
import { createShardTable, nest } from '../../electron/sim/shards';
import type { BenchResult } from './shard-ingest';

const SHARDS = 5_000;
const ROUNDS = Number(process.env['SHARDWATCH_BENCH_SCAN_ROUNDS'] ?? 10);
const PER_ROUND = 100;

/** A snapshot frame as the simulator sends it, as the bytes `ws` hands over. */
function snapshotFrame(): Buffer {
  const random = createSeededRandom(5);
  const shards = createShardTable(SHARDS, random).snapshot();
  shards.forEach((s, i) => {
    s.sending = 5_000 + i * 7;
    s.received = 9_000 + i * 3;
    s.send_ping = 100 + i;
    s.receibe_ping = 100 + i;
  });
  return Buffer.from(
    JSON.stringify({
      type: 1,
      service: 'gateway',
      event: 'GATEWAY_SHARD_INFO',
      data: nest(shards),
    }),
  );
}

/**
 * Run the arms in turns. Per arm: the mean per frame over all rounds, and
 * the mean of its fastest round (on a shared machine, other jobs only ever
 * add time, so the fastest round is the closest to the code's own cost).
 */
export async function benchSecretScan(): Promise<BenchResult> {
  const frame = snapshotFrame();
  const secrets = [DEFAULT_SIM_CREDENTIALS.secret, DEFAULT_SIM_CREDENTIALS.publicKey];
  const scrubber = createSecretScrubber(secrets);
  const arms: Array<[string, { watch?: readonly string[] | FrameWatch }]> = [
    ['none', {}],
    ['exact', { watch: secrets }],
    ['fragments', { watch: scrubber }],
    [
      'fragments-random',
      {
        watch: createSecretScrubber([
          'Vq8mK2xT9wLr4Zp7Nc3Yh6Bs1Fd5Gj0e',
          '9f4c2e7a1b8d3f6c0e5a9b2d7f1c4e8a3b6d0f9c2e5a8b1d4f7c0e3a6b9d2f5c',
        ]),
      },
    ],
  ];
  const total = new Map<string, number>(arms.map(([name]) => [name, 0]));
  const best = new Map<string, number>(arms.map(([name]) => [name, Infinity]));
  let proven = 0;
  for (let round = -1; round < ROUNDS; round++) {
    for (const [name, options] of arms) {
      const t0 = performance.now();
      for (let i = 0; i < PER_ROUND; i++) {
        const r = decodeFrame(frame, false, options);
        if (round >= 0 && name === 'fragments' && r.ok && !r.mayHoldWatched) proven++;
      }
      const ms = performance.now() - t0;
      // Round -1 warms every arm up and is not counted.
      if (round < 0) continue;
      total.set(name, (total.get(name) ?? 0) + ms);
      best.set(name, Math.min(best.get(name) ?? Infinity, ms / PER_ROUND));
    }
    await new Promise((r) => setImmediate(r));
  }
  const mean = (name: string): number => (total.get(name) ?? 0) / (ROUNDS * PER_ROUND);
  const fastest = (name: string): number => best.get(name) ?? Number.NaN;
  const decoded = decodeFrame(frame, false);
  let walkMs = Number.NaN;
  if (decoded.ok) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) scrubber.scrub(decoded.message);
    walkMs = (performance.now() - t0) / 10;
  }
  const row = (f: (name: string) => number): string => {
    const none = f('none');
    return (
      `nothing watched ${none.toFixed(3)} ms · exact secrets ${f('exact').toFixed(3)} ms (+${(f('exact') - none).toFixed(3)}) · ` +
      `fragments ${f('fragments').toFixed(3)} ms (+${(f('fragments') - none).toFixed(3)}), ` +
      `random secrets ${f('fragments-random').toFixed(3)} ms (+${(f('fragments-random') - none).toFixed(3)}); ` +
      `fragments / exact ${(f('fragments') / f('exact')).toFixed(3)}×, random / exact ${(f('fragments-random') / f('exact')).toFixed(3)}×`
    );
  };
  return {
    name: 'secret-scan',
    lines: [
      `${SHARDS}-shard GATEWAY_SHARD_INFO frame (${(frame.length / 1024).toFixed(0)} KiB), decodeFrame per frame, ${ROUNDS} rounds × ${PER_ROUND} per arm, arms taking turns:`,
      `  mean:          ${row(mean)}`,
      `  fastest round: ${row(fastest)}`,
      `  frames the fragment check proved secret-free: ${proven} of ${ROUNDS * PER_ROUND}`,
      `  the walk the proof saves (scrubbing the decoded frame for fragments): ${walkMs.toFixed(2)} ms per frame`,
    ],
    figures: {
      'decode.noneMs': mean('none'),
      'decode.exactMs': mean('exact'),
      'decode.fragmentsMs': mean('fragments'),
      'decode.fastest.noneMs': fastest('none'),
      'decode.fastest.exactMs': fastest('exact'),
      'decode.fastest.fragmentsMs': fastest('fragments'),
      'decode.randomMs': mean('fragments-random'),
      'decode.fastest.randomMs': fastest('fragments-random'),
      'walk.fragmentsMs': walkMs,
    },
  };
}
