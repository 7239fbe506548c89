import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CipherError } from '../../../electron/core/profiles/secret-cipher';
import { createSafeStorageSecrets } from '../../../electron/main/safe-storage-cipher';
import type { SafeStorageSecrets } from '../../../electron/main/safe-storage-cipher';
import { electronMock, resetElectronMock } from '../../support/electron-mock';
import { useTempDirs } from '../../support/temp-dir-per-test';
import { sayEnglish, wordNotice, type NoticeText } from '../../../shared/i18n/translator';

/** What a notice says to an English-speaking user. */
const word = (n: { text: NoticeText }): string => wordNotice(n.text, sayEnglish);

const tempDir = useTempDirs('shardwatch-secrets-');
let stateFile: string;
beforeEach(() => {
  resetElectronMock();
  stateFile = join(tempDir(), 'secret-storage.json');
});

const ss = () => electronMock.safeStorage;
function open(platform: NodeJS.Platform = 'linux'): SafeStorageSecrets {
  return createSafeStorageSecrets({ safeStorage: ss(), platform, stateFile, now: () => 1000 });
}
const SECRET = 'canary-secret-value-42';

describe('safeStorage cipher with a real keychain', () => {
  for (const [platform, backend] of [
    ['linux', 'gnome_libsecret'],
    ['linux', 'kwallet5'],
    ['linux', 'kwallet6'],
    ['darwin', 'unknown'],
    ['win32', 'unknown'],
  ] as const) {
    it(`${platform} ${platform === 'linux' ? backend : ''}: strong, round-trips, no notice`, () => {
      ss().config.backend = backend;
      const s = open(platform);
      expect(s.info().strong).toBe(true);
      expect(s.info().backend).toBe('electron-safestorage');
      expect(s.startupNotices()).toEqual([]);
      const sealed = s.cipher.encrypt(SECRET);
      expect(sealed).not.toContain(SECRET);
      expect(sealed.startsWith('ss1:')).toBe(true);
      expect(s.cipher.decrypt(sealed)).toBe(SECRET);
      expect(s.cipher.isAvailable()).toBe(true);
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({
        version: 1,
        choice: null,
      });
    });
  }

  it('refuses to choose weaker storage when a keychain exists', () => {
    const s = open();
    const { result } = s.choose('store-weak');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('conflict');
  });

  it('throws CipherError (never garbage) when the key changed', () => {
    const s = open();
    const sealed = s.cipher.encrypt(SECRET);
    ss().config.key = 'another-key';
    expect(() => s.cipher.decrypt(sealed)).toThrow(CipherError);
    ss().config.garbageOnWrongKey = true;
    expect(() => s.cipher.decrypt(sealed)).toThrow(CipherError);
  });

  it('throws CipherError for damaged or foreign values', () => {
    const s = open();
    for (const bad of [
      '',
      'ss1:',
      'ss1:gnome_libsecret:!!!',
      'plain text',
      'v1:AAAA',
      'ss1:gnome_libsecret:' + Buffer.from('MOCK:k1:eA==').toString('base64'),
    ]) {
      expect(() => s.cipher.decrypt(bad), bad).toThrow(CipherError);
    }
  });

  it('flags a changed backend: a notice, and old secrets fail to decrypt', () => {
    const before = open();
    const sealed = before.cipher.encrypt(SECRET);
    ss().config.backend = 'kwallet6';
    const after = open();
    const notices = after.startupNotices();
    expect(notices.map((n) => n.level)).toEqual(['warning']);
    expect(notices.map(word)).toEqual([
      expect.stringMatching(/changed \(from gnome_libsecret to kwallet6\)/),
    ]);
    expect(() => after.cipher.decrypt(sealed)).toThrow(/enter it again/);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ backend: 'kwallet6' });
  });

  it('keeps secrets for the session only while the keychain is locked', () => {
    ss().config.available = false;
    const s = open();
    expect(s.info().backend).toBe('session-only');
    expect(s.startupNotices().map(word)[0]).toMatch(/not available right now/);
    expect(s.cipher.decrypt(s.cipher.encrypt(SECRET))).toBe(SECRET);
    expect(electronMock.callsTo('safeStorage', 'encryptString')).toHaveLength(0);
  });
});

describe('safeStorage cipher with basic_text (no keychain)', () => {
  beforeEach(() => {
    ss().config.backend = 'basic_text';
    ss().config.available = false; // Electron refuses basic_text until told to use it
  });

  it('warns, reports weak storage, and keeps secrets for the session until the user chooses', () => {
    const s = open();
    expect(s.info()).toMatchObject({ backend: 'basic_text', strong: false });
    expect(wordNotice(s.info().description, sayEnglish)).toMatch(/Choose/);
    const notices = s.startupNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'warning' });
    expect(notices.map(word)[0]).toMatch(/basic_text/);
    const sealed = s.cipher.encrypt(SECRET);
    expect(sealed.startsWith('ss1:')).toBe(false);
    expect(electronMock.callsTo('safeStorage', 'encryptString')).toHaveLength(0);
    expect(s.cipher.decrypt(sealed)).toBe(SECRET);
    // A restart loses the session key: the value can only be re-entered.
    expect(() => open().cipher.decrypt(sealed)).toThrow(CipherError);
  });

  it('"session-only" is recorded and not asked again', () => {
    const s = open();
    const { result, notice } = s.choose('session-only');
    expect(result.ok && result.value.backend).toBe('session-only');
    expect(notice && wordNotice(notice, sayEnglish)).toMatch(/session only/);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({
      backend: 'basic_text',
      choice: 'session-only',
    });
    const again = open();
    expect(again.startupNotices()).toEqual([]);
    expect(again.info().backend).toBe('session-only');
  });

  it('"store-weak" stores through safeStorage with plain-text encryption and says it is weak', () => {
    const s = open();
    const { result } = s.choose('store-weak');
    expect(result.ok).toBe(true);
    expect(electronMock.callsTo('safeStorage', 'setUsePlainTextEncryption')[0]?.args).toEqual([
      true,
    ]);
    expect(s.info()).toMatchObject({ backend: 'basic_text', strong: false });
    expect(wordNotice(s.info().description, sayEnglish)).toMatch(/fixed key/);
    const sealed = s.cipher.encrypt(SECRET);
    expect(sealed.startsWith('ss1:basic_text:')).toBe(true);
    // After a restart the recorded choice applies without asking.
    ss().plainTextForced = false;
    const again = open();
    expect(again.startupNotices()).toEqual([]);
    expect(again.cipher.decrypt(sealed)).toBe(SECRET);
  });

  it('answers "unavailable" when even weak storage cannot be set up', () => {
    const s = open();
    ss().setUsePlainTextEncryption = () => {};
    const { result } = s.choose('store-weak');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
    expect(s.info().strong).toBe(false);
  });

  it('a keyring appearing later makes weakly stored secrets ask for re-entry', () => {
    const s = open();
    s.choose('store-weak');
    const sealed = s.cipher.encrypt(SECRET);
    ss().config.backend = 'gnome_libsecret';
    ss().config.available = true;
    const later = open();
    expect(later.info().strong).toBe(true);
    expect(later.startupNotices().map(word)[0]).toMatch(/changed/);
    expect(() => later.cipher.decrypt(sealed)).toThrow(CipherError);
  });

  it('asks again when the state file is damaged', () => {
    writeFileSync(stateFile, '{"version":1,"backend":"basic_text","choice":"plain"}');
    const s = open();
    expect(s.startupNotices().map(word)[0]).toMatch(/basic_text/);
  });
});
