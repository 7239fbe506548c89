/**
 * `npm run bench`: runs every benchmark and prints their figures. Goals are
 * checked by reading these figures (recorded in docs/benchmarks.md), never by
 * timed assertions in tests.
 *
 * Each part runs in a fresh child process, so whole-process figures (RSS,
 * heap) of one part are not inflated by what an earlier part left behind.
 * `npm run bench -- NAME…` runs only the named parts (ping, pingworker, ingest, core,
 * history, scan, decoder, grid, pushes, transitions, heatmap).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './shard-ingest';
import { GC_TUNING_FLAGS, tuneGarbageCollector } from './gc-tuning';

type Bench = { key: string; run: () => Promise<BenchResult> };

const benches: Bench[] = [
  { key: 'ping', run: async () => (await import('./ping-overhead')).benchPingOverhead() },
  {
    key: 'pingworker',
    run: async () => (await import('./ping-worker')).benchPingWorker(),
  },
  { key: 'ingest', run: async () => (await import('./shard-ingest')).benchShardIngest() },
  { key: 'core', run: async () => (await import('./core-load')).benchCoreLoad() },
  { key: 'history', run: async () => (await import('./history-query')).benchHistoryQuery() },
  { key: 'scan', run: async () => (await import('./secret-scan')).benchSecretScan() },
  { key: 'decoder', run: async () => (await import('./decoder')).benchDecoder() },
  { key: 'grid', run: async () => (await import('./ui-grid')).benchUiGrid() },
  { key: 'pushes', run: async () => (await import('./push-bytes')).benchPushBytes() },
  {
    key: 'transitions',
    run: async () => (await import('./shard-history')).benchShardHistory(),
  },
  { key: 'heatmap', run: async () => (await import('./ui-heatmap')).benchUiHeatmap() },
];

async function runChild(key: string): Promise<number> {
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsxCli, fileURLToPath(import.meta.url), '--part', key], {
    stdio: 'inherit',
  });
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)));
}

async function runPart(key: string): Promise<number> {
  const b = benches.find((x) => x.key === key);
  if (!b) return 2;
  // SHARDWATCH_BENCH_GC_TUNING=on: the collector experiment the app does not adopt (gc-tuning.ts).
  if (process.env['SHARDWATCH_BENCH_GC_TUNING'] === 'on') {
    const unknown = tuneGarbageCollector();
    process.stdout.write(
      `(${key}: V8 collector tuned, not as the app runs: ${GC_TUNING_FLAGS.join(' ')}${unknown.length > 0 ? `; this V8 does not know ${unknown.join(' ')}` : ''})\n`,
    );
  }
  try {
    const r = await b.run();
    process.stdout.write(`## ${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}\n\n`);
    return 0;
  } catch (err) {
    process.stdout.write(
      `## ${key}: could not run: ${err instanceof Error ? err.message : String(err)}\n\n`,
    );
    return 1;
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--part' && args[1]) return runPart(args[1]);
  const unknown = args.filter((k) => !benches.some((b) => b.key === k));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown part ${unknown.join(', ')}; choose from ${benches.map((b) => b.key).join(', ')}\n`,
    );
    return 2;
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `Shardwatch benchmarks — ${new Date().toISOString()} — Node ${process.version} — ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n\n`,
  );
  let failed = 0;
  for (const b of benches) {
    if (args.length > 0 && !args.includes(b.key)) continue;
    if ((await runChild(b.key)) !== 0) failed++;
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
