/**
 * A new user's first minute: the page loads without a failed request (the
 * favicon is there), "Add a simulator profile" gives a second, working
 * profile with a colour of its own, and deleting asks nothing but offers
 * Undo.
 */
import { at, expect, test } from './fixtures';
import { expectLive, openBridge, profileRow } from './helpers';

test('a working second profile in one click, a favicon, and delete with undo', async ({
  page,
  app,
}) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(m.text());
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await page.goto(at(app, '#/'));
  await expectLive(profileRow(page, 'Demo'));
  // The page names its icon and the icon is served.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBe('./icon.png');
  const iconResponse = await page.request.get(new URL('icon.png', app.url).toString());
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()['content-type']).toContain('image/png');

  // The credentials a hand-run simulator accepts are on screen.
  await expect(page.getByTestId('sim-credentials')).toContainText('npx shardwatch sim');
  await expect(page.getByTestId('sim-credentials')).toContainText('shardwatch-demo-secret');

  await page.getByRole('button', { name: 'Add a simulator profile' }).click();
  const sim = profileRow(page, 'Local simulator');
  await expectLive(sim);
  const swatch = (name: string) => profileRow(page, name).locator('.swatch').getAttribute('style');
  expect(await swatch('Local simulator')).not.toBe(await swatch('Demo'));

  // Delete: no confirm dialog, the row goes at once, Undo brings it back untouched.
  await sim.getByRole('button', { name: 'Delete Local simulator' }).click();
  await expect(sim).toHaveCount(0);
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Deleted “Local simulator”.');
  await toast.getByRole('button', { name: 'Undo deleting Local simulator' }).click();
  await expectLive(profileRow(page, 'Local simulator'));
  expect(dialogs).toEqual([]);

  // Deleted for real once the toast goes.
  await profileRow(page, 'Local simulator')
    .getByRole('button', { name: 'Delete Local simulator' })
    .click();
  await page.getByRole('button', { name: 'Delete Local simulator now (no undo)' }).click();
  const bridge = await openBridge(app);
  try {
    await expect
      .poll(async () => (await bridge.call('query:snapshot')).profiles.map((p) => p.name))
      .toEqual(['Demo']);
  } finally {
    await bridge.close();
  }
  expect(failed).toEqual([]);
});
