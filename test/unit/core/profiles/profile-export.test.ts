import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import { pickProfileFields } from '../../../../electron/core/profiles/stored-file';
import { createFileKeyCipher } from '../../../../electron/core/profiles/secret-cipher';
import type { ProfileFields, ProfileInput } from '../../../../shared/profile-model';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const PK = 'CANARY-EXPORT-PK-1e8b3c70';
const SECRET = 'CANARY-EXPORT-SECRET-aa41d95f';
const PASS = 'correct horse battery';
const tempDir = useTempDirs('shardwatch-profiles-');

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    ...defaultProfileInput(),
    name: 'Prod bot',
    botId: '1234',
    publicKey: PK,
    secret: SECRET,
    ...overrides,
  };
}

/** Each store names its profiles apart (`a-p1`, `b-p1`…), as random ids would on two installs. */
let stores = 0;
function open(dir = tempDir()) {
  let n = 0;
  const prefix = String.fromCharCode(97 + (stores++ % 26));
  return createProfileStore({
    dir,
    cipher: createFileKeyCipher(dir),
    clock: createFakeClock(),
    idFactory: () => `${prefix}-p${++n}`,
  });
}

/**
 * An export as the version 1 format wrote it (written out here, independently
 * of export-format.ts): the URLs, bot ids, dialects and shards bound in the
 * seal's associated data, the secrets sealed without addresses.
 */
function buildV1Export(
  profiles: ProfileFields[],
  secrets: Array<{ publicKey: string | null; secret: string | null }>,
  passphrase: string,
): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(
    Buffer.from(
      JSON.stringify([
        'shardwatch-profiles',
        1,
        profiles.map((p) => [p.url, p.botId, p.dialect, p.shardIn, p.shardTotal]),
      ]),
    ),
  );
  const data = Buffer.concat([c.update(JSON.stringify(secrets), 'utf8'), c.final()]);
  return JSON.stringify({
    format: 'shardwatch-profiles',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    profiles,
    secrets: {
      cipher: 'aes-256-gcm',
      kdf: { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyLength: 32, salt: salt.toString('base64') },
      iv: iv.toString('base64'),
      tag: c.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    },
  });
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.value;
}

function seeded() {
  const store = open();
  must(store.create(input()));
  must(
    store.create(
      input({
        name: 'Remote',
        url: 'ws://10.1.2.3:3030/gateway',
        allowInsecure: true,
        botId: '99',
      }),
    ),
  );
  return store;
}

