/**
 * The secrets side of the profile store: sealing and opening them with the
 * {@link SecretCipher}, remembering which stored values cannot be opened on
 * this computer ("secrets unreadable, enter them again"), and binding them
 * to the gateway address they were saved for (shared/gateway-address.ts):
 * they are handed out only for that address, and a change of address needs
 * them entered again (docs/architecture.md §3.7).
 */
import type { ApiResult } from '../../../shared/api';
import { apiError } from '../../../shared/api';
import {
  displayAddress,
  gatewayAddress,
  sameGatewayAddress,
} from '../../../shared/gateway-address';
import type { ProfileInput, SecretEdit, ValidationResult } from '../../../shared/profile-model';
import type { ExportedSecrets } from './export-format';
import type { SecretCipher } from './secret-cipher';
import type { StoredProfile } from './stored-file';
import { sayEnglish, wordNotice, type Say, type Wording } from '../../../shared/i18n/translator';

/** Which stored secret. */
export type SecretField = 'publicKey' | 'secret';

/** Decrypted secrets of one profile, for the gateway connection only. */
export interface ProfileSecrets {
  publicKey: string | null;
  secret: string | null;
  /** Why the secrets cannot be used; never contains a secret. */
  error: string | null;
  /**
   * `unreadable`: stored but not decryptable here (another key, a damaged or
   * lost key, no secret storage); `other-address`: saved for another
   * gateway address than the one asked for.
   */
  problem: 'unreadable' | 'other-address' | 'no-profile' | null;
}

/** The secret handling of one profile store. */
export interface SecretKeeper {
  /**
   * Open every stored value of `p` and remember the fields that failed
   * (nothing when the cipher is not available). Returns whether that changed.
   */
  recheck(p: StoredProfile): boolean;
  /** Fields of `id` whose stored value cannot be opened here. */
  unreadable(id: string): ReadonlySet<SecretField>;
  needsReentry(id: string): boolean;
  /** A new value was entered (or cleared) for these fields. */
  entered(id: string, fields: SecretField[]): void;
  copy(fromId: string, toId: string): void;
  forget(id: string): void;
  /** The secrets of `p`, only for `url` when it is the address they were saved for. */
  secretsFor(p: StoredProfile, url: string): ProfileSecrets;
  /** The values of `p` for an export (null where unreadable); remembers failures. */
  exportValues(p: StoredProfile): { values: ExportedSecrets; changed: boolean };
  seal(value: string): string;
  /**
   * Drop what this keeper remembers of values no profile in `stored` holds
   * any more (call after every change of the list).
   */
  retain(stored: readonly StoredProfile[]): void;
  /** `undefined` keeps `current`, a string seals a new value, `null` or blank clears. */
  applyEdit(current: string | null, edit: SecretEdit): string | null;
  /** A value to store but no working cipher: the error to return, else null. */
  refuseWithoutCipher(...edits: SecretEdit[]): ApiResult<never> | null;
  /** The error for "secrets cannot be stored right now". */
  unavailable(): ApiResult<never>;
  /**
   * Per-field errors when `input` moves `current` to another gateway address
   * while keeping a stored secret: it must be entered again (or cleared).
   */
  addressChangeErrors(current: StoredProfile, input: ProfileInput): Record<string, string>;
  /**
   * Add what the secrets say to a form's validation: a warning per stored
   * value that cannot be opened here, an error per stored value the new
   * address needs again (see `addressChangeErrors`).
   */
  annotate(result: ValidationResult, p: StoredProfile, input: ProfileInput): ValidationResult;
  /** The binding to store after a change: the address of `url` when any secret is stored. */
  bindingFor(
    url: string,
    publicKeyCipher: string | null,
    secretCipher: string | null,
  ): string | null;
}

/**
 * What the secrets in a profiles file that was moved aside are now, truthfully
 * for this cipher: still encrypted under an intact key (so a repaired file
 * gives them back), session-only (gone anyway), or waiting for the storage.
 */
export function secretsOfMovedFile(cipher: SecretCipher): Wording {
  if (cipher.info().backend === 'session-only') return { key: 'notice.movedSecretsSession' };
  if (!cipher.isAvailable()) return { key: 'notice.movedSecretsWaiting' };
  return { key: 'notice.movedSecretsKept' };
}

