/**
 * Every request the renderer side can make, with hostile payloads, through
 * the core's validated entry point `core.handle(channel, args)`: wrong types,
 * wrong arity, extra fields (including `__proto__` and `constructor`), huge
 * strings, non-finite numbers, unknown channels and unknown ids.
 *
 * Each must get a clear error (the right code, one bounded sentence that
 * names what is wrong) and leave the state exactly as it was: snapshot
 * (without `seq`), every per-profile query and the bytes of the profiles
 * file, compared before and after every single request.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiChannel } from '../../../shared/api';
import { API_CHANNELS, checkApiArgs } from '../../../shared/api';
import type { AppSnapshot } from '../../../shared/app-state';
import type { CoreHarness } from '../../reliability/core-harness';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import { createScriptedGateway } from '../../reliability/scripted-gateway';
import { createSteppingClock, size, timeoutFor, watchCrashes } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';
import { channelInputFor } from '../../support/channel-input';

const card = useScorecard('api-hostile');
const dirs = tempDirs();
const RUNS = size(300, 20_000);

let h: CoreHarness;
const ids: string[] = [];
let tried = 0;
let changed = 0;
let unclear = 0;

beforeAll(async () => {
  const clock = createSteppingClock();
  const gateway = createScriptedGateway(clock, () => ({
    shardCount: 5,
    reportEveryMs: 10_000,
    rttAt: () => 30,
    disconnected: (_at, id) => id === 3,
  }));
  h = await startCore({ dataDir: dirs.make(), clock, connectionFactory: gateway.factory });
  for (let i = 0; i < 3; i++) {
    const r = await h.core.handle('command:create-profile', [profileInput({ shardTotal: 5 })]);
    if (!r.ok) throw new Error(r.error.message);
    ids.push((r.value as { id: string }).id);
  }
  // Some history, timeline and shard state to compare; then time stands still.
  clock.advance(90_000);
});

afterAll(async () => {
  await h.dispose();
  dirs.cleanup();
  card.add('inputsTried', tried);
  card.detail('state changes after a refused request', changed);
  card.detail('errors that were not clear', unclear);
});

/** Everything a request could have changed, as one string. */
async function fingerprint(): Promise<string> {
  const parts: unknown[] = [];
  const snap = await h.core.handle('query:snapshot', []);
  if (!snap.ok) throw new Error('snapshot failed');
  const { seq: _seq, ...rest } = snap.value as AppSnapshot;
  parts.push(rest);
  for (const id of ids) {
    parts.push(await h.core.handle('query:shards', [id]));
    parts.push(await h.core.handle('query:frames', [id]));
    parts.push(await h.core.handle('query:timeline', [{ profileId: id, limit: 1000 }]));
    parts.push(await h.core.handle('query:history', [{ profileId: id, window: '1h' }]));
  }
  parts.push(await h.core.handle('query:incidents', [null, 1000]));
  const file = readFileSync(join(h.dataDir, 'profiles.json'));
  parts.push(createHash('sha256').update(file).digest('hex'));
  return JSON.stringify(parts);
}

/** A valid argument list for each channel, to be broken by a mutation. */
function template(channel: ApiChannel): unknown[] {
  const id = ids[0] as string;
  switch (channel) {
    case 'query:snapshot':
    case 'command:restore-demo':
    case 'command:add-simulator-profile':
      return [];
    case 'query:shards':
    case 'query:frames':
    case 'command:duplicate-profile':
    case 'command:delete-profile':
    case 'command:connect':
    case 'command:disconnect':
    case 'command:reconnect':
    case 'command:ack-incident':
    case 'command:dismiss-notice':
      return [id];
    case 'query:history':
      return [{ profileId: id, window: '1h', from: 0, to: 1 }];
    case 'query:timeline':
      return [{ profileId: id, limit: 100 }];
    case 'query:incidents':
      return [id, 100];
    case 'command:create-profile':
      return [profileInput()];
    case 'command:update-profile':
      return [id, profileInput()];
    case 'command:set-profile-enabled':
      return [id, true];
    case 'command:reorder-profiles':
      return [[...ids]];
    case 'command:test-connection':
    case 'command:detect-dialect':
      return [{ profileId: id, input: profileInput() }];
    case 'command:snooze':
      return ['1h'];
    case 'command:pause-all':
      return [false];
    case 'command:set-online':
      return [true];
    case 'command:update-settings':
      return [{ theme: 'dark', frameLogSize: 100 }];
    case 'command:export-profiles':
      return [{ includeSecrets: false, passphrase: 'x' }];
    case 'command:import-profiles':
      return [{ content: '{}', passphrase: 'p' }];
    case 'command:choose-secret-storage':
      return ['session-only'];
    case 'query:channels':
    case 'query:maintenance':
      return [];
    case 'command:save-channel':
      return [null, channelInputFor('webhook', 'https://example.invalid/hook')];
    case 'command:delete-channel':
    case 'command:test-channel':
    case 'command:delete-maintenance':
      return ['no-such-id'];
    case 'command:mute-channel':
      return ['no-such-id', '1h'];
    case 'command:update-desktop-alerts':
      return [{ remindEveryMin: 0, sendRecoveries: true }];
    case 'query:delivery-log':
    case 'query:outages':
      return [null, 100];
    case 'command:export-channels':
      return [{ passphrase: 'x' }];
    case 'command:import-channels':
      return [{ content: '{}', passphrase: 'p' }];
    case 'command:save-maintenance':
      return [
        null,
        {
          name: 'Deploy',
          profileId: id,
          kind: 'weekly',
          startsAt: 0,
          endsAt: 0,
          days: [0],
          start: '03:00',
          durationMin: 60,
          timeZone: 'UTC',
        },
      ];
    case 'command:pause-profile-alerts':
      return [id, '1h'];
    case 'query:uptime':
    case 'query:restart-budget':
    case 'query:recurring-trouble':
      return [id];
    case 'command:export-incident-report':
      return ['no-such-id'];
    case 'query:shard-heatmap':
      return [{ profileId: id, from: 0, to: 3_600_000, shardLo: 0, shardCount: 4 }];
  }
}

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

