/**
 * A 10,000-shard bot in browser mode: the detail grid lays out every shard,
 * and the page keeps answering (frames keep coming, sorting, "Go to shard"
 * and "Find my shard" all complete) while a flapping simulator pushes full
 * shard snapshots every second. Timing goals live in the benchmarks
 * (docs/architecture.md §5); this test only prints the frame intervals it measured.
 */
import type { Locator, Page } from '@playwright/test';
import { createSimulator } from '../../electron/sim';
import type { SimulatorHandle } from '../../electron/sim';
import { join } from 'node:path';
import { SCREENSHOT_DIR, expect as baseExpect, test } from './fixtures';
import { addTunedProfile, removeDemoProfile } from './helpers';

const SHARDS = 10_000;
/** A guild id from Discord's docs; its shard is computed below, not hard-coded. */
const GUILD_ID = '41771983423143937';

/** Generous waits: other suites may share the machine's CPUs. */
const expect = baseExpect.configure({ timeout: 30_000 });
let sims: SimulatorHandle[] = [];
test.afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

/**
 * Legend counts by label (`up`, `down`, `missing`…), read in one go: the
 * legend changes with every push, so item-by-item reads could mix two renders.
 */
async function legendCounts(legend: Locator): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const text of await legend.locator('li').allTextContents()) {
    const m = /^\W*(.+?)\s+([\d,]+)\s*$/u.exec(text.trim());
    if (m?.[1] && m[2]) out[m[1]] = Number(m[2].replace(/,/g, ''));
  }
  return out;
}

