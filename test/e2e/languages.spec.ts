/**
 * Two languages: the system's Brazilian Portuguese (the locale of the machine
 * running `serve`) is used until the user picks a language in Settings; the
 * choice is kept across reloads.
 */
import { PORTUGUESE_SYSTEM, at, expect, test } from './fixtures';
import { profileRow } from './helpers';

test.use({ locale: 'pt-BR', serveEnv: PORTUGUESE_SYSTEM });

test('speaks Brazilian Portuguese on a Portuguese system, and English once chosen in Settings', async ({
  page,
  app,
}) => {
  await page.goto(at(app, '#/'));
  await expect(page.getByRole('heading', { name: 'Visão geral' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
  await expect(profileRow(page, 'Demo')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  await expect(profileRow(page, 'Demo')).toContainText('Conectado');
  await expect(page.getByRole('navigation')).toContainText('Configurações');

  await page.getByRole('link', { name: 'Configurações' }).click();
  await page.getByLabel('English').check();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible({ timeout: 15_000 });

  await page.getByRole('radio', { name: /^Same as the system \(/ }).check();
  await expect(page.getByRole('heading', { name: 'Configurações' })).toBeVisible();
});