interface Mutation {
  pathIndex: number;
  kind:
    'replace' | 'delete' | 'extra-key' | 'huge-string' | 'bad-number' | 'extra-arg' | 'not-a-list';
  value: unknown;
  key: string;
  length: number;
  number: number | string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pathIndex: fc.nat(),
  kind: fc.constantFrom(
    'replace',
    'delete',
    'extra-key',
    'huge-string',
    'bad-number',
    'extra-arg',
    'not-a-list',
  ),
  value: fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), fc.string()),
  length: fc.constantFrom(201, 2049, 4097, 65_537, 10 * 1024 * 1024 + 1),
  number: fc.constantFrom(NaN, Infinity, -Infinity, -1, 1.5, 2 ** 53 + 2, '1', -0),
});

function setAt(
  root: unknown,
  path: Path,
  fn: (parent: Record<string | number, unknown>, key: string | number) => void,
): void {
  if (path.length === 0) return;
  let node = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  fn(node, path[path.length - 1] as string | number);
}

function applyMutation(channel: ApiChannel, m: Mutation): unknown {
  const args = structuredClone(template(channel));
  if (m.kind === 'not-a-list') return m.value;
  if (m.kind === 'extra-arg') return [...args, m.value];
  const paths = pathsOf(args).slice(1);
  if (paths.length === 0) return [m.value];
  const path = paths[m.pathIndex % paths.length] as Path;
  setAt(args, path, (parent, key) => {
    switch (m.kind) {
      case 'replace':
        parent[key] = m.value;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.length = Number(key);
        else delete parent[key];
        break;
      case 'extra-key': {
        const target = parent[key];
        const obj = typeof target === 'object' && target !== null ? target : parent;
        // An own property, as JSON.parse or structured clone would make it.
        Object.defineProperty(obj, m.key, {
          value: m.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      }
      case 'huge-string':
        parent[key] = 'x'.repeat(m.length);
        break;
      case 'bad-number':
        parent[key] = m.number;
        break;
    }
  });
  return args;
}

async function expectRefusedAndUnchanged(
  channel: unknown,
  args: unknown,
  codes: string[],
  before: string,
): Promise<void> {
  tried++;
  const r = await h.core.handle(channel, args);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  // A sentence, or (for a form) a short headline plus one message per field.
  const fields = Object.values(r.error.fieldErrors ?? {});
  const clear =
    codes.includes(r.error.code) &&
    r.error.message.length > 10 &&
    r.error.message.length < 400 &&
    (/[.!]$/.test(r.error.message) ||
      (r.error.code === 'validation' && fields.length > 0 && fields.every((f) => f.length > 10)));
  if (!clear) unclear++;
  expect(clear, `${r.error.code}: ${r.error.message}`).toBe(true);
  expect(codes).toContain(r.error.code);
  expect(r.error.message.length).toBeGreaterThan(10);
  expect(r.error.message.length).toBeLessThan(400);
  const after = await fingerprint();
  if (after !== before) changed++;
  expect(after).toBe(before);
}

describe('hostile requests through core.handle', () => {
  it(
    'broken arguments on every channel: bad-request naming the field, nothing changes',
    async () => {
      const crashes = watchCrashes();
      const before = await fingerprint();
      let skippedValid = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...API_CHANNELS), mutationArb, async (channel, m) => {
          const args = applyMutation(channel, m);
          if (checkApiArgs(channel, args).ok) {
            skippedValid++;
            return;
          }
          await expectRefusedAndUnchanged(channel, args, ['bad-request'], before);
          const r = await h.core.handle(channel, args);
          if (!r.ok) expect(r.error.message).toMatch(/^The request was not valid: .+\.$/);
        }),
        { numRuns: RUNS, seed: 99 },
      );
      card.detail('mutations that happened to stay valid (not sent)', skippedValid);
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    timeoutFor(60_000, 1_800_000),
  );

  it('unknown channels, prototype names included, are refused as unknown requests', async () => {
    const before = await fingerprint();
    const names = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'query:snapshot ',
      'QUERY:SNAPSHOT',
      'command:eval',
      '',
      'x'.repeat(100_000),
      42,
      null,
      undefined,
      { channel: 'query:snapshot' },
      ['query:snapshot'],
    ];
    for (const n of names) await expectRefusedAndUnchanged(n, [], ['bad-request'], before);
    const r = await h.core.handle('x'.repeat(100_000), []);
    expect(!r.ok && r.error.message.length).toBeLessThan(200);
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.anything(), async (name, args) => {
        if ((API_CHANNELS as string[]).includes(name)) return;
        await expectRefusedAndUnchanged(name, args, ['bad-request'], before);
      }),
      { numRuns: size(100, 2000), seed: 100 },
    );
  });

  it('well-formed requests naming ids that do not exist: not-found, nothing changes', async () => {
    const before = await fingerprint();
    const ghost = '00000000-0000-4000-8000-000000000000';
    const calls: Array<[ApiChannel, unknown[]]> = [
      ['query:shards', [ghost]],
      ['query:history', [{ profileId: ghost, window: '24h' }]],
      ['query:timeline', [{ profileId: ghost, limit: 10 }]],
      ['query:frames', [ghost]],
      ['command:update-profile', [ghost, profileInput()]],
      ['command:duplicate-profile', [ghost]],
      ['command:delete-profile', [ghost]],
      ['command:set-profile-enabled', [ghost, false]],
      ['command:connect', [ghost]],
      ['command:disconnect', [ghost]],
      ['command:reconnect', [ghost]],
      ['command:ack-incident', [ghost]],
      ['command:dismiss-notice', [ghost]],
      ['command:test-connection', [{ profileId: ghost }]],
    ];
    for (const [channel, args] of calls)
      await expectRefusedAndUnchanged(channel, args, ['not-found'], before);
    // A reorder must list exactly the existing profiles.
    await expectRefusedAndUnchanged(
      'command:reorder-profiles',
      [[ids[0], ids[1], ghost]],
      ['validation'],
      before,
    );
    await expectRefusedAndUnchanged(
      'command:reorder-profiles',
      [[ids[0], ids[0], ids[1]]],
      ['validation'],
      before,
    );
  });

  it('well-typed but meaningless profile forms are refused field by field, nothing changes', async () => {
    const before = await fingerprint();
    const broken = [
      { url: 'http://example.com' },
      { url: 'ws://user:pass@127.0.0.1/gateway' },
      { url: 'ws://10.0.0.1/gateway' },
      { botId: 'not-a-number' },
      { shardIn: 1, shardTotal: 1 },
      { shardTotal: 0 },
      { shardTotal: 1.5 },
      { flags: -1 },
      { flags: 2 ** 31 },
      { pingIntervalMs: 10 },
      { pingTimeoutMs: 10_000_000 },
      { lostPingsToDead: 0 },
      { name: '' },
      { name: 'n'.repeat(150) },
      { color: 'red' },
      { publicKey: 'k'.repeat(5000) },
      { name: 'Bot 1' },
    ];
    const [first] = ids;
    for (const patch of broken) {
      const input = { ...profileInput(), name: `Fresh ${tried}`, ...patch };
      if (patch.name === 'Bot 1') {
        const existing = await h.core.handle('query:snapshot', []);
        const name = existing.ok ? (existing.value as AppSnapshot).profiles[1]?.name : undefined;
        input.name = name ?? 'x';
      }
      await expectRefusedAndUnchanged(
        'command:create-profile',
        [input],
        ['validation', 'bad-request'],
        before,
      );
      await expectRefusedAndUnchanged(
        'command:update-profile',
        [first, input],
        ['validation', 'bad-request'],
        before,
      );
    }
  });
});
