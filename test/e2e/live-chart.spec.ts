/**
 * The latency chart follows live: new pings appear without a reload, the
 * axis always ends now and spans exactly its window, tick labels fit the
 * range, and a zoom says it stopped following until "Back to live".
 * The timeline filters on the engine and shows absolute times.
 */
import type { Page } from '@playwright/test';
import { at, expect, recordBridgeFrames, test } from './fixtures';
import { expectLive, nextFrames, profileRow } from './helpers';

async function openLatency(page: Page, app: Parameters<typeof at>[0]): Promise<void> {
  await page.goto(at(app, '#/'));
  const demo = profileRow(page, 'Demo');
  await expectLive(demo);
  await demo.getByRole('link', { name: 'Demo', exact: true }).click();
  await page.getByRole('tab', { name: 'Latency' }).click();
  await expect(page.locator('.uplot canvas').first()).toBeVisible({ timeout: 20_000 });
}

/** The answered-ping count in the chart's summary line. */
async function answered(page: Page): Promise<number> {
  const text = (await page.locator('.lc-summary').textContent()) ?? '';
  return Number(/([\d,]+) pings answered/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

/** The time axis' labels as drawn (read out to screen readers beside the canvas). */
async function ticks(page: Page): Promise<string[]> {
  const text = (await page.getByTestId('chart-ticks').textContent()) ?? '';
  return text
    .replace(/^\s*Time axis:/, '')
    .split(',')
    .map((t) => t.trim());
}

test('the latency chart appends pings as they arrive and its axis ends now', async ({
  page,
  app,
}) => {
  const frames = recordBridgeFrames(page);
  await openLatency(page, app);
  const follow = page.getByTestId('chart-follow');
  await expect(follow).toHaveAttribute('data-following', 'yes');
  const firstEnd = await follow.getAttribute('data-ends-at');
  // The canvas is drawn before the first series arrives (the summary then
  // says there are no samples yet): start counting once there is a count.
  await expect.poll(() => answered(page), { timeout: 20_000 }).not.toBeNaN();
  const firstCount = await answered(page);
  // No reload, no click: the count grows and the window's end moves on.
  await expect.poll(() => answered(page), { timeout: 20_000 }).toBeGreaterThan(firstCount);
  await expect(follow).not.toHaveAttribute('data-ends-at', firstEnd ?? '');

  const HOUR = 3_600_000;
  for (const [button, pattern, span] of [
    ['15 m', /^\d\d:\d\d(:\d\d)?$/, HOUR / 4],
    ['1 h', /^\d\d:\d\d(:\d\d)?$/, HOUR],
    ['24 h', /^\d\d:\d\d$/, 24 * HOUR],
    ['7 d', /^(\d{4}-\d\d-\d\d|\d\d:\d\d)$/, 7 * 24 * HOUR],
    ['30 d', /^(\d{4}-\d\d-\d\d|\d\d:\d\d)$/, 30 * 24 * HOUR],
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('button', { name: button, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.locator('.lc [role="status"]').filter({ hasText: 'Loading' })).toHaveCount(0);
    const labels = (await ticks(page)).filter((t) => t !== '');
    expect(labels.length, button).toBeGreaterThan(1);
    for (const label of labels) expect(label, `${button}: ${labels.join(' | ')}`).toMatch(pattern);
    // The axis spans exactly the button's window, however little data there
    // is (1 h is not the 3 minutes that have pings; 7 d does not span years).
    await expect(follow, button).toHaveAttribute('data-span-ms', String(span));
  }
  // The axis ends now whatever the data: the end is a full date and time.
  await expect(follow).toHaveAttribute('data-ends-at', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

  // Zoom: drag across the plot. Following stops, says so, and comes back.
  await page.getByRole('button', { name: '15 m', exact: true }).click();
  const plot = page.locator('.u-over');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (!box) throw new Error('no plot area');
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(follow).toHaveAttribute('data-following', 'no');
  await expect(follow).toContainText('Zoomed in: not following new pings.');
  // "Zoomed in" shows at once, while the zoomed window loads (in the same render as "Loading"):
  // its end is the one to hold once it has arrived.
  await expect(page.locator('.lc [role="status"]').filter({ hasText: 'Loading' })).toHaveCount(0);
  const zoomedEnd = await follow.getAttribute('data-ends-at');
  // New pings keep coming while zoomed (two pushed to the page after the
  // zoom), and the axis still ends where the zoom put it.
  const pingsPushed = (): number =>
    frames.received.filter((f) => f.includes('"event:delta"') && f.includes('"pings"')).length;
  const seen = pingsPushed();
  await expect.poll(pingsPushed, { timeout: 15_000 }).toBeGreaterThanOrEqual(seen + 2);
  await nextFrames(page);
  await expect(follow).toHaveAttribute('data-ends-at', zoomedEnd ?? '');
  await follow.getByRole('button', { name: 'Back to live' }).click();
  await expect(follow).toHaveAttribute('data-following', 'yes');
  await expect(follow).not.toHaveAttribute('data-ends-at', zoomedEnd ?? '', { timeout: 10_000 });
});

test('the timeline filters on the engine and shows absolute times with the exact one on hover', async ({
  page,
  app,
}) => {
  await openLatency(page, app);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const events = page.getByTestId('timeline-event');
  await expect(events.first()).toBeVisible({ timeout: 15_000 });
  const time = events.first().locator('time');
  await expect(time).toHaveText(/^(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d$/);
  await expect(time).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(.+\)$/);

  await page.getByTestId('timeline-filter').selectOption('connection');
  await expect(events.first()).toContainText('connection');
  for (const kind of await events.locator('.tl-kind').allTextContents())
    expect(kind).toBe('connection');
  await page.getByTestId('timeline-filter').selectOption('problems');
  // The Demo is healthy: nothing of that kind, and the words say so, not "nothing has happened".
  await expect(page.getByTestId('timeline-empty')).toHaveText(
    'Nothing has happened yet in this view.',
  );
  await expect(events).toHaveCount(0);
});
