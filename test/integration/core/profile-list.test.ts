/**
 * Managing the list of profiles through the core, with real files in a data
 * folder that outlives each core: reorder and duplicate, bringing the Demo
 * back after the user removed it, and notice dismissals that survive a
 * restart. Every refused request must say why and leave the files as they were.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../../../shared/app-state';
import type { ProfileView } from '../../../shared/profile-model';
import { DEMO_DISMISSED_FILE } from '../../../electron/core/app-core/demo';
import { noticeIdOf } from '../../../electron/core/app-core/notices';
import type { DemoGateway } from '../../../shared/demo-gateway';
import { DISMISSED_NOTICES_FILE } from '../../../electron/core/profiles/dismissed-notices';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import { pickProfileFields } from '../../../electron/core/profiles/stored-file';
import { startDemoGateway } from '../../../electron/sim/demo';
import { CANARY_PUBLIC_KEY, CANARY_SECRET, findCanaries } from '../../support/canary';
import {
  createProfile,
  errorOf,
  profileFor,
  startCore,
  startSim,
  tempDir,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';
import type { CoreFixture } from './helpers';

async function snapshot(f: CoreFixture): Promise<AppSnapshot> {
  return unwrap(await f.core.api['query:snapshot']());
}

function names(profiles: ProfileView[]): string[] {
  return profiles.map((p) => p.name);
}

function profilesFile(dataDir: string): string {
  return readFileSync(join(dataDir, 'profiles.json'), 'utf8');
}

/** A demo gateway that counts how often it was started and stopped. */
function countingDemo(): {
  startDemo: () => Promise<DemoGateway>;
  starts: () => number;
  running: () => number;
} {
  let starts = 0;
  let running = 0;
  return {
    async startDemo() {
      const g = await startDemoGateway({ shardCount: 4 });
      starts++;
      running++;
      return {
        url: g.url,
        profileInput: () => g.profileInput(),
        async stop() {
          running--;
          await g.stop();
        },
      };
    },
    starts: () => starts,
    running: () => running,
  };
}

