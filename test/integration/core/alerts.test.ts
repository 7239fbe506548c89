/**
 * Alerts end to end: simulator shard table → gateway → shard tracker → alert
 * engine → incidents, deltas and notifications. The simulator pushes shard
 * snapshots only when a test says so (`shardInfoIntervalMs: 0`), so each
 * test knows exactly which samples the debounced rules saw.
 */
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incident-model';
import {
  createProfile,
  profileFor,
  pushSnapshot,
  startCore,
  startSim,
  unwrap,
  utcHm,
  waitFor,
  waitForStatus,
} from './helpers';
import type { CoreFixture } from './helpers';
import { defaultAlertSettings } from '../../../shared/profile-validation';

async function incidents(f: CoreFixture, profileId: string): Promise<Incident[]> {
  return unwrap(await f.core.api['query:incidents'](profileId, 100));
}

/** Every incident version pushed in deltas, oldest first. */
function pushedIncidents(f: CoreFixture): Incident[] {
  return f.deltas.flatMap((d) => d.incidents ?? []);
}

describe('alerts through the core', () => {
  it('a shard toggling up and down raises one damped "flapping" incident, not shards-down churn', async () => {
    const sim = await startSim({ shardCount: 4, shardInfoIntervalMs: 0 });
    const f = await startCore();
    // Four reconnects within a minute are also a restart loop (3 in 15 min), an analysis
    // judged on the core's tick: whether a tick falls inside the toggles depends on the
    // machine's speed, so this test of shards-down against flapping leaves that rule off
    // (restart loops have their own tests in analytics/restart-budget.test.ts).
    const p = await createProfile(
      f.core,
      profileFor(sim, {
        name: 'Flappy',
        alerts: { ...defaultAlertSettings(), restartLoops: false },
      }),
    );
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready' && s.shards.up === 4);

    for (let i = 0; i < 8; i++) {
      sim.setShard(2, { disconnected: i % 2 === 0 });
      await pushSnapshot(f.core, sim, p.id);
    }

    const list = await incidents(f, p.id);
    expect(list.map((i) => i.rule)).toEqual(['shard-flapping']);
    expect(list[0]).toMatchObject({ title: 'shard 2 flapping', shardIds: [2], clearedAt: null });
    expect(f.notifier.notifications).toHaveLength(1);
    expect(f.notifier.notifications[0]?.title).toContain('shard 2 flapping');
    // No shards-down incident was ever opened and closed on the way.
    expect(pushedIncidents(f).filter((i) => i.rule === 'shards-down')).toEqual([]);
    const st = await waitForStatus(
      f.core,
      p.id,
      'open incident counted',
      (s) => s.openIncidents === 1,
    );
    expect(st.openIncidents).toBe(1);
  });

  it('37 of 128 shards going down over a few snapshots is one grouped incident; recovery closes it', async () => {
    const sim = await startSim({ shardCount: 128, shardInfoIntervalMs: 0 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Big bot', shardTotal: 128 }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready' && s.shards.up === 128);

    // The outage spreads: 5, then 12, 25 and finally 37 shards (every third-ish id).
    const downIds = Array.from({ length: 37 }, (_, k) => (k * 7) % 128);
    for (const count of [5, 12, 25, 37, 37]) {
      for (const id of downIds.slice(0, count)) sim.setShard(id, { disconnected: true });
      await pushSnapshot(f.core, sim, p.id);
    }

    const open = await incidents(f, p.id);
    expect(open).toHaveLength(1);
    const [incident] = open;
    expect(incident).toMatchObject({
      rule: 'shards-down',
      title: '37 of 128 shards down',
      severity: 'warning',
      clearedAt: null,
    });
    expect(incident?.shardIds).toEqual([...downIds].sort((a, b) => a - b));
    expect(f.notifier.notifications.length).toBeGreaterThanOrEqual(1);
    expect(f.notifier.notifications.length).toBeLessThanOrEqual(2);
    expect(f.notifier.notifications.every((n) => n.incidentId === incident?.id)).toBe(true);
    const during = await waitForStatus(f.core, p.id, 'down count', (s) => s.shards.down === 37);
    expect(during.openIncidents).toBe(1);
    await waitFor('the tray to count the down shards', () => f.core.tray().downCount > 0);

    for (const id of downIds) sim.setShard(id, { disconnected: false });
    for (let i = 0; i < 3; i++) await pushSnapshot(f.core, sim, p.id);

    const after = await incidents(f, p.id);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(incident?.id);
    expect(after[0]?.clearedAt).toEqual(expect.any(Number));
    // Recovery closes quietly.
    expect(f.notifier.notifications.length).toBeLessThanOrEqual(2);
    await waitForStatus(f.core, p.id, 'no open incident', (s) => s.openIncidents === 0);
    // The renderer hears about the close too (with the next coalesced delta).
    await waitFor('the close to be pushed', () => {
      const last = pushedIncidents(f)
        .filter((i) => i.id === incident?.id)
        .at(-1);
      return last?.clearedAt !== null && last?.clearedAt !== undefined;
    });
  });

  it('quiet hours hold the notification back; more than half the shards down bypasses them once, as critical', async () => {
    const sim = await startSim({ shardCount: 4, shardInfoIntervalMs: 0 });
    const f = await startCore();
    const now = Date.now();
    const p = await createProfile(
      f.core,
      profileFor(sim, {
        name: 'Night bot',
        alerts: {
          ...profileFor(sim).alerts,
          quietHours: {
            enabled: true,
            start: utcHm(now - 60 * 60_000),
            end: utcHm(now + 60 * 60_000),
            timeZone: 'UTC',
          },
        },
      }),
    );
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready' && s.shards.up === 4);

    sim.setShard(1, { disconnected: true });
    for (let i = 0; i < 3; i++) await pushSnapshot(f.core, sim, p.id);
    const [quiet] = await incidents(f, p.id);
    expect(quiet).toMatchObject({
      rule: 'shards-down',
      title: '1 of 4 shards down',
      suppressed: true,
    });
    expect(f.notifier.notifications).toEqual([]);

    sim.setShard(2, { disconnected: true });
    sim.setShard(3, { disconnected: true });
    await pushSnapshot(f.core, sim, p.id);
    await pushSnapshot(f.core, sim, p.id);

    expect(f.notifier.notifications).toHaveLength(1);
    const [n] = f.notifier.notifications;
    expect(n?.severity).toBe('critical');
    expect(n?.title).toContain('3 shards down, shards 1–3');
    expect(n?.body).toContain('bypassed quiet hours');
    const [loud] = await incidents(f, p.id);
    expect(loud).toMatchObject({ id: quiet?.id, severity: 'critical', suppressed: false });
  });
});
