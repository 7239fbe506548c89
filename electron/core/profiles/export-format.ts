/**
 * The profile export file: profile fields in clear, secrets (when included)
 * sealed with AES-256-GCM under a key derived from a passphrase by scrypt.
 * Parsing treats the file as hostile: every field is checked and the scrypt
 * cost parameters taken from the file are bounded.
 *
 * Sealed secrets are bound to the gateway address they were exported for
 * (shared/gateway-address.ts). Version 2 seals each profile's address with
 * its secrets, so a file whose URL was edited is refused with a sentence
 * naming the profile and both addresses; version 1 files bound the URLs in
 * the seal's associated data, where an edit looks like a wrong passphrase.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { ApiErrorCode } from '../../../shared/api';
import { profileInputValidator } from '../../../shared/api';
import type { ProfileFields } from '../../../shared/profile-model';
import { MAX_SECRET_LENGTH } from '../../../shared/profile-validation';
import { isRecord } from '../../../shared/validate';
import {
  displayAddress,
  gatewayAddress,
  sameGatewayAddress,
} from '../../../shared/gateway-address';
import { pickProfileFields } from './stored-file';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';

/** `format` field of an export file. */
export const EXPORT_FORMAT = 'shardwatch-profiles';
/** Export format version this build writes (it reads 1 and 2). */
export const EXPORT_VERSION = 2;
/** Shortest passphrase accepted for an export with secrets. */
export const MIN_PASSPHRASE_LENGTH = 8;
/** Most profiles one import file may hold. */
export const MAX_IMPORT_PROFILES = 1000;

/** scrypt parameters written into new exports (N = 2^15, r = 8, p = 1). */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
// Bounds for parameters read from a file, so a hostile file cannot make an
// import allocate gigabytes or spin for minutes.
const SCRYPT_MAX_MEM = 256 * 1024 * 1024;
// The derivation runs synchronously in the main process, where seconds of
// CPU stall every live ping; the memory bound alone still let N = 2^20,
// r = 2, p = 4 through (16× the work below, ~4 s). Allow 4× what we write.
const SCRYPT_MAX_WORK = 4 * SCRYPT_DEFAULTS.N * SCRYPT_DEFAULTS.r * SCRYPT_DEFAULTS.p;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The secrets of one exported profile. */
export interface ExportedSecrets {
  publicKey: string | null;
  secret: string | null;
}

/** A parsed, checked export file. */
export interface ParsedExport {
  profiles: ProfileFields[];
  /**
   * Each profile's identity where the file has it (files written before
   * identities were exported have none: null), aligned with `profiles`.
   */
  ids: Array<string | null>;
  /** Aligned with `profiles`; null when the file holds no secrets. */
  secrets: ExportedSecrets[] | null;
}

/** Why a file could not be imported. */
export interface ExportParseError {
  code: ApiErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
}

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * Version 1: bind the sealed secrets to where they will be sent: editing a
 * URL, bot id or shard in the file (to redirect the secrets to another
 * server) makes the seal fail to open, exactly as a wrong passphrase does.
 */
function associatedDataV1(profiles: ProfileFields[]): Buffer {
  return Buffer.from(
    JSON.stringify([
      EXPORT_FORMAT,
      1,
      profiles.map((p) => [p.url, p.botId, p.dialect, p.shardIn, p.shardTotal]),
    ]),
    'utf8',
  );
}

/**
 * Version 2: the seal covers the format and the number of profiles; each
 * profile's gateway address is inside the sealed text with its secrets and
 * compared after opening, so an edited address is named, not mistaken for
 * a wrong passphrase.
 */
function associatedDataV2(count: number): Buffer {
  return Buffer.from(JSON.stringify([EXPORT_FORMAT, 2, count]), 'utf8');
}

/** One profile's sealed entry (version 2): its secrets and the address they are for. */
interface SealedEntry extends ExportedSecrets {
  for: string | null;
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: SCRYPT_MAX_MEM + 1024 * 1024,
  });
}

/** Serialise an export. `secrets` (aligned with `profiles`) requires `passphrase`. */
export function buildExportContent(
  profiles: ProfileFields[],
  exportedAt: number,
  sealed: { secrets: ExportedSecrets[]; passphrase: string } | null,
  ids: string[] = [],
): string {
  const doc: Record<string, unknown> = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    profiles,
    // Identities travel beside the fields, so an import knows "the same
    // profile" from "another profile with the same name".
    ...(ids.length === profiles.length ? { ids } : {}),
  };
  if (sealed) {
    const salt = randomBytes(16);
    const iv = randomBytes(IV_BYTES);
    const key = deriveKey(sealed.passphrase, salt, SCRYPT_DEFAULTS);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(associatedDataV2(profiles.length));
    const entries: SealedEntry[] = sealed.secrets.map((secrets, i) => ({
      ...secrets,
      for: gatewayAddress(profiles[i]?.url ?? ''),
    }));
    const data = Buffer.concat([c.update(JSON.stringify(entries), 'utf8'), c.final()]);
    doc.secrets = {
      cipher: 'aes-256-gcm',
      kdf: {
        name: 'scrypt',
        ...SCRYPT_DEFAULTS,
        keyLength: KEY_BYTES,
        salt: salt.toString('base64'),
      },
      iv: iv.toString('base64'),
      tag: c.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }
  return JSON.stringify(doc, null, 2) + '\n';
}

