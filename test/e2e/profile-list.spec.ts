/**
 * Managing the list of profiles in browser mode: bringing the Demo back
 * after removing it, duplicating a profile, and moving a profile up with
 * the order kept after a reload.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCREENSHOT_DIR, at, expect, test } from './fixtures';
import { expectLive, openBridge, profileRow, removeDemoProfile } from './helpers';

async function rowNames(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="profile-row"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile-name') ?? ''));
}

test('the removed Demo comes back from the empty overview, live, and stays after a reload', async ({
  page,
  app,
}) => {
  await removeDemoProfile(page, app);
  await expect(page.getByTestId('empty-state')).toContainText('bring it back');

  await page.getByRole('button', { name: 'Bring back the Demo profile' }).click();
  const demo = profileRow(page, 'Demo');
  await expect(demo.getByTestId('demo-tag')).toBeVisible({ timeout: 15_000 });
  await expect(demo.getByRole('link', { name: 'Demo', exact: true })).toBeFocused();
  await expectLive(demo);

  await page.reload();
  await expect(profileRow(page, 'Demo').getByTestId('demo-tag')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('empty-state')).toHaveCount(0);

  // Settings now says it is there and offers no second one.
  await page.goto(at(app, '#/settings'));
  const section = page.getByTestId('demo-settings');
  await expect(section).toContainText('It is in your overview as “Demo”');
  await expect(section.getByRole('button', { name: 'Bring back the Demo profile' })).toHaveCount(0);
});

test('duplicate a profile, then move it up in your order; the order survives a reload', async ({
  page,
  app,
}) => {
  await page.goto(at(app, '#/'));
  await expect(profileRow(page, 'Demo')).toHaveCount(1, { timeout: 20_000 });

  // Duplicate: the copy opens in its editor, named and switched off.
  await page.getByRole('button', { name: 'Duplicate Demo' }).click();
  await expect(page).toHaveURL(/#\/profile\/[^/]+\/edit$/);
  await expect(page.getByRole('heading', { name: 'Edit Demo (copy)' })).toBeVisible();
  await expect(page.getByTestId('copy-note')).toContainText('This is a copy of “Demo”');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Demo (copy)');
  await expect(page.getByLabel('Monitor this profile (keep it connected)')).not.toBeChecked();
  // The credentials were copied in the core; the page only learns that they are set.
  await expect(page.getByTestId('f-publicKey-status')).toContainText('Set');
  await expect(page.getByTestId('f-secret-status')).toContainText('Set');

  await page.goto(at(app, '#/'));
  await expect(profileRow(page, 'Demo (copy)')).toHaveCount(1);
  // "Trouble first" offers no move buttons; "Your order" does.
  await expect(page.getByRole('button', { name: 'Move Demo (copy) up' })).toHaveCount(0);
  await page.getByLabel('Your order').check();
  expect(await rowNames(page)).toEqual(['Demo', 'Demo (copy)']);

  await page.getByRole('button', { name: 'Move Demo (copy) up' }).click();
  await expect.poll(() => rowNames(page)).toEqual(['Demo (copy)', 'Demo']);
  await expect(page.getByRole('status').filter({ hasText: 'moved up' })).toHaveText(
    'Demo (copy) moved up, now 1 of 2.',
  );
  // At the top, the focus is on the button that can still move it.
  const down = page.getByRole('button', { name: 'Move Demo (copy) down' });
  await expect(down).toBeFocused();

  // The keyboard works the same: down, then up again.
  await page.keyboard.press('Enter');
  await expect.poll(() => rowNames(page)).toEqual(['Demo', 'Demo (copy)']);
  await expect(page.getByRole('button', { name: 'Move Demo (copy) up' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => rowNames(page)).toEqual(['Demo (copy)', 'Demo']);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'overview-your-order.png') });

  await page.reload();
  await expect(profileRow(page, 'Demo')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByLabel('Your order')).toBeChecked();
  expect(await rowNames(page)).toEqual(['Demo (copy)', 'Demo']);

  // The core holds the same order, so every window sees it.
  const bridge = await openBridge(app);
  try {
    const snap = await bridge.call('query:snapshot');
    expect(snap.profiles.map((p) => p.name)).toEqual(['Demo (copy)', 'Demo']);
    expect(snap.settings.overviewSort).toBe('manual');
  } finally {
    await bridge.close();
  }
});
