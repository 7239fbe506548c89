/**
 * Secrets stay in the core (docs/architecture.md §3.7) and a damaged profiles file does
 * not stop the app. Canary secrets are planted as a profile's credentials —
 * the simulator accepts exactly them, so they really go on the wire — and
 * every payload that leaves the core is scanned for them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_CHANNELS } from '../../../shared/api';
import type { ApiChannel } from '../../../shared/api';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import type { SecretCipher } from '../../../electron/core/profiles/secret-cipher';
import { CANARY_PUBLIC_KEY, CANARY_SECRET, findCanaries } from '../../support/canary';
import { channelInputFor } from '../../support/channel-input';
import {
  createProfile,
  profileFor,
  pushSnapshot,
  startCore,
  startSim,
  tempDir,
  unwrap,
  waitFor,
  waitForStatus,
} from './helpers';

describe('secrets never leave the core', () => {
  it('no canary in any pushed delta, query result, log line, frame log or plain export', async () => {
    const sim = await startSim({
      shardCount: 4,
      shardInfoIntervalMs: 0,
      credentials: { publicKey: CANARY_PUBLIC_KEY, secret: CANARY_SECRET },
      requireIdentification: true,
    });
    const dataDir = tempDir();
    const f = await startCore({ dataDir, cipher: createFileKeyCipher(dataDir) });
    const results: unknown[] = [];
    const input = profileFor(sim, {
      name: 'Canary bot',
      publicKey: CANARY_PUBLIC_KEY,
      secret: CANARY_SECRET,
      alerts: { ...profileFor(sim).alerts, raiseAfter: 1 },
    });
    const created = await f.core.api['command:create-profile'](input);
    results.push(created);
    const p = unwrap(created);
    await waitForStatus(
      f.core,
      p.id,
      'ready with a ping (the canaries were accepted on the wire)',
      (s) => s.state === 'ready' && s.latency['1m'].count > 0,
    );
    // Some incident and shard traffic, so those payloads are covered too.
    sim.setShard(1, { disconnected: true });
    await pushSnapshot(f.core, sim, p.id);
    await waitFor('an incident', () => f.deltas.some((d) => (d.incidents?.length ?? 0) > 0));

    // A notification channel whose address and signing secret are canaries;
    // its test send fails (nothing listens there), and the answer must not echo them.
    const channel = unwrap(
      await f.core.api['command:save-channel'](
        null,
        channelInputFor(
          'webhook',
          `http://127.0.0.1:9/hooks/${CANARY_SECRET}?token=${CANARY_PUBLIC_KEY}`,
          {
            name: 'Canary hook',
            signingSecret: CANARY_SECRET,
          },
        ),
      ),
    );
    expect(channel).toMatchObject({ host: '127.0.0.1:9', hasUrl: true, hasSigningSecret: true });
    results.push(await f.core.handle('command:test-channel', [channel.id]));

    // Every query channel, plus the commands whose answers carry profile data.
    const queries: Array<[ApiChannel, unknown[]]> = [
      ['query:channels', []],
      ['query:delivery-log', [null, 100]],
      ['query:maintenance', []],
      ['query:uptime', [p.id]],
      ['query:outages', [null, 100]],
      ['command:export-channels', [{ passphrase: 'correct horse battery' }]],
      ['query:snapshot', []],
      ['query:shards', [p.id]],
      ['query:history', [{ profileId: p.id, window: '15m' }]],
      ['query:timeline', [{ profileId: p.id, limit: 500 }]],
      ['query:frames', [p.id]],
      ['query:incidents', [null, 100]],
      [
        'query:shard-heatmap',
        [
          {
            profileId: p.id,
            from: Date.now() - 3_600_000,
            to: Date.now(),
            shardLo: 0,
            shardCount: 4,
          },
        ],
      ],
      ['query:restart-budget', [p.id]],
      ['query:recurring-trouble', [p.id]],
      ['command:update-profile', [p.id, { ...input, publicKey: undefined, secret: undefined }]],
      ['command:duplicate-profile', [p.id]],
      ['command:test-connection', [{ profileId: p.id }]],
      ['command:export-profiles', [{ includeSecrets: false }]],
    ];
    const covered = new Set(queries.map(([c]) => c));
    expect(API_CHANNELS.filter((c) => c.startsWith('query:') && !covered.has(c))).toEqual([]);
    for (const [channel, args] of queries) {
      const r = await f.core.handle(channel, args);
      expect(r.ok, `${channel} succeeds`).toBe(true);
      results.push(r);
    }
    const report = unwrap(await f.core.api['command:test-connection']({ profileId: p.id }));
    expect(report.ok).toBe(true);

    // The frame log really holds the register frame, redacted.
    const frames = unwrap(await f.core.api['query:frames'](p.id));
    expect(frames.some((fr) => fr.direction === 'out' && fr.type === 1)).toBe(true);
    // The incident report carries the frames from before the incident, that register frame included.
    const incident = unwrap(await f.core.api['query:incidents'](p.id, 10))[0];
    const exported = await f.core.handle('command:export-incident-report', [incident?.id]);
    results.push(exported);
    expect(exported.ok && (exported.value as { content: string }).content).toContain('REDACTED');
    const plain = unwrap(await f.core.api['command:export-profiles']({ includeSecrets: false }));
    expect(plain.content).toContain('Canary bot');

    // Wait for one more flush so the latest state is in the pushed deltas.
    const seen = f.deltas.length;
    await waitFor('another delta', () => f.deltas.length > seen);

    expect(findCanaries(JSON.stringify(f.deltas)), 'pushed deltas').toEqual([]);
    expect(findCanaries(JSON.stringify(results)), 'API results').toEqual([]);
    for (const line of f.logs) expect(findCanaries(line), `log line ${line}`).toEqual([]);
    // Nor in what is stored on disk in clear.
    expect(findCanaries(readFileSync(join(dataDir, 'profiles.json')))).toEqual([]);
    expect(findCanaries(readFileSync(join(dataDir, 'channels.json')))).toEqual([]);
    expect(findCanaries(readFileSync(join(dataDir, 'notify-queue.json')))).toEqual([]);

    // An export with secrets seals them under the passphrase: still nothing in clear.
    const sealed = unwrap(
      await f.core.api['command:export-profiles']({
        includeSecrets: true,
        passphrase: 'correct horse battery',
      }),
    );
    expect(findCanaries(sealed.content)).toEqual([]);
    expect(JSON.parse(sealed.content)).toBeTypeOf('object');
  });
});

describe('saving a profile', () => {
  it('seals the secrets once: the monitor connects with them without opening them again', async () => {
    const sim = await startSim({
      shardCount: 2,
      credentials: { publicKey: CANARY_PUBLIC_KEY, secret: CANARY_SECRET },
      requireIdentification: true,
    });
    const dataDir = tempDir();
    const real = createFileKeyCipher(dataDir);
    const calls = { encrypt: 0, decrypt: 0 };
    const cipher: SecretCipher = {
      info: () => real.info(),
      isAvailable: () => real.isAvailable(),
      encrypt: (plain) => (calls.encrypt++, real.encrypt(plain)),
      decrypt: (sealed) => (calls.decrypt++, real.decrypt(sealed)),
    };
    const f = await startCore({ dataDir, cipher });
    const input = profileFor(sim, { publicKey: CANARY_PUBLIC_KEY, secret: CANARY_SECRET });
    const p = unwrap(await f.core.api['command:create-profile'](input));
    await waitForStatus(
      f.core,
      p.id,
      'ready (the sealed secrets were accepted)',
      (s) => s.state === 'ready',
    );
    // Renaming keeps the stored secrets and the running connection.
    unwrap(
      await f.core.api['command:update-profile'](p.id, {
        ...input,
        name: 'Renamed',
        publicKey: undefined,
        secret: undefined,
      }),
    );
    await waitForStatus(f.core, p.id, 'still ready', (s) => s.state === 'ready');
    expect(calls).toEqual({ encrypt: 2, decrypt: 0 });
  });
});

describe('a damaged profiles file', () => {
  it('is moved aside with a notice and the core starts empty and usable', async () => {
    const sim = await startSim({ shardCount: 2 });
    const f = await startCore({
      beforeStart: (dir) =>
        writeFileSync(join(dir, 'profiles.json'), '{"profiles": [garbage\u0000'),
    });

    const snap = unwrap(await f.core.api['query:snapshot']());
    expect(snap.profiles).toEqual([]);
    expect(snap.readOnly).toBe(false);
    const moved = readdirSync(f.dataDir).filter((n) => /^profiles\.corrupt-.*\.json$/.test(n));
    expect(moved).toHaveLength(1);
    const movedPath = join(f.dataDir, moved[0] ?? '');
    expect(existsSync(movedPath)).toBe(true);
    expect(readFileSync(movedPath, 'utf8')).toContain('garbage');
    const notice = snap.notices.find((n) => n.message.includes(movedPath));
    expect(notice?.level).toBe('error');
    expect(notice?.message).toContain('moved');

    // The app works: a new profile saves and connects.
    const p = await createProfile(f.core, profileFor(sim, { name: 'After the crash' }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');
    expect(JSON.parse(readFileSync(join(f.dataDir, 'profiles.json'), 'utf8'))).toMatchObject({
      profiles: [{ name: 'After the crash' }],
    });

    // The notice can be dismissed.
    unwrap(await f.core.api['command:dismiss-notice'](notice?.id ?? ''));
    expect(unwrap(await f.core.api['query:snapshot']()).notices).toEqual([]);
  });
});

describe('history that cannot be stored', () => {
  it('a history folder blocked at start gives a notice that is shown, logged and pushed; monitoring goes on', async () => {
    const sim = await startSim({ shardCount: 2 });
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'blocker'), 'a file where a folder should be');
    const f = await startCore({ dataDir, historyFile: join(dataDir, 'blocker', 'history.sqlite') });

    const snap = unwrap(await f.core.api['query:snapshot']());
    const notice = snap.notices.find((n) => n.message.startsWith('History could not be saved'));
    expect(notice?.level).toBe('warning');
    expect(f.logs.some((l) => l.includes('History could not be saved'))).toBe(true);
    await waitFor('the notice in a pushed delta', () =>
      f.deltas.some((d) => d.notices?.some((n) => n.id === notice?.id)),
    );

    const p = await createProfile(f.core, profileFor(sim, { name: 'No history' }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');
  });
});
