/**
 * The restart budget end to end: the simulator's restart loop (one shard
 * restarting with a new shard_hash every 20 s) through a real core. The
 * budget alerts with its forecast long before the daily limit is used up,
 * the loop is an incident of its own, and the looping shard is named in the
 * status the grid paints from.
 */
import { describe, expect, it } from 'vitest';
import { inRanges } from '../../../../shared/analytics';
import { unwrap } from '../helpers';
import { incidentsOf, startScenario } from './scenario-run';

describe('a restart loop', () => {
  it('alerts on the budget before the limit, with a forecast, and is an incident of its own', async () => {
    const r = await startScenario('restart-loop', {
      options: { shardId: 2, startAfterMs: 5000, restartEveryMs: 20_000 },
      profile: { dailySessionLimit: 10 },
    });
    // Restarts at 5 s and 25 s: two of ten, but at that pace the rest is gone within the hour.
    await r.run(30_000);
    const [budgetAlert, ...rest] = await incidentsOf(r);
    expect(rest).toEqual([]);
    expect(budgetAlert).toMatchObject({
      rule: 'restart-budget',
      title: '2 of 10 daily session starts used',
      severity: 'critical',
    });
    expect(budgetAlert?.body).toContain('the limit is reached in 40 min');
    expect((await r.status()).findings?.restartLoop).toEqual([]);

    // The third restart within 15 minutes (at 45 s) makes it a loop.
    await r.run(20_000);
    const loop = (await incidentsOf(r)).find((i) => i.rule === 'restart-loop');
    expect(loop).toMatchObject({
      title: 'shard 2 in a restart loop (3 restarts in 15 min)',
      shardIds: [2],
      severity: 'warning',
      clearedAt: null,
    });
    const status = await r.status();
    expect(inRanges(status.findings?.restartLoop ?? [], 2)).toBe(true);
    expect(inRanges(status.findings?.restartLoop ?? [], 3)).toBe(false);
    expect(unwrap(await r.core.api['query:restart-budget'](r.profileId))).toMatchObject({
      used: 3,
      limit: 10,
      remaining: 7,
      loops: [expect.objectContaining({ shardId: 2, count: 3 })],
    });

    // The tenth restart (at 185 s) uses the limit up: the same incident says so.
    await r.run(140_000);
    const budget = unwrap(await r.core.api['query:restart-budget'](r.profileId));
    expect(budget).toMatchObject({ used: 10, remaining: 0, level: 'exhausted' });
    const exhausted = (await incidentsOf(r)).filter((i) => i.rule === 'restart-budget');
    expect(exhausted).toEqual([
      expect.objectContaining({
        id: budgetAlert?.id,
        title: 'daily session-start limit reached (10 of 10)',
        clearedAt: null,
      }),
    ]);
    expect(budgetAlert?.openedAt).toBeLessThan(r.startedAt + 185_000);
  }, 60_000);
});
