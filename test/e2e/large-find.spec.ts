/**
 * A big bot in browser mode: the first load arrives in pages and pushes in
 * chunks (docs/architecture.md §3.2, "Shard pushes"), every shard gets a
 * cell, "Find my shard" finds one by guild id, and when that shard goes down
 * on the gateway its details, its table row and the grid's words say so.
 * Timing goals live in the benchmarks; nothing here is timed.
 *
 * 20,000 and 50,000 shards (the 50,000-shard READY is 1.7 MiB even
 * zlib-compressed: it fits because of the profile's "Largest frame" setting,
 * 16 MiB by default).
 */
import { createSimulator } from '../../electron/sim';
import type { SimulatorHandle } from '../../electron/sim';
import { expect as baseExpect, test } from './fixtures';
import { addTunedProfile, removeDemoProfile } from './helpers';

/** Shard counts, and why one cannot run yet. */
const SIZES: Array<{ shards: number; blocked?: string }> = [{ shards: 20_000 }, { shards: 50_000 }];
/** A guild id from Discord's docs; its shard is computed below, not hard-coded. */
const GUILD_ID = '41771983423143937';

/** Generous waits: other suites may share the machine's CPUs. */
const expect = baseExpect.configure({ timeout: 60_000 });
let sims: SimulatorHandle[] = [];
test.afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  sims = [];
});

for (const { shards: SHARDS, blocked } of SIZES) {
  test(`${SHARDS.toLocaleString('en-US')}-shard profile: find a shard by guild id and see it go down`, async ({
    page,
    app,
  }) => {
    test.fixme(blocked !== undefined, blocked);
    test.setTimeout(300_000);
    const sim = await createSimulator({
      shardCount: SHARDS,
      // zlib keeps the snapshot under the frame limit.
      documentedOutput: 'zlib',
      shardInfoIntervalMs: 1000,
      scenario: 'steady',
      latencyMs: 2,
      jitterMs: 1,
    });
    sims.push(sim);

    await removeDemoProfile(page, app);
    await addTunedProfile(
      page,
      app,
      {
        name: `Giant bot ${SHARDS}`,
        url: sim.url,
        dialect: 'documented',
        botId: sim.credentials.botId,
        publicKey: sim.credentials.publicKey,
        secret: sim.credentials.secret,
        register: true,
      },
      { shardTotal: SHARDS },
    );
    await expect(page.getByTestId('detail-state')).toContainText('Connected');

    // Every shard arrived (in chunks) and is counted: none missing, 50,000 rows.
    const grid = page.getByRole('grid');
    await expect(grid).toHaveAttribute(
      'aria-label',
      new RegExp(`^Shard grid, ${SHARDS} shards\\.`),
    );
    const legend = page.getByRole('list', { name: 'Legend' });
    await expect(legend.locator('li.sg-k-missing .sg-num')).toHaveText('0');
    await expect(page.locator('.st-count')).toContainText(
      `${SHARDS.toLocaleString('en-US')} shards`,
    );

    // Find my shard: (guild_id >> 22) % shard_total, computed here independently.
    const shardId = Number((BigInt(GUILD_ID) >> 22n) % BigInt(SHARDS));
    await page.getByLabel('Find my shard — guild id').fill(GUILD_ID);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page.getByTestId('find-shard-result')).toContainText(
      `shard ${shardId} of ${SHARDS}`,
    );
    const details = page.getByTestId('shard-details');
    await expect(details.getByRole('heading', { name: `Shard ${shardId}` })).toBeVisible();
    const selectedRow = page.locator('tr[aria-selected="true"]');
    await expect(selectedRow.locator('td').first()).toHaveText(String(shardId));
    await expect(details.locator('dd.sd-up')).toBeVisible();
    await expect(selectedRow).toHaveClass(/\bst-up\b/);

    // The gateway reports it disconnected: the next push carries it, and only it changed.
    sim.setShard(shardId, { disconnected: true });
    await expect(details.locator('dd.sd-down')).toBeVisible();
    await expect(selectedRow).toHaveClass(/\bst-down\b/);
    await expect(page.getByTestId('grid-summary')).toHaveText(
      new RegExp(`^1 of ${SHARDS.toLocaleString('en-US')} shards down|^1 of ${SHARDS} shards down`),
    );

    // And back up.
    sim.setShard(shardId, { disconnected: false });
    await expect(details.locator('dd.sd-up')).toBeVisible();
    await expect(selectedRow).toHaveClass(/\bst-up\b/);
  });
}
