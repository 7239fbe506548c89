/**
 * The secret cipher port (docs/architecture.md §3.5) and the implementations usable
 * outside Electron. The Electron `safeStorage` adapter in `electron/main`
 * implements the same port.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SecretStorageInfo } from '../../../shared/model';

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

/**
 * AES-256-GCM under a random 32-byte key kept in `<dir>/secret.key` (mode
 * 0600), created on first use. For browser mode and the CLI, where no system
 * keychain is reachable; `info()` says plainly that this is weak protection.
 */
export function createFileKeyCipher(dir: string): SecretCipher {
  const keyPath = path.join(dir, 'secret.key');
  let key: Buffer | null = null;

  const loadKey = (): Buffer => {
    if (key) return key;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    let data: Buffer | null = null;
    try {
      data = fs.readFileSync(keyPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new CipherError(
          `The key file ${keyPath} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
    }
    if (data === null) data = createKeyFile(keyPath);
    const decoded = Buffer.from(data.toString('utf8').trim(), 'base64');
    if (decoded.length !== KEY_BYTES)
      // Never replace a damaged key: the secrets sealed under it would be lost for good.
      throw new CipherError(
        `The key file ${keyPath} is damaged; move it away to have a new one created, then enter your secrets again.`,
      );
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
      description:
        `Secrets are encrypted with AES-256-GCM using a key kept in ${keyPath} (readable only by your user). ` +
        'Anyone who can read your user files can decrypt them; the desktop app uses the system keychain instead.',
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
  };
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
      description:
        'Secrets are kept for this session only: they are encrypted with a key held in memory, ' +
        'nothing that could decrypt them is written to disk, and you enter them again after Shardwatch restarts.',
    }),
    isAvailable: () => true,
    encrypt: (plain) => sealWithKey(key, plain),
    decrypt: (sealed) => openWithKey(key, sealed),
  };
}
