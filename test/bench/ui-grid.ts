/**
 * Benchmark of the shard grid in a real browser: first render of 10,000
 * shards and the cost of 1 Hz updates touching 1 % and 10 % of them.
 *
 * Bundles `ui-grid.html` (which mounts the real ShardGrid through
 * `ui-grid-harness.vue`) with Vite into a temp dir, serves it on loopback and
 * drives it in Debian's Chromium through Playwright. Goals (DESIGN.md §5:
 * reported, never asserted): first render ≤ 300 ms, p95 frame ≤ 16.7 ms.
 *
 * Run alone: `npx tsx test/bench/ui-grid.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import { chromium } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));

/** Options of the grid benchmark. */
export interface UiGridBenchOptions {
  /** Seconds of 1 Hz updates per run (default 10). */
  seconds?: number;
  /** Chromium binary (default `CHROMIUM_PATH` or `/usr/bin/chromium`). */
  executablePath?: string;
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
  mount(): Promise<{
    mountMs: number;
    drawMs: number;
    firstDrawMs: number;
    firstFrameMs: number;
    cells: number;
  }>;
  run(fraction: number, seconds: number): Promise<RunResult>;
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
  const executablePath = opts.executablePath ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    return {
      name: 'ui-grid',
      lines: [`skipped: no Chromium at ${executablePath} (apt-get install -y chromium)`],
      figures: {},
    };
  }
  const outDir = await mkdtemp(join(tmpdir(), 'shardwatch-ui-grid-'));
  let server: { url: string; close: () => Promise<void> } | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    await bundle(outDir);
    server = await serve(outDir);
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage({
      viewport: { width: 1100, height: 900 },
      deviceScaleFactor: 2,
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => '__uiGridBench' in globalThis);
    const first = await page.evaluate(() =>
      (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.mount(),
    );
    const runs: RunResult[] = [];
    for (const fraction of [0.01, 0.1]) {
      runs.push(
        await page.evaluate(
          ([f, s]) => (globalThis as unknown as { __uiGridBench: PageApi }).__uiGridBench.run(f, s),
          [fraction, seconds] as const,
        ),
      );
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const figures: Record<string, number> = {
      cells: first.cells,
      firstMountMs: first.mountMs,
      firstCanvasDrawMs: first.drawMs,
      firstDrawMs: first.firstDrawMs,
      firstFrameMs: first.firstFrameMs,
    };
    const lines = [
      `ShardGrid, ${first.cells.toLocaleString('en-US')} shards, devicePixelRatio 2, Chromium ${browser.version()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}`,
      `first render (mount → first canvas draw): ${first.firstDrawMs.toFixed(1)} ms (mount ${first.mountMs.toFixed(1)} ms, full canvas draw ${first.drawMs.toFixed(1)} ms); to next frame: ${first.firstFrameMs.toFixed(1)} ms (goal ≤ 300 ms)`,
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
    return { name: 'ui-grid', lines, figures };
  } finally {
    await browser?.close();
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await benchUiGrid();
  console.log(`# ${report.name}\n${report.lines.join('\n')}`);
  console.log(JSON.stringify(report.figures, null, 2));
}
