/**
 * Benchmark of the shard × time heatmap in a real browser: a day of 10,000
 * and 50,000 shards (shard-day.ts), decoded from the base64 text that
 * `query:shard-heatmap` answers, drawn whole (`fit`: every shard in one
 * picture) and per row (2 px rows, scrolling), then a fresh slice handed
 * over every second (as a refresh would, issue #16: p95 frame under 1 Hz
 * updates) and the page's JS heap after `gc()`. Goals (issue #15, reported, never asserted): 10,000
 * shards × 24 h drawn in about a second; smooth scrolling (frame p95
 * ≤ 16.7 ms).
 *
 * `npm run bench -- heatmap`; alone: `npx tsx test/bench/ui-heatmap.ts`.
 * `SHARDWATCH_BENCH_UI_REPEATS` sets the fresh pages per first-draw figure (default 3).
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { chromiumPath, quantile, startBrowserBench } from './browser-bench';
import type { BenchResult } from './shard-ingest';
import type { BenchZoom, HeatmapMountResult, UiHeatmapBenchApi } from './ui-heatmap-api';

const READY = '__uiHeatmapBench';

function mountIn(page: Page, shards: number, zoom: BenchZoom): Promise<HeatmapMountResult> {
  return page.evaluate(
    ([n, z]) =>
      (globalThis as unknown as { __uiHeatmapBench: UiHeatmapBenchApi }).__uiHeatmapBench.mount(
        n,
        z,
      ),
    [shards, zoom] as const,
  );
}

/** Run the heatmap benchmark and report its figures. */
export async function benchUiHeatmap(
  opts: { repeats?: number; seconds?: number } = {},
): Promise<BenchResult> {
  const repeats = Math.max(
    1,
    opts.repeats ?? (Number(process.env['SHARDWATCH_BENCH_UI_REPEATS']) || 3),
  );
  const seconds = opts.seconds ?? 5;
  const updateSeconds = 10;
  const chromium = chromiumPath();
  if (chromium.missing)
    return { name: 'ui-heatmap', lines: [`skipped: ${chromium.missing}`], figures: {} };
  const bench = await startBrowserBench('ui-heatmap.html', chromium.path);
  try {
    const figures: Record<string, number> = { repeats };
    const lines: string[] = [
      `ShardHeatmap, a synthetic day (shard-day.ts), devicePixelRatio 2, 1004 px wide, 480 px view, Chromium ${bench.browser.version()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}; first draws in ${repeats} fresh pages each, medians (range)`,
    ];
    const span = (xs: number[]): string =>
      `${quantile(xs, 0.5).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
    for (const shards of [10_000, 50_000]) {
      const n = shards.toLocaleString('en-US');
      for (const zoom of ['fit', 2] as const) {
        const runs: HeatmapMountResult[] = [];
        for (let r = 0; r < repeats; r++) {
          const page = await bench.open(READY);
          runs.push(await mountIn(page, shards, zoom));
          await page.close();
        }
        const key = `${shards}.${zoom === 'fit' ? 'fit' : 'rows'}`;
        const first = runs[0] as HeatmapMountResult;
        figures[`${key}.decodeMedianMs`] = quantile(
          runs.map((x) => x.decodeMs),
          0.5,
        );
        figures[`${key}.firstDrawMedianMs`] = quantile(
          runs.map((x) => x.firstDrawMs),
          0.5,
        );
        figures[`${key}.firstFrameMedianMs`] = quantile(
          runs.map((x) => x.firstFrameMs),
          0.5,
        );
        figures[`${key}.firstFrameMaxMs`] = Math.max(...runs.map((x) => x.firstFrameMs));
        figures[`${key}.drawMedianMs`] = quantile(
          runs.map((x) => x.drawMs),
          0.5,
        );
        figures[`${key}.tiles`] = first.tiles;
        lines.push(
          `${n} shards × 24 h (${first.transitions.toLocaleString('en-US')} changes, ${(first.bytes / 1024).toFixed(0)} KiB), ${zoom === 'fit' ? 'whole bot in one picture' : '2 px rows'}: ` +
            `decode ${span(runs.map((x) => x.decodeMs))}; canvas work of the first frame ${span(runs.map((x) => x.drawMs))}; ` +
            `decode → first draw ${span(runs.map((x) => x.firstDrawMs))} → on screen ${span(runs.map((x) => x.firstFrameMs))}; ${first.tiles} canvas tiles`,
        );
      }
      const page = await bench.open(READY);
      await mountIn(page, shards, 2);
      const s = await page.evaluate(
        ([step, secs]) =>
          (
            globalThis as unknown as { __uiHeatmapBench: UiHeatmapBenchApi }
          ).__uiHeatmapBench.scroll(step, secs),
        [24, seconds] as const,
      );
      const heapAfterScroll = await page.evaluate(() =>
        (globalThis as unknown as { __uiHeatmapBench: UiHeatmapBenchApi }).__uiHeatmapBench.heap(),
      );
      const quiet = await page.evaluate(
        (secs) =>
          (
            globalThis as unknown as { __uiHeatmapBench: UiHeatmapBenchApi }
          ).__uiHeatmapBench.updates(secs, true),
        Math.min(5, updateSeconds),
      );
      const u = await page.evaluate(
        (secs) =>
          (
            globalThis as unknown as { __uiHeatmapBench: UiHeatmapBenchApi }
          ).__uiHeatmapBench.updates(secs),
        updateSeconds,
      );
      const heapAfterUpdates = await page.evaluate(() =>
        (globalThis as unknown as { __uiHeatmapBench: UiHeatmapBenchApi }).__uiHeatmapBench.heap(),
      );
      await page.close();
      const qLong = quiet.frameIntervalsMs.filter((d) => d > 20).length;
      figures[`${shards}.quiet.frameP95Ms`] = quantile(quiet.frameIntervalsMs, 0.95);
      figures[`${shards}.quiet.longFrames`] = qLong;
      const uKey = `${shards}.updates`;
      const uLong = u.frameIntervalsMs.filter((d) => d > 20).length;
      figures[`${uKey}.frameP95Ms`] = quantile(u.frameIntervalsMs, 0.95);
      figures[`${uKey}.longFrames`] = uLong;
      figures[`${uKey}.frames`] = u.frames;
      figures[`${uKey}.updateP95Ms`] = u.updateMs.length ? quantile(u.updateMs, 0.95) : 0;
      figures[`${uKey}.drawP95Ms`] = u.drawMs.length ? quantile(u.drawMs, 0.95) : 0;
      figures[`${shards}.heapAfterScrollMB`] = heapAfterScroll / 1e6;
      figures[`${shards}.heapAfterUpdatesMB`] = heapAfterUpdates / 1e6;
      const key = `${shards}.scroll`;
      const long = s.frameIntervalsMs.filter((d) => d > 20).length;
      figures[`${key}.frameP95Ms`] = quantile(s.frameIntervalsMs, 0.95);
      figures[`${key}.frameP50Ms`] = quantile(s.frameIntervalsMs, 0.5);
      figures[`${key}.longFrames`] = long;
      figures[`${key}.frames`] = s.frames;
      figures[`${key}.drawP95Ms`] = s.drawMs.length ? quantile(s.drawMs, 0.95) : 0;
      figures[`${key}.idleP95Ms`] = s.idleMs.length ? quantile(s.idleMs, 0.95) : 0;
      figures[`${key}.tiles`] = s.tiles;
      lines.push(
        `${n} shards, 2 px rows, scrolling 24 px a frame for ${seconds} s: frame interval p50 ${quantile(s.frameIntervalsMs, 0.5).toFixed(1)} ms, p95 ${quantile(s.frameIntervalsMs, 0.95).toFixed(1)} ms, ${long} of ${s.frames} frames > 20 ms (goal p95 ≤ 16.7 ms); ` +
          `${s.drawMs.length} in-frame redraws (p95 ${figures[`${key}.drawP95Ms`]?.toFixed(1)} ms), ${s.idleMs.length} idle-time tile paints (p95 ${figures[`${key}.idleP95Ms`]?.toFixed(1)} ms); ${s.tiles} canvas tiles alive`,
        `${n} shards, 2 px rows, no updates for ${Math.min(5, updateSeconds)} s (the page and the machine alone): frame interval p95 ${figures[`${shards}.quiet.frameP95Ms`]?.toFixed(1)} ms, ${qLong} of ${quiet.frames} frames > 20 ms`,
        `${n} shards, 2 px rows, a fresh slice (another day, base64 decoded in chunks between frames) every second for ${updateSeconds} s: frame interval p95 ${figures[`${uKey}.frameP95Ms`]?.toFixed(1)} ms, ${uLong} of ${u.frames} frames > 20 ms (goal p95 ≤ 16.7 ms); ` +
          `answer → slice handed over p95 ${figures[`${uKey}.updateP95Ms`]?.toFixed(1)} ms over ${u.updateMs.length} updates, heatmap redraws p95 ${figures[`${uKey}.drawP95Ms`]?.toFixed(1)} ms`,
        `${n} shards: JS heap of the page ${(heapAfterScroll / 1e6).toFixed(1)} MB after scrolling, ${(heapAfterUpdates / 1e6).toFixed(1)} MB after the updates (after gc())`,
      );
    }
    if (bench.errors.length) throw new Error(`page errors: ${bench.errors.join('; ')}`);
    return { name: 'ui-heatmap', lines, figures };
  } finally {
    await bench.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await benchUiHeatmap();
  console.log(`# ${report.name}\n${report.lines.join('\n')}`);
  console.log(JSON.stringify(report.figures, null, 2));
}