/** Create the secret keeper of a profile store. */
export function createSecretKeeper(cipher: SecretCipher, say: Say = sayEnglish): SecretKeeper {
  /** Profiles whose stored ciphertext could not be decrypted, per field. Recomputed at load. */
  const bad = new Map<string, Set<SecretField>>();
  const none: ReadonlySet<SecretField> = new Set();
  /**
   * The clear value of each ciphertext sealed here this session: the runtime
   * that starts right after a save needs the secrets it was just given, and
   * decrypting them again would cost a keychain round trip for nothing. Only
   * values of stored profiles are kept (see `retain`), which the runtimes
   * hold in memory anyway.
   */
  const sealedHere = new Map<string, string>();

  const sealValue = (clear: string): string => {
    const sealed = cipher.encrypt(clear);
    sealedHere.set(sealed, clear);
    return sealed;
  };

  const open = (p: StoredProfile): { values: ExportedSecrets; failed: SecretField[] } => {
    const values: ExportedSecrets = { publicKey: null, secret: null };
    const failed: SecretField[] = [];
    const pairs: Array<[SecretField, string | null]> = [
      ['publicKey', p.publicKeyCipher],
      ['secret', p.secretCipher],
    ];
    for (const [field, sealed] of pairs) {
      if (sealed === null) continue;
      const known = sealedHere.get(sealed);
      if (known !== undefined) {
        values[field] = known;
        continue;
      }
      try {
        values[field] = cipher.decrypt(sealed);
      } catch {
        failed.push(field);
      }
    }
    return { values, failed };
  };

  const remember = (id: string, failed: SecretField[]): boolean => {
    const before = [...(bad.get(id) ?? [])].sort().join();
    if (failed.length === 0) bad.delete(id);
    else bad.set(id, new Set(failed));
    return before !== [...failed].sort().join();
  };

  const unavailable = (): ApiResult<never> =>
    apiError(
      'unavailable',
      say('request.secretsUnavailable', {
        description: wordNotice(cipher.info().description, say),
      }),
    );

  return {
    recheck(p) {
      // Without a working cipher nothing can be told (the keychain may come
      // back, or be chosen); the connection says why it cannot use them.
      if (!cipher.isAvailable()) return false;
      return remember(p.id, open(p).failed);
    },
    unreadable: (id) => bad.get(id) ?? none,
    needsReentry: (id) => (bad.get(id)?.size ?? 0) > 0,
    entered(id, fields) {
      const set = bad.get(id);
      if (!set) return;
      for (const f of fields) set.delete(f);
      if (set.size === 0) bad.delete(id);
    },
    copy(fromId, toId) {
      const set = bad.get(fromId);
      if (set) bad.set(toId, new Set(set));
    },
    forget: (id) => void bad.delete(id),

    secretsFor(p, url) {
      const stored = p.publicKeyCipher !== null || p.secretCipher !== null;
      if (stored && !sameGatewayAddress(p.secretsFor, url)) {
        const to = gatewayAddress(url);
        return {
          publicKey: null,
          secret: null,
          problem: 'other-address',
          error: say('secrets.otherAddress', {
            name: p.name,
            from: p.secretsFor ? displayAddress(p.secretsFor) : say('secrets.anotherAddress'),
            to: to ? displayAddress(to) : say('secrets.thisAddress'),
          }),
        };
      }
      if (!cipher.isAvailable()) {
        return {
          publicKey: null,
          secret: null,
          problem: stored ? 'unreadable' : null,
          error: stored ? say('secrets.storageUnavailable', { name: p.name }) : null,
        };
      }
      const { values, failed } = open(p);
      remember(p.id, failed);
      if (failed.length > 0) {
        const which = failed.length === 2 ? 'both' : (failed[0] ?? 'both');
        return {
          publicKey: null,
          secret: null,
          problem: 'unreadable',
          error: say(`secrets.undecryptable.${which}`, { name: p.name }),
        };
      }
      return { ...values, error: null, problem: null };
    },

    exportValues(p) {
      const { values, failed } = open(p);
      return { values, changed: remember(p.id, failed) };
    },

    seal: (value) => sealValue(value.trim()),

    retain(stored) {
      if (sealedHere.size === 0) return;
      const kept = new Set<string>();
      for (const p of stored) {
        if (p.publicKeyCipher !== null) kept.add(p.publicKeyCipher);
        if (p.secretCipher !== null) kept.add(p.secretCipher);
      }
      for (const sealed of sealedHere.keys()) if (!kept.has(sealed)) sealedHere.delete(sealed);
    },

    applyEdit(current, edit) {
      if (edit === undefined) return current;
      if (edit === null || edit.trim() === '') return null;
      return sealValue(edit.trim());
    },

    refuseWithoutCipher(...edits) {
      const wants = edits.some((e) => typeof e === 'string' && e.trim() !== '');
      return wants && !cipher.isAvailable() ? unavailable() : null;
    },

    unavailable,

    addressChangeErrors(current, input) {
      const errors: Record<string, string> = {};
      if (current.publicKeyCipher === null && current.secretCipher === null) return errors;
      if (sameGatewayAddress(current.secretsFor, input.url)) return errors;
      const from = current.secretsFor
        ? displayAddress(current.secretsFor)
        : say('secrets.anotherAddress');
      const to = gatewayAddress(input.url);
      const toText = to ? displayAddress(to) : say('secrets.newAddress');
      const fields: Array<[SecretField, string | null]> = [
        ['publicKey', current.publicKeyCipher],
        ['secret', current.secretCipher],
      ];
      for (const [field, sealed] of fields) {
        if (sealed === null || input[field] !== undefined) continue;
        errors[field] = say(`secrets.addressChanged.${field}`, { to: toText, from });
      }
      return errors;
    },

    annotate(result, p, input) {
      const unreadable = bad.get(p.id);
      for (const field of ['publicKey', 'secret'] as const)
        if (unreadable?.has(field) && input[field] === undefined)
          result.warnings[field] = say(`secrets.storedUnreadable.${field}`);
      const moved = this.addressChangeErrors(p, input);
      if (Object.keys(moved).length === 0) return result;
      return { ...result, ok: false, errors: { ...result.errors, ...moved } };
    },

    bindingFor(url, publicKeyCipher, secretCipher) {
      return publicKeyCipher !== null || secretCipher !== null ? gatewayAddress(url) : null;
    },
  };
}