function b64(v: unknown, min: number, max: number): Buffer | null {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return null;
  const buf = Buffer.from(v, 'base64');
  return buf.length >= min && buf.length <= max ? buf : null;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

const bad = (message: string): { ok: false; error: ExportParseError } => ({
  ok: false,
  error: { code: 'bad-request', message },
});

/** Parse and check an export file; opens sealed secrets with `passphrase`. */
export function parseExportContent(
  content: string,
  passphrase: string | undefined,
  say: Say = sayEnglish,
): { ok: true; value: ParsedExport } | { ok: false; error: ExportParseError } {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return bad(say('transfer.notJson'));
  }
  if (!isRecord(doc) || doc.format !== EXPORT_FORMAT) return bad(say('transfer.notExport'));
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1)
    return bad(say('transfer.noVersion'));
  if (doc.version > EXPORT_VERSION) return bad(say('transfer.newer', { version: doc.version }));
  if (!Array.isArray(doc.profiles)) return bad(say('transfer.noProfiles'));
  if (doc.profiles.length > MAX_IMPORT_PROFILES)
    return bad(say('transfer.tooMany', { max: MAX_IMPORT_PROFILES }));

  const profiles: ProfileFields[] = [];
  for (let i = 0; i < doc.profiles.length; i++) {
    const raw: unknown = doc.profiles[i];
    const checked = profileInputValidator(
      isRecord(raw) ? pickProfileFields(raw) : raw,
      `profile ${i + 1}`,
    );
    if (!checked.ok) return bad(say('transfer.damaged', { detail: checked.error }));
    profiles.push(pickProfileFields(checked.value as unknown as Record<string, unknown>));
  }

  const ids: Array<string | null> = profiles.map((_, i) => {
    const v: unknown = Array.isArray(doc.ids) ? doc.ids[i] : undefined;
    return typeof v === 'string' && /^[\w-]{1,100}$/.test(v) ? v : null;
  });

  if (doc.secrets === undefined || doc.secrets === null)
    return { ok: true, value: { profiles, ids, secrets: null } };

  const s = doc.secrets;
  const kdf = isRecord(s) ? s.kdf : undefined;
  if (!isRecord(s) || s.cipher !== 'aes-256-gcm' || !isRecord(kdf) || kdf.name !== 'scrypt')
    return bad(say('transfer.unknownCipher'));
  const params = { N: kdf.N, r: kdf.r, p: kdf.p };
  if (
    typeof params.N !== 'number' ||
    typeof params.r !== 'number' ||
    typeof params.p !== 'number' ||
    !isPowerOfTwo(params.N) ||
    params.N < 2 ** 10 ||
    !Number.isInteger(params.r) ||
    params.r < 1 ||
    params.r > 32 ||
    !Number.isInteger(params.p) ||
    params.p < 1 ||
    params.p > 4 ||
    kdf.keyLength !== KEY_BYTES ||
    128 * params.N * params.r > SCRYPT_MAX_MEM ||
    params.N * params.r * params.p > SCRYPT_MAX_WORK
  )
    return bad(say('transfer.unsafeKdf'));
  const salt = b64(kdf.salt, 8, 64);
  const iv = b64(s.iv, IV_BYTES, IV_BYTES);
  const tag = b64(s.tag, TAG_BYTES, TAG_BYTES);
  const data = b64(s.data, 0, 16 * 1024 * 1024);
  if (!salt || !iv || !tag || !data) return bad(say('transfer.secretsDamaged'));

  if (passphrase === undefined || passphrase === '')
    return {
      ok: false,
      error: {
        code: 'unauthorized',
        message: say('transfer.needsPassphrase'),
        fieldErrors: { passphrase: say('transfer.enterPassphrase') },
      },
    };

  let plain: string;
  try {
    const key = deriveKey(passphrase, salt, { N: params.N, r: params.r, p: params.p });
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAAD(doc.version === 1 ? associatedDataV1(profiles) : associatedDataV2(profiles.length));
    d.setAuthTag(tag);
    plain = Buffer.concat([d.update(data), d.final()]).toString('utf8');
  } catch {
    return {
      ok: false,
      error: {
        code: 'unauthorized',
        message: say('transfer.wrongPassphrase'),
        fieldErrors: { passphrase: say('transfer.passphraseDoesNotOpen') },
      },
    };
  }

  let secretsRaw: unknown;
  try {
    secretsRaw = JSON.parse(plain);
  } catch {
    return bad(say('transfer.secretsDamaged'));
  }
  const secretOk = (v: unknown): v is string | null =>
    v === null || (typeof v === 'string' && v.length <= MAX_SECRET_LENGTH);
  if (
    !Array.isArray(secretsRaw) ||
    secretsRaw.length !== profiles.length ||
    !secretsRaw.every((e) => isRecord(e) && secretOk(e.publicKey) && secretOk(e.secret))
  )
    return bad(say('transfer.secretsMismatch'));
  const entries = secretsRaw as Array<Record<string, unknown>>;
  if (doc.version >= 2) {
    for (let i = 0; i < profiles.length; i++) {
      const p = profiles[i] as ProfileFields;
      const savedFor = entries[i]?.['for'];
      if (typeof savedFor === 'string' && sameGatewayAddress(savedFor, p.url)) continue;
      const now = gatewayAddress(p.url);
      return bad(
        say('transfer.addressChanged', {
          name: p.name.slice(0, 100),
          now: now ? displayAddress(now) : p.url.slice(0, 200),
          savedFor:
            typeof savedFor === 'string' ? displayAddress(savedFor) : say('transfer.unknown'),
        }),
      );
    }
  }
  const secrets = entries.map((e) => ({
    publicKey: (e['publicKey'] as string | null | undefined) ?? null,
    secret: (e['secret'] as string | null | undefined) ?? null,
  }));
  return { ok: true, value: { profiles, ids, secrets } };
}
