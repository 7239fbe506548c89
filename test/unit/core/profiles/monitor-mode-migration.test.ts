/**
 * Profiles stored before monitor modes (and the waiting alert) existed keep
 * their behaviour: a documented profile goes on registering, a 0.2.2 one
 * pings only, and the new alert is off (docs/protocol.md §3).
 */
import { describe, expect, it } from 'vitest';
import { profileInputValidator } from '../../../../shared/api';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import { createFileKeyCipher } from '../../../../electron/core/profiles/secret-cipher';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';
import { storedProfile, writeProfilesFile } from './stored-profiles';

const tempDir = useTempDirs();

/** A profile as an older Shardwatch wrote it: no `monitorMode`, no waiting alert. */
function legacy(dialect: string): Record<string, unknown> {
  const p: Record<string, unknown> = {
    ...defaultProfileInput(),
    name: dialect,
    botId: '42',
    dialect,
  };
  delete p['monitorMode'];
  const alerts = { ...(p['alerts'] as Record<string, unknown>) };
  delete alerts['waitingForBot'];
  delete alerts['waitingForBotAfterMs'];
  return { ...p, alerts };
}

describe('monitor mode of profiles stored before it existed', () => {
  it('the validator gives documented profiles register, 0.2.2 ping only, and the alert off', () => {
    const doc = profileInputValidator(legacy('documented'), 'p');
    const rabbit = profileInputValidator(legacy('http-interaction-0.2.2'), 'p');
    expect(doc.ok && doc.value.monitorMode).toBe('register');
    expect(rabbit.ok && rabbit.value.monitorMode).toBe('ping-only');
    expect(doc.ok && doc.value.alerts).toMatchObject({
      waitingForBot: false,
      waitingForBotAfterMs: 600_000,
    });
    // A stated mode is kept; a wrong one refused.
    expect(
      profileInputValidator({ ...legacy('documented'), monitorMode: 'ping-only' }, 'p'),
    ).toMatchObject({
      ok: true,
      value: { monitorMode: 'ping-only' },
    });
    expect(profileInputValidator({ ...legacy('documented'), monitorMode: 'steal' }, 'p').ok).toBe(
      false,
    );
  });

  it('a profiles file from before loads with the same behaviour', () => {
    const dir = tempDir();
    const stored = (name: string, dialect: string) =>
      storedProfile(name, { ...legacy(dialect), name });
    writeProfilesFile(dir, [
      stored('doc', 'documented'),
      stored('rabbit', 'http-interaction-0.2.2'),
    ]);
    const store = createProfileStore({
      dir,
      cipher: createFileKeyCipher(dir),
      clock: createFakeClock(),
    });
    expect(store.list().map((p) => [p.id, p.monitorMode])).toEqual([
      ['doc', 'register'],
      ['rabbit', 'ping-only'],
    ]);
    expect(store.notices()).toEqual([]);
    store.dispose();
  });
});
