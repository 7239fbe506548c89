/**
 * The shard analytics live, in browser mode, each against the simulator
 * scenario made for it (a real simulator in this process, `shardwatch
 * serve` watching it in real time): a bucket outage is one incident titled
 * by its identify bucket; a restart loop shows against the restart budget
 * with its forecast and as a state of its shard; one-way and silent shards
 * are named states in the table and the grid's words; the shards of a
 * rolling restart show as held by the deploy. The shard layout fields are
 * set in the editor, as a user does.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createSimulator } from '../../electron/sim';
import type { SimScenario, SimulatorHandle, SimulatorOptions } from '../../electron/sim';
import { at, expect as baseExpect, PORTUGUESE_SYSTEM, SCREENSHOT_DIR, test } from './fixtures';
import type { ServeInstance } from './fixtures';
import type { ProfileTuning } from './helpers';
import { addTunedProfile, removeDemoProfile, simulatorProfile } from './helpers';

/** Generous waits: other suites may share the machine's CPUs. */
const expect = baseExpect.configure({ timeout: 30_000 });
let sims: SimulatorHandle[] = [];
test.afterEach(async ({ app }, info) => {
  if (info.status !== info.expectedStatus)
    await info.attach('serve output', { body: app.output() });
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

async function watch(
  page: Page,
  app: ServeInstance,
  name: string,
  scenario: SimScenario,
  opts: Partial<SimulatorOptions>,
  tuning: ProfileTuning,
): Promise<{ sim: SimulatorHandle; url: string }> {
  const sim = await createSimulator({
    shardCount: 16,
    shardInfoIntervalMs: 500,
    scenarioTickMs: 250,
    latencyMs: 2,
    jitterMs: 1,
    scenario,
    ...opts,
  });
  sims.push(sim);
  await addTunedProfile(page, app, simulatorProfile(name, sim), {
    shardTotal: sim.shards().length,
    raiseAfter: 2,
    clearAfter: 2,
    ...tuning,
  });
  return { sim, url: page.url() };
}

/** The table row of a shard, on the profile's Shards tab. */
function shardRow(page: Page, id: number) {
  return page
    .getByTestId('shard-row')
    .filter({ has: page.getByRole('button', { name: `Select shard ${id}`, exact: true }) });
}

test('a bucket outage is one incident titled by what its shards share', async ({ page, app }) => {
  test.setTimeout(120_000);
  await removeDemoProfile(page, app);
  await watch(
    page,
    app,
    'Bucket bot',
    'bucket-outage',
    { scenarioOptions: { maxConcurrency: 4, bucket: 1, startAfterMs: 0, outageMs: 600_000 } },
    { maxConcurrency: 4, raiseAfter: 2 },
  );
  await expect(page.getByTestId('grid-summary')).toHaveText('4 of 16 shards down');
  await page.goto(at(app, '#/incidents'));
  await expect(page.getByTestId('incident')).toHaveCount(1);
  await expect(page.getByTestId('incident').locator('strong')).toHaveText(
    '4 shards down, all in identify bucket 1',
  );
  await expect(page.getByTestId('incident')).toContainText('Shards: 1, 5, 9, 13');
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-bucket-outage.png'),
    fullPage: true,
  });
});

test('a restart loop: the budget against the daily limit with its forecast, the loop, the shard state', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await removeDemoProfile(page, app);
  await watch(
    page,
    app,
    'Loop bot',
    'restart-loop',
    { scenarioOptions: { shardId: 1, startAfterMs: 3000, restartEveryMs: 2000 } },
    { dailySessionLimit: 50 },
  );
  await expect(shardRow(page, 1).getByTestId('shard-finding')).toHaveText('restart loop');
  await expect(shardRow(page, 2).getByTestId('shard-finding')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Shard history' }).click();
  const budget = page.getByTestId('restart-budget');
  await expect(budget.getByTestId('restart-budget-used')).toHaveText(
    /^\d+ of 50 daily session starts used$/,
  );
  await expect(budget.getByTestId('restart-loops')).toContainText(/Shard 1: \d+ restarts/);
  // Restarting every 2 s, 50 starts a day run out within minutes: the forecast says when.
  const refresh = page.getByRole('button', { name: 'Refresh' });
  await expect(async () => {
    await refresh.click();
    await expect(budget.getByTestId('restart-budget-forecast')).toHaveText(
      /^At this rate the limit runs out at \d\d:\d\d\.$|^The limit is spent/,
      { timeout: 2000 },
    );
  }).toPass({ timeout: 60_000 });
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-restart-budget.png'),
    fullPage: true,
  });
  await page.getByRole('tab', { name: 'Shards' }).click();
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-restart-loop-shards.png'),
    fullPage: true,
  });
});

