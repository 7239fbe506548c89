/**
 * The profile detail in browser mode: the Demo profile's live shard grid,
 * table, find-my-shard, latency chart and frame log; and the 0.2.2 dialect,
 * whose server reports no shard stats, showing its panel instead of a grid.
 */
import { join } from 'node:path';
import { createSimulator } from '../../electron/sim';
import type { SimulatorHandle } from '../../electron/sim';
import { SCREENSHOT_DIR, at, expect, test } from './fixtures';
import { addProfile, expectLive } from './helpers';

let sims: SimulatorHandle[] = [];
test.afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

test('the Demo profile detail shows live shards, latency and frames', async ({ page, app }) => {
  await page.goto(at(app, '#/'));
  const demo = page
    .locator('[data-testid="profile-row"]')
    .filter({ has: page.getByTestId('demo-tag') });
  await expect(demo).toHaveCount(1, { timeout: 20_000 });
  await expectLive(demo);
  await demo.locator('a.name').click();
  await expect(page).toHaveURL(/#\/profile\/[^/?]+$/);

  // Header: state and latency windows with units.
  await expect(page.getByTestId('detail-state')).toContainText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('lat-1m')).toContainText(/\d ms|no data/);

  // Grid: a labelled canvas, legend counts and the live summary.
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible({ timeout: 20_000 });
  await expect(grid).toHaveAttribute('aria-label', /Shard grid, \d+ shards/);
  await expect(page.getByTestId('grid-summary')).toHaveText(/^\d+ of \d+ shards down/);
  const rows = page.getByTestId('shard-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  expect(await rows.count()).toBeLessThanOrEqual(60);

  // Keyboard: focus the grid, move right, select with Enter.
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shard-details')).toContainText('Shard 1');

  // Find my shard with a known guild id; bad input gets a message.
  await page.getByLabel('Find my shard — guild id').fill('41771983423143937');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByTestId('find-shard-result')).toContainText(/shard \d+ of \d+/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'detail-shards.png'), fullPage: true });
  await page.getByLabel('Find my shard — guild id').fill('12x');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByTestId('find-shard-result')).toContainText('digits only');

  // Latency tab: a uPlot chart with window buttons.
  await page.getByRole('tab', { name: 'Latency' }).click();
  await expect(page.locator('.uplot canvas').first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: '15 m', exact: true }).click();
  await expect(page.getByRole('button', { name: '15 m', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'detail-latency.png'), fullPage: true });

  // Frame log: loaded when the tab opens, redacted text, refresh on demand.
  await page.getByRole('tab', { name: 'Frame log' }).click();
  await expect(page.getByText(/GATEWAY_/).first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Refresh' }).click();

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
});

test('a 0.2.2 profile shows the no-shard-stats panel instead of a grid', async ({ page, app }) => {
  const sim = await createSimulator({
    dialect: 'http-interaction-0.2.2',
    latencyMs: 2,
    jitterMs: 1,
  });
  sims.push(sim);
  await addProfile(page, app, {
    name: 'Sim 0.2.2 detail',
    url: sim.url,
    dialect: 'http-interaction-0.2.2',
    botId: sim.credentials.botId,
    publicKey: sim.credentials.publicKey,
    secret: sim.credentials.secret,
  });
  await expect(page.getByTestId('detail-state')).toContainText('Connected', { timeout: 30_000 });
  await expect(page.getByTestId('no-shard-stats')).toContainText(
    'This server (http-interaction 0.2.2) does not report shard stats to a monitor. Shardwatch still measures gateway latency and connection health.',
  );
  await expect(page.getByTestId('no-shard-stats')).toContainText(
    'Answered pings mean: The gateway is alive and the bot registered at some point since the gateway started.',
  );
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.getByText(/\b0 shards\b/)).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'detail-0.2.2.png'), fullPage: true });
});
