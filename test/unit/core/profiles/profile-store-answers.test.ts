/**
 * What the profile store answers and announces: the words of each refusal
 * (closed store, a profile that is gone, an incomplete order, a second demo,
 * a notice already dismissed), which change each operation announces, the
 * order and ids it keeps, and what it says about secrets it cannot open
 * (marks that follow a copy and go with a deleted profile).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import type { ProfileStoreChange } from '../../../../electron/core/profiles/profile-store';
import type { SecretCipher } from '../../../../electron/core/profiles/secret-cipher';
import type { ProfileInput } from '../../../../shared/profile-model';
import { defaultProfileInput } from '../../../../shared/profile-validation';
import { createTranslator, sayEnglish, type Say } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';
import { defaultStoredProfile, writeProfilesFile } from './stored-profiles';

const tempDir = useTempDirs('shardwatch-profile-answers-');

/**
 * Seals as `<key>:<text reversed>`: a value sealed under another key does not
 * open; `available` false makes every use fail, as a locked keychain does.
 */
function testCipher(problems: SecretCipher['problems'] = undefined) {
  const state = { available: true, key: 'k1' };
  const cipher: SecretCipher = {
    info: () => ({
      backend: 'test-key',
      strong: true,
      description: { key: 'secrets.sessionOnly' },
    }),
    isAvailable: () => state.available,
    encrypt: (plain) => {
      if (!state.available) throw new Error('no secret storage');
      return `${state.key}:${[...plain].reverse().join('')}`;
    },
    decrypt: (sealed) => {
      if (!state.available || !sealed.startsWith(`${state.key}:`)) throw new Error('cannot open');
      return [...sealed.slice(state.key.length + 1)].reverse().join('');
    },
    ...(problems ? { problems } : {}),
  };
  return { cipher, state };
}

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    ...defaultProfileInput(),
    name: 'Prod bot',
    botId: '1234',
    publicKey: 'pk',
    secret: 's',
    ...overrides,
  };
}

