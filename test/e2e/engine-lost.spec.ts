/**
 * Browser mode when the server goes away under an open page: a clear banner
 * says so at once, the figures are marked stale, and buttons answer (with
 * the reason) instead of greying out for good. Started again, the same
 * address serves the same tab, signed in by its cookie: the page recovers by
 * itself, live, with no token in its address, on the overview and under an
 * open profile's live chart.
 */
import { at, expect, test } from './fixtures';
import { expectLive, profileRow } from './helpers';

test('stopping serve under an open page: banner, stale values, buttons that still answer', async ({
  page,
  app,
}) => {
  await page.goto(at(app, '#/'));
  const demo = profileRow(page, 'Demo');
  await expectLive(demo);
  await expect(page.getByTestId('engine-lost')).toHaveCount(0);

  await app.stop();
  await expect(page.getByTestId('engine-lost')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('engine-lost')).toContainText('unreachable');
  await expect(page.locator('main')).toHaveAttribute('data-stale', 'yes');

  const reconnect = demo.getByRole('button', { name: 'Reconnect Demo now' });
  await reconnect.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not reconnect' })).toContainText(
    'The connection to Shardwatch was lost',
  );
  await expect(reconnect).toBeEnabled();
  await expect(demo.getByRole('button', { name: 'Disconnect Demo' })).toBeEnabled();

  await app.restart();
  await expect(page.getByTestId('engine-lost')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('main')).not.toHaveAttribute('data-stale', 'yes');
  await expectLive(profileRow(page, 'Demo'));
  // The address carries no token; reloading it (a bookmark) opens the app with the cookie alone.
  expect(page.url()).not.toContain('token');
  await page.reload();
  await expectLive(profileRow(page, 'Demo'));

  // Again under an open profile with its live chart: the page reopens the
  // profile by itself (once: it used to re-subscribe forever and freeze) and
  // the chart follows new pings again.
  await profileRow(page, 'Demo').getByRole('link', { name: 'Demo', exact: true }).click();
  await page.getByRole('tab', { name: 'Latency' }).click();
  const follow = page.getByTestId('chart-follow');
  await expect(follow).toHaveAttribute('data-following', 'yes', { timeout: 20_000 });
  await app.stop();
  await expect(page.getByTestId('engine-lost')).toBeVisible({ timeout: 15_000 });
  await app.restart();
  await expect(page.getByTestId('engine-lost')).toHaveCount(0, { timeout: 30_000 });
  const end = await follow.getAttribute('data-ends-at');
  await expect(follow).not.toHaveAttribute('data-ends-at', end ?? '', { timeout: 20_000 });
});
