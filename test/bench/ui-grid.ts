/**
 * Benchmark of the shards tab in a real browser, at 10,000 and 50,000 shards
 * side by side in one run: first render of the grid (alone, and with the
 * table under it as the app shows them), the cost of 1 Hz updates touching
 * 1 % and 10 % of the shards (applied through the detail store's path: a
 * push in columns, patched in place, the table re-placing only changed
 * rows), scrolling, find-my-shard, and the page's JS heap.
 *
 * `ui-grid.html` mounts the real ShardGrid and ShardTable through
 * `ui-grid-harness.vue`; browser-bench.ts bundles, serves and opens it in
 * Debian's Chromium. Goals (docs/architecture.md §5: reported, never
 * asserted): first render ≤ 300 ms, p95 frame ≤ 16.7 ms.
 *
 * Run alone: `npx tsx test/bench/ui-grid.ts`; `SHARDWATCH_BENCH_UI_TOTALS=10000,50000`
 * picks the sizes.
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { chromiumPath, quantile, startBrowserBench } from './browser-bench';
import type { BrowserBench } from './browser-bench';

/** Options of the grid benchmark. */
export interface UiGridBenchOptions {
  /** Seconds of 1 Hz updates per run (default 10). */
  seconds?: number;
  /**
   * Fresh pages per first-render figure (default `SHARDWATCH_BENCH_UI_REPEATS`
   * or 5): one page load is noisy on a shared VM, so medians are reported.
   */
  repeats?: number;
  /** Shard counts measured side by side (default 10,000 and 50,000). */
  totals?: number[];
}

/** A benchmark report: printable lines and named figures. */
export interface BenchReport {
  name: string;
  lines: string[];
  figures: Record<string, number>;
}

const READY = '__uiGridBench';
/** A guild id whose shard is found at every size measured. */
const GUILD = '1210987654321098765';

interface MountResult {
  mountMs: number;
  drawMs: number;
  firstDrawMs: number;
  firstFrameMs: number;
  cells: number;
}
interface RunResult {
  fraction: number;
  updates: number;
  updateWorkMs: number[];
  drawMs: number[];
  frameIntervalsMs: number[];
}
/** What `ui-grid-harness.vue` exposes as `window.__uiGridBench` (its UiGridBenchApi). */
interface Api {
  mount(warm: boolean, table: boolean): Promise<MountResult>;
  run(fraction: number, seconds: number): Promise<RunResult>;
  scroll(
    step: number,
    seconds: number,
  ): Promise<{ frames: number; drawMs: number[]; frameIntervalsMs: number[] }>;
  find(guild: string): Promise<{ shardId: number; findMs: number; frameMs: number }>;
  heap(): Promise<number>;
  paintOnly(mode: 'tiles' | 'single'): Promise<{ paintMs: number; frameMs: number }>;
}
type Bench = { __uiGridBench: Api };

