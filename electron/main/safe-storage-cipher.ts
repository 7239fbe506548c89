/**
 * Profile secrets in the desktop app: the {@link SecretCipher} port over
 * Electron's `safeStorage` (docs/architecture.md §4 "Secrets").
 *
 * - macOS (Keychain), Windows (DPAPI) and Linux with a keyring (libsecret,
 *   KWallet) protect secrets for real.
 * - Linux with the `basic_text` backend encrypts under a key built into
 *   Electron: obfuscation, not protection. The user is told (a warning notice,
 *   `strong: false`) and chooses (`command:choose-secret-storage`): keep
 *   secrets for this session only (an in-memory key, `createMemoryCipher`),
 *   or store them weakly. Until they choose, secrets are session-only — the
 *   safe default.
 * - The choice and the backend in use are recorded in
 *   `userData/secret-storage.json`. Each ciphertext names the backend that
 *   sealed it, so when the backend changes, or decryption fails, `decrypt`
 *   throws a {@link CipherError}: the profile store keeps the ciphertext and
 *   flags the secret for re-entry (`secretNeedsReentry`). A digest of the
 *   plain text is sealed along with it, so a wrong key can never hand back
 *   garbage as if it were the secret.
 *
 * The port is synchronous, so this uses `safeStorage.encryptString` /
 * `decryptString` (deprecated in favour of the async variants, still
 * supported); it must be created after `app` is ready.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStorageChoice } from '../../shared/api';
import { apiError, apiOk } from '../../shared/api';
import type { Wording } from '../../shared/i18n/translator';
import type { SecretStorageInfo } from '../../shared/app-settings';
import type { Notice } from '../../shared/app-state';
import type { SecretCipher, SecretStoragePort } from '../core/profiles/secret-cipher';
import { CipherError, createMemoryCipher } from '../core/profiles/secret-cipher';

/** The part of `safeStorage` used here (tests pass a fake). */
export type SafeStoragePort = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
> &
  Partial<Pick<SafeStorage, 'setUsePlainTextEncryption'>>;

/** What is recorded in `secret-storage.json`. */
export interface SecretStorageState {
  version: 1;
  /** The safeStorage backend in use when last started, e.g. `gnome_libsecret`, `basic_text`, `keychain`. */
  backend: string;
  /** The user's answer for weak storage; null until asked and answered. */
  choice: SecretStorageChoice | null;
  updatedAt: number;
}

/** Options of {@link createSafeStorageSecrets}. */
export interface SafeStorageSecretsOptions {
  safeStorage: SafeStoragePort;
  platform: NodeJS.Platform;
  /** `userData/secret-storage.json`. */
  stateFile: string;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * The desktop app's secret storage: the cipher for the core plus the user's
 * choice; passed to the core as its `secretStorage` port (what Settings
 * shows, and the answer to `command:choose-secret-storage`).
 */
export interface SafeStorageSecrets extends SecretStoragePort {
  /** Pass to `createAppCore`; follows the current choice. */
  readonly cipher: SecretCipher;
  /** Notices to post once the core exists (weak storage, a changed backend). */
  startupNotices(): Array<{ level: Notice['level']; text: Wording }>;
}

/** Ciphertext prefix: `ss1:<backend>:<base64>`. */
const PREFIX = 'ss1:';
const DIGEST_HEX = 32;

interface Backend {
  /** Raw id, stored in state and ciphertexts. */
  id: string;
  /** Real protection (a keychain), as opposed to a fixed key. */
  strong: boolean;
  /** Words for the user. */
  label: string;
}

function detectBackend(ss: SafeStoragePort, platform: NodeJS.Platform): Backend {
  if (platform === 'darwin') return { id: 'keychain', strong: true, label: 'the macOS Keychain' };
  if (platform === 'win32') {
    return {
      id: 'dpapi',
      strong: true,
      label: 'Windows data protection (tied to your user account)',
    };
  }
  const raw = ss.getSelectedStorageBackend();
  switch (raw) {
    case 'basic_text':
      return { id: raw, strong: false, label: 'a fixed key built into Electron (basic_text)' };
    case 'gnome_libsecret':
      return { id: raw, strong: true, label: 'your desktop keyring (libsecret)' };
    case 'kwallet':
    case 'kwallet5':
    case 'kwallet6':
      return { id: raw, strong: true, label: `KWallet (${raw})` };
    default:
      return { id: raw, strong: false, label: `an unknown secret store (${raw})` };
  }
}

function digest(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex').slice(0, DIGEST_HEX);
}

function readState(file: string, log: (line: string) => void): SecretStorageState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const raw = JSON.parse(text) as unknown;
    if (typeof raw === 'object' && raw !== null) {
      const r = raw as Record<string, unknown>;
      const choice = r['choice'];
      if (
        r['version'] === 1 &&
        typeof r['backend'] === 'string' &&
        r['backend'].length <= 64 &&
        (choice === null || choice === 'session-only' || choice === 'store-weak') &&
        typeof r['updatedAt'] === 'number'
      ) {
        return { version: 1, backend: r['backend'], choice, updatedAt: r['updatedAt'] };
      }
    }
  } catch {
    // fall through
  }
  log(`secret storage: ${file} is not valid; asking again`);
  return null;
}

