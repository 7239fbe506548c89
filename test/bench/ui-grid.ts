/**
 * Benchmark of the shard grid in a real browser: first render of 10,000
 * shards and the cost of 1 Hz updates touching 1 % and 10 % of them.
 *
 * Bundles `ui-grid.html` (which mounts the real ShardGrid through
 * `ui-grid-harness.vue`) with Vite into a temp dir, serves it on loopback and
 * drives it in Debian's Chromium through Playwright. Goals (docs/architecture.md §5:
 * reported, never asserted): first render ≤ 300 ms, p95 frame ≤ 16.7 ms.
 *
 * Run alone: `npx tsx test/bench/ui-grid.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const here = dirname(fileURLToPath(import.meta.url));

/** Options of the grid benchmark. */
export interface UiGridBenchOptions {
  /** Seconds of 1 Hz updates per run (default 10). */
  seconds?: number;
  /** Chromium binary (default `CHROMIUM_PATH` or `/usr/bin/chromium`). */
  executablePath?: string;
  /**
   * Fresh pages per first-render figure (default `SHARDWATCH_BENCH_UI_REPEATS`
   * or 5): one page load is noisy on a shared VM, so medians are reported.
   */
  repeats?: number;
}

/** A benchmark report: printable lines and named figures. */
export interface BenchReport {
  name: string;
  lines: string[];
  figures: Record<string, number>;
}

interface RunResult {
  fraction: number;
  updates: number;
  updateWorkMs: number[];
  drawMs: number[];
  frameIntervalsMs: number[];
}

interface PageApi {
  mount(warm: boolean): Promise<{
    mountMs: number;
    drawMs: number;
    firstDrawMs: number;
    firstFrameMs: number;
    cells: number;
  }>;
  run(fraction: number, seconds: number): Promise<RunResult>;
  scroll(step: number, seconds: number): Promise<ScrollResult>;
  paintOnly(mode: 'tiles' | 'single'): Promise<{ paintMs: number; frameMs: number }>;
}

type FirstRender = Awaited<ReturnType<PageApi['mount']>>;

interface ScrollResult {
  frames: number;
  drawMs: number[];
  frameIntervalsMs: number[];
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

async function bundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    plugins: [vue()],
    build: {
      outDir,
      emptyOutDir: true,
      minify: process.env['BENCH_MINIFY'] !== '0',
      rollupOptions: { input: resolve(here, 'ui-grid.html') },
    },
  });
}

function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' ? 'ui-grid.html' : path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({
        url: `http://127.0.0.1:${port}/ui-grid.html`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Run the grid benchmark once and report its figures. */
