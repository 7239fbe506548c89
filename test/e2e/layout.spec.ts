/**
 * Layouts that hold in a narrow window: at 700 and 900 px no screen scrolls
 * sideways (wide tables scroll inside their own box), with a dozen profiles
 * on the overview.
 */
import type { Page } from '@playwright/test';
import { at, expect, test } from './fixtures';
import { expectLive, nextFrames, openBridge, profileRow } from './helpers';

async function sideways(page: Page): Promise<string[]> {
  const [scroll, width] = await page
    .locator('html')
    .evaluate((html) => [html.scrollWidth, html.clientWidth]);
  return (scroll ?? 0) > (width ?? 0) ? [`page ${scroll} px wide in a ${width} px window`] : [];
}

test('no screen scrolls sideways at 700 or 900 px, with a dozen profiles', async ({
  page,
  app,
}) => {
  await page.goto(at(app, '#/'));
  await expectLive(profileRow(page, 'Demo'));
  const demoId = await profileRow(page, 'Demo').getAttribute('data-profile-id');
  const bridge = await openBridge(app);
  try {
    for (let i = 0; i < 11; i++) await bridge.call('command:duplicate-profile', demoId ?? '');
  } finally {
    await bridge.close();
  }
  await expect(page.locator('[data-testid="profile-row"]')).toHaveCount(12, { timeout: 15_000 });

  for (const width of [700, 900]) {
    await page.setViewportSize({ width, height: 900 });
    for (const hash of [
      '#/',
      `#/profile/${demoId}`,
      `#/profile/${demoId}/edit`,
      '#/new',
      '#/settings',
      '#/incidents',
    ]) {
      await page.goto(at(app, hash));
      await expect(page.locator('main h1').first()).toBeVisible({ timeout: 15_000 });
      expect(await sideways(page), `${hash} at ${width} px`).toEqual([]);
      if (hash === '#/') {
        // Each card's sparkline stays inside its own cell (it used to run into Incidents).
        const outside = await page.locator('[data-testid="profile-row"] .sparkline').evaluateAll(
          (svgs) =>
            svgs.filter((svg) => {
              const cell = svg.closest('td');
              return (
                cell !== null &&
                svg.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1
              );
            }).length,
        );
        expect(outside, `sparklines outside their cell at ${width} px`).toBe(0);
      }
    }
    await page.goto(at(app, `#/profile/${demoId}`));
    for (const tab of ['Shard history', 'Latency', 'Timeline', 'Frame log']) {
      await page.getByRole('tab', { name: tab }).click();
      // Measured once the tab is shown, its data loaded and two frames laid out.
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await expect(page.getByRole('tabpanel').getByText('Loading…')).toHaveCount(0);
      await nextFrames(page);
      expect(await sideways(page), `${tab} at ${width} px`).toEqual([]);
    }
  }
});
