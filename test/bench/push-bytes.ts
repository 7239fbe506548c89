/**
 * Bytes per push at 10,000 and 50,000 shards, side by side: the scenario of
 * test/support/big-bot-pushes.ts (1 % and 10 % of the shards changing state
 * every second) and the size of every delta as the browser-mode bridge sends
 * it, split into the first full set, pushes of changes alone, and the
 * counters batch (every shard's counters, every 5 s, in chunks). Also the
 * `query:shards` pages of a first load. What one object per shard would
 * have cost is printed beside the figures.
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runBigBot } from '../support/big-bot-pushes';
import type { BenchResult } from './shard-ingest';

const kb = (b: number): string => `${(b / 1024).toFixed(0)} KiB`;

/** Run the push-size benchmark. */
export async function benchPushBytes(): Promise<BenchResult> {
  const figures: Record<string, number> = {};
  const lines = [
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; 12 s of fake time per case, one report a second`,
  ];
  for (const shards of [10_000, 50_000]) {
    for (const pct of [1, 10]) {
      const changing = Math.round((shards * pct) / 100);
      const run = await runBigBot({ shards, changing, seconds: 12 });
      const first = run.pushes.slice(0, run.firstAfterLoad);
      const after = run.pushes.slice(run.firstAfterLoad);
      const changes = after.filter((p) => p.shards <= 2 * changing);
      const batch = after.filter((p) => p.shards > 2 * changing);
      const max = (xs: number[]): number => (xs.length ? Math.max(...xs) : 0);
      const mean = (xs: number[]): number =>
        xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
      const tag = `${shards / 1000}k.${pct}pct`;
      figures[`${tag}.firstSetMaxBytes`] = max(first.map((p) => p.bytes));
      figures[`${tag}.changePushMeanBytes`] = mean(changes.map((p) => p.bytes));
      figures[`${tag}.changePushMaxBytes`] = max(changes.map((p) => p.bytes));
      figures[`${tag}.batchPushMaxBytes`] = max(batch.map((p) => p.bytes));
      figures[`${tag}.pageMaxBytes`] = run.largestPageBytes;
      lines.push(
        `${shards.toLocaleString('en-US')} shards, ${pct} % changing a second: first set in ${first.length} pushes (largest ${kb(max(first.map((p) => p.bytes)))}, ${kb(first.reduce((a, p) => a + p.bytes, 0))} in all); ` +
          `${changes.length} pushes of changes alone: mean ${kb(mean(changes.map((p) => p.bytes)))}, max ${kb(max(changes.map((p) => p.bytes)))} (${(mean(changes.map((p) => p.bytes)) / Math.max(1, mean(changes.map((p) => p.shards)))).toFixed(0)} B a shard); ` +
          `counters batch ${batch.length} pushes, max ${kb(max(batch.map((p) => p.bytes)))}; query:shards ${run.pages} pages, largest ${kb(run.largestPageBytes)}; a renderer applying every push ${run.mirrorMatches ? 'holds exactly the core’s shards' : 'DOES NOT match the core'}`,
      );
    }
  }
  lines.push(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return { name: 'push-bytes', lines, figures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchPushBytes();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
}
