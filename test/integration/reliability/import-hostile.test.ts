/**
 * Profile import of malformed, truncated, wrong-passphrase and hostile files
 * through `core.handle('command:import-profiles')`: random structural damage,
 * every kind of truncation, wrong passphrases, scrypt parameters meant to
 * exhaust memory or CPU, deep JSON, 10 MB strings, prototype keys.
 *
 * Every refusal carries a reason; the profiles already there are untouched
 * (views and the bytes of profiles.json), and `Object.prototype` is never
 * polluted. A file that is harmlessly damaged may import; then only new,
 * disabled profiles appear.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRYPT_DEFAULTS } from '../../../electron/core/profiles/export-format';
import type { ExportFile } from '../../../shared/api';
import type { ImportReport } from '../../../shared/command-results';
import type { ProfileView } from '../../../shared/profile-model';
import type { CoreHarness } from '../../reliability/core-harness';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import { createScriptedGateway } from '../../reliability/scripted-gateway';
import { createSteppingClock, size, timeoutFor, watchCrashes } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('import-hostile');
const dirs = tempDirs();
const PASS = 'correct horse battery staple';
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

let h: CoreHarness;
let plain = '';
let sealed = '';
let original: ProfileView[] = [];
let tried = 0;
let refused = 0;
let touched = 0;

async function profiles(): Promise<ProfileView[]> {
  const r = await h.core.handle('query:snapshot', []);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { profiles: ProfileView[] }).profiles;
}

function fileBytes(): Buffer {
  return readFileSync(join(h.dataDir, 'profiles.json'));
}

beforeAll(async () => {
  // The export comes from another install, so a clean import would add profiles.
  const clock = createSteppingClock();
  const gateway = createScriptedGateway(clock, () => ({
    shardCount: 2,
    reportEveryMs: 10_000,
    rttAt: () => 10,
    disconnected: () => false,
  }));
  const source = await startCore({
    dataDir: dirs.make(),
    clock,
    connectionFactory: gateway.factory,
  });
  for (let i = 0; i < 3; i++)
    await source.core.handle('command:create-profile', [
      profileInput({ name: `Theirs ${i}`, shardTotal: 2 }),
    ]);
  const p = await source.core.handle('command:export-profiles', [{ includeSecrets: false }]);
  const s = await source.core.handle('command:export-profiles', [
    { includeSecrets: true, passphrase: PASS },
  ]);
  if (!p.ok || !s.ok) throw new Error('export failed');
  plain = (p.value as ExportFile).content;
  sealed = (s.value as ExportFile).content;
  await source.dispose();

  h = await startCore({ dataDir: dirs.make(), clock, connectionFactory: gateway.factory });
  for (let i = 0; i < 3; i++)
    await h.core.handle('command:create-profile', [
      profileInput({ name: `Mine ${i}`, shardTotal: 2 }),
    ]);
  original = await profiles();
});

afterAll(async () => {
  await h.dispose();
  dirs.cleanup();
  card.add('inputsTried', tried);
  card.add('dataLost', touched);
  card.detail('import attempts', tried);
  card.detail('refused', refused);
  card.detail('existing profiles touched', touched);
});

/**
 * Import `content`; whatever happens, the existing profiles are untouched and
 * nothing is polluted. Returns the result; a successful import is undone.
 */
async function tryImport(
  content: string,
  passphrase?: string,
): Promise<{ ok: true; report: ImportReport } | { ok: false; code: string; message: string }> {
  tried++;
  const bytes = fileBytes();
  const r = await h.core.handle('command:import-profiles', [
    passphrase === undefined ? { content } : { content, passphrase },
  ]);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTO_NAMES);
  expect(({} as Record<string, unknown>)['enabled']).toBeUndefined();
  const now = await profiles();
  const kept = original.map((o) => now.find((p) => p.id === o.id));
  if (JSON.stringify(kept) !== JSON.stringify(original)) touched++;
  expect(kept).toEqual(original);
  if (!r.ok) {
    refused++;
    expect(r.error.message.length).toBeGreaterThan(20);
    expect(r.error.message.length).toBeLessThan(400);
    expect(fileBytes().equals(bytes)).toBe(true);
    expect(now).toHaveLength(original.length);
    return { ok: false, code: r.error.code, message: r.error.message };
  }
  // Harmless damage may import: only new, disabled, unacknowledged profiles appear. Undo it.
  const added = now.filter((p) => !original.some((o) => o.id === p.id));
  for (const p of added) {
    expect(p.enabled).toBe(false);
    expect(p.allowInsecure).toBe(false);
    const d = await h.core.handle('command:delete-profile', [p.id]);
    expect(d.ok).toBe(true);
  }
  return { ok: true, report: r.value as ImportReport };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