describe('export', () => {
  it('without secrets holds the fields and no secret', () => {
    const file = must(seeded().exportProfiles({ includeSecrets: false }));
    expect(file.fileName).toBe('shardwatch-profiles-20261126-120000.json');
    expect(file.content).not.toContain(PK);
    expect(file.content).not.toContain(SECRET);
    const doc = JSON.parse(file.content);
    expect(doc).toMatchObject({
      format: 'shardwatch-profiles',
      version: 2,
      exportedAt: '2026-11-26T12:00:00.000Z',
    });
    expect(doc.profiles.map((p: { name: string }) => p.name)).toEqual(['Prod bot', 'Remote']);
    expect(doc.secrets).toBeUndefined();
  });

  it('with secrets needs a passphrase of 8 characters or more', () => {
    const store = seeded();
    for (const passphrase of [undefined, '', 'short12']) {
      const r = store.exportProfiles({ includeSecrets: true, passphrase });
      expect(!r.ok && r.error.code).toBe('validation');
      expect(!r.ok && r.error.fieldErrors?.passphrase).toMatch(/at least 8 characters/);
    }
  });

  it('with secrets holds only ciphertext, records scrypt parameters, and round-trips', () => {
    const file = must(seeded().exportProfiles({ includeSecrets: true, passphrase: PASS }));
    expect(file.content).not.toContain(PK);
    expect(file.content).not.toContain(SECRET);
    expect(file.content).not.toContain(PASS);
    const doc = JSON.parse(file.content);
    expect(doc.secrets.kdf).toMatchObject({ name: 'scrypt', N: 32768, r: 8, p: 1 });

    const target = open();
    const report = must(target.importProfiles({ content: file.content, passphrase: PASS }));
    expect(report).toEqual({
      imported: 2,
      skippedDuplicates: [],
      skippedIndexes: [],
      withSecrets: true,
    });
    const [a, b] = target.list();
    expect(a).toMatchObject({
      name: 'Prod bot',
      enabled: false,
      hasSecret: true,
      hasPublicKey: true,
    });
    expect(target.getSecrets(a?.id ?? '', target.get(a?.id ?? '')?.url ?? '')).toEqual({
      publicKey: PK,
      secret: SECRET,
      error: null,
      problem: null,
    });
    // The importing user acknowledges plain ws:// themselves before it can be enabled.
    expect(b).toMatchObject({ name: 'Remote', allowInsecure: false, enabled: false });
    const enable = target.setEnabled(b?.id ?? '', true);
    expect(!enable.ok && enable.error.fieldErrors?.url).toMatch(/unencrypted/);
    expect(must(target.setEnabled(a?.id ?? '', true)).enabled).toBe(true);
  });

  it('a wrong or missing passphrase is refused clearly and imports nothing', () => {
    const file = must(seeded().exportProfiles({ includeSecrets: true, passphrase: PASS }));
    const target = open();
    const wrong = target.importProfiles({
      content: file.content,
      passphrase: 'not the passphrase',
    });
    expect(!wrong.ok && wrong.error.code).toBe('unauthorized');
    expect(!wrong.ok && wrong.error.message).toMatch(/passphrase is wrong/);
    const missing = target.importProfiles({ content: file.content });
    expect(!missing.ok && missing.error.message).toMatch(/enter the passphrase/);
    expect(target.list()).toEqual([]);
  });

  it('sealed secrets cannot be redirected by editing a URL in the file: refused, naming both addresses', () => {
    const file = must(seeded().exportProfiles({ includeSecrets: true, passphrase: PASS }));
    for (const url of [
      'wss://attacker.example.com/gateway',
      'ws://10.1.2.3:3031/gateway',
      'ws://10.1.2.3:3030/gateway/other',
      'wss://10.1.2.3:3030/gateway',
    ]) {
      const doc = JSON.parse(file.content);
      const before = doc.profiles[1].url;
      doc.profiles[1].url = url;
      const target = open();
      const r = target.importProfiles({ content: JSON.stringify(doc), passphrase: PASS });
      expect(!r.ok && r.error.code).toBe('bad-request');
      const message = !r.ok ? r.error.message : '';
      expect(message).toContain('"Remote"');
      expect(message).toContain(before);
      expect(message).toMatch(/nothing was imported/);
      expect(message).toMatch(/enter them in each profile/);
      expect(target.list()).toEqual([]);
    }
    // The same file as exported imports with its secrets.
    const target = open();
    expect(
      must(target.importProfiles({ content: file.content, passphrase: PASS })).withSecrets,
    ).toBe(true);
  });

  it('a version 1 export (URLs bound in the seal) still imports, and an edited URL is refused', () => {
    // Written by the previous format: what a Shardwatch before this one exported.
    const v1 = buildV1Export(
      [pickProfileFields({ ...input({ name: 'Old', url: 'wss://gw.example.com/gateway' }) })],
      [{ publicKey: PK, secret: SECRET }],
      PASS,
    );
    const target = open();
    const r = must(target.importProfiles({ content: v1, passphrase: PASS }));
    expect(r).toMatchObject({ imported: 1, withSecrets: true });
    const p = target.list()[0];
    expect(target.getSecrets(p?.id ?? '', p?.url ?? '')).toMatchObject({
      publicKey: PK,
      secret: SECRET,
    });
    const edited = JSON.parse(v1);
    edited.profiles[0].url = 'wss://attacker.example.com/gateway';
    const again = open();
    const refused = again.importProfiles({ content: JSON.stringify(edited), passphrase: PASS });
    expect(!refused.ok && refused.error.code).toBe('unauthorized');
  });

  it('without secrets imports profiles that must get secrets before enabling', () => {
    const file = must(seeded().exportProfiles({ includeSecrets: false }));
    const target = open();
    expect(must(target.importProfiles({ content: file.content }))).toEqual({
      imported: 2,
      skippedDuplicates: [],
      skippedIndexes: [],
      withSecrets: false,
    });
    const p = target.list()[0];
    expect(p).toMatchObject({ hasSecret: false, hasPublicKey: false, enabled: false });
    const r = target.setEnabled(p?.id ?? '', true);
    expect(!r.ok && Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual(['publicKey', 'secret']);
  });
});

describe('import of bad files', () => {
  const hostile: Array<[string, (good: string) => string, RegExp]> = [
    ['not JSON', () => 'hello', /not valid JSON/],
    ['truncated', (good) => good.slice(0, good.length / 2), /not valid JSON/],
    [
      'another format',
      () => JSON.stringify({ format: 'other', version: 1, profiles: [] }),
      /not a Shardwatch profiles export/,
    ],
    [
      'newer version',
      (good) => JSON.stringify({ ...JSON.parse(good), version: 9 }),
      /newer Shardwatch/,
    ],
    [
      'a profile with a wrong type',
      (good) => {
        const d = JSON.parse(good);
        d.profiles[1].shardIn = '0; rm -rf';
        return JSON.stringify(d);
      },
      /damaged: profile 2\.shardIn must be a number/,
    ],
    [
      'a profile that fails validation',
      (good) => {
        const d = JSON.parse(good);
        d.profiles[0].pingIntervalMs = 5;
        return JSON.stringify(d);
      },
      /Profile "Prod bot" in the file is not valid \(pingIntervalMs: Ping interval must be between/,
    ],
    [
      'a scrypt cost meant to exhaust memory',
      (good) => {
        const d = JSON.parse(good);
        d.secrets.kdf.N = 2 ** 30;
        return JSON.stringify(d);
      },
      /outside the safe range/,
    ],
    [
      'damaged ciphertext fields',
      (good) => {
        const d = JSON.parse(good);
        d.secrets.iv = '!!';
        return JSON.stringify(d);
      },
      /damaged/,
    ],
  ];

  // One export for all cases: scrypt is deliberately slow.
  let good = '';
  beforeAll(() => {
    good = must(seeded().exportProfiles({ includeSecrets: true, passphrase: PASS })).content;
  });

  it.each(hostile)(
    '%s is refused and existing profiles are untouched',
    (_label, mutate, message) => {
      const target = open();
      must(target.create(input({ name: 'Mine', botId: '777' })));
      const before = JSON.stringify(target.list());
      const r = target.importProfiles({ content: mutate(good), passphrase: PASS });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-request');
        expect(r.error.message).toMatch(message);
        expect(r.error.message).toMatch(/Nothing was imported/);
      }
      expect(JSON.stringify(target.list())).toBe(before);
    },
  );
});

describe('import duplicates', () => {
  it('knows a profile by its identity, not its name: same profile skipped (or copied when asked), same name renamed', () => {
    const origin = seeded();
    const content = must(origin.exportProfiles({ includeSecrets: false })).content;
    const names = (store: ReturnType<typeof open>) =>
      store
        .list()
        .map((p) => p.name)
        .sort();

    // Another install with a profile of the same name: both come in, under free names.
    const target = open();
    must(target.create(input({ name: 'prod BOT', botId: '5555' })));
    const report = must(target.importProfiles({ content }));
    expect(report).toMatchObject({ imported: 2, skippedDuplicates: [], skippedIndexes: [] });
    expect(names(target)).toEqual(['Prod bot (2)', 'Remote', 'prod BOT']);

    // The same profiles again: skipped and listed, with their place in the file…
    const again = must(target.importProfiles({ content }));
    expect(again).toMatchObject({
      imported: 0,
      skippedDuplicates: ['Prod bot', 'Remote'],
      skippedIndexes: [0, 1],
    });
    // …or, when asked, imported as copies with identities of their own.
    const copied = must(target.importProfiles({ content, asCopies: again.skippedIndexes }));
    expect(copied.imported).toBe(2);
    expect(names(target)).toEqual([
      'Prod bot (2)',
      'Prod bot (copy)',
      'Remote',
      'Remote (copy)',
      'prod BOT',
    ]);
    expect(new Set(target.list().map((p) => p.id)).size).toBe(5);
    // Into the install they came from, nothing is new.
    expect(must(origin.importProfiles({ content })).imported).toBe(0);
  });

  it('brings copies made with Duplicate back as the separate profiles they are', () => {
    const origin = seeded();
    const first = origin.list()[0];
    if (!first) throw new Error('no profile');
    must(origin.duplicate(first.id));
    const content = must(origin.exportProfiles({ includeSecrets: false })).content;
    const fresh = open();
    const report = must(fresh.importProfiles({ content }));
    expect(report.imported).toBe(3);
    expect(fresh.list().map((p) => p.name)).toContain(`${first.name} (copy)`);
  });

  it('matches a file without identities (an older export) on url, bot id and shard', () => {
    const content = must(seeded().exportProfiles({ includeSecrets: false })).content;
    const doc = JSON.parse(content) as Record<string, unknown>;
    delete doc['ids'];
    const old = JSON.stringify(doc);
    const fresh = open();
    expect(must(fresh.importProfiles({ content: old })).imported).toBe(2);
    expect(must(fresh.importProfiles({ content: old })).skippedDuplicates).toEqual([
      'Prod bot',
      'Remote',
    ]);
    expect(fresh.list()).toHaveLength(2);
  });
});
