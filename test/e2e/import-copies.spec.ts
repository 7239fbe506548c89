/**
 * Import knows profiles by identity: importing an export into the install it
 * came from skips the same profiles (copies made with Duplicate included,
 * as the separate profiles they are) and offers to import them as copies.
 */
import { at, expect, test } from './fixtures';
import { openBridge, profileRow } from './helpers';

test('the same profiles are skipped, listed, and come in as copies when asked', async ({
  page,
  app,
}) => {
  const bridge = await openBridge(app);
  let content: string;
  try {
    const sim = await bridge.call('command:add-simulator-profile');
    await bridge.call('command:duplicate-profile', sim.id);
    content = (await bridge.call('command:export-profiles', { includeSecrets: false })).content;
  } finally {
    await bridge.close();
  }

  await page.goto(at(app, '#/settings'));
  await page.locator('#importFile').setInputFiles({
    name: 'profiles.json',
    mimeType: 'application/json',
    buffer: Buffer.from(content, 'utf8'),
  });
  await page.getByTestId('import').click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Imported no profiles');
  await expect(page.getByTestId('import-skipped')).toContainText(
    'Local simulator, Local simulator (copy)',
  );
  await page.getByTestId('import-as-copies').click();
  await expect(report).toContainText('Imported 2 profiles');

  await page.goto(at(app, '#/'));
  for (const name of [
    'Local simulator',
    'Local simulator (copy)',
    'Local simulator (copy 2)',
    'Local simulator (copy) (copy)',
  ])
    await expect(profileRow(page, name)).toHaveCount(1, { timeout: 15_000 });
});
