/**
 * The Demo shows the analytics calmly: its rolling restart (every shard
 * restarting one after another) raises nothing and leaves one deploy entry
 * in the timeline, on a fake clock through a real core.
 */
import { describe, expect, it } from 'vitest';
import { startDemoGateway } from '../../../../electron/sim/demo';
import { createFakeClock } from '../../../support/fake-clock';
import { startCore, unwrap, waitFor } from '../helpers';
import { stepper } from './scenario-run';

describe('the Demo', () => {
  it('restarts its shards one after another now and then without any alert, as one timeline entry', async () => {
    const clock = createFakeClock();
    const f = await startCore({
      clock,
      startDemo: () =>
        // Events every 200.5 s: the first (a one-shard outage) is over in 1 ms, between
        // two snapshots, so the rolling restart is all that shows.
        startDemoGateway({ clock, shardCount: 8, outageEveryMs: 200_500, outageMs: 1 }),
    });
    const demo = await waitFor('the Demo profile', async () =>
      unwrap(await f.core.api['query:snapshot']()).profiles.find((p) => p.demo),
    );
    // Pings on a fake clock are answered a step late: no latency or loss alerts here.
    unwrap(
      await f.core.api['command:update-profile'](demo.id, {
        ...demo,
        alerts: { ...demo.alerts, latencyP95Ms: 0, lossPct: 0 },
      }),
    );
    const s = await stepper(f.core, clock, demo.id);
    // The rolling restart from 401 s (8 shards, 10 s apart) is over once no shard went down for two minutes.
    await s.run(600_000);
    expect(unwrap(await f.core.api['query:incidents'](demo.id, 10))).toEqual([]);
    const timeline = unwrap(
      await f.core.api['query:timeline']({ profileId: demo.id, limit: 1000 }),
    ).events;
    expect(timeline.filter((e) => e.kind === 'deploy').map((e) => e.text)).toEqual([
      expect.stringMatching(
        /^Rolling restart: 8 shards \(0–7\) restarted in ascending order over 1\.?\d* min; all came back\.$/,
      ),
    ]);
    expect(timeline.filter((e) => e.kind === 'shard-restart')).toHaveLength(8);
  }, 90_000);
});
