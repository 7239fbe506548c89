/**
 * One profiles file format for every mode: the desktop app writes it through
 * electron-store (over the `electron` mock), browser mode and the CLI through
 * `conf`. A file written by one is read, changed and written back by the
 * other, byte for byte the same for the same content.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', async () => (await import('../../support/electron-mock')).electronModule());
import { createProfileStore } from '../../../electron/core/profiles/profile-store';
import { createConfFileBackend } from '../../../electron/core/profiles/profile-file';
import { createFileKeyCipher } from '../../../electron/core/profiles/secret-cipher';
import { defaultAppSettings, SCHEMA_VERSION } from '../../../electron/core/profiles/stored-file';
import type { StoreFile } from '../../../electron/core/profiles/stored-file';
import { createElectronStoreBackend } from '../../../electron/main/electron-store-file';
import type { ProfileInput } from '../../../shared/profile-model';
import { defaultProfileInput } from '../../../shared/profile-validation';
import { createFakeClock } from '../../support/fake-clock';
import { modeOf } from '../../support/temp-dir';
import { useTempDirs } from '../../support/temp-dir-per-test';

const tempDir = useTempDirs();

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    ...defaultProfileInput(),
    name: 'Prod bot',
    botId: '123456789012345678',
    url: 'wss://gw.example.com/gateway',
    publicKey: 'pk-format-test',
    secret: 'secret-format-test',
    ...overrides,
  };
}

const desktop = (dir: string) =>
  createProfileStore({
    dir,
    cipher: createFileKeyCipher(dir),
    clock: createFakeClock(),
    backend: createElectronStoreBackend,
  });
const browser = (dir: string) =>
  createProfileStore({ dir, cipher: createFileKeyCipher(dir), clock: createFakeClock() });

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('profiles file: electron-store (desktop) and conf (browser mode, CLI)', () => {
  it('what the desktop app writes, browser mode reads and changes, and the desktop reads back', () => {
    const dir = tempDir();
    const a = desktop(dir);
    const p = must(a.create(input()));
    must(a.updateSettings({ theme: 'dark' }));
    a.dispose();
    expect(modeOf(path.join(dir, 'profiles.json'))).toBe(0o600);

    const b = browser(dir);
    expect(b.list().map((x) => x.name)).toEqual(['Prod bot']);
    expect(b.getSettings().theme).toBe('dark');
    expect(b.getSecrets(p.id, p.url)).toMatchObject({ secret: 'secret-format-test' });
    must(b.create(input({ name: 'Second', botId: '223456789012345678' })));
    b.dispose();

    const c = desktop(dir);
    expect(c.list().map((x) => x.name)).toEqual(['Prod bot', 'Second']);
    expect(c.notices()).toEqual([]);
  });

  it('both backends write the same bytes for the same document', () => {
    const doc: StoreFile = {
      schemaVersion: SCHEMA_VERSION,
      profiles: [],
      settings: { ...defaultAppSettings(), theme: 'light' },
    };
    const one = tempDir();
    const two = tempDir();
    createElectronStoreBackend({ dir: one, configName: 'profiles' }).write(doc);
    createConfFileBackend({ dir: two, configName: 'profiles' }).write(doc);
    const bytes = (d: string) => fs.readFileSync(path.join(d, 'profiles.json'));
    expect(bytes(one).equals(bytes(two))).toBe(true);
    expect(JSON.parse(bytes(one).toString('utf8'))).toEqual(doc);
  });
});