function writeState(file: string, state: SecretStorageState, log: (line: string) => void): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    log(
      `secret storage: could not record the choice: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Create the desktop secret storage. Call after `app` is ready. */
export function createSafeStorageSecrets(opts: SafeStorageSecretsOptions): SafeStorageSecrets {
  const ss = opts.safeStorage;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const backend = detectBackend(ss, opts.platform);
  const memory = createMemoryCipher();
  const previous = readState(opts.stateFile, log);
  const notices: Array<{ level: Notice['level']; text: Wording }> = [];

  let choice: SecretStorageChoice | null =
    previous?.backend === backend.id ? previous.choice : null;
  if (previous && previous.backend !== backend.id) {
    notices.push({
      level: 'warning',
      text: {
        key: 'notice.secretStorageChanged',
        params: { from: previous.backend, to: backend.id },
      },
    });
  }

  const encryptionAvailable = (): boolean => {
    try {
      return ss.isEncryptionAvailable();
    } catch {
      return false;
    }
  };

  /** 'safe' = a keychain; 'weak' = basic_text by choice; 'session' = in-memory key. */
  let mode: 'safe' | 'weak' | 'session';
  if (backend.strong && encryptionAvailable()) mode = 'safe';
  else if (backend.id === 'basic_text' && choice === 'store-weak') {
    ss.setUsePlainTextEncryption?.(true);
    mode = encryptionAvailable() ? 'weak' : 'session';
  } else mode = 'session';

  if (backend.id === 'basic_text' && choice === null) {
    notices.push({
      level: 'warning',
      text: { key: 'notice.noKeychain' },
    });
  } else if (backend.strong && mode === 'session') {
    notices.push({
      level: 'warning',
      text: { key: 'notice.keychainLocked', params: { keychain: backend.label } },
    });
  } else if (!backend.strong && backend.id !== 'basic_text') {
    notices.push({
      level: 'warning',
      text: { key: 'notice.unknownKeychain', params: { backend: backend.id } },
    });
  }
  if (!previous || previous.backend !== backend.id) {
    writeState(opts.stateFile, { version: 1, backend: backend.id, choice, updatedAt: now() }, log);
  }
  log(`secret storage: backend ${backend.id}, mode ${mode}${choice ? `, choice ${choice}` : ''}`);

  function info(): SecretStorageInfo {
    if (mode === 'safe') {
      return {
        backend: 'electron-safestorage',
        strong: true,
        description: { key: 'secrets.keychain', params: { keychain: backend.label } },
      };
    }
    if (mode === 'weak') {
      return {
        backend: 'basic_text',
        strong: false,
        description: { key: 'secrets.weakChosen' },
      };
    }
    if (backend.id === 'basic_text' && choice === null) {
      return {
        backend: 'basic_text',
        strong: false,
        description: { key: 'secrets.choose' },
      };
    }
    const m = memory.info();
    return {
      backend: m.backend,
      strong: m.strong,
      description:
        backend.id === 'basic_text'
          ? { key: 'secrets.sessionNoKeychain', params: { sessionOnly: m.description } }
          : {
              key: 'secrets.sessionLocked',
              params: { sessionOnly: m.description, keychain: backend.label },
            },
    };
  }

  function sealSafe(plain: string): string {
    let sealed: Buffer;
    try {
      sealed = ss.encryptString(`${digest(plain)}:${plain}`);
    } catch {
      throw new CipherError(`The secret could not be encrypted with ${backend.label}.`);
    }
    return `${PREFIX}${backend.id}:${sealed.toString('base64')}`;
  }

  function openSafe(sealed: string): string {
    const rest = sealed.slice(PREFIX.length);
    const colon = rest.indexOf(':');
    const store = colon > 0 ? rest.slice(0, colon) : '';
    const b64 = colon > 0 ? rest.slice(colon + 1) : '';
    if (!store || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
      throw new CipherError('The stored value is damaged.');
    }
    if (store !== backend.id) {
      throw new CipherError(
        `This secret was stored with ${store}, but this computer now uses ${backend.id}; enter it again.`,
      );
    }
    if (!encryptionAvailable()) {
      throw new CipherError(
        `${backend.label} is not available right now, so the secret cannot be read.`,
      );
    }
    let inner: string;
    try {
      inner = ss.decryptString(Buffer.from(b64, 'base64'));
    } catch {
      throw new CipherError(
        'The stored secret could not be decrypted: the key changed, or the value is damaged.',
      );
    }
    const sep = inner.indexOf(':');
    const plain = sep === DIGEST_HEX ? inner.slice(sep + 1) : null;
    const want = Buffer.from(plain === null ? '' : digest(plain));
    const got = Buffer.from(inner.slice(0, DIGEST_HEX));
    if (plain === null || want.length !== got.length || !timingSafeEqual(want, got)) {
      throw new CipherError(
        'The stored secret could not be decrypted: the key changed, or the value is damaged.',
      );
    }
    return plain;
  }

  const cipher: SecretCipher = {
    info,
    isAvailable: () => (mode === 'session' ? true : encryptionAvailable()),
    encrypt(plain) {
      return mode === 'session' ? memory.encrypt(plain) : sealSafe(plain);
    },
    decrypt(sealed) {
      if (typeof sealed !== 'string') throw new CipherError('The stored value is damaged.');
      if (sealed.startsWith(PREFIX)) return openSafe(sealed);
      // Sealed by this session's in-memory key (throws CipherError after a restart).
      return memory.decrypt(sealed);
    },
  };

  return {
    cipher,
    info,
    startupNotices: () => notices.slice(),
    choose(next) {
      if (backend.id !== 'basic_text') {
        return {
          result: apiError(
            'conflict',
            `Secrets are protected by ${backend.label}; there is no weaker storage to choose.`,
          ),
          notice: null,
        };
      }
      if (next === 'store-weak') {
        ss.setUsePlainTextEncryption?.(true);
        if (!encryptionAvailable()) {
          return {
            result: apiError(
              'unavailable',
              'Electron could not set up even the weak secret storage on this computer; secrets stay session-only.',
            ),
            notice: null,
          };
        }
        mode = 'weak';
      } else {
        mode = 'session';
      }
      choice = next;
      writeState(
        opts.stateFile,
        { version: 1, backend: backend.id, choice, updatedAt: now() },
        log,
      );
      log(`secret storage: user chose ${next}`);
      return {
        result: apiOk(info()),
        notice: { key: next === 'store-weak' ? 'notice.choseWeak' : 'notice.choseSession' },
      };
    },
  };
}
