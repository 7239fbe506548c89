/**
 * The secret cipher port (docs/architecture.md §3.5) and the implementations usable
 * outside Electron. The Electron `safeStorage` adapter in `electron/main`
 * implements the same port.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiResult, SecretStorageChoice } from '../../../shared/api';
import {
  sayEnglish,
  wordNotice,
  type NoticeText,
  type Wording,
} from '../../../shared/i18n/translator';
import type { SecretStorageInfo } from '../../../shared/app-settings';

/** Encrypts and decrypts profile secrets (public key, shared secret). */
export interface SecretCipher {
  /** How secrets are protected, in words the Settings page can show. */
  info(): SecretStorageInfo;
  /** Whether `encrypt`/`decrypt` can work right now. */
  isAvailable(): boolean;
  /** Opaque ciphertext (text), safe to store in a file. Throws {@link CipherError}. */
  encrypt(plain: string): string;
  /** The plain text back. Throws {@link CipherError} on any failure. */
  decrypt(cipher: string): string;
  /**
   * What went wrong with the key while starting (a damaged key file set
   * aside, a key file that cannot be read), in sentences that name the file,
   * for notices. Empty when all is well.
   */
  problems?(): CipherProblem[];
}

/**
 * Where secrets are kept, when the shell decides it rather than the cipher
 * (the desktop app: Electron `safeStorage`, and the user's choice when only a
 * weak backend exists). The one handler of `command:choose-secret-storage`
 * calls it; without it the core answers that the choice is desktop-only.
 */
export interface SecretStoragePort {
  /** What Settings shows. */
  info(): SecretStorageInfo;
  /** Apply the user's answer: the new info, and a sentence to confirm it as a notice. */
  choose(choice: SecretStorageChoice): {
    result: ApiResult<SecretStorageInfo>;
    notice: NoticeText | null;
  };
}

/** A problem with the cipher's key, for the user. */
export interface CipherProblem {
  level: 'info' | 'warning' | 'error';
  /** What the notice says: key `secrets.*` and parameters, worded in the user's language. */
  text: Wording;
  /** The same in English, for logs and the thrown {@link CipherError}. */
  message: string;
}

/**
 * A cipher failure. Its message names the problem, never the value (plain or
 * encrypted), so it may be logged and shown.
 */