describe('reorder', () => {
  it('persists the new order across a restart of the core', async () => {
    const sim = await startSim({ shardCount: 1 });
    const dataDir = tempDir();
    const first = await startCore({ dataDir });
    const a = await createProfile(first.core, profileFor(sim, { name: 'Alpha', enabled: false }));
    const b = await createProfile(first.core, profileFor(sim, { name: 'Bravo', enabled: false }));
    const c = await createProfile(first.core, profileFor(sim, { name: 'Charlie', enabled: false }));

    const result = unwrap(await first.core.api['command:reorder-profiles']([c.id, a.id, b.id]));
    expect(names(result)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(result.map((p) => p.order)).toEqual([0, 1, 2]);
    await waitFor('the new order in a pushed delta', () =>
      first.deltas.some((d) => d.profiles && names(d.profiles).join() === 'Charlie,Alpha,Bravo'),
    );
    await first.core.dispose();

    const second = await startCore({ dataDir });
    const snap = await snapshot(second);
    expect(names(snap.profiles)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(snap.profiles.map((p) => p.order)).toEqual([0, 1, 2]);
  });

  it('refuses a list that is not exactly every profile once, saying so, and changes nothing', async () => {
    const sim = await startSim({ shardCount: 1 });
    const f = await startCore();
    const a = await createProfile(f.core, profileFor(sim, { name: 'Alpha', enabled: false }));
    const b = await createProfile(f.core, profileFor(sim, { name: 'Bravo', enabled: false }));
    const before = profilesFile(f.dataDir);

    const wrongLists: unknown[][] = [
      [[b.id, 'no-such-profile']],
      [[b.id, a.id, 'no-such-profile']],
      [[a.id, a.id]],
      [[a.id]],
      [[]],
    ];
    for (const args of wrongLists) {
      const err = errorOf(await f.core.handle('command:reorder-profiles', args));
      expect(err.code).toBe('validation');
      expect(err.message).toBe('The new order must list every profile exactly once.');
      expect(err.fieldErrors?.['order']).toMatch(/changed meanwhile.*retry\.$/);
    }
    for (const args of [[a.id], ['x', 'y'], [[a.id, 42]], [{ 0: a.id }], []]) {
      const err = errorOf(await f.core.handle('command:reorder-profiles', args));
      expect(err.code).toBe('bad-request');
      expect(err.message).toMatch(/^The request was not valid: .+\.$/);
    }
    expect(profilesFile(f.dataDir)).toBe(before);
    expect(names((await snapshot(f)).profiles)).toEqual(['Alpha', 'Bravo']);
  });
});

describe('duplicate', () => {
  it('copies every field and the secrets in the core, never handing the secrets out', async () => {
    const sim = await startSim({
      shardCount: 2,
      credentials: { publicKey: CANARY_PUBLIC_KEY, secret: CANARY_SECRET },
      requireIdentification: true,
    });
    const dataDir = tempDir();
    const f = await startCore({ dataDir, cipher: createFileKeyCipher(dataDir) });
    const original = await createProfile(
      f.core,
      profileFor(sim, {
        name: 'Production',
        color: '#E69F00',
        environment: 'prod',
        pingIntervalMs: 1500,
        alerts: { ...profileFor(sim).alerts, latencyP95Ms: 321, raiseAfter: 4 },
        publicKey: CANARY_PUBLIC_KEY,
        secret: CANARY_SECRET,
      }),
    );
    const other = await createProfile(f.core, profileFor(sim, { name: 'Other', enabled: false }));

    const result = await f.core.api['command:duplicate-profile'](original.id);
    const copy = unwrap(result);
    expect(copy.id).not.toBe(original.id);
    expect(copy.name).toBe('Production (copy)');
    // Switched off, so two connections with one bot id do not fight (docs/protocol.md §2).
    expect(copy.enabled).toBe(false);
    expect(copy.demo).toBe(false);
    expect({ ...pickProfileFields({ ...copy }), name: '', enabled: true }).toEqual({
      ...pickProfileFields({ ...original }),
      name: '',
      enabled: true,
    });
    expect(copy.hasPublicKey).toBe(true);
    expect(copy.hasSecret).toBe(true);
    // Right after the original.
    expect(names((await snapshot(f)).profiles)).toEqual([
      'Production',
      'Production (copy)',
      other.name,
    ]);

    // The copy's stored credentials are the original's: the handshake with
    // the gateway that accepts only them succeeds.
    const test = unwrap(await f.core.api['command:test-connection']({ profileId: copy.id }));
    expect(test.error).toBeNull();
    expect(test.ok).toBe(true);

    // A second copy gets its own name.
    const again = unwrap(await f.core.api['command:duplicate-profile'](original.id));
    expect(again.name).toBe('Production (copy 2)');

    const out = [
      JSON.stringify(result),
      JSON.stringify(await snapshot(f)),
      JSON.stringify(f.deltas),
      f.logs.join('\n'),
      profilesFile(dataDir),
    ];
    for (const text of out) expect(findCanaries(text)).toEqual([]);
  });

  it('an unknown or malformed id is refused, saying so, and changes nothing', async () => {
    const sim = await startSim({ shardCount: 1 });
    const f = await startCore();
    await createProfile(f.core, profileFor(sim, { name: 'Only', enabled: false }));
    const before = profilesFile(f.dataDir);

    const missing = errorOf(await f.core.api['command:duplicate-profile']('no-such-profile'));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe(
      'That profile no longer exists. It may have been deleted in another window.',
    );
    for (const args of [[], [''], [42], [['x']], ['a', 'b']]) {
      const err = errorOf(await f.core.handle('command:duplicate-profile', args));
      expect(err.code).toBe('bad-request');
    }
    expect(profilesFile(f.dataDir)).toBe(before);
    expect((await snapshot(f)).profiles).toHaveLength(1);
  });
});

describe('restore the demo', () => {
  it('after the user removed it: back, connected, and still there after a restart', async () => {
    const dataDir = tempDir();
    const demo = countingDemo();
    const first = await startCore({ dataDir, startDemo: demo.startDemo });
    const original = (await snapshot(first)).profiles.find((p) => p.demo);
    if (!original) throw new Error('no demo on a first run');

    unwrap(await first.core.api['command:delete-profile'](original.id));
    expect(existsSync(join(dataDir, DEMO_DISMISSED_FILE))).toBe(true);
    await waitFor('the demo gateway to stop', () => demo.running() === 0);

    const restored = unwrap(await first.core.api['command:restore-demo']());
    expect(restored.demo).toBe(true);
    expect(restored.name).toBe('Demo');
    expect(restored.hasSecret).toBe(true);
    expect(existsSync(join(dataDir, DEMO_DISMISSED_FILE))).toBe(false);
    expect(demo.running()).toBe(1);
    await waitForStatus(first.core, restored.id, 'the demo to connect', (s) => s.state === 'ready');

    // Asking again is a clear "already there", and starts nothing.
    const twice = errorOf(await first.core.api['command:restore-demo']());
    expect(twice.code).toBe('conflict');
    expect(twice.message).toMatch(/already in your list/);
    expect(demo.starts()).toBe(2);
    await first.core.dispose();
    expect(demo.running()).toBe(0);

    const second = await startCore({ dataDir, startDemo: demo.startDemo });
    const demos = (await snapshot(second)).profiles.filter((p) => p.demo);
    expect(demos.map((p) => p.id)).toEqual([restored.id]);
  });

  it('two requests at once add one demo', async () => {
    const demo = countingDemo();
    const f = await startCore({
      startDemo: demo.startDemo,
      beforeStart: (dir) => writeFileSync(join(dir, DEMO_DISMISSED_FILE), 'removed\n'),
    });
    expect((await snapshot(f)).profiles).toEqual([]);
    const [one, two] = await Promise.all([
      f.core.api['command:restore-demo'](),
      f.core.api['command:restore-demo'](),
    ]);
    expect(unwrap(one).id).toBe(unwrap(two).id);
    expect((await snapshot(f)).profiles.filter((p) => p.demo)).toHaveLength(1);
    expect(demo.running()).toBe(1);
  });

  it('takes a free name when the user has a profile called "Demo"', async () => {
    const sim = await startSim({ shardCount: 1 });
    const demo = countingDemo();
    const f = await startCore({
      startDemo: demo.startDemo,
      beforeStart: (dir) => writeFileSync(join(dir, DEMO_DISMISSED_FILE), 'removed\n'),
    });
    await createProfile(f.core, profileFor(sim, { name: 'demo', enabled: false }));
    const restored = unwrap(await f.core.api['command:restore-demo']());
    expect(restored.name).toBe('Demo 2');
    expect(restored.demo).toBe(true);
  });

  it('without a demo gateway: a clear error, and the mark stays', async () => {
    const f = await startCore({
      beforeStart: (dir) => writeFileSync(join(dir, DEMO_DISMISSED_FILE), 'removed\n'),
    });
    const err = errorOf(await f.core.api['command:restore-demo']());
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/--no-demo/);
    expect(err.message).toMatch(/\.$/);
    expect(existsSync(join(f.dataDir, DEMO_DISMISSED_FILE))).toBe(true);
    expect((await snapshot(f)).profiles).toEqual([]);
    // Arguments are refused like on every other channel.
    expect(errorOf(await f.core.handle('command:restore-demo', ['x'])).code).toBe('bad-request');
  });

  it('a demo gateway that fails to start: a clear error, nothing added, the mark stays', async () => {
    const f = await startCore({
      startDemo: () => Promise.reject(new Error('no free port')),
      beforeStart: (dir) => writeFileSync(join(dir, DEMO_DISMISSED_FILE), 'removed\n'),
    });
    const err = errorOf(await f.core.api['command:restore-demo']());
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/could not start.*try again/);
    expect(existsSync(join(f.dataDir, DEMO_DISMISSED_FILE))).toBe(true);
    expect((await snapshot(f)).profiles).toEqual([]);
    expect(f.logs.some((l) => l.includes('no free port'))).toBe(true);
  });
});

