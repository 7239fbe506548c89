/**
 * The profile fields of the shard analytics (max concurrency, clusters, the
 * daily session-start limit, the four analytics alerts): profiles stored
 * before they existed load with the defaults, a saved value comes back as
 * saved, and a wrong one is refused with the field named.
 */
import { describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import { createFileKeyCipher } from '../../../../electron/core/profiles/secret-cipher';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';
import { storedProfile, writeProfilesFile } from './stored-profiles';

const tempDir = useTempDirs();

function openStore(dir: string) {
  return createProfileStore({ dir, cipher: createFileKeyCipher(dir), clock: createFakeClock() });
}

describe('analytics fields of a profile', () => {
  it('a profile stored before them loads with the defaults and keeps its other settings', () => {
    const dir = tempDir();
    const old: Record<string, unknown> = { ...defaultProfileInput(), name: 'Old', botId: '42' };
    for (const k of ['maxConcurrency', 'clusters', 'dailySessionLimit']) delete old[k];
    const alerts = { ...(old['alerts'] as Record<string, unknown>) };
    for (const k of ['restartBudget', 'restartLoops', 'oneWayShards', 'silentShards'])
      delete alerts[k];
    writeProfilesFile(dir, [
      storedProfile('old', { ...old, alerts: { ...alerts, raiseAfter: 7 } }),
    ]);
    const store = openStore(dir);
    expect(store.list()[0]).toMatchObject({
      id: 'old',
      maxConcurrency: 1,
      clusters: null,
      dailySessionLimit: 1000,
      alerts: {
        raiseAfter: 7,
        restartBudget: true,
        restartLoops: true,
        oneWayShards: true,
        silentShards: true,
      },
    });
    expect(store.notices()).toEqual([]);
    store.dispose();
  });

  it('saves a layout as given and refuses one out of range, naming the field', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const input = {
      ...defaultProfileInput(),
      name: 'Big bot',
      botId: '42',
      shardTotal: 64,
      publicKey: 'k',
      secret: 's',
      maxConcurrency: 16,
      clusters: {
        lists: [
          [0, 1, 2],
          [3, 4],
        ],
      },
      dailySessionLimit: 2000,
    };
    const layout = { maxConcurrency: 16, clusters: input.clusters, dailySessionLimit: 2000 };
    const saved = store.create(input);
    expect(saved.ok && saved.value).toMatchObject(layout);
    store.dispose();
    const again = openStore(dir);
    expect(again.list()[0]).toMatchObject(layout);
    const bad = again.validate({ ...input, maxConcurrency: 0, dailySessionLimit: 0 }, null);
    expect(Object.keys(bad.errors)).toEqual(
      expect.arrayContaining(['maxConcurrency', 'dailySessionLimit']),
    );
    expect(bad.errors['maxConcurrency']).toContain('max_concurrency');
    again.dispose();
  });
});