export class CipherError extends Error {
  override readonly name = 'CipherError';
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Version prefix so a later format (or a key rotation) can be told apart.
const PREFIX = 'v1:';

function sealWithKey(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

function openWithKey(key: Buffer, sealed: string): string {
  if (typeof sealed !== 'string' || !sealed.startsWith(PREFIX))
    throw new CipherError('The stored value is not in a format this version can decrypt.');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES)
    throw new CipherError('The stored value is damaged (too short).');
  try {
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString(
      'utf8',
    );
  } catch {
    throw new CipherError(
      'The stored value could not be decrypted: it was encrypted with another key, or it is damaged.',
    );
  }
}

/** File name of the key in the data folder. */
export const KEY_FILE = 'secret.key';

/**
 * AES-256-GCM under a random 32-byte key kept in `<dir>/secret.key` (mode
 * 0600), created on first use. For browser mode and the CLI, where no system
 * keychain is reachable; `info()` says plainly that this is weak protection.
 *
 * A key file whose content is damaged (not 32 bytes of base64) can never
 * decrypt anything again, and keeping it blocked every new secret; it is
 * moved aside (kept, in case it can be put back from a backup) and a new key
 * is made. The secrets sealed under the old key are then unreadable, which
 * the profile store shows per profile ("enter them again"), and
 * `problems()` names both files. A key file that cannot be read (no
 * permission, a folder in its place) is left alone and reported: replacing
 * it would orphan secrets that may be fine.
 */
export function createFileKeyCipher(dir: string): SecretCipher {
  const keyPath = path.join(dir, KEY_FILE);
  let key: Buffer | null = null;
  const found: CipherProblem[] = [];
  let reported: string | null = null;

  const report = (problem: CipherProblem): void => {
    if (reported === problem.message) return;
    reported = problem.message;
    found.push(problem);
  };
  /** Report a problem worded by `text` and return the error to throw for it. */
  const fail = (text: Wording): CipherError => {
    const message = wordNotice(text, sayEnglish);
    report({ level: 'error', text, message });
    return new CipherError(message);
  };

  const loadKey = (): Buffer => {
    if (key) return key;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    let data: Buffer | null = null;
    try {
      data = fs.readFileSync(keyPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      if (code !== 'ENOENT') {
        throw fail({ key: 'secrets.keyUnreadable', params: { file: keyPath, code } });
      }
    }
    if (data === null) data = createKeyFile(keyPath);
    let decoded = decodeKey(data);
    if (decoded === null) {
      const aside = `${keyPath}.damaged-${Date.now()}`;
      try {
        fs.renameSync(keyPath, aside);
        fs.chmodSync(aside, 0o600);
        decoded = decodeKey(createKeyFile(keyPath));
      } catch (e) {
        throw fail({
          key: 'secrets.keyStuck',
          params: { file: keyPath, code: (e as NodeJS.ErrnoException).code ?? 'error' },
        });
      }
      if (decoded === null)
        throw new CipherError(`The new key file ${keyPath} could not be read back.`);
      const text: Wording = {
        key: 'secrets.keyReplaced',
        params: { file: keyPath, movedTo: aside },
      };
      report({ level: 'error', text, message: wordNotice(text, sayEnglish) });
    }
    try {
      if ((fs.statSync(keyPath).mode & 0o077) !== 0) fs.chmodSync(keyPath, 0o600);
    } catch {
      // Tightening is best effort; the key still works.
    }
    key = decoded;
    return key;
  };

  return {
    info: () => ({
      backend: 'file-key',
      strong: false,
      description: { key: 'secrets.fileKey', params: { file: keyPath } },
    }),
    isAvailable() {
      try {
        loadKey();
        return true;
      } catch {
        return false;
      }
    },
    encrypt: (plain) => sealWithKey(loadKey(), plain),
    decrypt: (sealed) => openWithKey(loadKey(), sealed),
    problems() {
      try {
        loadKey();
      } catch {
        // Reported in `found`.
      }
      return found.map((p) => structuredClone(p));
    },
  };
}

function decodeKey(data: Buffer): Buffer | null {
  const text = data.toString('utf8').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === KEY_BYTES ? decoded : null;
}

/**
 * Write a fresh key so that it appears complete or not at all: write a private
 * temp file, fsync it, then hard-link it into place. `link` fails when the
 * name exists, so two processes racing on first use agree on one key instead
 * of one overwriting the other's (and orphaning what it sealed).
 */
function createKeyFile(keyPath: string): Buffer {
  const content = Buffer.from(randomBytes(KEY_BYTES).toString('base64') + '\n', 'utf8');
  const tmp = `${keyPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(tmp, keyPath);
      return content;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(keyPath);
      throw e;
    }
  } catch (e) {
    if (e instanceof CipherError) throw e;
    throw new CipherError(
      `The key file ${keyPath} could not be created (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Session-only secrets: the key lives in memory only, so what is stored on
 * disk is unreadable once the app quits and secrets must be entered again
 * (the store flags them for re-entry).
 */
export function createMemoryCipher(): SecretCipher {
  const key = randomBytes(KEY_BYTES);
  return {
    info: () => ({
      backend: 'session-only',
      // Nothing on disk can decrypt what is stored, so the protection itself is not weak.
      strong: true,
      description: { key: 'secrets.sessionOnly' },
    }),
    isAvailable: () => true,
    encrypt: (plain) => sealWithKey(key, plain),
    decrypt: (sealed) => openWithKey(key, sealed),
  };
}
