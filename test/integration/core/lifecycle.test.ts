/**
 * What the user does to profiles — edit, disable, delete, pause everything,
 * test a connection — seen from the gateway's side (the simulator's
 * counters) and from the UI's side (status and incidents).
 */
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_REFUSED, WAITING_FOR_BOT } from '../../../shared/connection-text';
import type { ProfileInput, ProfileView } from '../../../shared/profile-model';
import { pickProfileFields } from '../../../electron/core/profiles/stored-file';
import { createFakeClock } from '../../support/fake-clock';
import {
  createProfile,
  errorOf,
  profileFor,
  pushSnapshot,
  startCore,
  startSim,
  statusOf,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';

/** The editable form of a saved profile, secrets untouched. */
function formOf(p: ProfileView): ProfileInput {
  return { ...pickProfileFields({ ...p }) };
}

describe('profile life cycle', () => {
  it('editing the URL moves the connection to the new gateway', async () => {
    const simA = await startSim({ shardCount: 2 });
    const simB = await startSim({ shardCount: 3 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(simA, { name: 'Mover' }));
    await waitForStatus(f.core, p.id, 'ready on A', (s) => s.state === 'ready');

    // A new address needs the secrets again (they are bound to the address they were saved for).
    const kept = await f.core.api['command:update-profile'](p.id, { ...formOf(p), url: simB.url });
    expect(!kept.ok && kept.error.fieldErrors?.secret).toMatch(/gateway address changed/);
    unwrap(
      await f.core.api['command:update-profile'](p.id, {
        ...formOf(p),
        url: simB.url,
        publicKey: simB.credentials.publicKey,
        secret: simB.credentials.secret,
      }),
    );
    await waitForStatus(
      f.core,
      p.id,
      'ready on B',
      (s) => s.state === 'ready' && s.shards.reported === 3,
    );
    expect(simB.stats().registers).toBe(1);
    await waitFor('A to lose its client', () => simA.stats().connectionsOpen === 0);
  });

  it('renaming a profile or changing its alert settings keeps the connection and the latency figures', async () => {
    const sim = await startSim({ shardCount: 2 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Steady' }));
    await waitForStatus(f.core, p.id, 'ready with pings', (s) => s.latency['1m'].count >= 2, 6000);
    const connections = sim.stats().connectionsTotal;

    const renamed = unwrap(
      await f.core.api['command:update-profile'](p.id, {
        ...formOf(p),
        name: 'Steady (renamed)',
        alerts: { ...p.alerts, latencyP95Ms: 900 },
      }),
    );
    expect(renamed.name).toBe('Steady (renamed)');
    // A ping that reaches the gateway after the change: had the connection
    // been replaced, the new one would have been counted before it.
    const pingsAfter = sim.stats().pingsReceived;
    await waitFor('a ping after the change', () => sim.stats().pingsReceived > pingsAfter);
    const st = await statusOf(f.core, p.id);
    expect(st?.state).toBe('ready');
    expect(st?.latency['1m'].count).toBeGreaterThanOrEqual(2);
    expect(sim.stats().connectionsTotal).toBe(connections);

    // A new secret does need a new connection (this simulator accepts any identification).
    unwrap(
      await f.core.api['command:update-profile'](p.id, {
        ...formOf(renamed),
        secret: 'a-rotated-secret',
      }),
    );
    await waitFor('a new connection', () => sim.stats().connectionsTotal > connections);
    await waitForStatus(f.core, p.id, 'ready again', (s) => s.state === 'ready');
  });

  it('Connect on a paused profile (as an import leaves it) un-pauses it: never "Paused" while connected', async () => {
    const sim = await startSim({ shardCount: 2 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Imported', enabled: false }));
    await waitForStatus(f.core, p.id, 'paused', (s) => s.problem === 'paused');

    unwrap(await f.core.api['command:connect'](p.id));
    const st = await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');
    expect(st.problem).toBeNull();
    const snap = unwrap(await f.core.api['query:snapshot']());
    expect(snap.profiles.find((x) => x.id === p.id)?.enabled).toBe(true);

    // With everything paused, Connect says why instead of connecting under "Paused".
    unwrap(await f.core.api['command:pause-all'](true));
    const refused = errorOf(await f.core.api['command:connect'](p.id));
    expect(refused.message).toContain('Resume monitoring');
    expect((await statusOf(f.core, p.id))?.problem).toBe('paused');
  });

  it('disabling closes the connection and its incidents; enabling reconnects', async () => {
    const sim = await startSim({ shardCount: 4, shardInfoIntervalMs: 0 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Switch' }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready' && s.shards.up === 4);
    sim.setShard(0, { disconnected: true });
    for (let i = 0; i < 3; i++) await pushSnapshot(f.core, sim, p.id);
    await waitForStatus(f.core, p.id, 'an open incident', (s) => s.openIncidents === 1);

    unwrap(await f.core.api['command:set-profile-enabled'](p.id, false));
    const off = await waitForStatus(f.core, p.id, 'closed', (s) => s.state === 'closed');
    expect(off.problem).toBe('paused');
    expect(off.detail).toBe('This profile is paused.');
    await waitFor('the gateway to lose its client', () => sim.stats().connectionsOpen === 0);
    // Nothing is watching any more, so nothing stays red.
    await waitForStatus(f.core, p.id, 'no open incident', (s) => s.openIncidents === 0);
    await waitFor('the tray to stop showing it', () => f.core.tray().state !== 'down');

    unwrap(await f.core.api['command:set-profile-enabled'](p.id, true));
    await waitForStatus(f.core, p.id, 'ready again', (s) => s.state === 'ready');
  });

  it('deleting removes the status, the shards and the connection', async () => {
    const sim = await startSim({ shardCount: 2 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim, { name: 'Doomed' }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');

    unwrap(await f.core.api['command:delete-profile'](p.id));
    const snap = unwrap(await f.core.api['query:snapshot']());
    expect(snap.profiles).toEqual([]);
    expect(snap.status[p.id]).toBeUndefined();
    expect(errorOf(await f.core.api['query:shards'](p.id)).code).toBe('not-found');
    await waitFor('the gateway to lose its client', () => sim.stats().connectionsOpen === 0);
    await waitFor('the profile list to be pushed', () =>
      f.deltas.some((d) => d.profiles !== undefined && d.profiles.length === 0),
    );
  });

  it('pause-all stops the pings; resuming starts them again', async () => {
    const sim = await startSim({ shardCount: 2 });
    // The core's timers run on a fake clock: a reconnect or a ping while
    // paused could only start from one of them, so advancing it settles
    // "nothing was tried" at once.
    const clock = createFakeClock();
    const f = await startCore({ clock });
    const p = await createProfile(f.core, profileFor(sim, { name: 'Pausable' }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');

    const state = unwrap(await f.core.api['command:pause-all'](true));
    expect(state.paused).toBe(true);
    await waitFor('the gateway to lose its client', () => sim.stats().connectionsOpen === 0);
    const pings = sim.stats().pingsReceived;
    const paused = await statusOf(f.core, p.id);
    expect(paused?.problem).toBe('paused');
    // An attempt shows as "connecting" the moment its timer fires.
    clock.advance(10 * 60_000);
    const after = await statusOf(f.core, p.id);
    expect(after?.state).toBe(paused?.state);
    expect(after?.problem).toBe('paused');
    expect(sim.stats().pingsReceived).toBe(pings);
    expect(f.core.tray().state).toBe('snoozed');
    expect(f.core.tray().tooltip).toContain('monitoring paused');

    unwrap(await f.core.api['command:pause-all'](false));
    await waitForStatus(f.core, p.id, 'ready again', (s) => s.state === 'ready');
    await waitFor('pings again', () => sim.stats().pingsReceived > pings);
  });

  it('test connection: never registers; every step ok for a good profile, waiting when the bot has not registered, the auth step failed for wrong 0.2.2 credentials', async () => {
    const sim = await startSim({ shardCount: 3 });
    const sim022 = await startSim({ dialect: 'http-interaction-0.2.2' });
    const fresh022 = await startSim({ dialect: 'http-interaction-0.2.2', botRegistered: false });
    const f = await startCore();
    // Even a profile in register mode is tested by pinging only.
    const p = await createProfile(f.core, profileFor(sim, { name: 'Testable', enabled: false }));
    expect(p.monitorMode).toBe('register');

    const good = unwrap(await f.core.api['command:test-connection']({ profileId: p.id }));
    expect(good).toMatchObject({ ok: true, waitingForBot: false, error: null });
    expect(good.steps.map((s) => [s.step, s.ok])).toEqual([
      ['reach', true],
      ['upgrade', true],
      ['hello', true],
      ['auth', true],
      ['ready', null],
      ['first-ping', true],
    ]);
    expect(good.steps.find((s) => s.step === 'ready')?.detail).toMatch(/never registers/);
    expect(sim.stats().registers).toBe(0);

    const waiting = unwrap(
      await f.core.api['command:test-connection']({
        input: profileFor(fresh022, { name: 'Fresh' }),
      }),
    );
    expect(waiting).toMatchObject({ ok: false, waitingForBot: true, error: WAITING_FOR_BOT });
    expect(waiting.steps.find((s) => s.step === 'auth')?.ok).toBe(true);
    expect(fresh022.stats().registers).toBe(0);

    const bad = unwrap(
      await f.core.api['command:test-connection']({
        input: profileFor(sim022, { name: 'Wrong', secret: 'not-the-secret' }),
      }),
    );
    expect(bad.ok).toBe(false);
    const auth = bad.steps.find((s) => s.step === 'auth');
    expect(auth?.ok).toBe(false);
    expect(auth?.detail.startsWith(CREDENTIALS_REFUSED)).toBe(true);
    expect(bad.steps.find((s) => s.step === 'reach')?.ok).toBe(true);
    expect(bad.steps.find((s) => s.step === 'first-ping')?.ok).toBeNull();
    expect(sim022.stats().authRefused).toBe(1);
  });
});
