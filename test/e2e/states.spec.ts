/**
 * One word for one state: a copy made with Duplicate is "Paused" (not
 * "switched off" or "disabled"), and Connect makes it "Connected" with no
 * trace of the pause left on screen.
 */
import { at, expect, test } from './fixtures';
import { expectLive, profileRow } from './helpers';

test('a paused copy reads Paused, and Connect makes it Connected, never "Paused" again', async ({
  page,
  app,
}) => {
  await page.goto(at(app, '#/'));
  await expectLive(profileRow(page, 'Demo'));
  await page.getByRole('button', { name: 'Duplicate Demo' }).click();
  await expect(page).toHaveURL(/#\/profile\/[^/]+\/edit$/);
  await page.goto(at(app, '#/'));
  const copy = profileRow(page, 'Demo (copy)');
  await expect(copy).toContainText('Paused');
  await expect(copy).toContainText('Connect starts monitoring it again.');
  for (const word of ['switched off', 'disabled', 'Closed'])
    await expect(page.locator('main')).not.toContainText(word);

  await copy.getByRole('button', { name: 'Connect Demo (copy)' }).click();
  await expectLive(copy);
  await expect(copy).toContainText('Connected');
  await expect(copy).not.toContainText('Paused');
  await copy.getByRole('link', { name: 'Demo (copy)', exact: true }).click();
  await expect(page.getByTestId('detail-state')).toContainText('Connected');
  await expect(page.getByTestId('detail-state')).not.toContainText('Paused');
});
