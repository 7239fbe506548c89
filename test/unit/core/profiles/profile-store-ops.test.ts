/**
 * The profile store's operations when saving fails (nothing changes, the
 * user is told, no change is announced), its notices (dismissed one by one),
 * its change listeners, what it trims, how copies are named, and whether a
 * "not-found" or "nothing to do" answer leaves the file alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFileBackend } from '../../../../electron/core/profiles/profile-file';
import { createConfFileBackend } from '../../../../electron/core/profiles/profile-file';
import { createProfileStore } from '../../../../electron/core/profiles/profile-store';
import type { ProfileStoreChange } from '../../../../electron/core/profiles/profile-store';
import {
  createFileKeyCipher,
  createMemoryCipher,
  type SecretCipher,
} from '../../../../electron/core/profiles/secret-cipher';
import type { ProfileInput } from '../../../../shared/profile-model';
import { defaultProfileInput, MAX_NAME_LENGTH } from '../../../../shared/profile-validation';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-profile-ops-');

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

/** A store whose saves fail while `failing.on` is true, with every change it announces. */
function openStore(dir: string) {
  const failing = { on: false };
  let n = 0;
  const store = createProfileStore({
    dir,
    cipher: createFileKeyCipher(dir),
    clock: createFakeClock(),
    idFactory: () => `p${++n}`,
    backend: (o) => {
      const real: ProfileFileBackend = createConfFileBackend(o);
      return {
        write(doc) {
          if (failing.on) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          real.write(doc);
        },
      };
    },
  });
  const changes: ProfileStoreChange['kind'][] = [];
  store.on('change', (c) => changes.push(c.kind));
  return { store, failing, changes, file: path.join(dir, 'profiles.json') };
}

function created<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('when the profiles file cannot be written', () => {
  it('every change is refused with the reason, and nothing changes or is announced', () => {
    const dir = tempDir();
    const { store, failing, changes, file } = openStore(dir);
    const a = created(store.create(input({ name: 'A', botId: '1' })));
    const b = created(store.create(input({ name: 'B', botId: '2' })));
    const before = fs.readFileSync(file, 'utf8');
    const list = store.list();
    const settings = store.getSettings();
    changes.length = 0;
    failing.on = true;

    const attempts = {
      create: store.create(input({ name: 'C', botId: '3' })),
      update: store.update(a.id, input({ name: 'A2', botId: '1' })),
      duplicate: store.duplicate(a.id),
      delete: store.delete(b.id),
      setEnabled: store.setEnabled(a.id, false),
      reorder: store.reorder([b.id, a.id]),
      updateSettings: store.updateSettings({ theme: 'dark' }),
    };
    for (const [name, r] of Object.entries(attempts)) {
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.code, name).toBe('internal');
        expect(r.error.message, name).toBe(
          `Could not save your profiles to ${file} (ENOSPC); the last change was not saved.`,
        );
      }
    }
    expect(store.list()).toEqual(list);
    expect(store.getSettings()).toEqual(settings);
    expect(changes).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    // And once the disk is back, the same changes go through.
    failing.on = false;
    expect(store.update(a.id, input({ name: 'A2', botId: '1' })).ok).toBe(true);
    expect(store.reorder([b.id, a.id]).ok).toBe(true);
    expect(store.list().map((p) => p.name)).toEqual(['B', 'A2']);
    expect(changes).toEqual(['profiles', 'profiles']);
  });

  it('an import that cannot be saved adds nothing', () => {
    const dir = tempDir();
    const { store, failing } = openStore(dir);
    created(store.create(input({ name: 'A', botId: '1' })));
    const exported = created(store.exportProfiles({ includeSecrets: false }));
    store.delete(store.list()[0]?.id ?? '');
    failing.on = true;
    const r = store.importProfiles({ content: exported.content });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('(ENOSPC)');
    expect(store.list()).toEqual([]);
  });

  it('a demo profile that cannot be saved is not there, and may be made later', () => {
    const dir = tempDir();
    const { store, failing } = openStore(dir);
    const { publicKey: _pk, secret: _s, ...fields } = input({ name: 'Demo', botId: '9' });
    failing.on = true;
    expect(store.createDemo(fields, { publicKey: 'pk', secret: 's' }).ok).toBe(false);
    failing.on = false;
    expect(store.createDemo(fields, { publicKey: 'pk', secret: 's' }).ok).toBe(true);
    expect(store.list().map((p) => p.demo)).toEqual([true]);
  });
});

