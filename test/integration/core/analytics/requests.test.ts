/**
 * The analytics requests through a real core: what they say about things
 * that do not exist or make no sense, the restart budget surviving a
 * restart of Shardwatch (it is read back from the shard history), and the
 * heatmap showing no data while a profile is paused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heatState, rowStateAt } from '../../../../shared/shard-heatmap';
import { createMemoryCipher } from '../../../../electron/core/profiles/secret-cipher';
import { errorOf, tempDir, unwrap } from '../helpers';
import { heatmapOf, startScenario } from './scenario-run';

describe('analytics requests', () => {
  it('say what is wrong with a request that cannot be answered', async () => {
    const r = await startScenario('one-way-shard', { shards: 4 });
    const now = r.clock.wallNow();
    expect(errorOf(await r.core.api['query:restart-budget']('no-such-profile'))).toMatchObject({
      code: 'not-found',
    });
    expect(errorOf(await r.core.api['query:recurring-trouble']('nope')).code).toBe('not-found');
    expect(errorOf(await r.core.api['command:export-incident-report']('no-such-incident'))).toEqual(
      {
        code: 'not-found',
        message: 'That incident is no longer kept, so there is nothing to export.',
      },
    );
    // The contract's validator refuses a window over 40 days before the core sees it.
    const tooLong = await r.core.handle('query:shard-heatmap', [
      { profileId: r.profileId, from: now - 41 * 86_400_000, to: now, shardLo: 0, shardCount: 4 },
    ]);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(
      errorOf(
        await r.core.api['query:shard-heatmap']({
          profileId: 'nope',
          from: now - 1000,
          to: now,
          shardLo: 0,
          shardCount: 1,
        }),
      ).code,
    ).toBe('not-found');
  });

  it('keep the restart budget across a restart of Shardwatch', async () => {
    const dataDir = tempDir();
    const cipher = createMemoryCipher();
    const historyFile = join(dataDir, 'history.sqlite');
    const first = await startScenario('restart-loop', {
      dataDir,
      historyFile,
      cipher,
      shards: 4,
      options: { shardId: 1, startAfterMs: 2000, restartEveryMs: 10_000 },
    });
    await first.run(35_000);
    const before = unwrap(await first.core.api['query:restart-budget'](first.profileId));
    expect(before.used).toBe(4);
    await first.stop();

    const calm = await startScenario('steady', {
      dataDir,
      historyFile,
      cipher,
      shards: 4,
      profileId: first.profileId,
      startWall: first.clock.wallNow() + 60_000,
    });
    const after = unwrap(await calm.core.api['query:restart-budget'](calm.profileId));
    expect(after).toMatchObject({ used: 4, loops: [expect.objectContaining({ shardId: 1 })] });
    expect(after.since).toBeLessThanOrEqual(first.startedAt);
  });

  it('show no data in the heatmap while a profile is paused', async () => {
    const r = await startScenario('one-way-shard', {
      shards: 4,
      options: { startAfterMs: 3_600_000 },
    });
    await r.run(3000);
    const profile = unwrap(await r.core.api['command:set-profile-enabled'](r.profileId, false));
    expect(profile.enabled).toBe(false);
    const pausedAt = r.clock.wallNow();
    r.clock.advance(5000);
    const slice = await heatmapOf(r, 4);
    for (let row = 0; row < 4; row++) {
      expect(heatState(rowStateAt(slice, row, pausedAt - 1000))).toBe('up');
      expect(heatState(rowStateAt(slice, row, pausedAt + 2000))).toBe('no-data');
    }
  });
});
