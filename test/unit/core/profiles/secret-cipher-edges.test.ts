/**
 * The secret cipher's edges: the sealed format (prefix, nonce, tag, body), the
 * exact refusals of values that are not ours, which key files count as
 * damaged, the sentences a user is shown about the key, and that the key file
 * stays private.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CipherError,
  createFileKeyCipher,
  createMemoryCipher,
  KEY_FILE,
} from '../../../../electron/core/profiles/secret-cipher';
import type { SecretStorageInfo } from '../../../../shared/app-settings';
import { sayEnglish, wordNotice } from '../../../../shared/i18n/translator';
import { modeOf } from '../../../support/temp-dir';
import { useTempDirs } from '../../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-cipher-');
const linux = process.platform === 'linux';

afterEach(() => {
  vi.useRealTimers();
});

function cipherError(f: () => unknown): CipherError {
  try {
    f();
  } catch (e) {
    if (e instanceof CipherError) return e;
    throw e;
  }
  throw new Error('expected a CipherError');
}

const NOT_OURS = 'The stored value is not in a format this version can decrypt.';
const TOO_SHORT = 'The stored value is damaged (too short).';
const WRONG =
  'The stored value could not be decrypted: it was encrypted with another key, or it is damaged.';

describe.each([
  ['memory cipher', () => createMemoryCipher()],
  ['file-key cipher', () => createFileKeyCipher(tempDir())],
])('%s: the sealed format', (_name, make) => {
  it('is "v1:" and base64 of a 12-byte nonce, a 16-byte tag and the UTF-8 body', () => {
    const c = make();
    const plain = 'chave 🔑 ção';
    const sealed = c.encrypt(plain);
    expect(sealed.startsWith('v1:')).toBe(true);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    expect(raw.length).toBe(12 + 16 + Buffer.byteLength(plain, 'utf8'));
    expect(raw.toString('base64')).toBe(sealed.slice(3));
    expect(c.decrypt(sealed)).toBe(plain);
  });

  it('seals the same text differently each time (fresh nonce), both readable', () => {
    const c = make();
    const a = c.encrypt('same');
    const b = c.encrypt('same');
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), 'base64').subarray(0, 12)).not.toEqual(
      Buffer.from(b.slice(3), 'base64').subarray(0, 12),
    );
    expect([c.decrypt(a), c.decrypt(b)]).toEqual(['same', 'same']);
  });

  it('round-trips an empty secret (nonce and tag only)', () => {
    const c = make();
    const sealed = c.encrypt('');
    expect(Buffer.from(sealed.slice(3), 'base64').length).toBe(28);
    expect(c.decrypt(sealed)).toBe('');
  });

  it('refuses what is not ours, is too short, or was changed, with a message and no value', () => {
    const c = make();
    expect(cipherError(() => c.decrypt('plain text')).message).toBe(NOT_OURS);
    expect(cipherError(() => c.decrypt('V1:' + 'A'.repeat(40))).message).toBe(NOT_OURS);
    expect(cipherError(() => c.decrypt(42 as unknown as string)).message).toBe(NOT_OURS);
    expect(cipherError(() => c.decrypt('')).message).toBe(NOT_OURS);
    const short = 'v1:' + randomBytes(27).toString('base64');
    expect(cipherError(() => c.decrypt(short)).message).toBe(TOO_SHORT);
    const bare = 'v1:' + randomBytes(28).toString('base64');
    expect(cipherError(() => c.decrypt(bare)).message).toBe(WRONG);
    const sealed = c.encrypt('secret-value');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    for (const at of [0, 12, 28, raw.length - 1]) {
      const bent = Buffer.from(raw);
      bent[at] = (bent[at] ?? 0) ^ 1;
      const e = cipherError(() => c.decrypt('v1:' + bent.toString('base64')));
      expect(e.message).toBe(WRONG);
      expect(e.name).toBe('CipherError');
    }
  });
});

describe('file-key cipher: the key file', () => {
  it('is made on first use in a private folder: 32 random bytes as base64 and a newline, 0600', () => {
    const dir = path.join(tempDir(), 'data');
    const c = createFileKeyCipher(dir);
    expect(fs.existsSync(dir)).toBe(false);
    c.encrypt('x');
    expect(modeOf(dir)).toBe(0o700);
    const text = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8');
    expect(text).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(Buffer.from(text.trim(), 'base64')).toHaveLength(32);
    expect(modeOf(path.join(dir, KEY_FILE))).toBe(0o600);
    // Nothing else was left behind (the temporary file is linked, then removed).
    expect(fs.readdirSync(dir)).toEqual([KEY_FILE]);
  });

  it('reads a key written with blanks around it, and tightens a key file others can read', () => {
    const dir = tempDir();
    const key = randomBytes(32).toString('base64');
    const file = path.join(dir, KEY_FILE);
    fs.writeFileSync(file, `  ${key}  \n\n`);
    fs.chmodSync(file, 0o644);
    const sealed = createFileKeyCipher(dir).encrypt('x');
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe(`  ${key}  \n\n`);
    expect(createFileKeyCipher(dir).decrypt(sealed)).toBe('x');
    expect(createFileKeyCipher(dir).problems?.()).toEqual([]);
  });

  it.each([
    ['16 bytes', () => randomBytes(16).toString('base64')],
    ['33 bytes', () => randomBytes(33).toString('base64')],
    ['text before the key', () => '!!' + randomBytes(32).toString('base64')],
    ['text after the key', () => randomBytes(32).toString('base64') + '!!'],
    [
      'a blank inside the key',
      () =>
        randomBytes(32)
          .toString('base64')
          .replace(/^(.{10})/, '$1 '),
    ],
    ['three padding signs', () => randomBytes(32).toString('base64') + '=='],
    ['an empty file', () => ''],
  ])('a key file with %s is damaged: set aside, a new key made, and said', (_what, content) => {
    const dir = tempDir();
    const file = path.join(dir, KEY_FILE);
    const old = content();
    fs.writeFileSync(file, old);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 3, 2, 30));
    const c = createFileKeyCipher(dir);
    expect(c.decrypt(c.encrypt('x'))).toBe('x');
    const aside = `${file}.damaged-${Date.UTC(2026, 11, 3, 2, 30)}`;
    expect(fs.readFileSync(aside, 'utf8')).toBe(old);
    expect(modeOf(aside)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toBe(old);
    expect(c.problems?.()).toEqual([
      {
        level: 'error',
        message:
          `The key file ${file} was damaged: it was moved to ${aside} and a new key was made. ` +
          'Secrets saved before cannot be decrypted with the new key; the profiles that had them say "secrets unreadable": enter the secrets again in each.',
        text: { key: 'secrets.keyReplaced', params: { file, movedTo: aside } },
      },
    ]);
  });

  it('a damaged key that cannot be moved aside is left and said, with how to fix it', () => {
    const dir = tempDir();
    const file = path.join(dir, KEY_FILE);
    fs.writeFileSync(file, 'short\n');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 3, 2, 31));
    // The place it would go is taken by a folder that is not empty.
    const aside = `${file}.damaged-${Date.UTC(2026, 11, 3, 2, 31)}`;
    fs.mkdirSync(aside);
    fs.writeFileSync(path.join(aside, 'x'), 'x');
    const c = createFileKeyCipher(dir);
    expect(c.isAvailable()).toBe(false);
    const e = cipherError(() => c.encrypt('x'));
    expect(e.message).toMatch(
      new RegExp(
        `^The key file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged and could not be moved aside \\((EISDIR|ENOTEMPTY|EEXIST)\\); move it away yourself to have a new one made, then enter your secrets again\\.$`,
      ),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('short\n');
    // Said once, however often it is tried.
    c.isAvailable();
    expect(c.problems?.().map((p) => [p.level, p.message])).toEqual([['error', e.message]]);
  });

  it('a key written without its padding sign is read; problems asked first still see a damaged key', () => {
    const dir = tempDir();
    const file = path.join(dir, KEY_FILE);
    const key = randomBytes(32).toString('base64').replace(/=+$/, '');
    fs.writeFileSync(file, key);
    const c = createFileKeyCipher(dir);
    expect(c.problems?.()).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(key);
    const other = tempDir();
    fs.writeFileSync(path.join(other, KEY_FILE), 'short');
    // Settings asks for problems before any secret is used.
    const first = createFileKeyCipher(other).problems?.() ?? [];
    expect(first.map((p) => p.level)).toEqual(['error']);
    expect(first[0]?.message).toMatch(/was damaged: it was moved to /);
  });

  it('problems are copies, and an unreadable key is said once with what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, KEY_FILE);
    fs.mkdirSync(file);
    const c = createFileKeyCipher(dir);
    c.isAvailable();
    c.isAvailable();
    const message = `The key file ${file} could not be read (EISDIR), so stored secrets cannot be read and new ones cannot be saved. Check that your user can read it (and that it is a file), then restart Shardwatch.`;
    const text = { key: 'secrets.keyUnreadable', params: { file, code: 'EISDIR' } };
    const first = c.problems?.() ?? [];
    expect(first).toEqual([{ level: 'error', message, text }]);
    if (first[0]) {
      first[0].message = 'changed by the caller';
      first[0].text = { key: 'secrets.keyStuck', params: { file: 'changed' } };
    }
    expect(c.problems?.()).toEqual([{ level: 'error', message, text }]);
    expect(cipherError(() => c.decrypt('v1:x')).message).toBe(message);
  });

  it.skipIf(!linux)(
    '(Linux: /proc takes no new files, even from root) a key that cannot be made is said',
    () => {
      const c = createFileKeyCipher('/proc/self');
      expect(c.isAvailable()).toBe(false);
      expect(cipherError(() => c.encrypt('x')).message).toMatch(
        /^The key file \/proc\/self\/secret\.key could not be created \((ENOENT|EACCES|EPERM)\)\.$/,
      );
    },
  );
});

/** What Settings shows, worded in English (the engine sends a key and parameters). */
function inEnglish(info: SecretStorageInfo): Omit<SecretStorageInfo, 'description'> & {
  description: string;
} {
  return { ...info, description: wordNotice(info.description, sayEnglish) };
}

describe('what Settings shows', () => {
  it('the file key: weak, and where the key is', () => {
    const dir = tempDir();
    const c = createFileKeyCipher(dir);
    expect(c.isAvailable()).toBe(true);
    expect(inEnglish(c.info())).toEqual({
      backend: 'file-key',
      strong: false,
      description:
        `Secrets are encrypted with AES-256-GCM using a key kept in ${path.join(dir, KEY_FILE)} (readable only by your user). ` +
        'Anyone who can read your user files can decrypt them; the desktop app uses the system keychain instead.',
    });
  });

  it('session-only: strong, nothing on disk, enter again after a restart', () => {
    const c = createMemoryCipher();
    expect(c.isAvailable()).toBe(true);
    expect(c.problems).toBeUndefined();
    expect(inEnglish(c.info())).toEqual({
      backend: 'session-only',
      strong: true,
      description:
        'Secrets are kept for this session only: they are encrypted with a key held in memory, ' +
        'nothing that could decrypt them is written to disk, and you enter them again after Shardwatch restarts.',
    });
  });
});
