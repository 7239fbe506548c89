/**
 * Rolling restarts end to end: the simulator restarts 16 shards one after
 * another in id order (a deploy), and one of them does not come back.
 * Through a real core the user gets no alert for the shards that come
 * back, one for the shard that does not once it is overdue, and the
 * timeline shows the deploy as one event.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../helpers';
import { incidentsOf, startScenario } from './scenario-run';

describe('a rolling restart', () => {
  it('holds the alerts of the shards that come back and sums the deploy up once', async () => {
    const r = await startScenario('rolling-restart', {
      options: { startAfterMs: 5000, stepMs: 10_000, downMs: 1500, stuckShard: 9 },
      profile: { name: 'Deploy bot' },
    });
    // Every shard has gone down by 155 s; shard 9 (down at 95 s) is still held.
    await r.run(200_000);
    expect(await incidentsOf(r)).toEqual([]);

    // Five minutes after it went down, shard 9 is overdue: its own alert goes ahead.
    await r.run(220_000);
    const incidents = await incidentsOf(r);
    expect(incidents).toEqual([
      expect.objectContaining({ rule: 'shards-down', shardIds: [9], clearedAt: null }),
    ]);
    expect(r.fixture.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Deploy bot: 1 of 16 shards down',
    ]);

    const timeline = unwrap(
      await r.core.api['query:timeline']({ profileId: r.profileId, limit: 1000 }),
    ).events;
    const deploys = timeline.filter((e) => e.kind === 'deploy');
    expect(deploys).toHaveLength(1);
    expect(deploys[0]?.text).toMatch(
      /^Rolling restart: 16 shards \(0–15\) restarted in ascending order over \d+ min; 1 not back within 5 min: 9\.$/,
    );
    // The 15 shards that came back restarted once each: 15 session starts.
    expect(unwrap(await r.core.api['query:restart-budget'](r.profileId)).used).toBe(15);
  }, 90_000);
});