describe('answers that change nothing', () => {
  it('not-found and "already so" leave the file untouched and announce nothing', () => {
    const dir = tempDir();
    const { store, changes, file } = openStore(dir);
    const a = created(store.create(input()));
    const before = fs.statSync(file).mtimeMs;
    const text = fs.readFileSync(file, 'utf8');
    changes.length = 0;
    for (const r of [
      store.update('nope', input()),
      store.duplicate('nope'),
      store.delete('nope'),
      store.setEnabled('nope', true),
    ]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('not-found');
    }
    expect(store.setEnabled(a.id, true)).toEqual({ ok: true, value: store.get(a.id) });
    expect(changes).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it('an import that adds nothing does not write', () => {
    const dir = tempDir();
    const { store, changes, failing } = openStore(dir);
    created(store.create(input()));
    const exported = created(store.exportProfiles({ includeSecrets: false }));
    changes.length = 0;
    // Saving would fail: an import of nothing new must not try.
    failing.on = true;
    const r = store.importProfiles({ content: exported.content });
    expect(r.ok).toBe(true);
    expect(store.list()).toHaveLength(1);
    expect(changes).toEqual([]);
  });
});

describe('notices and listeners', () => {
  it('each notice has its own id and is dismissed on its own, announcing it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'profiles.json'), 'not json');
    fs.writeFileSync(path.join(dir, 'profiles.backup-1.json'), 'not json either');
    const { store, changes } = openStore(dir);
    const first = store.notices();
    expect(first).toHaveLength(1);
    expect(first[0]?.id).toBe('notice-1');
    expect(first[0]?.at).toBe(Date.UTC(2026, 10, 26, 12, 0, 0));
    const gone = store.dismissNotice('notice-9');
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.code).toBe('not-found');
    expect(store.notices()).toHaveLength(1);
    expect(changes).toEqual([]);
    expect(store.dismissNotice('notice-1')).toEqual({ ok: true, value: null });
    expect(store.notices()).toEqual([]);
    expect(changes).toEqual(['notices']);
  });

  it('a failing listener does not stop the others; an unsubscribed one hears nothing', () => {
    const dir = tempDir();
    const { store } = openStore(dir);
    const heard: string[] = [];
    store.on('change', () => {
      throw new Error('listener bug');
    });
    const off = store.on('change', (c) => heard.push(`x:${c.kind}`));
    store.on('change', (c) => heard.push(`y:${c.kind}`));
    expect(store.create(input()).ok).toBe(true);
    off();
    expect(store.updateSettings({ theme: 'dark' }).ok).toBe(true);
    expect(heard).toEqual(['x:profiles', 'y:profiles', 'y:settings']);
  });

  it('after dispose() nothing is announced', () => {
    const dir = tempDir();
    const { store, changes } = openStore(dir);
    store.dispose();
    expect(store.create(input()).ok).toBe(false);
    expect(store.exportProfiles({ includeSecrets: false }).ok).toBe(false);
    expect(changes).toEqual([]);
  });
});

