/**
 * Stored secrets are bound to the gateway address they were saved for
 * (docs/reliability.md §12). Two loopback "gateways" record the headers of
 * every upgrade request they get (and refuse it with 401, so nothing waits
 * on a timer): the one the secrets were saved for (A) and another one (B).
 * Every way of pointing a profile elsewhere is tried — an update that
 * changes only the URL (port, path), "test connection" with the profile id
 * and another URL, a duplicate then edited, a tampered export, the profiles
 * file edited by hand — and B must never see a stored secret; it sees only
 * secrets entered for it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api';
import type { AppSnapshot } from '../../../shared/app-state';
import type { ProfileInput, ProfileView } from '../../../shared/profile-model';
import { pickProfileFields } from '../../../electron/core/profiles/stored-file';
import { CANARY_PUBLIC_KEY, CANARY_SECRET, findCanaryFragments } from '../../support/canary';
import type { CoreHarness } from '../../reliability/core-harness';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import { startRecordingGateway } from '../../reliability/recording-gateway';
import { waitUntil } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('secrets-bound');
const dirs = tempDirs();

const FRESH = { publicKey: 'fresh-key-for-B-7Hq2Zx9Lm', secret: 'fresh-secret-for-B-Vn4Kp8Rw' };

function must<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The profile's form with the secrets left as they are (`undefined` keeps). */
function form(p: ProfileView, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return { ...pickProfileFields({ ...p }), ...overrides };
}

let h: CoreHarness | null = null;
afterAll(async () => {
  await h?.dispose();
  dirs.cleanup();
});

describe('stored secrets and other addresses', () => {
  it('never reach a gateway at another address, whatever the request', async () => {
    const a = await startRecordingGateway();
    const b = await startRecordingGateway();
    const dataDir = dirs.make();
    h = await startCore({ dataDir, historyFile: null });
    const core = h.core;
    const p = must(
      (await core.handle('command:create-profile', [
        profileInput({
          name: 'Bound',
          url: a.url,
          enabled: false,
          publicKey: CANARY_PUBLIC_KEY,
          secret: CANARY_SECRET,
        }),
      ])) as ApiResult<ProfileView>,
    );
    const refused: string[] = [];
    const expectRefused = (what: string, r: ApiResult<unknown>, says: RegExp): void => {
      expect(r.ok, what).toBe(false);
      if (!r.ok)
        expect(`${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`, what).toMatch(
          says,
        );
      refused.push(what);
    };

    // 1. Update changing only the URL: another port, another path, another scheme.
    for (const url of [
      b.url,
      `ws://127.0.0.1:${a.port}/gateway/other`,
      `wss://127.0.0.1:${a.port}/gateway`,
      `ws://localhost:${a.port}/gateway`,
    ]) {
      const r = await core.handle('command:update-profile', [p.id, form(p, { url })]);
      expectRefused(
        `update to ${url}`,
        r,
        /gateway address changed.*enter the (public key|shared secret) again/i,
      );
    }
    // Only the query string: the same address, the secrets stay.
    must(await core.handle('command:update-profile', [p.id, form(p, { url: `${a.url}?v=2` })]));

    // 2. Test connection with the profile id and another URL, no secrets given.
    const t = await core.handle('command:test-connection', [
      { profileId: p.id, input: form(p, { url: b.url }) },
    ]);
    expectRefused(
      'test-connection elsewhere',
      t,
      /saved for ws:\/\/127\.0\.0\.1:\d+\/gateway.*enter them again/,
    );

    // 3. A duplicate keeps them for the same address; editing the copy's address follows the rule.
    const copy = must(
      (await core.handle('command:duplicate-profile', [p.id])) as ApiResult<ProfileView>,
    );
    expect(copy).toMatchObject({ hasSecret: true, hasPublicKey: true, url: `${a.url}?v=2` });
    expectRefused(
      'update of the copy',
      await core.handle('command:update-profile', [copy.id, form(copy, { url: b.url })]),
      /gateway address changed/,
    );

    // 4. An export whose URL was edited before import.
    const exported = must(
      (await core.handle('command:export-profiles', [
        { includeSecrets: true, passphrase: 'a long passphrase' },
      ])) as ApiResult<{ content: string }>,
    );
    const doc = JSON.parse(exported.content);
    doc.profiles[0].url = b.url;
    const other = await startCore({ dataDir: dirs.make(), historyFile: null });
    expectRefused(
      'import of an edited export',
      await other.core.handle('command:import-profiles', [
        { content: JSON.stringify(doc), passphrase: 'a long passphrase' },
      ]),
      /not the one its secrets were exported for/,
    );
    await other.dispose();

    // 5. Secrets entered for B go to B; the stored ones never do.
    must(
      await core.handle('command:test-connection', [
        { profileId: p.id, input: form(p, { url: b.url, ...FRESH }) },
      ]),
    );
    await waitUntil(() => b.seen.length === 1, 'the test connection to reach B');
    expect(b.seen[0]?.headers['secret']).toBe(FRESH.secret);
    expect(b.seen[0]?.headers['public-key']).toBe(FRESH.publicKey);

    // 6. The profiles file edited by hand to point at B: the runtime refuses to use the secrets.
    await h.dispose();
    h = null;
    const file = join(dataDir, 'profiles.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.profiles[0].url = b.url;
    stored.profiles[0].enabled = true;
    writeFileSync(file, JSON.stringify(stored));
    h = await startCore({ dataDir, historyFile: null });
    const snap = must((await h.core.handle('query:snapshot', [])) as ApiResult<AppSnapshot>);
    const status = snap.status[p.id];
    expect(status).toMatchObject({ state: 'failed', problem: 'secrets-unreadable' });
    expect(status?.detail).toMatch(
      /were saved for ws:\/\/127\.0\.0\.1:\d+\/gateway.*enter them again/,
    );
    // Asking it to connect again starts no connection: the state would be `connecting` at once.
    must(await h.core.handle('command:reconnect', [p.id]));
    const again = must((await h.core.handle('query:snapshot', [])) as ApiResult<AppSnapshot>);
    expect(again.status[p.id]).toMatchObject({ state: 'failed', problem: 'secrets-unreadable' });

    // What each gateway saw.
    const toB = JSON.stringify(b.seen);
    const wrongPathOnA = JSON.stringify(
      a.seen.filter((s) => s.path !== '/gateway?v=2' && s.path !== '/gateway'),
    );
    card.add('inputsTried', refused.length + 2);
    card.detail('upgrade requests seen by the other gateway', b.seen.length);
    card.add(
      'secretsFound',
      findCanaryFragments(toB).length + findCanaryFragments(wrongPathOnA).length,
    );
    expect(b.seen).toHaveLength(1);
    expect(findCanaryFragments(toB)).toEqual([]);
    expect(findCanaryFragments(wrongPathOnA)).toEqual([]);
    await a.close();
    await b.close();
  }, 30_000);
});
