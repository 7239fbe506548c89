/**
 * `npm run bench`: runs every benchmark side by side in one process and prints
 * their figures. Goals are checked by reading these figures (recorded in
 * docs/benchmarks.md), never by timed assertions in tests.
 *
 * `npm run bench -- NAME…` runs only the named parts (ping, ingest, core,
 * history, ui).
 */
import { cpus, totalmem } from 'node:os';
import type { BenchResult } from './shard-ingest';

type Bench = { key: string; run: () => Promise<BenchResult> };

const benches: Bench[] = [
  { key: 'ping', run: async () => (await import('./ping-overhead')).benchPingOverhead() },
  { key: 'ingest', run: async () => (await import('./shard-ingest')).benchShardIngest() },
  { key: 'core', run: async () => (await import('./core-load')).benchCoreLoad() },
  { key: 'history', run: async () => (await import('./history-query')).benchHistoryQuery() },
  { key: 'ui', run: async () => (await import('./ui-grid')).benchUiGrid() },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const unknown = only.filter((k) => !benches.some((b) => b.key === k));
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
    if (only.length > 0 && !only.includes(b.key)) continue;
    try {
      const r = await b.run();
      process.stdout.write(`## ${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}\n\n`);
    } catch (err) {
      failed++;
      process.stdout.write(
        `## ${b.key}: could not run: ${err instanceof Error ? err.message : String(err)}\n\n`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
