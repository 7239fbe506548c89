/**
 * Requests arrive from the renderer across a trust boundary (docs/architecture.md §3.3):
 * `core.handle` must answer anything malformed with a clear error and leave
 * the stored and live state exactly as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreFixture } from './helpers';
import {
  createProfile,
  errorOf,
  profileFor,
  startCore,
  startSim,
  unwrap,
  waitForStatus,
} from './helpers';

/** Everything a user could see change: profiles, settings, incidents, and the file on disk. */
async function visibleState(f: CoreFixture): Promise<string> {
  const snap = unwrap(await f.core.api['query:snapshot']());
  return JSON.stringify({
    profiles: snap.profiles,
    settings: snap.settings,
    incidents: snap.incidents,
    snooze: snap.snooze,
    file: readFileSync(join(f.dataDir, 'profiles.json'), 'utf8'),
  });
}

describe('invalid requests through core.handle', () => {
  it('are refused with a clear error and change nothing', async () => {
    const sim = await startSim({ shardCount: 2 });
    const f = await startCore();
    const input = profileFor(sim, { name: 'Guarded' });
    const p = await createProfile(f.core, input);
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');
    const before = await visibleState(f);

    const cases: Array<{
      what: string;
      channel: unknown;
      args: unknown;
      code: string;
      says: RegExp;
    }> = [
      {
        what: 'unknown channel',
        channel: 'command:format-disk',
        args: [],
        code: 'bad-request',
        says: /Unknown request "command:format-disk"/,
      },
      {
        what: 'channel not a string',
        channel: 42,
        args: [],
        code: 'bad-request',
        says: /names no channel \(got a number/,
      },
      {
        what: 'channel an object whose toString is not a function',
        channel: JSON.parse('{"toString":1}'),
        args: [],
        code: 'bad-request',
        says: /names no channel \(got an object/,
      },
      {
        what: 'arguments not a list',
        channel: 'query:snapshot',
        args: 'all',
        code: 'bad-request',
        says: /list of arguments/,
      },
      {
        what: 'too many arguments',
        channel: 'command:delete-profile',
        args: [p.id, 'and-more'],
        code: 'bad-request',
        says: /2 arguments, expected 1/,
      },
      {
        what: 'wrong type',
        channel: 'command:create-profile',
        args: [{ ...input, name: 'Other', shardTotal: '128' }],
        code: 'bad-request',
        says: /shardTotal must be a number/,
      },
      {
        what: 'extra field',
        channel: 'command:create-profile',
        args: [{ ...input, name: 'Other', isAdmin: true }],
        code: 'bad-request',
        says: /unknown field "isAdmin"/,
      },
      {
        what: 'huge string',
        channel: 'command:update-profile',
        args: [p.id, { ...input, name: 'x'.repeat(1_000_000) }],
        code: 'bad-request',
        says: /at most 200 characters/,
      },
      {
        what: 'huge secret',
        channel: 'command:update-profile',
        args: [p.id, { ...input, secret: 's'.repeat(100_000) }],
        code: 'bad-request',
        says: /at most 4096 characters/,
      },
      {
        what: 'empty id',
        channel: 'command:set-profile-enabled',
        args: ['', false],
        code: 'bad-request',
        says: /must not be empty/,
      },
      {
        what: 'unknown profile id',
        channel: 'command:delete-profile',
        args: ['no-such-profile'],
        code: 'not-found',
        says: /no longer exists/,
      },
      {
        what: 'unknown profile to connect',
        channel: 'command:connect',
        args: ['no-such-profile'],
        code: 'not-found',
        says: /no longer exists/,
      },
      {
        what: 'unknown profile shards',
        channel: 'query:shards',
        args: ['no-such-profile'],
        code: 'not-found',
        says: /no longer exists/,
      },
      {
        what: 'unknown incident',
        channel: 'command:ack-incident',
        args: ['no-such-incident'],
        code: 'not-found',
        says: /no longer exists/,
      },
      {
        what: 'unknown snooze',
        channel: 'command:snooze',
        args: ['forever'],
        code: 'bad-request',
        says: /must be one of/,
      },
      {
        what: 'bad settings value',
        channel: 'command:update-settings',
        args: [{ frameLogSize: 5 }],
        code: 'bad-request',
        says: /frameLogSize must be at least 10/,
      },
      {
        what: 'reorder with an unknown id',
        channel: 'command:reorder-profiles',
        args: [[p.id, 'ghost']],
        code: 'validation',
        says: /every profile exactly once/,
      },
      {
        what: 'import of garbage',
        channel: 'command:import-profiles',
        args: [{ content: '<<<not json>>>' }],
        code: 'bad-request',
        says: /./,
      },
      {
        what: 'semantically invalid edit',
        channel: 'command:update-profile',
        args: [p.id, { ...input, pingIntervalMs: 5 }],
        code: 'validation',
        says: /Some fields need attention/,
      },
    ];

    for (const c of cases) {
      const r = await f.core.handle(c.channel, c.args);
      const err = errorOf(r);
      expect(err.code, c.what).toBe(c.code);
      expect(err.message, c.what).toMatch(c.says);
      // Messages are sentences for a person, never a dump of the request.
      expect(err.message.length, c.what).toBeLessThan(400);
    }
    const edit = errorOf(
      await f.core.handle('command:update-profile', [p.id, { ...input, pingIntervalMs: 5 }]),
    );
    expect(edit.fieldErrors?.['pingIntervalMs']).toMatch(/between 1000 and 300000/);

    expect(await visibleState(f)).toBe(before);
    // The live connection did not notice any of it.
    const st = unwrap(await f.core.api['query:snapshot']()).status[p.id];
    expect(st?.state).toBe('ready');
    expect(sim.stats().connectionsTotal).toBe(1);
  });
});
