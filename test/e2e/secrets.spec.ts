/**
 * Secrets typed into the editor travel renderer → core only (docs/architecture.md §3.7):
 * they never appear in the page (markup, visible text, any other field's
 * value, address, web storage), nor in anything the bridge sends back.
 */
import { createSimulator } from '../../electron/sim';
import { CANARY_PUBLIC_KEY, CANARY_SECRET, findCanaries } from '../support/canary';
import { at, expect, recordBridgeFrames, test } from './fixtures';
import { expectLive, pageExposure, profileRow } from './helpers';

test('a canary secret typed into the editor never reaches the DOM or bridge answers', async ({
  page,
  app,
}) => {
  const sim = await createSimulator({
    dialect: 'documented',
    credentials: { secret: CANARY_SECRET, publicKey: CANARY_PUBLIC_KEY },
  });
  try {
    const frames = recordBridgeFrames(page);
    await page.goto(at(app, '#/new'));
    await page.getByLabel('Name', { exact: true }).fill('Canary');
    await page.getByLabel('Gateway URL').fill(sim.url);
    await page.getByLabel('Bot application id').fill(sim.credentials.botId);
    await page.getByTestId('f-publicKey-input').fill(CANARY_PUBLIC_KEY);
    await page.getByTestId('f-secret-input').fill(CANARY_SECRET);
    // The two fields hold what was typed (the exposure check does see a field's value)…
    await expect(page.getByTestId('f-secret-input')).toHaveValue(CANARY_SECRET);
    const typing = ['f-publicKey-input', 'f-secret-input'];
    expect(findCanaries(await pageExposure(page))).not.toEqual([]);
    // …and nothing else on the page does, before or after testing the connection.
    expect(findCanaries(await pageExposure(page, typing))).toEqual([]);

    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-report')).toBeVisible({ timeout: 20_000 });
    expect(findCanaries(await pageExposure(page, typing))).toEqual([]);

    await page.getByTestId('save').click();
    await expect(page).toHaveURL(/#\/profile\/[^/]+$/, { timeout: 15_000 });
    const id = decodeURIComponent(/#\/profile\/([^/?]+)/.exec(page.url())?.[1] ?? '');

    await page.goto(at(app, '#/'));
    await expectLive(profileRow(page, 'Canary'));
    expect(findCanaries(await pageExposure(page))).toEqual([]);

    // The editor shows "Set", never the value, and no pre-filled input.
    await page.goto(at(app, `#/profile/${encodeURIComponent(id)}/edit`));
    await expect(page.getByTestId('f-secret-status')).toContainText('Set');
    await expect(page.getByTestId('f-publicKey-status')).toContainText('Set');
    await expect(page.locator('input[type="password"]')).toHaveCount(0);
    await page.locator('#f-secret-replace').click();
    await expect(page.getByTestId('f-secret-input')).toHaveValue('');
    // No field of the editor is filled with a stored secret, in the markup or as a value.
    expect(findCanaries(await pageExposure(page))).toEqual([]);

    // What the page sent carried the canary (that is the point of the form)…
    expect(frames.sent.some((f) => findCanaries(f).length > 0)).toBe(true);
    // …and nothing the core sent back ever did.
    expect(frames.received.length).toBeGreaterThan(0);
    const leaks = frames.received.filter((f) => findCanaries(f).length > 0);
    expect(leaks).toEqual([]);
  } finally {
    await sim.stop();
  }
});