/** A store in `dir` with ids from `ids` (then `p<n>`), and every change it announces. */
function open(
  dir: string,
  cipher: SecretCipher = testCipher().cipher,
  opts: { ids?: string[]; say?: Say } = {},
) {
  const ids = [...(opts.ids ?? [])];
  let n = 0;
  const store = createProfileStore({
    dir,
    cipher,
    clock: createFakeClock(),
    idFactory: () => ids.shift() ?? `p${++n}`,
    ...(opts.say ? { say: opts.say } : {}),
  });
  const changes: ProfileStoreChange['kind'][] = [];
  store.on('change', (c) => changes.push(c.kind));
  return { store, changes, file: path.join(dir, 'profiles.json') };
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got: ${JSON.stringify(r.error)}`);
  return r.value;
}

type Refusal = { ok: false; error: { code: string; message: string; fieldErrors?: unknown } };

function refusal(r: { ok: boolean }): Refusal['error'] {
  if (r.ok) throw new Error('expected a refusal');
  return (r as Refusal).error;
}

const GONE = sayEnglish('request.gone.profile');

describe('refusals say what is wrong', () => {
  it('a profile that is gone, for every operation that names one', () => {
    const { store, changes } = open(tempDir());
    ok(store.create(input()));
    changes.length = 0;
    expect(GONE).toMatch(/profile/i);
    for (const r of [
      store.update('nope', input()),
      store.duplicate('nope'),
      store.delete('nope'),
      store.setEnabled('nope', false),
    ])
      expect(refusal(r)).toMatchObject({ code: 'not-found', message: GONE });
    expect(store.getSecrets('nope', 'ws://127.0.0.1:1/gateway')).toEqual({
      publicKey: null,
      secret: null,
      error: 'This profile no longer exists.',
      problem: 'no-profile',
    });
    expect(changes).toEqual([]);
  });

  it('a closed store refuses writes and exports, saying it is closed', () => {
    const { store } = open(tempDir());
    store.dispose();
    const closed = { code: 'unavailable', message: 'The profile store is closed.' };
    expect(refusal(store.create(input()))).toMatchObject(closed);
    expect(refusal(store.exportProfiles({ includeSecrets: false }))).toMatchObject(closed);
  });

  it('an order that is not every profile once, a second demo, a notice already gone', () => {
    const { store } = open(tempDir());
    const a = ok(store.create(input({ name: 'A' })));
    expect(refusal(store.reorder([a.id, a.id]))).toMatchObject({
      code: 'validation',
      message: 'The new order must list every profile exactly once.',
      fieldErrors: { order: sayEnglish('request.orderChanged') },
    });
    expect(sayEnglish('request.orderChanged')).not.toBe('');
    ok(store.createDemo(input({ name: 'Demo', botId: '9' }), { publicKey: 'p', secret: 's' }));
    expect(
      refusal(store.createDemo(input({ name: 'Demo 2' }), { publicKey: 'p', secret: 's' })),
    ).toMatchObject({ code: 'conflict', message: 'A demo profile already exists.' });
    expect(refusal(store.dismissNotice('notice-404'))).toMatchObject({
      code: 'not-found',
      message: 'That notice was already dismissed, perhaps in another window.',
    });
  });

  it('an incomplete profile: "needs attention" on save, "complete it" on enabling, and it may be disabled', () => {
    const dir = tempDir();
    const { store } = open(dir);
    const p = ok(store.create(input({ enabled: true })));
    expect(refusal(store.update(p.id, input({ name: '' })))).toMatchObject({
      code: 'validation',
      message: 'Some fields need attention.',
    });
    store.dispose();
    // An enabled profile the file holds without a bot id (an older build let it through).
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8'));
    doc.profiles[0].botId = '';
    fs.writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify(doc));
    const again = open(dir).store;
    expect(again.get(p.id)?.enabled).toBe(true);
    expect(ok(again.setEnabled(p.id, false)).enabled).toBe(false);
    expect(refusal(again.setEnabled(p.id, true))).toMatchObject({
      code: 'validation',
      message: 'Complete this profile before enabling it',
    });
  });

  it('a form is checked in the user language', () => {
    const { store } = open(tempDir(), testCipher().cipher, {
      say: createTranslator('pt-BR').say,
    });
    const english = open(tempDir()).store.validate(input({ name: '' }), null).errors.name;
    const pt = store.validate(input({ name: '' }), null).errors.name;
    expect(pt).toBeTruthy();
    expect(pt).not.toBe(english);
  });

  it('a value to store without secret storage is refused on update', () => {
    const { cipher, state } = testCipher();
    const { store, file } = open(tempDir(), cipher);
    const p = ok(store.create(input()));
    const before = fs.readFileSync(file, 'utf8');
    state.available = false;
    expect(refusal(store.update(p.id, input({ secret: 'new' }))).code).toBe('unavailable');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('what each operation announces and keeps', () => {
  it('duplicate, enable, delete and import announce a change of profiles', () => {
    const { store, changes } = open(tempDir());
    const a = ok(store.create(input({ name: 'A' })));
    const content = ok(store.exportProfiles({ includeSecrets: false })).content;
    changes.length = 0;
    const copy = ok(store.duplicate(a.id));
    ok(store.setEnabled(copy.id, true));
    ok(store.delete(a.id));
    ok(store.importProfiles({ content }));
    expect(changes).toEqual(['profiles', 'profiles', 'profiles', 'profiles']);
  });

  it('enabling one profile keeps the others, in their places', () => {
    const { store } = open(tempDir());
    const a = ok(store.create(input({ name: 'A', botId: '1', enabled: false })));
    const b = ok(store.create(input({ name: 'B', botId: '2', enabled: false })));
    ok(store.setEnabled(b.id, true));
    expect(store.list().map((p) => [p.name, p.enabled])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect(store.get(a.id)?.order).toBe(0);
  });

  it('a copy is not named like a profile whose stored name differs only by blanks', () => {
    const dir = tempDir();
    // An older build stored names untrimmed.
    writeProfilesFile(dir, [
      defaultStoredProfile('a', { name: 'A' }),
      defaultStoredProfile('b', { name: '  A (copy)  ' }),
    ]);
    const { store } = open(dir);
    expect(ok(store.duplicate('a')).name).toBe('A (copy 2)');
  });

  it('a copy never takes an id already in use', () => {
    const { store } = open(tempDir(), testCipher().cipher, { ids: ['a', 'a', 'b'] });
    ok(store.create(input({ name: 'A' })));
    const copy = ok(store.duplicate('a'));
    expect(copy.id).toBe('b');
    expect(store.list().map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('entering only a public key names the cipher of the secrets anew', () => {
    const dir = tempDir();
    const first = open(dir);
    const p = ok(first.store.create(input()));
    first.store.dispose();
    const doc = JSON.parse(fs.readFileSync(first.file, 'utf8'));
    doc.profiles[0].cipherBackend = 'an-older-backend';
    fs.writeFileSync(first.file, JSON.stringify(doc));
    const again = open(dir).store;
    ok(again.update(p.id, input({ publicKey: 'pk2', secret: undefined })));
    expect(JSON.parse(fs.readFileSync(first.file, 'utf8')).profiles[0].cipherBackend).toBe(
      'test-key',
    );
  });

  it('says how secrets are stored, as the cipher does', () => {
    const { cipher } = testCipher();
    expect(open(tempDir(), cipher).store.secretStorage()).toEqual(cipher.info());
  });

  it('shows the problems of the cipher as notices, and none when it has none', () => {
    expect(open(tempDir()).store.notices()).toEqual([]);
    const { cipher } = testCipher(() => [
      { level: 'warning', text: { key: 'secrets.sessionOnly' }, message: 'x' },
    ]);
    const notices = open(tempDir(), cipher).store.notices();
    expect(notices.map((n) => [n.level, n.message])).toEqual([
      ['warning', sayEnglish('secrets.sessionOnly')],
    ]);
  });

  it('after dispose() dismissing a notice is refused as the other writes are, and not announced', () => {
    const { cipher } = testCipher(() => [
      { level: 'warning', text: { key: 'secrets.sessionOnly' }, message: 'x' },
    ]);
    const { store, changes } = open(tempDir(), cipher);
    const id = store.notices()[0]?.id ?? '';
    store.dispose();
    expect(refusal(store.dismissNotice(id))).toMatchObject({
      code: 'unavailable',
      message: 'The profile store is closed.',
    });
    expect(changes).toEqual([]);
  });
});

describe('stored secrets this computer cannot open', () => {
  /** A profile with both secrets saved by a store whose cipher key was `k1`; the file and the id. */
  function saved(dir: string) {
    const first = open(dir);
    const p = ok(first.store.create(input()));
    first.store.dispose();
    return { id: p.id, url: p.url };
  }

  it('a copy of a profile whose secrets must be entered again must have them entered too', () => {
    const dir = tempDir();
    const { id } = saved(dir);
    const { cipher, state } = testCipher();
    state.key = 'k2';
    const { store } = open(dir, cipher, { ids: ['copy'] });
    expect(store.get(id)?.secretNeedsReentry).toBe(true);
    const copy = ok(store.duplicate(id));
    expect(copy.secretNeedsReentry).toBe(true);
    expect(store.getSecrets(copy.id, copy.url).problem).toBe('unreadable');
  });

  it('a deleted profile takes its "enter again" with it: imported back, it asks for nothing', () => {
    const dir = tempDir();
    const { id } = saved(dir);
    const { cipher, state } = testCipher();
    state.key = 'k2';
    const { store } = open(dir, cipher);
    expect(store.get(id)?.secretNeedsReentry).toBe(true);
    const content = ok(store.exportProfiles({ includeSecrets: false })).content;
    ok(store.delete(id));
    ok(store.importProfiles({ content }));
    // The import keeps the profile's identity, since it is free again.
    expect(store.list().map((p) => [p.id, p.hasSecret, p.secretNeedsReentry])).toEqual([
      [id, false, false],
    ]);
  });

  it('without secret storage at start nothing is marked to enter again: the storage may come back', () => {
    const dir = tempDir();
    const { id, url } = saved(dir);
    const { cipher, state } = testCipher();
    state.available = false;
    const { store } = open(dir, cipher);
    expect(store.get(id)?.secretNeedsReentry).toBe(false);
    state.available = true;
    expect(store.getSecrets(id, url)).toEqual({
      publicKey: 'pk',
      secret: 's',
      error: null,
      problem: null,
    });
  });

  it('a key that changes while running: the first use finds it out and announces it, once', () => {
    const dir = tempDir();
    const { id, url } = saved(dir);
    const { cipher, state } = testCipher();
    const { store, changes } = open(dir, cipher);
    expect(store.get(id)?.secretNeedsReentry).toBe(false);
    state.key = 'k2';
    expect(store.getSecrets(id, url).problem).toBe('unreadable');
    expect(store.get(id)?.secretNeedsReentry).toBe(true);
    expect(changes).toEqual(['profiles']);
    store.getSecrets(id, url);
    expect(changes).toEqual(['profiles']);
  });

  it('an export that finds secrets it cannot open announces it, once', () => {
    const dir = tempDir();
    const { id } = saved(dir);
    const { cipher, state } = testCipher();
    const { store, changes } = open(dir, cipher);
    const withSecrets = { includeSecrets: true, passphrase: 'correct horse battery staple' };
    ok(store.exportProfiles(withSecrets));
    expect(changes).toEqual([]);
    state.key = 'k2';
    ok(store.exportProfiles(withSecrets));
    expect(store.get(id)?.secretNeedsReentry).toBe(true);
    expect(changes).toEqual(['profiles']);
    ok(store.exportProfiles(withSecrets));
    expect(changes).toEqual(['profiles']);
  });
});