test('one-way and silent shards are named states in the table', async ({ page, app }) => {
  // One-way is named after a minute without answers, silent after two without traffic.
  test.setTimeout(240_000);
  await removeDemoProfile(page, app);
  const oneWay = await watch(
    page,
    app,
    'One-way bot',
    'one-way-shard',
    { scenarioOptions: { shardId: 5, startAfterMs: 0 } },
    {},
  );
  const silent = await watch(
    page,
    app,
    'Silent bot',
    'silent-shard',
    { scenarioOptions: { shardId: 3, startAfterMs: 0 } },
    {},
  );
  await page.goto(oneWay.url);
  await expect(shardRow(page, 5).getByTestId('shard-finding')).toHaveText('one-way', {
    timeout: 120_000,
  });
  await expect(shardRow(page, 5).getByTestId('shard-finding')).toHaveAttribute(
    'title',
    'one-way (talks, hears nothing)',
  );
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'analytics-one-way.png'), fullPage: true });
  await page.goto(silent.url);
  await expect(shardRow(page, 3).getByTestId('shard-finding')).toHaveText('silent', {
    timeout: 150_000,
  });
  await expect(shardRow(page, 4).getByTestId('shard-finding')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'analytics-silent.png'), fullPage: true });
});

test('the shards of a rolling restart are held by the deploy: a state of their own, no alert', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await removeDemoProfile(page, app);
  // Shard 3 does not come back: it stays held for five minutes, long enough to look at.
  const { sim } = await watch(
    page,
    app,
    'Deploy bot',
    'steady',
    {
      shardInfoIntervalMs: 1000,
      scenarioOptions: { startAfterMs: 0, stepMs: 2000, downMs: 1500, stuckShard: 3 },
    },
    {},
  );
  await expect(page.getByTestId('grid-summary')).toHaveText('0 of 16 shards down');
  sim.setScenario('rolling-restart');
  await expect(shardRow(page, 3).getByTestId('shard-finding')).toHaveText('deploy', {
    timeout: 60_000,
  });
  await expect(shardRow(page, 3).getByTestId('shard-finding')).toHaveAttribute(
    'title',
    'restarting in a deploy',
  );
  await page.screenshot({
    path: join(SCREENSHOT_DIR, 'analytics-deploy-held.png'),
    fullPage: true,
  });
  await page.goto(at(app, '#/incidents'));
  await expect(page.getByTestId('no-open-incidents')).toBeVisible();
});

test.describe('the shard layout in the editor', () => {
  test.use({ locale: 'pt-BR', serveEnv: PORTUGUESE_SYSTEM });
  test('is in Portuguese too, reads clusters as sizes or lists, and refuses what it cannot read', async ({
    page,
    app,
  }) => {
    await page.goto(at(app, '#/new'));
    await expect(page.getByRole('group', { name: 'Organização dos shards' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByLabel('Concorrência máxima (buckets de identify)')).toHaveValue('1');
    await expect(page.getByLabel('Limite diário de inícios de sessão')).toHaveValue('1000');
    const clusters = page.getByLabel('Clusters', { exact: true });
    await clusters.fill('0-3; abc');
    await clusters.blur();
    await expect(
      page.getByRole('group', { name: 'Organização dos shards' }).getByTestId('field-error'),
    ).toBeVisible();
    await clusters.fill('0-3; 4-7');
    await expect(
      page.getByRole('group', { name: 'Organização dos shards' }).getByTestId('field-error'),
    ).toHaveCount(0);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'analytics-editor-pt-BR.png'),
      fullPage: true,
    });

    // Saved on the Demo profile and read back: the layout is the profile's.
    await page.goto(at(app, '#/'));
    const demo = page.locator('[data-testid="profile-row"]').first();
    const id = encodeURIComponent((await demo.getAttribute('data-profile-id')) ?? '');
    await page.goto(at(app, `#/profile/${id}/edit`));
    await page.getByLabel('Concorrência máxima (buckets de identify)').fill('4');
    await page.getByLabel('Clusters', { exact: true }).fill('0-3;4-7');
    await page.getByTestId('save').click();
    await expect(page).toHaveURL(/#\/profile\/[^/]+$/, { timeout: 15_000 });
    await page.goto(at(app, `#/profile/${id}/edit`));
    await expect(page.getByLabel('Clusters', { exact: true })).toHaveValue('0-3; 4-7');
    await expect(page.getByLabel('Concorrência máxima (buckets de identify)')).toHaveValue('4');
  });
});
