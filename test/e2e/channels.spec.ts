/**
 * Notification channels in the browser: add a signed webhook channel in
 * Settings, send a test to a receiver on loopback and see its answer, find it
 * in the delivery log — the address never reaches the page — then silence a
 * profile for an hour and see it on the overview. Screenshots of the new
 * screens in both themes.
 */
import { join } from 'node:path';
import { startReceiver } from '../support/http-receiver';
import type { HttpReceiver } from '../support/http-receiver';
import { at, expect, recordBridgeFrames, SCREENSHOT_DIR, test } from './fixtures';
import { pageExposure } from './helpers';

let receiver: HttpReceiver;
test.beforeEach(async () => {
  receiver = await startReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`a webhook channel: set up, test send, delivery log, pause a profile (${scheme})`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    const frames = recordBridgeFrames(page);
    const hookPath = `/hooks/${scheme}-k3yP4thS3cr3t-${receiver.port}`;
    const shot = (name: string) =>
      page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: true });

    await page.goto(at(app, '#/settings'));
    await page.getByTestId('add-channel').click();
    const form = page.getByTestId('channel-form');
    await form.getByLabel('Name').fill('Ops hook');
    await form.getByLabel('Kind').selectOption('webhook');
    await form.getByLabel('Address that receives the JSON').fill(receiver.url(hookPath));
    await form.getByTestId('generate-secret').click();
    await form.getByLabel('Lowest severity sent').selectOption('warning');
    await form.getByTestId('save-channel').click();

    const item = page.getByTestId('channel-Ops hook');
    await expect(item).toContainText(`127.0.0.1:${receiver.port}`);
    await item.getByTestId('test-Ops hook').click();
    await expect(item.getByTestId('test-answer')).toContainText(
      'Delivered. The receiver answered: 204',
    );
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.path).toBe(hookPath);
    expect(receiver.requests[0]?.headers['x-shardwatch-signature']).toMatch(
      /^sha256=[0-9a-f]{64}$/,
    );
    expect(receiver.requests[0]?.json).toMatchObject({ kind: 'test', title: 'test message' });

    const log = page.getByTestId('delivery-log');
    await expect(log).toContainText('Ops hook');
    await expect(log).toContainText('delivered');
    await shot('settings-channels');

    // The secret path never reached the page (markup, text, field values,
    // address, storage) nor anything the bridge sent back.
    expect(await pageExposure(page)).not.toContain('k3yP4thS3cr3t');
    expect(frames.received.length).toBeGreaterThan(0);
    expect(frames.received.join('\n')).not.toContain('k3yP4thS3cr3t');
    // It did travel page → core once, when the channel was saved.
    expect(frames.sent.some((f) => f.includes('k3yP4thS3cr3t'))).toBe(true);

    // Silence the Demo for an hour from its detail page; the overview shows it.
    await page.goto(at(app, '#/'));
    const demo = page.locator('[data-testid="profile-row"]').first();
    await expect(demo).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    const id = (await demo.getAttribute('data-profile-id')) ?? '';
    await page.goto(at(app, `#/profile/${encodeURIComponent(id)}`));
    const panel = page.getByTestId('profile-alerting');
    await expect(panel.getByTestId('uptime')).toContainText('24 h');
    await panel.getByTestId('pause-1h').click();
    await expect(panel.getByTestId('silenced')).toContainText('Alerts are silenced until');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `detail-alerting-${scheme}.png`),
      clip: (await panel.boundingBox()) ?? undefined,
    });
    await page.goto(at(app, '#/'));
    await expect(page.getByTestId('maintenance-banner')).toContainText('Alerts paused for 1 h');
    await page.getByTestId('overview-uptime').locator('summary').click();
    await shot('overview-maintenance');

    // A weekly maintenance window, added in Settings.
    await page.goto(at(app, '#/settings'));
    await page.getByTestId('add-maintenance').click();
    const mf = page.getByTestId('maintenance-form');
    await mf.getByLabel('Name').fill('Sunday deploy');
    await mf.getByLabel('Starts at (local time)').fill('03:00');
    await mf.getByRole('button', { name: 'Save window' }).click();
    await expect(page.getByTestId('maintenance')).toContainText('Sunday deploy');
    await expect(page.getByTestId('maintenance')).toContainText('every Sun at 03:00 for 1 h');
    await page.getByTestId('maintenance').scrollIntoViewIfNeeded();
    await shot('settings-maintenance');
  });
}