describe('what is stored', () => {
  it('trims the name, the address and the bot id, on create and on update', () => {
    const dir = tempDir();
    const { store, file } = openStore(dir);
    const url = 'ws://127.0.0.1:3030/gateway';
    const a = created(store.create(input({ name: '  Spaced  ', url: ` ${url} `, botId: ' 42 ' })));
    expect([a.name, a.url, a.botId]).toEqual(['Spaced', url, '42']);
    const b = created(
      store.update(a.id, input({ name: ' Again ', url: `${url}  `, botId: '  7' })),
    );
    expect([b.name, b.url, b.botId]).toEqual(['Again', url, '7']);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')).profiles[0];
    expect([stored.name, stored.url, stored.botId]).toEqual(['Again', url, '7']);
  });

  it('a copy of a long name is shortened to fit its "(copy)", and numbered past taken names', () => {
    const dir = tempDir();
    const { store } = openStore(dir);
    const long = `${'n'.repeat(MAX_NAME_LENGTH - 3)} x `.slice(0, MAX_NAME_LENGTH);
    const a = created(store.create(input({ name: long })));
    const c1 = created(store.duplicate(a.id));
    expect(c1.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(c1.name).toBe(`${long.slice(0, MAX_NAME_LENGTH - 7).trimEnd()} (copy)`);
    const c2 = created(store.duplicate(a.id));
    expect(c2.name).toBe(`${long.slice(0, MAX_NAME_LENGTH - 9).trimEnd()} (copy 2)`);

    const b = created(store.create(input({ name: 'Bot', botId: '2' })));
    created(store.create(input({ name: 'BOT (COPY)', botId: '3' })));
    expect(created(store.duplicate(b.id)).name).toBe('Bot (copy 2)');
  });

  it('a name ending in blanks is copied without them', () => {
    const dir = tempDir();
    const { store } = openStore(dir);
    const long = `${'w'.repeat(MAX_NAME_LENGTH - 8)}       z`;
    const a = created(store.create(input({ name: long })));
    expect(created(store.duplicate(a.id)).name).toBe(`${'w'.repeat(MAX_NAME_LENGTH - 8)} (copy)`);
  });

  it('ids already taken are never given out again', () => {
    const dir = tempDir();
    const ids = ['x', 'x', 'x', 'y'];
    const store = createProfileStore({
      dir,
      cipher: createFileKeyCipher(dir),
      clock: createFakeClock(),
      idFactory: () => ids.shift() ?? 'z',
    });
    const a = created(store.create(input({ name: 'A', botId: '1' })));
    const b = created(store.create(input({ name: 'B', botId: '2' })));
    expect([a.id, b.id]).toEqual(['x', 'y']);
  });
});

describe('entering secrets again', () => {
  it('entering one unreadable secret again leaves the other still to enter', () => {
    const dir = tempDir();
    const open = (cipher: SecretCipher) =>
      createProfileStore({ dir, cipher, clock: createFakeClock(), idFactory: () => 'p1' });
    const first = open(createMemoryCipher());
    const p = created(first.create(input()));
    first.dispose();
    // A new session: the in-memory key of the first one is gone.
    const second = open(createMemoryCipher());
    expect(second.get(p.id)?.secretNeedsReentry).toBe(true);
    created(second.update(p.id, input({ publicKey: undefined, secret: 'new-secret' })));
    expect(second.get(p.id)?.secretNeedsReentry).toBe(true);
    const warnings = second.validate(
      input({ publicKey: undefined, secret: undefined }),
      p.id,
    ).warnings;
    expect(Object.keys(warnings)).toEqual(['publicKey']);
    created(second.update(p.id, input({ publicKey: 'new-key', secret: undefined })));
    expect(second.get(p.id)?.secretNeedsReentry).toBe(false);
  });

  it('the file names the cipher of its secrets anew only when a secret is entered', () => {
    const dir = tempDir();
    const { store, file } = openStore(dir);
    const p = created(store.create(input()));
    store.dispose();
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const backend = doc.profiles[0].cipherBackend as string;
    doc.profiles[0].cipherBackend = 'an-older-backend';
    fs.writeFileSync(file, JSON.stringify(doc));
    const again = openStore(dir).store;
    const cipherIn = () => JSON.parse(fs.readFileSync(file, 'utf8')).profiles[0].cipherBackend;
    created(
      again.update(p.id, input({ name: 'Renamed', publicKey: undefined, secret: undefined })),
    );
    expect(cipherIn()).toBe('an-older-backend');
    created(again.update(p.id, input({ publicKey: undefined, secret: 'fresh' })));
    expect(cipherIn()).toBe(backend);
    created(again.update(p.id, input({ publicKey: undefined, secret: undefined })));
    expect(cipherIn()).toBe(backend);
  });
});
