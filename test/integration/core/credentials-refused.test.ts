/**
 * Refused credentials as a user lives through them: the profile says it will
 * not retry and keeps that promise, however long it is left alone; pressing
 * Connect again refuses again without a second incident; the one open
 * incident can always be acknowledged, before and after a restart. Real
 * sockets to the simulator, every timer on a fake clock (moved only while no
 * connection attempt is in flight, so no handshake deadline races the socket).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incident-model';
import { createMemoryCipher } from '../../../electron/core/profiles/secret-cipher';
import { createFakeClock } from '../../support/fake-clock';
import type { CoreFixture } from './helpers';
import {
  createProfile,
  profileFor,
  startCore,
  startSim,
  statusOf,
  tempDir,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';

const MINUTE = 60_000;

async function openRefusals(f: CoreFixture, id: string): Promise<Incident[]> {
  const list = unwrap(await f.core.api['query:incidents'](id, 50));
  return list.filter((i) => i.rule === 'credentials-refused' && i.clearedAt === null);
}

describe('credentials refused', () => {
  it('no retry by itself, one open incident through Connect and a restart, always acknowledgeable', async () => {
    const sim = await startSim({ dialect: 'http-interaction-0.2.2' });
    const dataDir = tempDir();
    const historyFile = join(dataDir, 'history.sqlite');
    const clock = createFakeClock();
    // One key for both runs, as the system keychain would be.
    const cipher = createMemoryCipher();
    const f = await startCore({ clock, dataDir, historyFile, cipher });
    const p = await createProfile(f.core, profileFor(sim, { name: 'Refused', secret: 'wrong' }));
    const refused = await waitForStatus(f.core, p.id, 'refused', (s) => s.state === 'auth-refused');
    expect(refused.detail).toContain('does not retry');
    clock.advance(1000);
    const upgrades = sim.stats().connectionsTotal;
    expect(await openRefusals(f, p.id)).toHaveLength(1);

    // Left alone for ten times the longest reconnect backoff: no timer
    // reconnects it, and the status still says why.
    for (let i = 0; i < 10; i++) clock.advance(MINUTE);
    expect((await statusOf(f.core, p.id))?.state).toBe('auth-refused');
    expect(sim.stats().connectionsTotal).toBe(upgrades);

    // The user presses Connect twice: refused each time, still one open incident.
    for (let attempt = 1; attempt <= 2; attempt++) {
      unwrap(await f.core.api['command:connect'](p.id));
      await waitFor('another upgrade', () => sim.stats().connectionsTotal >= upgrades + attempt);
      await waitForStatus(f.core, p.id, 'refused again', (s) => s.state === 'auth-refused');
      clock.advance(1000);
      expect(await openRefusals(f, p.id)).toHaveLength(1);
    }
    const [open] = await openRefusals(f, p.id);
    if (!open) throw new Error('no open refusal');
    expect(unwrap(await f.core.api['command:ack-incident'](open.id)).acknowledged).toBe(true);
    // The count every screen shows is that one incident.
    expect((await statusOf(f.core, p.id))?.openIncidents).toBe(1);
    await f.dispose();

    // After a restart the gateway refuses again: the same incident goes on,
    // and every incident listed can be acknowledged.
    const again = await startCore({ clock, dataDir, historyFile, cipher });
    await waitForStatus(
      again.core,
      p.id,
      'refused after restart',
      (s) => s.state === 'auth-refused',
    );
    clock.advance(1000);
    expect((await openRefusals(again, p.id)).map((i) => i.id)).toEqual([open.id]);
    for (const incident of unwrap(await again.core.api['query:incidents'](p.id, 50))) {
      expect(unwrap(await again.core.api['command:ack-incident'](incident.id)).acknowledged).toBe(
        true,
      );
    }
  });
});