export async function benchUiGrid(opts: UiGridBenchOptions = {}): Promise<BenchReport> {
  const seconds = opts.seconds ?? 10;
  const repeats = Math.max(
    1,
    opts.repeats ?? (Number(process.env['SHARDWATCH_BENCH_UI_REPEATS']) || 5),
  );
  const executablePath = opts.executablePath ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    return {
      name: 'ui-grid',
      lines: [`skipped: no Chromium at ${executablePath} (apt-get install -y chromium)`],
      figures: {},
    };
  }
  const outDir = makeTempDir('shardwatch-ui-grid-');
  let server: { url: string; close: () => Promise<void> } | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    await bundle(outDir);
    server = await serve(outDir);
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const errors: string[] = [];
    const url = server.url;
    const launched = browser;
    const open = async (): Promise<Page> => {
      const p = await launched.newPage({
        viewport: { width: 1100, height: 900 },
        deviceScaleFactor: 2,
      });
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(url);
      await p.waitForFunction(() => '__uiGridBench' in globalThis);
      return p;
    };
    // Each first-render figure comes from fresh pages, interleaved so drift
    // on the machine hits every variant alike.
    const colds: FirstRender[] = [];
    const warms: FirstRender[] = [];
    const tiled: Array<{ paintMs: number; frameMs: number }> = [];
    const single: Array<{ paintMs: number; frameMs: number }> = [];
    let page: Page | null = null;
    for (let r = 0; r < repeats; r++) {
      // Cold: the grid is the first thing Vue mounts in a fresh page.
      let p = await open();
      colds.push(
        await p.evaluate(() =>
          (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.mount(false),
        ),
      );
      await p.close();
      for (const mode of ['tiles', 'single'] as const) {
        p = await open();
        (mode === 'tiles' ? tiled : single).push(
          await p.evaluate(
            (m) => (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.paintOnly(m),
            mode,
          ),
        );
        await p.close();
      }
      // Warm, as in the app: the overview has rendered before a grid opens.
      p = await open();
      warms.push(
        await p.evaluate(() =>
          (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.mount(true),
        ),
      );
      if (r === repeats - 1) page = p;
      else await p.close();
    }
    if (!page) throw new Error('no page');
    const first = warms[warms.length - 1] as FirstRender;
    const runs: RunResult[] = [];
    for (const fraction of [0.01, 0.1]) {
      runs.push(
        await page.evaluate(
          ([f, s]) => (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.run(f, s),
          [fraction, seconds] as const,
        ),
      );
    }
    const scroll = await page.evaluate(
      ([step, s]) =>
        (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.scroll(step, s),
      [24, Math.min(5, seconds)] as const,
    );
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const med = (xs: number[]): number => quantile(xs, 0.5);
    const span = (xs: number[]): string =>
      `median ${med(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
    const pick = <T>(xs: T[], f: (x: T) => number): number[] => xs.map(f);
    const figures: Record<string, number> = {
      cells: first.cells,
      repeats,
      warmMountMedianMs: med(pick(warms, (w) => w.mountMs)),
      warmCanvasDrawMedianMs: med(pick(warms, (w) => w.drawMs)),
      warmFirstDrawMedianMs: med(pick(warms, (w) => w.firstDrawMs)),
      warmFirstFrameMedianMs: med(pick(warms, (w) => w.firstFrameMs)),
      warmFirstFrameMaxMs: Math.max(...pick(warms, (w) => w.firstFrameMs)),
      coldFirstDrawMedianMs: med(pick(colds, (c) => c.firstDrawMs)),
      coldFirstFrameMedianMs: med(pick(colds, (c) => c.firstFrameMs)),
      tilesPaintMedianMs: med(pick(tiled, (t) => t.paintMs)),
      tilesFrameMedianMs: med(pick(tiled, (t) => t.frameMs)),
      singlePaintMedianMs: med(pick(single, (t) => t.paintMs)),
      singleFrameMedianMs: med(pick(single, (t) => t.frameMs)),
    };
    const ratio = (figures['singleFrameMedianMs'] ?? 0) / (figures['tilesFrameMedianMs'] ?? 1);
    figures['singleOverTilesFrameRatio'] = ratio;
    const lines = [
      `ShardGrid, ${first.cells.toLocaleString('en-US')} shards, devicePixelRatio 2, Chromium ${browser.version()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}; first renders in ${repeats} fresh pages each`,
      `first render, warm (the app's case: Vue and number formatting warm, grid code cold): mount → first canvas draw ${span(pick(warms, (w) => w.firstDrawMs))}; mount ${span(pick(warms, (w) => w.mountMs))}; tiles in view drawn in ${span(pick(warms, (w) => w.drawMs))}`,
      `  → frame that shows it: ${span(pick(warms, (w) => w.firstFrameMs))} (goal ≤ 300 ms)`,
      `first render, cold (the grid is the page's first Vue mount): first draw ${span(pick(colds, (c) => c.firstDrawMs))}; frame that shows it ${span(pick(colds, (c) => c.firstFrameMs))}`,
      `canvas work alone, side by side: tiles in view ${span(pick(tiled, (t) => t.paintMs))}, on screen ${span(pick(tiled, (t) => t.frameMs))}; one canvas for all 10,000 cells ${span(pick(single, (t) => t.paintMs))}, on screen ${span(pick(single, (t) => t.frameMs))}; ratio ${ratio.toFixed(2)}×`,
    ];
    for (const r of runs) {
      const pct = Math.round(r.fraction * 100);
      const workP95 = quantile(r.updateWorkMs, 0.95);
      const workMax = Math.max(...r.updateWorkMs);
      const drawP95 = quantile(r.drawMs, 0.95);
      const frameP95 = quantile(r.frameIntervalsMs, 0.95);
      const frameMax = Math.max(...r.frameIntervalsMs);
      const long = r.frameIntervalsMs.filter((d) => d > 20).length;
      figures[`update${pct}pctWorkP95Ms`] = workP95;
      figures[`update${pct}pctWorkMaxMs`] = workMax;
      figures[`update${pct}pctDrawP95Ms`] = drawP95;
      figures[`update${pct}pctFrameP95Ms`] = frameP95;
      figures[`update${pct}pctFrameMaxMs`] = frameMax;
      figures[`update${pct}pctLongFrames`] = long;
      lines.push(
        `${pct} % of shards change state at 1 Hz for ${r.updates} s: update work p95 ${workP95.toFixed(2)} ms (max ${workMax.toFixed(2)}; canvas redraw p95 ${drawP95.toFixed(2)} ms); ` +
          `frame interval p95 ${frameP95.toFixed(2)} ms (max ${frameMax.toFixed(1)}, ${long} of ${r.frameIntervalsMs.length} frames > 20 ms) (goal p95 ≤ 16.7 ms)`,
      );
    }
    const scrollDrawP95 = scroll.drawMs.length ? quantile(scroll.drawMs, 0.95) : 0;
    const scrollFrameP95 = quantile(scroll.frameIntervalsMs, 0.95);
    const scrollLong = scroll.frameIntervalsMs.filter((d) => d > 20).length;
    figures['scrollDrawP95Ms'] = scrollDrawP95;
    figures['scrollFrameP95Ms'] = scrollFrameP95;
    figures['scrollLongFrames'] = scrollLong;
    lines.push(
      `scrolling 24 px per frame: ${scroll.drawMs.length} canvas redraws (p95 ${scrollDrawP95.toFixed(2)} ms); frame interval p95 ${scrollFrameP95.toFixed(2)} ms (${scrollLong} of ${scroll.frames} frames > 20 ms)`,
    );
    return { name: 'ui-grid', lines, figures };
  } finally {
    await browser?.close();
    await server?.close();
    removeTempDir(outDir);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await benchUiGrid();
  console.log(`# ${report.name}\n${report.lines.join('\n')}`);
  console.log(JSON.stringify(report.figures, null, 2));
}
