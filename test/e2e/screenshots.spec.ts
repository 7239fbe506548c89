/**
 * Screenshots of every screen in light and dark, in English and Brazilian
 * Portuguese, wide and at 900 px, under test-results/screenshots/, so anyone
 * can look at what the user sees (docs/architecture.md §5), the empty
 * overview and the page without its engine included. The theme and
 * the language follow the system (`prefers-color-scheme`; the locale of
 * the browser and of the machine running `serve`).
 */
import { join } from 'node:path';
import { at, ENGLISH_SYSTEM, expect, PORTUGUESE_SYSTEM, SCREENSHOT_DIR, test } from './fixtures';

const WORDS = {
  en: { settings: 'Settings', incidents: 'Incidents', edit: /^Edit /, removeDemo: 'Remove Demo' },
  'pt-BR': {
    settings: 'Configurações',
    incidents: 'Incidentes',
    edit: /^Editar /,
    removeDemo: 'Remover Demo',
  },
} as const;

for (const locale of ['en', 'pt-BR'] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale, serveEnv: locale === 'pt-BR' ? PORTUGUESE_SYSTEM : ENGLISH_SYSTEM });
    for (const scheme of ['light', 'dark'] as const) {
      test(`screenshots, ${scheme}, ${locale}`, async ({ page, app }) => {
        await page.setViewportSize({ width: 1280, height: 860 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(at(app, '#/'));
        await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        const demo = page.locator('[data-testid="profile-row"]').first();
        await expect(demo).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
        // A few pings so the sparkline and the chart have a shape.
        await page.waitForTimeout(4000);
        const shot = async (name: string) => {
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `${name}-${scheme}-${locale}.png`),
            fullPage: true,
          });
          await page.setViewportSize({ width: 900, height: 860 });
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `${name}-${scheme}-${locale}-900.png`),
            fullPage: true,
          });
          await page.setViewportSize({ width: 1280, height: 860 });
        };

        await shot('overview');

        const id = await demo.getAttribute('data-profile-id');
        expect(id).not.toBeNull();
        const detail = `#/profile/${encodeURIComponent(id ?? '')}`;
        await page.goto(at(app, detail));
        await page.waitForTimeout(1500);
        await shot('detail');
        for (const [index, tab] of ['history', 'latency', 'timeline', 'frames'].entries()) {
          await page
            .getByRole('tab')
            .nth(index + 1)
            .click();
          await page.waitForTimeout(1500);
          await shot(`detail-${tab}`);
        }

        await page.goto(at(app, `${detail}/edit`));
        await expect(page.getByRole('heading', { name: WORDS[locale].edit })).toBeVisible();
        await shot('editor');

        await page.goto(at(app, '#/new'));
        await page.getByTestId('save').click();
        await expect(page.getByTestId('save-error')).toBeVisible();
        await shot('editor-errors');

        await page.goto(at(app, '#/settings'));
        await expect(page.getByRole('heading', { name: WORDS[locale].settings })).toBeVisible();
        await shot('settings');

        await page.goto(at(app, '#/incidents'));
        await expect(
          page.getByRole('heading', { name: WORDS[locale].incidents, exact: true }),
        ).toBeVisible();
        await shot('incidents');

        // The empty overview a new user meets once the Demo is gone (its Undo toast showing).
        await page.goto(at(app, '#/'));
        await page.getByRole('button', { name: WORDS[locale].removeDemo }).click();
        await expect(page.getByTestId('empty-state')).toBeVisible({ timeout: 15_000 });
        await shot('overview-empty');

        // The page without its engine.
        await app.stop();
        await expect(page.getByTestId('engine-lost')).toBeVisible({ timeout: 15_000 });
        await shot('engine-lost');
      });
    }
  });
}