const med = (xs: number[]): number => quantile(xs, 0.5);
const span = (xs: number[]): string =>
  `median ${med(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const n = (x: number): string => x.toLocaleString('en-US');

async function benchOne(
  bench: BrowserBench,
  total: number,
  repeats: number,
  seconds: number,
  figures: Record<string, number>,
  lines: string[],
): Promise<void> {
  const query = `total=${total}`;
  const tag = `${total / 1000}k`;
  const grids: MountResult[] = [];
  const tabs: MountResult[] = [];
  const colds: MountResult[] = [];
  const tiled: number[] = [];
  const single: number[] = [];
  let page: Page | null = null;
  for (let r = 0; r < repeats; r++) {
    // The canvas work alone, side by side: tiles in view (the grid) or one canvas for all cells.
    for (const mode of ['tiles', 'single'] as const) {
      const q = await bench.open(READY, query);
      const res = await q.evaluate(
        (m) => (globalThis as unknown as Bench).__uiGridBench.paintOnly(m),
        mode,
      );
      (mode === 'tiles' ? tiled : single).push(res.frameMs);
      await q.close();
    }
    // Cold: the grid is the first thing Vue mounts in a fresh page.
    let p = await bench.open(READY, query);
    colds.push(
      await p.evaluate(() => (globalThis as unknown as Bench).__uiGridBench.mount(false, false)),
    );
    await p.close();
    p = await bench.open(READY, query);
    grids.push(
      await p.evaluate(() => (globalThis as unknown as Bench).__uiGridBench.mount(true, false)),
    );
    await p.close();
    // Warm, as in the app: the overview has rendered before the shards tab opens.
    p = await bench.open(READY, query);
    tabs.push(
      await p.evaluate(() => (globalThis as unknown as Bench).__uiGridBench.mount(true, true)),
    );
    if (r === repeats - 1) page = p;
    else await p.close();
  }
  if (!page) throw new Error('no page');
  const heapAfterMount = await page.evaluate(() =>
    (globalThis as unknown as Bench).__uiGridBench.heap(),
  );
  const runs = [];
  for (const fraction of [0, 0.01, 0.1])
    runs.push(
      await page.evaluate(([f, s]) => (globalThis as unknown as Bench).__uiGridBench.run(f, s), [
        fraction,
        seconds,
      ] as const),
    );
  const scroll = await page.evaluate(
    ([step, s]) => (globalThis as unknown as Bench).__uiGridBench.scroll(step, s),
    [24, Math.min(5, seconds)] as const,
  );
  const finds = [];
  for (let i = 0; i < 5; i++)
    finds.push(
      await page.evaluate((g) => (globalThis as unknown as Bench).__uiGridBench.find(g), GUILD),
    );
  const heapAfterRuns = await page.evaluate(() =>
    (globalThis as unknown as Bench).__uiGridBench.heap(),
  );
  await page.close();

  const pick = <T>(xs: T[], f: (x: T) => number): number[] => xs.map(f);
  figures[`${tag}GridFirstFrameMedianMs`] = med(pick(grids, (w) => w.firstFrameMs));
  figures[`${tag}TabFirstFrameMedianMs`] = med(pick(tabs, (w) => w.firstFrameMs));
  figures[`${tag}TabFirstFrameMaxMs`] = Math.max(...pick(tabs, (w) => w.firstFrameMs));
  figures[`${tag}ColdGridFirstFrameMedianMs`] = med(pick(colds, (w) => w.firstFrameMs));
  figures[`${tag}HeapAfterMountMB`] = heapAfterMount / 1e6;
  figures[`${tag}HeapAfterRunsMB`] = heapAfterRuns / 1e6;
  figures[`${tag}FindMedianMs`] = med(pick(finds, (f) => f.frameMs));
  lines.push(
    `— ${n(total)} shards —`,
    `first render, grid alone, warm: mount → first canvas draw ${span(pick(grids, (w) => w.firstDrawMs))}; on screen ${span(pick(grids, (w) => w.firstFrameMs))} (goal ≤ 300 ms)`,
    `first render, shards tab (grid + table), warm: mount ${span(pick(tabs, (w) => w.mountMs))}; on screen ${span(pick(tabs, (w) => w.firstFrameMs))} (goal ≤ 300 ms)`,
    `first render, grid alone, cold (the page's first Vue mount): on screen ${span(pick(colds, (c) => c.firstFrameMs))}`,
    `canvas work alone, side by side: tiles in view on screen ${span(tiled)}; one canvas for every cell ${span(single)}; ratio ${(med(single) / med(tiled)).toFixed(2)}×`,
  );
  figures[`${tag}SingleOverTilesRatio`] = med(single) / med(tiled);
  for (const r of runs) {
    const pct = Math.round(r.fraction * 100);
    if (pct === 0) {
      const p95 = quantile(r.frameIntervalsMs, 0.95);
      const long = r.frameIntervalsMs.filter((d) => d > 20).length;
      figures[`${tag}QuietFrameP95Ms`] = p95;
      figures[`${tag}QuietLongFrames`] = long;
      lines.push(
        `no updates for ${r.updates} s (the page and the machine alone, to compare with): frame interval p95 ${p95.toFixed(2)} ms (${long} of ${r.frameIntervalsMs.length} frames > 20 ms)`,
      );
      continue;
    }
    const workP95 = quantile(r.updateWorkMs, 0.95);
    const drawP95 = quantile(r.drawMs, 0.95);
    const frameP95 = quantile(r.frameIntervalsMs, 0.95);
    const frameMax = Math.max(...r.frameIntervalsMs);
    const long = r.frameIntervalsMs.filter((d) => d > 20).length;
    figures[`${tag}Update${pct}pctWorkP95Ms`] = workP95;
    figures[`${tag}Update${pct}pctFrameP95Ms`] = frameP95;
    figures[`${tag}Update${pct}pctLongFrames`] = long;
    lines.push(
      `${pct} % (${n(Math.round(total * r.fraction))}) change state at 1 Hz for ${r.updates} s, grid + table: update work (apply push, Vue, redraw) p95 ${workP95.toFixed(2)} ms (max ${Math.max(...r.updateWorkMs).toFixed(2)}; canvas p95 ${drawP95.toFixed(2)} ms); ` +
        `frame interval p95 ${frameP95.toFixed(2)} ms (max ${frameMax.toFixed(1)}, ${long} of ${r.frameIntervalsMs.length} frames > 20 ms) (goal p95 ≤ 16.7 ms)`,
    );
  }
  const scrollFrameP95 = quantile(scroll.frameIntervalsMs, 0.95);
  const scrollLong = scroll.frameIntervalsMs.filter((d) => d > 20).length;
  figures[`${tag}ScrollFrameP95Ms`] = scrollFrameP95;
  lines.push(
    `scrolling the grid 24 px per frame: frame interval p95 ${scrollFrameP95.toFixed(2)} ms (${scrollLong} of ${scroll.frames} frames > 20 ms)`,
    `find my shard (guild → shard ${finds[0]?.shardId}, grid cursor and table scrolled there), 5 times: work ${span(pick(finds, (f) => f.findMs))}; on screen ${span(pick(finds, (f) => f.frameMs))}`,
    `JS heap of the page: ${(heapAfterMount / 1e6).toFixed(1)} MB after the first render, ${(heapAfterRuns / 1e6).toFixed(1)} MB after the runs (after gc())`,
  );
}

