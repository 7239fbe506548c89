/**
 * Recovery from damaged files (docs/reliability.md §14), through the real
 * core with the file-key cipher and a loopback gateway that counts every
 * upgrade request:
 * - a damaged `secret.key`: a notice names it and where it was moved; every
 *   profile says "secrets unreadable, enter them again" (failed /
 *   `secrets-unreadable`, not "credentials refused"), no credentials-refused
 *   incident, and the gateway never hears from them; new profiles can be
 *   saved again at once, and entering the secrets again makes a profile
 *   connect;
 * - a truncated `profiles.json`: the newest good backup is restored with a
 *   notice, and the secrets open as before.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api';
import type { AppSnapshot } from '../../../shared/app-state';
import type { ProfileView } from '../../../shared/profile-model';
import { pickProfileFields } from '../../../electron/core/profiles/stored-file';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import { startRecordingGateway } from '../../reliability/recording-gateway';
import { createSteppingClock, tick } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('recovery');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

function must<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('recovery from damaged files', () => {
  it('a damaged key file is named, its profiles say "secrets unreadable" and never reach the gateway', async () => {
    const gateway = await startRecordingGateway();
    const dataDir = dirs.make();
    const first = await startCore({ dataDir, historyFile: null, clock: createSteppingClock() });
    const ids: string[] = [];
    for (const name of ['One', 'Two'])
      ids.push(
        must(
          (await first.core.handle('command:create-profile', [
            profileInput({ name, url: gateway.url, enabled: false }),
          ])) as ApiResult<ProfileView>,
        ).id,
      );
    // Enabled in the file, so the next start would connect at once.
    await first.dispose();
    const file = join(dataDir, 'profiles.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const p of doc.profiles) p.enabled = true;
    writeFileSync(file, JSON.stringify(doc));
    writeFileSync(join(dataDir, 'secret.key'), 'not a key at all\n');

    const clock = createSteppingClock();
    const h = await startCore({ dataDir, historyFile: null, clock });
    const snap = must((await h.core.handle('query:snapshot', [])) as ApiResult<AppSnapshot>);
    const aside = readdirSync(dataDir).find((n) => n.startsWith('secret.key.damaged-'));
    expect(aside).toBeDefined();
    const notice = snap.notices.find((n) => n.message.includes(join(dataDir, 'secret.key')));
    expect(notice?.level).toBe('error');
    expect(notice?.message).toContain(join(dataDir, aside ?? ''));
    expect(notice?.message).toMatch(/secrets unreadable/);
    for (const id of ids) {
      expect(snap.profiles.find((p) => p.id === id)).toMatchObject({ secretNeedsReentry: true });
      expect(snap.status[id]).toMatchObject({ state: 'failed', problem: 'secrets-unreadable' });
      expect(snap.status[id]?.detail).toMatch(/^Secrets unreadable, enter them again/);
    }
    // Ten minutes of reconnect chances: nothing is tried with empty credentials.
    // Every attempt starts on a timer of this clock and shows as "connecting"
    // at once, so the status right after the advance says whether one began.
    clock.advance(10 * 60_000);
    const later = must((await h.core.handle('query:snapshot', [])) as ApiResult<AppSnapshot>);
    for (const id of ids)
      expect(later.status[id]).toMatchObject({ state: 'failed', problem: 'secrets-unreadable' });
    expect(gateway.seen.length).toBe(0);
    const incidents = must(
      (await h.core.handle('query:incidents', [null, 100])) as ApiResult<Array<{ rule: string }>>,
    );
    expect(incidents.map((i) => i.rule)).not.toContain('credentials-refused');

    // New secrets can be stored at once, and the profile connects with them.
    const p = snap.profiles.find((x) => x.id === ids[0]) as ProfileView;
    must(
      await h.core.handle('command:update-profile', [
        p.id,
        { ...pickProfileFields({ ...p }), publicKey: 'pk-again', secret: 'sk-again' },
      ]),
    );
    const after = must((await h.core.handle('query:snapshot', [])) as ApiResult<AppSnapshot>);
    expect(after.profiles.find((x) => x.id === p.id)?.secretNeedsReentry).toBe(false);
    for (let i = 0; i < 200 && gateway.seen.length === 0; i++) await tick(5);
    expect(gateway.seen.length).toBeGreaterThan(0);
    card.add('faultsInjected', 1);
    await h.dispose();
    await gateway.close();
  }, 30_000);

  it('a truncated profiles file is replaced by the newest good backup, secrets intact', async () => {
    const dataDir = dirs.make();
    const first = await startCore({ dataDir, historyFile: null, clock: createSteppingClock() });
    const made = must(
      (await first.core.handle('command:create-profile', [
        profileInput({ name: 'Kept', enabled: false }),
      ])) as ApiResult<ProfileView>,
    );
    await first.dispose();
    const file = join(dataDir, 'profiles.json');
    const full = readFileSync(file);
    writeFileSync(file, full.subarray(0, full.length >> 1));

    const h = await startCore({ dataDir, historyFile: null, clock: createSteppingClock() });
    const snap = must((await h.core.handle('query:snapshot', [])) as ApiResult<AppSnapshot>);
    expect(snap.profiles.map((p) => p.name)).toEqual(['Kept']);
    expect(snap.profiles[0]?.secretNeedsReentry).toBe(false);
    const notice = snap.notices.find((n) => n.message.includes('restored the last good version'));
    expect(notice?.message).toContain(join(dataDir, 'profiles.backup-1.json'));
    // The restored profile's secrets still open: a test connection gets as far as the network.
    const t = await h.core.handle('command:test-connection', [{ profileId: made.id }]);
    expect(t.ok).toBe(true);
    card.add('faultsInjected', 1);
    await h.dispose();
  }, 30_000);
});