/** Intervals between `count` consecutive animation frames, measured in the page. */
function frameIntervals(page: Page, count: number): Promise<number[]> {
  return page.evaluate((n) => {
    // The test files are typed for Node; the page has requestAnimationFrame.
    const raf = (
      globalThis as unknown as { requestAnimationFrame(cb: (t: number) => void): number }
    ).requestAnimationFrame;
    return new Promise<number[]>((resolve) => {
      const out: number[] = [];
      let last: number | null = null;
      const onFrame = (t: number): void => {
        if (last !== null) out.push(t - last);
        last = t;
        if (out.length < n) raf(onFrame);
        else resolve(out);
      };
      raf(onFrame);
    });
  }, count);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/**
 * Runs in the page: how many of the grid's canvas tiles are still blank (no
 * pixel differs from the tile's top-left corner, which is background), and
 * how many of the blank ones are in view.
 */
function paintedTiles(): {
  count: number;
  blank: number;
  blankInView: number;
  scrollTop: number;
  overflowX: boolean;
} {
  // The test files are typed for Node; these are the few DOM shapes used here.
  interface Canvas {
    width: number;
    height: number;
    offsetTop: number;
    offsetHeight: number;
    getContext(kind: '2d'): {
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    } | null;
  }
  interface Scroller {
    scrollTop: number;
    clientHeight: number;
    scrollWidth: number;
    clientWidth: number;
    querySelectorAll(sel: 'canvas'): Iterable<Canvas>;
  }
  const doc = (globalThis as unknown as { document: { querySelector(s: string): Scroller | null } })
    .document;
  const sc = doc.querySelector('.sg-scroll');
  if (!sc) throw new Error('no grid scroller');
  const top = sc.scrollTop;
  const bottom = top + sc.clientHeight;
  let blank = 0;
  let blankInView = 0;
  const canvases = [...sc.querySelectorAll('canvas')];
  for (const c of canvases) {
    const ctx = c.getContext('2d');
    if (!ctx) continue;
    const px = new Uint32Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
    const bg = px[0];
    let differs = 0;
    for (let i = 0; i < px.length; i += 7) if (px[i] !== bg) differs++;
    if (differs > 0) continue;
    blank++;
    if (c.offsetTop < bottom && c.offsetTop + c.offsetHeight > top) blankInView++;
  }
  return {
    count: canvases.length,
    blank,
    blankInView,
    scrollTop: top,
    overflowX: sc.scrollWidth > sc.clientWidth,
  };
}

test('10,000-shard profile stays responsive', async ({ page, app }) => {
  test.setTimeout(300_000);
  const sim = await createSimulator({
    shardCount: SHARDS,
    // Text frames of 10,000 shards pass the 1 MiB frame limit; zlib keeps them small.
    documentedOutput: 'zlib',
    shardInfoIntervalMs: 1000,
    scenario: 'flapping',
    latencyMs: 2,
    jitterMs: 1,
  });
  sims.push(sim);

  await removeDemoProfile(page, app);
  await addTunedProfile(
    page,
    app,
    {
      name: 'Huge bot',
      url: sim.url,
      dialect: 'documented',
      botId: sim.credentials.botId,
      publicKey: sim.credentials.publicKey,
      secret: sim.credentials.secret,
      register: true,
    },
    { shardTotal: SHARDS },
  );
  await expect(page.getByTestId('detail-state')).toContainText('Connected', { timeout: 60_000 });

  // Every shard has a cell, and every cell is counted exactly once.
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-label', new RegExp(`^Shard grid, ${SHARDS} shards\\.`), {
    timeout: 30_000,
  });
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend.locator('li.sg-k-missing .sg-num')).toHaveText('0', { timeout: 60_000 });
  const counts = await legendCounts(legend);
  expect(Object.keys(counts).sort()).toEqual([
    'degraded',
    'development',
    'down',
    'missing',
    'no data',
    'up',
  ]);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(SHARDS);
  expect(counts['up']).toBeGreaterThan(0);
  await expect(page.locator('.st-count')).toContainText(`${SHARDS.toLocaleString('en-US')} shards`);
  // The grid spans all 10,000 cells (the scroll area), drawn on canvas tiles.
  const gridBox = await grid.evaluate((el) => ({
    w: (el as unknown as { clientWidth: number }).clientWidth,
    h: (el as unknown as { clientHeight: number }).clientHeight,
  }));
  expect(gridBox.w * gridBox.h).toBeGreaterThan(SHARDS);
  // Every tile gets painted, the ones off screen too (in idle time), and the
  // grid fits its box: no sideways scrolling.
  await expect
    .poll(() => page.evaluate(paintedTiles), { timeout: 20_000 })
    .toEqual(expect.objectContaining({ blank: 0 }));
  const tiles = await page.evaluate(paintedTiles);
  expect(tiles.count).toBeGreaterThan(2);
  expect(tiles.overflowX).toBe(false);

  // Updates flow: the flapping scenario changes the live summary push after push.
  const summary = page.getByTestId('grid-summary');
  const before = await summary.textContent();
  await expect(summary).not.toHaveText(before ?? '', { timeout: 30_000 });
  await expect(summary).toHaveText(new RegExp(`^\\d+ of ${SHARDS} shards down`));

  // Frames keep coming while snapshots arrive (about three seconds' worth). The
  // printed figures overstate the app's cost: Playwright records every bridge
  // frame (~3 MB per push here), which itself blocks the page for a while.
  const intervals = await frameIntervals(page, 180);
  expect(intervals).toHaveLength(180);
  console.log(
    `10,000-shard detail: ${intervals.length} frame intervals, ` +
      `p50 ${percentile(intervals, 50).toFixed(1)} ms, p95 ${percentile(intervals, 95).toFixed(1)} ms, ` +
      `max ${Math.max(...intervals).toFixed(1)} ms`,
  );

  // Sorting the table: by shard id ascending; one click makes it descending.
  const idHeader = page.locator('th').filter({ has: page.locator('button[data-wire="shard_id"]') });
  await expect(idHeader).toHaveAttribute('aria-sort', 'ascending');
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('shard-row').first().locator('td').first()).toHaveText(
    String(SHARDS - 1),
  );
  // Sorting by state puts the down shards first (the flapping scenario keeps some down).
  const stateHeader = page
    .locator('th')
    .filter({ has: page.getByRole('button', { name: 'Health', exact: true }) });
  await stateHeader.getByRole('button').click();
  await expect(stateHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('.st-count')).toContainText('sorted by Health (ascending)');
  await expect(page.getByTestId('shard-row').first()).toHaveClass(/\bst-down\b/, {
    timeout: 30_000,
  });

  // "Go to shard" selects a shard near the end of the grid.
  await page.getByLabel('Go to shard').fill('9876');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  const details = page.getByTestId('shard-details');
  await expect(details.getByRole('heading', { name: 'Shard 9876' })).toBeVisible();
  // The grid scrolled to it, and what shows there is painted.
  const scrolled = await page.evaluate(paintedTiles);
  expect(scrolled.scrollTop).toBeGreaterThan(0);
  expect(scrolled.blankInView).toBe(0);
  await page.locator('.sg').screenshot({ path: join(SCREENSHOT_DIR, 'grid-10000-shards.png') });
  await expect(page.locator('#sg-search-msg')).toHaveCount(0);

  // Find my shard: (guild_id >> 22) % shard_total, computed here independently.
  const expected = Number((BigInt(GUILD_ID) >> 22n) % BigInt(SHARDS));
  await page.getByLabel('Find my shard — guild id').fill(GUILD_ID);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByTestId('find-shard-result')).toContainText(
    `shard ${expected} of ${SHARDS}`,
  );
  await expect(details.getByRole('heading', { name: `Shard ${expected}` })).toBeVisible();
  await expect(page.locator('tr[aria-selected="true"] td').first()).toHaveText(String(expected));

  // Still answering after all that: another batch of frames completes.
  expect(await frameIntervals(page, 60)).toHaveLength(60);
});
