/**
 * Alert delivery through the whole core: a simulated outage reaches a Discord
 * receiver and a webhook receiver within the profile's alert rules and comes
 * back as a recovery; a maintenance window keeps everyone quiet while the
 * incident is still recorded; uptime and outage history come from what was
 * recorded.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/alerting';
import { startReceiver } from '../../support/http-receiver';
import { channelInputFor } from '../../support/channel-input';
import { createWallJumpClock } from '../../support/fake-clock';
import {
  createProfile,
  profileFor,
  pushSnapshot,
  startCore,
  startSim,
  statusOf,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';

const DAY = 86_400_000;

function channel(kind: 'discord' | 'webhook', url: string): ChannelInput {
  return channelInputFor(kind, url, {
    name: kind === 'discord' ? 'Ops Discord' : 'Pager hook',
    routing: { profileIds: null, minSeverity: 'warning' },
    signingSecret: kind === 'webhook' ? 'a-signing-secret-of-some-length' : null,
  });
}

describe('alerts reach people through channels', () => {
  it('an outage reaches Discord and a webhook, then a recovery with its duration', async () => {
    const discord = await startReceiver();
    const hook = await startReceiver();
    const sim = await startSim({ shardCount: 8, shardInfoIntervalMs: 0 });
    const f = await startCore();
    try {
      unwrap(
        await f.core.api['command:save-channel'](
          null,
          channel('discord', discord.url('/api/webhooks/1/secret-token-xyz')),
        ),
      );
      unwrap(await f.core.api['command:save-channel'](null, channel('webhook', hook.url('/in'))));
      const p = await createProfile(
        f.core,
        profileFor(sim, {
          name: 'Big bot',
          // Shards only: a first connect slower than two checks (a loaded machine) would
          // otherwise raise and clear "connection lost" in the middle of this story.
          alerts: {
            ...profileFor(sim).alerts,
            raiseAfter: 2,
            clearAfter: 2,
            connectionLost: false,
          },
        }),
      );
      await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready' && s.shards.up === 8);

      for (const id of [1, 2, 3]) sim.setShard(id, { disconnected: true });
      await pushSnapshot(f.core, sim, p.id);
      expect(discord.requests).toHaveLength(0);
      await pushSnapshot(f.core, sim, p.id);
      await discord.waitFor(1);
      await hook.waitFor(1);
      const embed = (discord.requests[0]?.json as { embeds: Array<Record<string, unknown>> })
        .embeds[0];
      expect(embed).toMatchObject({ title: 'Big bot: 3 shards down, shards 1–3', color: 0xe0a100 });
      expect(hook.requests[0]?.json).toMatchObject({
        kind: 'open',
        profile: { id: p.id, name: 'Big bot' },
      });

      for (const id of [1, 2, 3]) sim.setShard(id, { disconnected: false });
      await pushSnapshot(f.core, sim, p.id);
      await pushSnapshot(f.core, sim, p.id);
      await discord.waitFor(2);
      await hook.waitFor(2);
      expect(
        (discord.requests[1]?.json as { embeds: Array<{ title: string; description: string }> })
          .embeds[0],
      ).toMatchObject({
        title: 'Big bot: recovered: 3 shards down, shards 1–3',
        description: expect.stringMatching(/^Recovered after \d+ s \(open since \d\d:\d\d\)\.$/),
      });
      expect(hook.requests[1]?.json).toMatchObject({ kind: 'recovery', recovered: true });

      const log = await waitFor('four deliveries logged', async () => {
        const l = unwrap(await f.core.api['query:delivery-log'](null, 10));
        return l.length >= 4 ? l : undefined;
      });
      expect(log.map((e) => e.outcome)).toEqual([
        'delivered',
        'delivered',
        'delivered',
        'delivered',
      ]);
      const channels = unwrap(await f.core.api['query:channels']());
      expect(channels.channels.map((c) => [c.host, c.hasUrl, c.queued])).toEqual([
        [`127.0.0.1:${discord.port}`, true, 0],
        [`127.0.0.1:${hook.port}`, true, 0],
      ]);
      expect(JSON.stringify(channels)).not.toContain('secret-token-xyz');

      const outages = unwrap(await f.core.api['query:outages'](p.id, 10));
      expect(outages).toHaveLength(1);
      expect(outages[0]).toMatchObject({
        title: '3 shards down, shards 1–3',
        acknowledgedAt: null,
      });
      expect(outages[0]?.durationMs).toBeGreaterThanOrEqual(0);
    } finally {
      await discord.close();
      await hook.close();
    }
  });

  it('a maintenance window records the incident but tells nobody', async () => {
    const hook = await startReceiver();
    const sim = await startSim({ shardCount: 4, shardInfoIntervalMs: 0 });
    const clock = createWallJumpClock();
    const f = await startCore({ clock });
    try {
      unwrap(await f.core.api['command:save-channel'](null, channel('webhook', hook.url('/in'))));
      const p = await createProfile(
        f.core,
        profileFor(sim, {
          alerts: { ...profileFor(sim).alerts, raiseAfter: 1, clearAfter: 1 },
          // A loaded machine must not make this connection drop: the uptime below counts it.
          pingTimeoutMs: 60_000,
          lostPingsToDead: 20,
        }),
      );
      await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready' && s.shards.up === 4);
      // The handshake that started monitoring counts neither way: a fresh profile is at 100 %.
      const [fresh] = unwrap(await f.core.api['query:uptime'](p.id));
      expect(fresh?.figures[0]).toMatchObject({ window: '24h', pct: 100, downMs: 0 });
      // (With raiseAfter 1 the first connect may raise and clear connection-lost; not this test's point.)
      f.notifier.clear();
      const paused = unwrap(await f.core.api['command:pause-profile-alerts'](p.id, '1h'));
      expect(paused.active).toEqual([
        expect.objectContaining({ profileId: p.id, name: 'Alerts paused for 1 h' }),
      ]);
      await waitFor('the window to be pushed', () =>
        f.deltas.some((d) => (d.alerting?.maintenance?.active.length ?? 0) > 0),
      );

      sim.setShard(2, { disconnected: true });
      await pushSnapshot(f.core, sim, p.id);
      const [inc] = unwrap(await f.core.api['query:incidents'](p.id, 10));
      expect(inc).toMatchObject({ title: '1 of 4 shards down', suppressed: true, clearedAt: null });
      expect(f.notifier.notifications).toEqual([]);

      sim.setShard(2, { disconnected: false });
      await pushSnapshot(f.core, sim, p.id);
      unwrap(await f.core.api['command:pause-profile-alerts'](p.id, null));
      await pushSnapshot(f.core, sim, p.id);
      const shardMessages = hook.requests.filter(
        (q) => (q.json as { incident: { rule: string } | null }).incident?.rule === 'shards-down',
      );
      expect(shardMessages).toEqual([]);
      expect(f.notifier.notifications.map((n) => n.title)).toEqual([]);
      // Twenty days later (the connection stayed up, window or not): every window is all up.
      expect((await statusOf(f.core, p.id))?.state).toBe('ready');
      clock.jumpWall(20 * DAY);
      const [uptime] = unwrap(await f.core.api['query:uptime'](p.id));
      expect(uptime?.figures.map((x) => x.window)).toEqual(['24h', '7d', '30d', '1y']);
      expect(uptime?.figures[0]).toEqual({
        window: '24h',
        pct: 100,
        monitoredMs: DAY,
        downMs: 0,
        since: null,
      });
      expect(uptime?.figures[1]).toEqual({
        window: '7d',
        pct: 100,
        monitoredMs: 7 * DAY,
        downMs: 0,
        since: null,
      });
      const month = uptime?.figures[2];
      expect(month?.monitoredMs).toBeGreaterThan(20 * DAY);
      expect(month?.downMs).toBe(0);
      expect(uptime?.figures[3]?.downMs).toBe(0);
    } finally {
      await hook.close();
    }
  });

  it('acknowledging a closed incident works, and time to acknowledge is reported', async () => {
    const sim = await startSim({ shardCount: 2, shardInfoIntervalMs: 0 });
    const f = await startCore();
    const p = await createProfile(
      f.core,
      profileFor(sim, { alerts: { ...profileFor(sim).alerts, raiseAfter: 1, clearAfter: 1 } }),
    );
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');
    sim.setShard(1, { disconnected: true });
    await pushSnapshot(f.core, sim, p.id);
    sim.setShard(1, { disconnected: false });
    await pushSnapshot(f.core, sim, p.id);
    const [closed] = unwrap(await f.core.api['query:incidents'](p.id, 10));
    expect(closed?.clearedAt).not.toBeNull();
    const acked = unwrap(await f.core.api['command:ack-incident'](closed?.id ?? ''));
    expect(acked.acknowledged).toBe(true);
    const [entry] = unwrap(await f.core.api['query:outages'](p.id, 10));
    expect(entry?.acknowledgedAt).toEqual(expect.any(Number));
    expect(entry?.timeToAckMs).toBeGreaterThanOrEqual(0);
  });
});
