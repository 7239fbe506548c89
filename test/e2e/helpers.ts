/**
 * Page helpers shared by the e2e specs: filling the profile editor the way a
 * user does (labels, not ids) and finding overview rows.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { DIALECT_SPECS } from '../../shared/dialects';
import type { Dialect } from '../../shared/protocol';
import type { ServeInstance } from './fixtures';
import { at } from './fixtures';

/** What the editor needs for a new profile. */
export interface NewProfile {
  name: string;
  url: string;
  dialect: Dialect;
  botId: string;
  publicKey: string;
  secret: string;
}

/** Open the editor, fill every required field, and save. */
export async function addProfile(page: Page, app: ServeInstance, p: NewProfile): Promise<void> {
  await page.goto(at(app, '#/new'));
  await expect(page.getByRole('heading', { name: 'Add a profile' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(p.name);
  await page.getByLabel(DIALECT_SPECS[p.dialect].label).check();
  await page.getByLabel('Gateway URL').fill(p.url);
  await page.getByLabel('Bot application id').fill(p.botId);
  await page.getByTestId('f-publicKey-input').fill(p.publicKey);
  await page.getByTestId('f-secret-input').fill(p.secret);
  await page.getByTestId('save').click();
  await expect(page).toHaveURL(/#\/profile\/[^/]+$/, { timeout: 15_000 });
}

/** The overview row of a profile, by name. */
export function profileRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="profile-row"][data-profile-name="${name}"]`);
}

/** Wait until a row shows a connected state and a measured RTT. */
export async function expectLive(row: Locator): Promise<void> {
  await expect(row).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(row.getByTestId('rtt')).toHaveText(/^\d+(\.\d{2})? ms$/, { timeout: 30_000 });
}
