import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import type { ProfileStoreChange } from '../../../../electron/core/profiles/profile-store';
import type { SecretCipher } from '../../../../electron/core/profiles/secret-cipher';
import {
  createFileKeyCipher,
  createMemoryCipher,
} from '../../../../electron/core/profiles/secret-cipher';
import type { ProfileInput } from '../../../../shared/profile-model';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { createFakeClock } from '../../../support/fake-clock';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const PK = 'CANARY-PUBLICKEY-5b2e7d01';
const SECRET = 'CANARY-SHAREDSECRET-c9a4f3b8';
const tempDir = useTempDirs('shardwatch-profiles-');

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    ...defaultProfileInput(),
    name: 'Prod bot',
    botId: '123456789012345678',
    publicKey: PK,
    secret: SECRET,
    ...overrides,
  };
}

function open(dir: string, cipher: SecretCipher = createFileKeyCipher(dir)) {
  let n = 0;
  return createProfileStore({ dir, cipher, clock: createFakeClock(), idFactory: () => `p${++n}` });
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.value;
}

describe('CRUD', () => {
  it('creates, lists, updates and deletes, and survives a restart', () => {
    const dir = tempDir();
    const store = open(dir);
    const changes: ProfileStoreChange[] = [];
    store.on('change', (c) => changes.push(c));
    const a = must(store.create(input()));
    expect(a).toMatchObject({
      name: 'Prod bot',
      hasPublicKey: true,
      hasSecret: true,
      order: 0,
      demo: false,
    });
    const b = must(store.create(input({ name: 'Staging', environment: 'staging' })));
    expect(store.list().map((p) => p.name)).toEqual(['Prod bot', 'Staging']);

    const renamed = must(
      store.update(a.id, input({ name: 'Production', publicKey: undefined, secret: undefined })),
    );
    expect(renamed.name).toBe('Production');
    expect(store.getSecrets(a.id, store.get(a.id)?.url ?? '')).toEqual({
      publicKey: PK,
      secret: SECRET,
      error: null,
      problem: null,
    });

    expect(must(store.delete(b.id))).toBeNull();
    expect(store.get(b.id)).toBeNull();
    expect(changes.length).toBe(4);
    store.dispose();

    const again = open(dir);
    expect(again.list().map((p) => p.name)).toEqual(['Production']);
    expect(again.getSecrets(a.id, again.get(a.id)?.url ?? '').secret).toBe(SECRET);
  });

  it('answers field errors, not-found and duplicate names', () => {
    const store = open(tempDir());
    const bad = store.create(input({ name: '', url: 'http://x' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('validation');
      expect(bad.error.message).toBe('Some fields need attention.');
      expect(Object.keys(bad.error.fieldErrors ?? {}).sort()).toEqual(['name', 'url']);
    }
    must(store.create(input()));
    const dup = store.create(input({ name: 'PROD BOT' }));
    expect(!dup.ok && dup.error.fieldErrors?.name).toMatch(/already called/);
    const missing = store.update('nope', input());
    expect(!missing.ok && missing.error.code).toBe('not-found');
    expect(store.list()).toHaveLength(1);
  });

  it('update: undefined keeps a secret, a string replaces it, null clears it', () => {
    const store = open(tempDir());
    const p = must(store.create(input()));
    must(store.update(p.id, input({ publicKey: undefined, secret: 'new-secret' })));
    expect(store.getSecrets(p.id, store.get(p.id)?.url ?? '')).toMatchObject({
      publicKey: PK,
      secret: 'new-secret',
    });
    const cleared = store.update(p.id, input({ publicKey: undefined, secret: null }));
    // A profile needs its secret, so clearing it is refused with a field message.
    expect(!cleared.ok && cleared.error.fieldErrors?.secret).toMatch(/shared secret/);
    expect(store.get(p.id)?.hasSecret).toBe(true);
  });

  it('validate() knows which secrets are stored and which names are taken', () => {
    const store = open(tempDir());
    const p = must(store.create(input()));
    const noSecrets = input({ publicKey: undefined, secret: undefined });
    expect(store.validate(noSecrets, p.id).ok).toBe(true);
    expect(Object.keys(store.validate(noSecrets, null).errors).sort()).toEqual([
      'name',
      'publicKey',
      'secret',
    ]);
  });

  it('duplicates with secrets, a "(copy)" name, disabled, right after the original', () => {
    const store = open(tempDir());
    const a = must(store.create(input()));
    must(store.create(input({ name: 'Other', botId: '42' })));
    const c1 = must(store.duplicate(a.id));
    const c2 = must(store.duplicate(a.id));
    expect(store.list().map((p) => p.name)).toEqual([
      'Prod bot',
      'Prod bot (copy 2)',
      'Prod bot (copy)',
      'Other',
    ]);
    expect(c1).toMatchObject({ name: 'Prod bot (copy)', enabled: false, hasSecret: true });
    expect(c2.name).toBe('Prod bot (copy 2)');
    expect(store.getSecrets(c1.id, store.get(c1.id)?.url ?? '')).toEqual({
      publicKey: PK,
      secret: SECRET,
      error: null,
      problem: null,
    });
  });

  it('reorders only with a permutation of the existing ids', () => {
    const store = open(tempDir());
    const ids = ['A', 'B', 'C'].map(
      (name, i) => must(store.create(input({ name, botId: String(i + 1) }))).id,
    );
    const [a, b, c] = ids as [string, string, string];
    expect(must(store.reorder([c, a, b])).map((p) => [p.name, p.order])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    for (const wrong of [
      [a, b],
      [a, b, b],
      [a, b, c, 'x'],
      [a, b, 'x'],
    ]) {
      const r = store.reorder(wrong);
      expect(!r.ok && r.error.code, JSON.stringify(wrong)).toBe('validation');
    }
    expect(store.list().map((p) => p.name)).toEqual(['C', 'A', 'B']);
  });

  it('enabling requires a complete profile', () => {
    const store = open(tempDir());
    const p = must(store.create(input({ enabled: false })));
    expect(must(store.setEnabled(p.id, true)).enabled).toBe(true);
    expect(must(store.setEnabled(p.id, false)).enabled).toBe(false);
    expect(!store.setEnabled('nope', true).ok).toBe(true);
  });

  it('keeps one demo profile', () => {
    const store = open(tempDir());
    const { publicKey: _pk, secret: _s, ...fields } = input({ name: 'Demo' });
    const demo = must(store.createDemo(fields, { publicKey: 'demo-pk', secret: 'demo-secret' }));
    expect(demo.demo).toBe(true);
    const again = store.createDemo({ ...fields, name: 'Demo 2' }, { publicKey: 'a', secret: 'b' });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('settings have defaults, validate patches and persist', () => {
    const dir = tempDir();
    const store = open(dir);
    expect(store.getSettings()).toEqual({
      theme: 'system',
      language: 'system',
      launchAtLogin: false,
      startHidden: false,
      notificationSound: false,
      frameLogSize: 200,
      overviewSort: 'trouble',
    });
    expect(must(store.updateSettings({ theme: 'dark', frameLogSize: 500 })).theme).toBe('dark');
    const bad = store.updateSettings({ frameLogSize: 5 });
    expect(!bad.ok && bad.error.fieldErrors?.frameLogSize).toMatch(/at least 10/);
    store.dispose();
    expect(open(dir).getSettings()).toMatchObject({ theme: 'dark', frameLogSize: 500 });
  });

  it('dispose() drops listeners and refuses later writes', () => {
    const store = open(tempDir());
    let calls = 0;
    store.on('change', () => calls++);
    store.dispose();
    const r = store.create(input());
    expect(!r.ok && r.error.code).toBe('unavailable');
    expect(calls).toBe(0);
  });
});

describe('secrets at rest', () => {
  it('the file holds no plaintext secret, is mode 0600, and views never carry values', () => {
    const dir = tempDir();
    const store = open(dir);
    const p = must(store.create(input()));
    must(store.duplicate(p.id));
    must(store.updateSettings({ theme: 'light' }));
    const file = path.join(dir, 'profiles.json');
    const bytes = fs.readFileSync(file);
    for (const canary of [PK, SECRET]) {
      expect(bytes.includes(Buffer.from(canary))).toBe(false);
      expect(JSON.stringify(store.list())).not.toContain(canary);
      expect(JSON.stringify(store.get(p.id))).not.toContain(canary);
      expect(JSON.stringify(store.notices())).not.toContain(canary);
    }
    expect(modeOf(file)).toBe(0o600);
    const onDisk = JSON.parse(bytes.toString('utf8'));
    expect(onDisk.schemaVersion).toBe(1);
    expect(onDisk.profiles[0]).toMatchObject({ cipherBackend: 'file-key' });
    expect(onDisk.profiles[0]).not.toHaveProperty('secret');
    expect(onDisk.profiles[0]).not.toHaveProperty('publicKey');
  });

  it('a secret sealed by another key keeps its ciphertext and asks for re-entry', () => {
    const dir = tempDir();
    const first = open(dir, createMemoryCipher());
    const p = must(first.create(input()));
    first.dispose();
    const file = path.join(dir, 'profiles.json');
    const before = JSON.parse(fs.readFileSync(file, 'utf8')).profiles[0];

    // A new session: the in-memory key of the first one is gone.
    const second = open(dir, createMemoryCipher());
    expect(second.get(p.id)).toMatchObject({
      secretNeedsReentry: true,
      hasSecret: true,
      hasPublicKey: true,
    });
    const secrets = second.getSecrets(p.id, second.get(p.id)?.url ?? '');
    expect(secrets.publicKey).toBeNull();
    expect(secrets.secret).toBeNull();
    expect(secrets.error).toMatch(
      /^Secrets unreadable, enter them again: .*could not be decrypted on this computer/,
    );
    expect(secrets.problem).toBe('unreadable');
    expect(
      second.validate(input({ publicKey: undefined, secret: undefined }), p.id).warnings.secret,
    ).toMatch(/enter it again/);

    // Unrelated edits still save, and the unreadable ciphertext is kept as it was.
    must(second.update(p.id, input({ name: 'Renamed', publicKey: undefined, secret: undefined })));
    const after = JSON.parse(fs.readFileSync(file, 'utf8')).profiles[0];
    expect(after.secretCipher).toBe(before.secretCipher);
    expect(after.publicKeyCipher).toBe(before.publicKeyCipher);

    // Entering both again clears the flag.
    must(second.update(p.id, input({ name: 'Renamed' })));
    expect(second.get(p.id)?.secretNeedsReentry).toBe(false);
    expect(second.getSecrets(p.id, second.get(p.id)?.url ?? '')).toEqual({
      publicKey: PK,
      secret: SECRET,
      error: null,
      problem: null,
    });
  });
});

describe('secrets bound to their gateway address', () => {
  const keep = { publicKey: undefined, secret: undefined };

  it('a new scheme, host, port or path needs every stored secret again; the query string does not', () => {
    const store = open(tempDir());
    const p = must(store.create(input({ url: 'wss://gw.example.com/gateway' })));
    for (const url of [
      'ws://gw.example.com/gateway',
      'wss://gw2.example.com/gateway',
      'wss://gw.example.com:8443/gateway',
      'wss://gw.example.com/gateway/',
    ]) {
      const r = store.update(p.id, input({ url, ...keep }));
      expect(!r.ok && r.error.code, url).toBe('validation');
      expect(!r.ok && r.error.message).toMatch(
        /gateway address changed: enter the public key and shared secret again/,
      );
      expect(!r.ok && r.error.fieldErrors?.publicKey).toMatch(
        /only sent to wss:\/\/gw\.example\.com\/gateway/,
      );
      expect(!r.ok && r.error.fieldErrors?.secret).toMatch(/enter the shared secret again/);
      // The editor hears it through validation too.
      expect(store.validate(input({ url, ...keep }), p.id).errors.secret).toMatch(
        /address changed/,
      );
      // Only one of the two entered: the other is still asked for.
      const half = store.update(p.id, input({ url, secret: undefined }));
      const halfFields = !half.ok ? Object.keys(half.error.fieldErrors ?? {}) : [];
      expect(halfFields).toContain('secret');
      expect(halfFields).not.toContain('publicKey');
    }
    expect(store.get(p.id)?.url).toBe('wss://gw.example.com/gateway');
    must(store.update(p.id, input({ url: 'wss://GW.example.com:443/gateway?x=1', ...keep })));
    expect(store.getSecrets(p.id, 'wss://gw.example.com/gateway').secret).toBe(SECRET);
    expect(store.getSecrets(p.id, 'wss://gw.example.com:8443/gateway')).toMatchObject({
      secret: null,
      publicKey: null,
      problem: 'other-address',
    });
  });

  it('entering them again moves the binding to the new address', () => {
    const store = open(tempDir());
    const p = must(store.create(input({ url: 'wss://gw.example.com/gateway' })));
    must(
      store.update(
        p.id,
        input({ url: 'wss://other.example.com/gateway', publicKey: 'pk-2', secret: 's-2' }),
      ),
    );
    expect(store.getSecrets(p.id, 'wss://other.example.com/gateway')).toMatchObject({
      publicKey: 'pk-2',
      secret: 's-2',
    });
    expect(store.getSecrets(p.id, 'wss://gw.example.com/gateway').secret).toBeNull();
  });

  it('a duplicate keeps its secrets for the same address, and editing its address follows the rule', () => {
    const store = open(tempDir());
    const p = must(store.create(input({ url: 'wss://gw.example.com/gateway' })));
    const copy = must(store.duplicate(p.id));
    expect(store.getSecrets(copy.id, copy.url).secret).toBe(SECRET);
    const r = store.update(
      copy.id,
      input({ name: copy.name, url: 'wss://evil.example.com/gateway', ...keep }),
    );
    expect(!r.ok && r.error.fieldErrors?.secret).toMatch(/gateway address changed/);
    expect(store.getSecrets(copy.id, 'wss://evil.example.com/gateway').secret).toBeNull();
  });

  it('a profile written before the binding existed is bound to its URL', () => {
    const dir = tempDir();
    const first = open(dir);
    const p = must(first.create(input({ url: 'wss://gw.example.com/gateway' })));
    first.dispose();
    const file = path.join(dir, 'profiles.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete doc.profiles[0].secretsFor;
    fs.writeFileSync(file, JSON.stringify(doc));
    const again = open(dir);
    expect(again.getSecrets(p.id, 'wss://gw.example.com/gateway').secret).toBe(SECRET);
    expect(again.getSecrets(p.id, 'wss://evil.example.com/gateway').secret).toBeNull();
  });
});