function paths(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

interface Damage {
  at: number;
  kind: 'replace' | 'delete' | 'extra' | 'nest' | 'long';
  value: Json;
  key: string;
}

const damage: fc.Arbitrary<Damage> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'extra', 'nest', 'long'),
  value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'enabled'), fc.string()),
});

/** Apply structural damage; the result is serialised by hand so `__proto__` stays a plain key. */
function damaged(content: string, list: Damage[]): string {
  const doc = JSON.parse(content) as Json;
  for (const d of list) {
    const all = paths(doc).slice(1);
    const path = all[d.at % all.length] as Path;
    let parent = doc as Record<string | number, Json>;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, Json>;
    const key = path[path.length - 1] as string | number;
    switch (d.kind) {
      case 'replace':
        parent[key] = d.value;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'extra': {
        const target = parent[key];
        const obj =
          target !== null && typeof target === 'object' && !Array.isArray(target) ? target : parent;
        Object.defineProperty(obj, d.key, {
          value: d.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        break;
      }
      case 'nest': {
        let v: Json = parent[key] ?? null;
        for (let i = 0; i < 200; i++) v = [v];
        parent[key] = v;
        break;
      }
      case 'long':
        parent[key] = 'L'.repeat(300_000);
        break;
    }
  }
  return JSON.stringify(doc);
}

describe('hostile profile imports', () => {
  it(
    'structurally damaged exports: refused with a reason or harmlessly imported, existing profiles untouched',
    async () => {
      const crashes = watchCrashes();
      await fc.assert(
        fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 4 }), async (list) => {
          await tryImport(damaged(plain, list));
        }),
        { numRuns: size(300, 20_000), seed: 5 },
      );
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    timeoutFor(60_000, 3_600_000),
  );

  it(
    'damage to the sealed secrets: refused (damaged or wrong passphrase), never half-imported',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 2 }), async (list) => {
          const doc = JSON.parse(sealed) as { secrets: Json };
          const secretsOnly = damaged(JSON.stringify(doc.secrets), list);
          const content = JSON.stringify({
            ...JSON.parse(sealed),
            secrets: JSON.parse(secretsOnly),
          });
          const r = await tryImport(content, PASS);
          if (r.ok) expect(r.report.withSecrets).toBe(true);
        }),
        { numRuns: size(12, 300), seed: 6 },
      );
    },
    timeoutFor(60_000, 1_800_000),
  );

  it('malformed and truncated files: refused as not valid JSON', async () => {
    for (const content of [
      '',
      ' ',
      'hello',
      '{',
      '[]',
      'null',
      '"x"',
      '{"format":',
      '\u0000\u0001',
    ]) {
      const r = await tryImport(content);
      expect(r.ok).toBe(false);
    }
    const trimmed = sealed.trimEnd().length;
    const cuts = fc.sample(fc.integer({ min: 0, max: trimmed - 1 }), {
      numRuns: size(40, 2000),
      seed: 7,
    });
    for (const cut of cuts) {
      const r = await tryImport(sealed.slice(0, cut), PASS);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/not valid JSON|Nothing was imported/);
    }
  });

  it('wrong or missing passphrase: unauthorized, nothing imported', async () => {
    for (const pass of fc.sample(fc.string({ minLength: 1, maxLength: 64 }), {
      numRuns: size(4, 40),
      seed: 8,
    })) {
      if (pass === PASS) continue;
      const r = await tryImport(sealed, pass);
      expect(r.ok === false && r.code).toBe('unauthorized');
      if (!r.ok) expect(r.message).toMatch(/passphrase is wrong/);
    }
    const missing = await tryImport(sealed);
    expect(missing.ok === false && missing.code).toBe('unauthorized');
  });

  it.each([
    ['N = 2^30 (memory)', { N: 2 ** 30 }],
    ['N = 2^20, r = 8 (1 GiB)', { N: 2 ** 20, r: 8 }],
    ['r = 1024', { r: 1024 }],
    ['p = 1000', { p: 1000 }],
    ['N not a power of two', { N: 100_000 }],
    ['N = 2^40', { N: 2 ** 40 }],
    ['N negative', { N: -16384 }],
    ['N as a string', { N: '32768' }],
    ['N as a float', { N: 32768.5 }],
    ['keyLength 1e9', { keyLength: 1e9 }],
    ['maxmem smuggled in', { maxmem: 2 ** 40, N: 2 ** 24 }],
    // Within the memory bound (256 MiB) but 16× the work Shardwatch writes:
    // seconds of synchronous CPU in the main process, stalling every ping.
    ['N = 2^20, r = 2, p = 4 (CPU)', { N: 2 ** 20, r: 2, p: 4 }],
    ['N = 2^18, r = 8, p = 4 (CPU)', { N: 2 ** 18, r: 8, p: 4 }],
  ])('hostile scrypt parameters (%s): refused as outside the safe range', async (_label, kdf) => {
    const doc = JSON.parse(sealed) as { secrets: { kdf: Record<string, unknown> } };
    doc.secrets.kdf = { ...doc.secrets.kdf, ...kdf };
    card.add('faultsInjected');
    const r = await tryImport(JSON.stringify(doc), PASS);
    expect(r.ok === false && r.message).toMatch(/outside the safe range/);
  });

  it('the scrypt work Shardwatch itself writes stays accepted', () => {
    expect(SCRYPT_DEFAULTS).toEqual({ N: 2 ** 15, r: 8, p: 1 });
  });

  it('deep JSON, 10 MB strings, too many profiles, oversized content: refused with a reason', async () => {
    const deep = `{"format":"shardwatch-profiles","version":1,"profiles":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    expect((await tryImport(deep)).ok).toBe(false);
    const doc = JSON.parse(plain) as { profiles: Array<Record<string, unknown>> };
    const tenMb = 'N'.repeat(10 * 1024 * 1024 - 2000);
    const bigName = JSON.stringify({ ...doc, profiles: [{ ...doc.profiles[0], name: tenMb }] });
    const r1 = await tryImport(bigName);
    expect(r1.ok === false && r1.message).toMatch(/at most 200 characters/);
    const many = JSON.stringify({ ...doc, profiles: new Array(1001).fill(doc.profiles[0]) });
    expect((await tryImport(many)).ok).toBe(false);
    const tooBig = `${plain}${' '.repeat(10 * 1024 * 1024)}`;
    const r2 = await tryImport(tooBig);
    expect(r2.ok === false && r2.code).toBe('bad-request');
  });

  it('prototype keys anywhere in the file: nothing polluted, nothing enabled or acknowledged', async () => {
    const count = (JSON.parse(plain) as { profiles: unknown[] }).profiles.length;
    // A `__proto__` key is dropped as JSON.parse reads it, so those files
    // import every profile (tryImport checks each is new, disabled and
    // unacknowledged, and that nothing was polluted); a `constructor` key or
    // a profile that is not one is refused, naming what is wrong.
    const cases: Array<[string, string, RegExp | 'imported']> = [
      [
        '__proto__ at the top',
        plain.replace('"profiles":', '"__proto__":{"polluted":true},"profiles":'),
        'imported',
      ],
      [
        '__proto__ in each profile',
        plain.replace(/"name":/g, '"__proto__":{"enabled":true,"allowInsecure":true},"name":'),
        'imported',
      ],
      [
        'constructor in alerts',
        plain.replace(/"alerts": \{/g, '"alerts": {"constructor":{"prototype":{"polluted":true}},'),
        /alerts has a field named "constructor", which is never accepted/,
      ],
      [
        'constructor at the top',
        plain.replace('"format"', '"constructor":{"prototype":{"enabled":true}},"format"'),
        'imported',
      ],
      [
        'a profile that is only __proto__',
        plain.replace('"profiles": [', '"profiles": [{"__proto__":[]},'),
        /profile 1\.name must be text/,
      ],
    ];
    for (const [label, content, want] of cases) {
      const r = await tryImport(content);
      if (want === 'imported') {
        expect(r.ok, label).toBe(true);
        if (r.ok) expect(r.report, label).toMatchObject({ imported: count, skippedDuplicates: [] });
      } else {
        expect(r.ok, label).toBe(false);
        if (!r.ok) expect(r.message, label).toMatch(want);
      }
    }
  });
});
