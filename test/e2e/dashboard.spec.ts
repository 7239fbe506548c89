/**
 * The dashboard in browser mode, against real simulators: first run, adding a
 * profile for each dialect, and refusing invalid input.
 */
import { createSimulator } from '../../electron/sim';
import type { SimulatorHandle } from '../../electron/sim';
import { DIALECTS } from '../../shared/protocol';
import { at, expect, recordBridgeFrames, test } from './fixtures';
import { addProfile, expectLive, profileRow } from './helpers';

let sims: SimulatorHandle[] = [];
test.afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

test('first run shows the Demo profile with live latency', async ({ page, app }) => {
  await page.goto(at(app, '#/'));
  const demo = page
    .locator('[data-testid="profile-row"]')
    .filter({ has: page.getByTestId('demo-tag') });
  await expect(demo).toHaveCount(1, { timeout: 20_000 });
  await expectLive(demo);
  await expect(demo.locator('svg.sparkline polyline').first()).toBeAttached({ timeout: 20_000 });
  await expect(page.getByTestId('demo-hint')).toContainText('Demo');
});

for (const dialect of DIALECTS) {
  test(`adding a ${dialect} profile against a simulator shows it ready with latency`, async ({
    page,
    app,
  }) => {
    const sim = await createSimulator({ dialect, latencyMs: 2, jitterMs: 2 });
    sims.push(sim);
    const name = `Sim ${dialect}`;
    await addProfile(page, app, {
      name,
      url: sim.url,
      dialect,
      botId: sim.credentials.botId,
      publicKey: sim.credentials.publicKey,
      secret: sim.credentials.secret,
      // 0.2.2 never registers; the documented profile registers for its shard stats.
      register: dialect === 'documented',
    });
    await page.goto(at(app, '#/'));
    const row = profileRow(page, name);
    await expectLive(row);
    if (dialect === 'http-interaction-0.2.2') {
      await expect(row.getByTestId('shards')).toHaveText('no shard stats');
    } else {
      await expect(row.getByTestId('shards')).toContainText(/\d+\/\d+ up/, { timeout: 20_000 });
    }
  });
}

test('invalid form input shows field errors and saves nothing', async ({ page, app }) => {
  const frames = recordBridgeFrames(page);
  await page.goto(at(app, '#/'));
  await expect(page.locator('[data-testid="profile-row"]')).toHaveCount(1, { timeout: 20_000 });

  await page.goto(at(app, '#/new'));
  await page.getByLabel('Gateway URL').fill('http://gateway.example.com/gateway');
  await page.getByLabel('Shard total').fill('0');
  await page.getByTestId('save').click();

  const errors = page.getByTestId('field-error');
  await expect(errors.first()).toBeVisible();
  await expect(page.locator('#f-name-error')).toContainText('Enter a name');
  await expect(page.locator('#f-url-error')).toContainText('ws:// or wss://');
  await expect(page.locator('#f-shardTotal-error')).toContainText('between 1 and');
  await expect(page.getByTestId('save-error')).toContainText('Nothing was saved');
  await expect(page.locator('#f-name')).toBeFocused();

  expect(frames.sent.some((f) => f.includes('command:create-profile'))).toBe(false);
  await page.goto(at(app, '#/'));
  await page.reload();
  await expect(page.locator('[data-testid="profile-row"]')).toHaveCount(1);
});

test('the editor detects a 0.2.2 gateway, never offers to register there, and its test says the bot is not registered yet', async ({
  page,
  app,
}) => {
  const sim = await createSimulator({ dialect: 'http-interaction-0.2.2', botRegistered: false });
  sims.push(sim);
  await page.goto(at(app, '#/new'));
  await page.getByLabel('Name', { exact: true }).fill('Rabbit');
  await page.getByLabel('Gateway URL').fill(sim.url);
  await page.getByLabel('Bot application id').fill(sim.credentials.botId);
  await page.getByTestId('f-publicKey-input').fill(sim.credentials.publicKey);
  await page.getByTestId('f-secret-input').fill(sim.credentials.secret);
  // The documented dialect is preselected, pinging only; both choices say what they do.
  await expect(page.getByTestId('monitor-mode')).toContainText('touches nothing');
  await expect(page.getByTestId('monitor-mode')).toContainText(
    "may then route the bot's interactions",
  );

  await page.getByTestId('detect').click();
  await expect(page.getByTestId('detect-report')).toContainText(
    'This is an http-interaction 0.2.2 gateway',
    {
      timeout: 15_000,
    },
  );
  await page.getByTestId('use-detected').click();
  await expect(page.getByLabel('http-interaction 0.2.2')).toBeChecked();
  await expect(page.getByTestId('never-registers')).toContainText('never registers');
  await expect(page.getByLabel('Register', { exact: true })).toHaveCount(0);

  await page.getByTestId('test-connection').click();
  await expect(page.getByTestId('test-waiting')).toContainText(
    'Waiting for the bot to register with this gateway',
    { timeout: 20_000 },
  );
  expect(sim.stats().registers).toBe(0);
});