/** Run the grid benchmark once and report its figures. */
export async function benchUiGrid(opts: UiGridBenchOptions = {}): Promise<BenchReport> {
  const seconds = opts.seconds ?? 10;
  const repeats = Math.max(
    1,
    opts.repeats ?? (Number(process.env['SHARDWATCH_BENCH_UI_REPEATS']) || 5),
  );
  const totals = opts.totals ??
    process.env['SHARDWATCH_BENCH_UI_TOTALS']?.split(',').map(Number) ?? [10_000, 50_000];
  const chromium = chromiumPath();
  if (chromium.missing)
    return { name: 'ui-grid', lines: [`skipped: ${chromium.missing}`], figures: {} };
  const bench = await startBrowserBench('ui-grid.html', chromium.path);
  try {
    const figures: Record<string, number> = { repeats };
    const lines = [
      `ShardGrid + ShardTable, devicePixelRatio 2, Chromium ${bench.browser.version()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the start; first renders in ${repeats} fresh pages each`,
    ];
    for (const total of totals) await benchOne(bench, total, repeats, seconds, figures, lines);
    lines.push(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (bench.errors.length) throw new Error(`page errors: ${bench.errors.join('; ')}`);
    return { name: 'ui-grid', lines, figures };
  } finally {
    await bench.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await benchUiGrid();
  console.log(`# ${report.name}\n${report.lines.join('\n')}`);
  console.log(JSON.stringify(report.figures, null, 2));
}
