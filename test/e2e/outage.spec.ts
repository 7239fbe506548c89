/**
 * A shard outage seen end to end in browser mode: two shards of a real
 * simulator disconnect, and the overview row, the detail grid, the incident
 * list and the tray model (read over the bridge, as the Electron tray adapter
 * would receive it) all say so; when the shards reconnect, all four clear.
 */
import { createSimulator } from '../../electron/sim';
import type { SimulatorHandle } from '../../electron/sim';
import type { Page } from '@playwright/test';
import type { AppSnapshot } from '../../shared/app-state';
import { at, expect as baseExpect, test } from './fixtures';
import type { ServeInstance } from './fixtures';
import type { BridgeClient } from './helpers';
import { addTunedProfile, expectLive, openBridge, profileRow, removeDemoProfile } from './helpers';

const NAME = 'Outage bot';
const SHARDS = 8;
const DOWN = [3, 4];

/** Generous waits: other suites may share the machine's CPUs. */
const expect = baseExpect.configure({ timeout: 20_000 });
let sims: SimulatorHandle[] = [];
let bridges: BridgeClient[] = [];
test.afterEach(async () => {
  await Promise.all(bridges.map((b) => b.close()));
  bridges = [];
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

/** The tray figures and this profile's shards-down incidents, from one snapshot. */
async function trayAndIncidents(
  bridge: BridgeClient,
  profileId: string,
): Promise<{ state: string; downCount: number; tooltip: string; openShardsDown: number[][] }> {
  const snap: AppSnapshot = await bridge.call('query:snapshot');
  return {
    state: snap.tray.state,
    downCount: snap.tray.downCount,
    tooltip: snap.tray.tooltip,
    openShardsDown: snap.incidents
      .filter((i) => i.profileId === profileId && i.rule === 'shards-down' && i.clearedAt === null)
      .map((i) => i.shardIds),
  };
}

function profileIdFromUrl(url: string): string {
  const m = /#\/profile\/([^/?]+)$/.exec(url);
  if (!m?.[1]) throw new Error(`not on a profile detail page: ${url}`);
  return decodeURIComponent(m[1]);
}

async function openDetail(page: Page, app: ServeInstance, id: string): Promise<void> {
  await page.goto(at(app, `#/profile/${encodeURIComponent(id)}`));
  await expect(page.getByRole('grid')).toBeVisible({ timeout: 20_000 });
}

test('a shard goes down → grid, overview, incident and tray model all show it, and clear on recovery', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const sim = await createSimulator({
    shardCount: SHARDS,
    shardInfoIntervalMs: 300,
    latencyMs: 2,
    jitterMs: 1,
  });
  sims.push(sim);

  await removeDemoProfile(page, app);
  await addTunedProfile(
    page,
    app,
    {
      name: NAME,
      url: sim.url,
      dialect: 'documented',
      botId: sim.credentials.botId,
      publicKey: sim.credentials.publicKey,
      secret: sim.credentials.secret,
      register: true,
    },
    { shardTotal: SHARDS, raiseAfter: 1, clearAfter: 1 },
  );
  const profileId = profileIdFromUrl(page.url());
  const bridge = await openBridge(app);
  bridges.push(bridge);

  // Healthy first, so every later change is the outage's doing.
  await expect(page.getByTestId('detail-state')).toContainText('Connected', { timeout: 30_000 });
  await expect(page.getByTestId('grid-summary')).toHaveText(`0 of ${SHARDS} shards down`, {
    timeout: 20_000,
  });
  await page.goto(at(app, '#/'));
  const row = profileRow(page, NAME);
  await expectLive(row);
  await expect(row.getByTestId('shards')).toHaveText(`${SHARDS}/${SHARDS} up`, { timeout: 20_000 });
  await expect
    .poll(() => trayAndIncidents(bridge, profileId), { timeout: 20_000 })
    .toMatchObject({ state: 'ok', downCount: 0, openShardsDown: [] });

  // --- outage -------------------------------------------------------------
  for (const id of DOWN) sim.setShard(id, { disconnected: true });
  sim.pushShardInfo();

  // Overview: the shards cell counts them, the row links its open incident.
  await expect(row.getByTestId('shards')).toHaveText(`6/${SHARDS} up · 2 down`, {
    timeout: 20_000,
  });
  await expect(row.getByTestId('shards')).toHaveClass(/tone-bad/);
  await expect(row).toHaveAttribute('data-state', 'ready');
  await expect(row.getByRole('link', { name: /^\d+ open$/ })).toHaveText('1 open', {
    timeout: 20_000,
  });

  // Detail: the grid's live summary, its accessible name and the legend.
  await openDetail(page, app, profileId);
  await expect(page.getByTestId('grid-summary')).toHaveText(`2 of ${SHARDS} shards down`, {
    timeout: 20_000,
  });
  await expect(page.getByRole('grid')).toHaveAttribute(
    'aria-label',
    new RegExp(`^Shard grid, ${SHARDS} shards\\. 2 of ${SHARDS} shards down\\.`),
  );
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend.locator('li.sg-k-down .sg-num')).toHaveText('2');
  await expect(legend.locator('li.sg-k-up .sg-num')).toHaveText('6');
  // The shard itself, reached with "Go to shard", says why.
  await page.getByLabel('Go to shard').fill(String(DOWN[0]));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  const details = page.getByTestId('shard-details');
  await expect(details.getByRole('heading', { name: `Shard ${DOWN[0]}` })).toBeVisible();
  await expect(details).toContainText('down');
  await expect(details.locator('dt:text-is("Disconnected") + dd')).toHaveText('yes');

  // Incidents: one open shards-down incident naming both shards, titled by what they share.
  await page.goto(at(app, '#/incidents'));
  const incident = page.getByTestId('incident').filter({ hasText: NAME });
  await expect(incident).toHaveCount(1, { timeout: 20_000 });
  await expect(incident.locator('strong')).toHaveText(`2 shards down, shards ${DOWN.join(', ')}`);
  await expect(incident).toContainText(`Shards: ${DOWN.join(', ')}`);
  await expect(page.getByTestId('no-open-incidents')).toHaveCount(0);

  // Tray model: what the Electron tray adapter would draw.
  await expect
    .poll(() => trayAndIncidents(bridge, profileId), { timeout: 20_000 })
    .toMatchObject({ state: 'down', downCount: 2, openShardsDown: [DOWN] });
  const { tooltip } = await trayAndIncidents(bridge, profileId);
  expect(tooltip).toContain('2 shards down');
  expect(tooltip).toContain(`${NAME}: connected`);
  expect(tooltip).toContain(`6/${SHARDS} shards up`);

  // --- recovery -----------------------------------------------------------
  for (const id of DOWN) sim.setShard(id, { disconnected: false });
  sim.pushShardInfo();

  // Incidents (still on screen): nothing open, the outage is in "Recent".
  await expect(page.getByTestId('no-open-incidents')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('incident')).toHaveCount(0);
  await expect(
    page.locator('table.recent tr').filter({ hasText: `2 shards down, shards ${DOWN.join(', ')}` }),
  ).toHaveCount(1);

  await expect
    .poll(() => trayAndIncidents(bridge, profileId), { timeout: 20_000 })
    .toMatchObject({ state: 'ok', downCount: 0, openShardsDown: [] });
  expect((await trayAndIncidents(bridge, profileId)).tooltip).toContain('all OK');

  await page.goto(at(app, '#/'));
  await expect(row.getByTestId('shards')).toHaveText(`${SHARDS}/${SHARDS} up`, { timeout: 20_000 });
  await expect(row.getByTestId('shards')).not.toHaveClass(/tone-bad/);
  await expect(row.getByRole('link', { name: /^\d+ open$/ })).toHaveCount(0);
  await expect(row.getByText('none', { exact: true })).toBeVisible();

  await openDetail(page, app, profileId);
  await expect(page.getByTestId('grid-summary')).toHaveText(`0 of ${SHARDS} shards down`, {
    timeout: 20_000,
  });
  await expect(page.getByRole('list', { name: 'Legend' }).locator('li.sg-k-up .sg-num')).toHaveText(
    String(SHARDS),
  );
});
