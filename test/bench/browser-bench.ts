/**
 * Running a benchmark page in Debian's Chromium: bundle an HTML entry with
 * Vite into a temp folder, serve it on loopback, open fresh pages through
 * Playwright. Shared by the browser benchmarks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const here = dirname(fileURLToPath(import.meta.url));

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A bundled page served on loopback in a running Chromium. */
export interface BrowserBench {
  browser: Browser;
  /** A fresh page (1100 × 900 at devicePixelRatio 2) once `ready` is true in it; `query` goes in its URL. */
  open(ready: string, query?: string): Promise<Page>;
  /** Uncaught errors of every page so far. */
  errors: string[];
  close(): Promise<void>;
}

/** The Chromium binary benchmarks use, or null (with why) when there is none. */
export function chromiumPath(): { path: string; missing: string | null } {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  return {
    path,
    missing: existsSync(path) ? null : `no Chromium at ${path} (apt-get install -y chromium)`,
  };
}

/** Bundle `entry` (an HTML file in test/bench), serve it and start Chromium. */
export async function startBrowserBench(
  entry: string,
  executablePath: string,
): Promise<BrowserBench> {
  const outDir = makeTempDir('shardwatch-bench-page-');
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
      rollupOptions: { input: resolve(here, entry) },
    },
  });
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(outDir, path === '/' ? entry : path);
    if (!file.startsWith(outDir)) {
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
  const port = await new Promise<number>((ok) =>
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)),
  );
  const browser = await chromium.launch({
    executablePath,
    // Precise memory figures and `gc()`, so pages can report their JS heap.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
    ],
  });
  const errors: string[] = [];
  return {
    browser,
    errors,
    async open(ready, query = '') {
      const p = await browser.newPage({
        viewport: { width: 1100, height: 900 },
        deviceScaleFactor: 2,
      });
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`http://127.0.0.1:${port}/${entry}${query ? `?${query}` : ''}`);
      await p.waitForFunction((name) => name in globalThis, ready);
      return p;
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      removeTempDir(outDir);
    },
  };
}

/** The `q` quantile of some values (nearest rank). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  ] as number;
}
