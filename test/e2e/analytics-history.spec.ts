/**
 * The shard analytics over days of history, in browser mode: a data folder
 * filled by the simulator's nightly-failure and rolling-restart scenarios
 * run through a real core on a fake clock (analytics-seed.ts), then
 * `shardwatch serve` on it. The Shard history tab draws the heatmap, says
 * which shard and moment the pointer is on, opens a clicked shard's own
 * timeline and replays the grid at a past moment; recurring trouble offers
 * its maintenance window in one click; the deploy is one timeline entry; an
 * incident exports as one HTML report without the profile's secrets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { at, expect as baseExpect, SCREENSHOT_DIR, test } from './fixtures';
import type { ServeInstance } from './fixtures';
import { profileRow } from './helpers';
import type { AnalyticsSeed } from './analytics-seed';
import { seedAnalytics } from './analytics-seed';

/** Generous waits: other suites may share the machine's CPUs. */
const expect = baseExpect.configure({ timeout: 20_000 });
let seeded: AnalyticsSeed | null = null;

test.use({
  seed: {
    fill: async (dir: string) => {
      seeded = await seedAnalytics(dir);
    },
  },
});
// Seeding runs three nights and a deploy second by second on a fake clock before serve starts.
test.describe.configure({ timeout: 240_000 });

test.afterEach(async ({ app }, info) => {
  if (info.status !== info.expectedStatus)
    await info.attach('serve output', { body: app.output() });
});

function seed(): AnalyticsSeed {
  if (!seeded) throw new Error('the data folder was not seeded');
  return seeded;
}

async function openProfile(page: Page, app: ServeInstance, name: string): Promise<void> {
  await page.goto(at(app, '#/'));
  const row = profileRow(page, name);
  await expect(row).toBeVisible({ timeout: 30_000 });
  const id = await row.getAttribute('data-profile-id');
  await page.goto(at(app, `#/profile/${encodeURIComponent(id ?? '')}`));
}

test('shard history: heatmap hover and click, a shard timeline, the replay, recurring trouble in one click', async ({
  page,
  app,
}) => {
  const { nights } = seed();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await openProfile(page, app, 'Nightly bot');
  await page.getByRole('tab', { name: 'Shard history' }).click();

  const heatmap = page.getByRole('grid', { name: /^Shard history heatmap, 16 shards/ });
  await expect(heatmap).toBeVisible();

  // Hover: the line under the heatmap names the shard and the moment under the pointer.
  await heatmap.scrollIntoViewIfNeeded();
  const box = await heatmap.boundingBox();
  if (!box) throw new Error('the heatmap has no box');
  const row0 = { x: box.width * 0.5, y: 2 };
  await heatmap.hover({ position: row0 });
  await expect(page.getByTestId('heatmap-hover')).toHaveText(
    /^Shard 0 at \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?: /,
  );

  // Click: shard 0's own timeline, with last night's failure in it.
  await heatmap.click({ position: row0 });
  const own = page.getByTestId('shard-timeline');
  await expect(own.getByRole('heading')).toHaveText('Shard 0: its own timeline');
  await expect(own.getByRole('listitem').filter({ hasText: /down$/ })).not.toHaveCount(0);

  // The scrubber replays the grid at a moment of last night's failure: shards 0–3 down.
  const slider = page.getByLabel('Replay');
  const min = Number(await slider.getAttribute('min'));
  const step = Number(await slider.getAttribute('step'));
  const during = (nights[2] ?? 0) + 20_000;
  await slider.fill(String(min + Math.ceil((during - min) / step) * step));
  await expect(page.getByTestId('moment-summary')).toHaveText(/: 4 down, 12 up$/);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-history-24h.png'),
    fullPage: true,
  });

  // 7 days: all three nights are in the picture.
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await heatmap.click({ position: row0 });
  await expect(own.getByRole('listitem').filter({ hasText: /down$/ })).toHaveCount(3);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'analytics-history-7d.png'), fullPage: true });

  // Recurring trouble: the daily failures, and the window is one click away.
  const { failureAt, window } = seed();
  const trouble = page.getByTestId('recurring-trouble');
  await expect(trouble).toContainText(
    `Failures recur around ${failureAt} (UTC) on 3 of the last 14 days`,
  );
  await trouble
    .getByRole('button', { name: `Add a maintenance window ${window} (UTC) every day` })
    .click();
  await expect(trouble.getByTestId('recurring-covered')).toHaveText(
    `A maintenance window ${window} (UTC) covers it.`,
  );
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'analytics-recurring.png'), fullPage: true });
  // The window is Shardwatch's, not the page's: it is still there after a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Shard history' }).click();
  await expect(page.getByTestId('recurring-covered')).toBeVisible();
});

test('a rolling restart is one timeline entry, and no incident', async ({ page, app }) => {
  await openProfile(page, app, 'Deploy bot');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(
    page.getByText(/^Rolling restart: 16 shards \(0–15\) restarted in ascending order/),
  ).toHaveCount(1);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-deploy-timeline.png'),
    fullPage: true,
  });
});

test('an incident exports as one self-contained HTML report, secrets stripped', async ({
  page,
  app,
}) => {
  const { secrets } = seed();
  await page.goto(at(app, '#/incidents'));
  const rows = page.getByRole('row').filter({ hasText: '4 shards down, shards 0–3' });
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await rows
    .first()
    .getByRole('button', { name: /^Export a report of "4 shards down/ })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.html$/);
  const html = readFileSync(await file.path(), 'utf8');
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain('4 shards down, shards 0–3');
  // The heatmap slice and the latency chart are drawn in, not fetched.
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http/i);
  for (const secret of secrets) expect(html).not.toContain(secret);
  await expect(page.getByRole('status').filter({ hasText: /secrets stripped/ })).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-incident-report.png'),
    fullPage: true,
  });
});