describe('dismissed notices', () => {
  const KEYCHAIN =
    'No system keychain was found on this computer, so secrets are kept for this session only.';

  it('a dismissed start-up notice stays dismissed after a restart while its cause lasts', async () => {
    const dataDir = tempDir();
    const first = await startCore({
      dataDir,
      beforeCoreStart: (core) => core.notice('warning', KEYCHAIN),
    });
    const shown = (await snapshot(first)).notices.find((n) => n.message === KEYCHAIN);
    if (!shown) throw new Error('the notice is not shown');
    expect(shown.id).toBe(noticeIdOf('warning', KEYCHAIN));
    unwrap(await first.core.api['command:dismiss-notice'](shown.id));
    expect((await snapshot(first)).notices).toEqual([]);
    await first.core.dispose();

    // Same cause at the next start: not shown again.
    const second = await startCore({
      dataDir,
      beforeCoreStart: (core) => core.notice('warning', KEYCHAIN),
    });
    expect((await snapshot(second)).notices).toEqual([]);
    expect(second.logs.some((l) => l.includes('dismissed before, not shown'))).toBe(true);

    // The cause happens again while running: the notice is news again.
    second.core.notice('warning', KEYCHAIN);
    expect((await snapshot(second)).notices.map((n) => n.message)).toEqual([KEYCHAIN]);
    unwrap(await second.core.api['command:dismiss-notice'](shown.id));
    await second.core.dispose();

    // A start without the cause forgets the dismissal; when the cause
    // returns later, so does the notice.
    const third = await startCore({ dataDir });
    expect((await snapshot(third)).notices).toEqual([]);
    await third.core.dispose();
    const fourth = await startCore({
      dataDir,
      beforeCoreStart: (core) => core.notice('warning', KEYCHAIN),
    });
    expect((await snapshot(fourth)).notices.map((n) => n.message)).toEqual([KEYCHAIN]);
  });

  it('the read-only notice of a profiles file from a newer version stays dismissed', async () => {
    const dataDir = tempDir();
    const newer = JSON.stringify({ schemaVersion: 99, profiles: [] });
    const first = await startCore({
      dataDir,
      beforeStart: (dir) => writeFileSync(join(dir, 'profiles.json'), newer),
    });
    const [notice] = (await snapshot(first)).notices;
    expect(notice?.message).toMatch(/newer version/);
    unwrap(await first.core.api['command:dismiss-notice'](notice?.id ?? ''));
    await first.core.dispose();
    expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).toBe(newer);

    const second = await startCore({ dataDir });
    const snap = await snapshot(second);
    expect(snap.readOnly).toBe(true);
    expect(snap.notices).toEqual([]);
  });

  it('a new damaged profiles file is a new notice, even after the last one was dismissed', async () => {
    const dataDir = tempDir();
    const damage = (dir: string): void =>
      writeFileSync(join(dir, 'profiles.json'), '{"profiles": [garbage');
    const first = await startCore({ dataDir, beforeStart: damage });
    const [one] = (await snapshot(first)).notices;
    expect(one?.message).toMatch(/moved to/);
    unwrap(await first.core.api['command:dismiss-notice'](one?.id ?? ''));
    await first.core.dispose();

    const second = await startCore({ dataDir, beforeStart: damage });
    const [two] = (await snapshot(second)).notices;
    expect(two?.message).toMatch(/moved to/);
    expect(two?.id).not.toBe(one?.id);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('profiles.corrupt-'))).toHaveLength(2);
  });

  it('a damaged list of dismissals is moved aside with a notice; the core starts', async () => {
    const dataDir = tempDir();
    const f = await startCore({
      dataDir,
      beforeStart: (dir) => writeFileSync(join(dir, DISMISSED_NOTICES_FILE), '{"version": 1, "dis'),
    });
    const [notice] = (await snapshot(f)).notices;
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toMatch(/notices you dismissed could not be read .* moved to /);
    const moved = readdirSync(dataDir).filter((n) => n.startsWith('dismissed-notices.corrupt-'));
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(dataDir, moved[0] ?? ''), 'utf8')).toBe('{"version": 1, "dis');
    // Dismissing works again, and writes a valid file.
    unwrap(await f.core.api['command:dismiss-notice'](notice?.id ?? ''));
    const saved = JSON.parse(readFileSync(join(dataDir, DISMISSED_NOTICES_FILE), 'utf8')) as {
      dismissed: Array<{ id: string }>;
    };
    expect(saved.dismissed.map((d) => d.id)).toEqual([notice?.id]);
  });

  it('when the dismissal cannot be saved the notice stays, with what to do', async () => {
    const f = await startCore({ beforeCoreStart: (core) => core.notice('info', KEYCHAIN) });
    // A folder where the file goes: the rename onto it fails, even for root.
    mkdirSync(join(f.dataDir, DISMISSED_NOTICES_FILE, 'blocker'), { recursive: true });
    const [notice] = (await snapshot(f)).notices;
    const err = errorOf(await f.core.api['command:dismiss-notice'](notice?.id ?? ''));
    expect(err.code).toBe('internal');
    expect(err.message).toMatch(/could not remember .* then dismiss it again\.$/);
    expect((await snapshot(f)).notices.map((n) => n.id)).toEqual([notice?.id]);
    expect(readdirSync(f.dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('an unknown notice id is refused, saying so, and the file is untouched', async () => {
    const f = await startCore({ beforeCoreStart: (core) => core.notice('info', KEYCHAIN) });
    const err = errorOf(await f.core.api['command:dismiss-notice']('notice-nope'));
    expect(err.code).toBe('not-found');
    expect(err.message).toMatch(/already dismissed/);
    expect(errorOf(await f.core.handle('command:dismiss-notice', [''])).code).toBe('bad-request');
    expect(existsSync(join(f.dataDir, DISMISSED_NOTICES_FILE))).toBe(false);
    expect((await snapshot(f)).notices).toHaveLength(1);
  });
});
