/**
 * Screenshots of every screen in light and dark, under
 * test-results/screenshots/, so anyone can look at what the user sees
 * (docs/architecture.md §5). The theme follows the system (`prefers-color-scheme`).
 */
import { join } from 'node:path';
import { at, expect, SCREENSHOT_DIR, test } from './fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots, ${scheme}`, async ({ page, app }) => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(at(app, '#/'));
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const demo = page.locator('[data-testid="profile-row"]').first();
    await expect(demo).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    // A few pings so the sparkline has a shape.
    await page.waitForTimeout(4000);
    const shot = (name: string) =>
      page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: true });

    await shot('overview');

    const id = await demo.getAttribute('data-profile-id');
    expect(id).not.toBeNull();
    await page.goto(at(app, `#/profile/${encodeURIComponent(id ?? '')}`));
    await page.waitForTimeout(1500);
    await shot('detail');

    await page.goto(at(app, `#/profile/${encodeURIComponent(id ?? '')}/edit`));
    await expect(page.getByRole('heading', { name: /^Edit / })).toBeVisible();
    await shot('editor');

    await page.goto(at(app, '#/new'));
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-error')).toBeVisible();
    await shot('editor-errors');

    await page.goto(at(app, '#/settings'));
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await shot('settings');

    await page.goto(at(app, '#/incidents'));
    await expect(page.getByRole('heading', { name: 'Incidents', exact: true })).toBeVisible();
    await shot('incidents');
  });
}
