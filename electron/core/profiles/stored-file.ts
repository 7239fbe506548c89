/**
 * The on-disk shape of the profiles file and its validation. The file is
 * read as `unknown` (docs/architecture.md §3.3): a damaged file or a damaged profile is
 * reported, never trusted and never a crash.
 */
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk, profileInputValidator } from '../../../shared/api';
import type { AppSettings } from '../../../shared/app-settings';
import type { ProfileFields } from '../../../shared/profile-model';
import {
  bool,
  isRecord,
  nullable,
  num,
  object,
  optional,
  str,
  withPath,
  wordCheck,
} from '../../../shared/validate';
import {
  sayEnglish,
  type NoticeText,
  type Say,
  type Wording,
} from '../../../shared/i18n/translator';
import { PROFILE_FIELD_KEYS } from '../../../shared/profile-validation';
import { APP_SETTINGS_FIELDS, settingsPatchValidator } from '../../../shared/settings';
import { gatewayAddress } from '../../../shared/gateway-address';

/** Schema version this build writes. A file with a higher one is opened read-only. */
export const SCHEMA_VERSION = 1;

/** A profile as stored: the fields plus ciphertext only, never a secret in clear. */
export interface StoredProfile extends ProfileFields {
  id: string;
  demo: boolean;
  createdAt: number;
  updatedAt: number;
  /** Public key sealed by the cipher named in `cipherBackend`; null when not set. */
  publicKeyCipher: string | null;
  /** Shared secret sealed by the cipher named in `cipherBackend`; null when not set. */
  secretCipher: string | null;
  /** `SecretStorageInfo.backend` of the cipher that sealed the values. */
  cipherBackend: string | null;
  /**
   * The gateway address (shared/gateway-address.ts) the secrets were saved
   * for; they are sent nowhere else. Null when no secret is stored. Files
   * written before this field existed bind them to the profile's URL.
   */
  secretsFor: string | null;
}

/** The whole profiles file. A type alias (not an interface) so it fits `conf`'s record type. */
export type StoreFile = {
  schemaVersion: number;
  profiles: StoredProfile[];
  settings: AppSettings;
};

/** App settings for a fresh install. */
export function defaultAppSettings(): AppSettings {
  return {
    theme: 'system',
    language: 'system',
    launchAtLogin: false,
    startHidden: false,
    notificationSound: false,
    frameLogSize: 200,
    overviewSort: 'trouble',
  };
}

/** Fields kept without surrounding spaces (the validator reads them trimmed). */
const TRIMMED: ReadonlySet<string> = new Set(['name', 'url', 'botId']);

/**
 * Copy exactly the non-secret profile fields out of a record. Everything that
 * is stored or exported passes through here, so a `publicKey`/`secret` riding
 * along on an input object can never reach a file.
 */
export function pickProfileFields(rec: Record<string, unknown>): ProfileFields {
  const out: Record<string, unknown> = {};
  for (const k of PROFILE_FIELD_KEYS) {
    const v = rec[k];
    // The alert settings are a nested object: copied, so a stored profile
    // never shares them with the caller's object. Names and addresses are
    // kept trimmed, whether they come from the editor or a hand-edited file.
    out[k] =
      k === 'alerts' ? structuredClone(v) : typeof v === 'string' && TRIMMED.has(k) ? v.trim() : v;
  }
  return out as unknown as ProfileFields;
}

const storedExtra = object<
  Omit<StoredProfile, keyof ProfileFields | 'secretsFor'> & { secretsFor?: string | null }
>({
  id: str({ min: 1, max: 200 }),
  demo: bool,
  createdAt: num({ min: 0 }),
  updatedAt: num({ min: 0 }),
  publicKeyCipher: nullable(str({ max: 64 * 1024 })),
  secretCipher: nullable(str({ max: 64 * 1024 })),
  cipherBackend: nullable(str({ max: 100 })),
  secretsFor: optional(nullable(str({ max: 4096 }))),
});

/**
 * Check a settings patch from a request: per-field messages for a form
 * (`validation`), or `bad-request` for a patch that is not an object.
 */
export function checkSettingsPatch(
  patch: unknown,
  say: Say = sayEnglish,
): ApiResult<Partial<AppSettings>> {
  if (!isRecord(patch)) return apiError('bad-request', say('check.settingsObject'));
  const fieldErrors: Record<string, string> = {};
  for (const [key, value] of Object.entries(patch)) {
    const r = settingsPatchValidator({ [key]: value }, key);
    // The field's own name, not `key.key`.
    if (!r.ok)
      fieldErrors[key] = wordCheck(
        withPath(r, (path) => path.replace(`${key}.`, '')),
        say,
      ).replace(`${key}.`, '');
  }
  if (Object.keys(fieldErrors).length > 0)
    return apiError('validation', say('store.fieldsNeedAttention'), fieldErrors);
  const checked = settingsPatchValidator(patch, 'settings');
  return checked.ok ? apiOk(checked.value) : apiError('bad-request', wordCheck(checked, say));
}

/** A problem of a profiles file, worded in the user's language where it is shown. */
function problemOf(
  failure: { error: string; why?: Wording },
  where: string,
  label: Wording,
): NoticeText {
  // `profile 2.url` → "perfil 2.url": the part the program names stays as it is.
  const renamed = withPath(failure, (path) =>
    path.startsWith(where)
      ? { key: 'profilesFile.path', params: { label, rest: path.slice(where.length) } }
      : path,
  );
  return renamed.why ?? renamed.error;
}

/** Check one stored profile; unknown fields (from a newer build) are dropped. */
export function parseStoredProfile(
  raw: unknown,
  where: string,
): { ok: true; value: StoredProfile } | { ok: false; error: string; why?: Wording } {
  if (!isRecord(raw)) return { ok: false, error: `${where} is not an object` };
  const fields = profileInputValidator(pickProfileFields(raw), where);
  if (!fields.ok) return fields;
  const extra = storedExtra(
    {
      id: raw.id,
      demo: raw.demo,
      createdAt: raw.createdAt,
      updatedAt: raw.updatedAt,
      publicKeyCipher: raw.publicKeyCipher,
      secretCipher: raw.secretCipher,
      cipherBackend: raw.cipherBackend,
      secretsFor: raw.secretsFor,
    },
    where,
  );
  if (!extra.ok) return extra;
  const hasSecret = extra.value.publicKeyCipher !== null || extra.value.secretCipher !== null;
  return {
    ok: true,
    value: {
      ...pickProfileFields(fields.value as unknown as Record<string, unknown>),
      ...extra.value,
      secretsFor:
        extra.value.secretsFor !== undefined
          ? extra.value.secretsFor
          : hasSecret
            ? gatewayAddress(fields.value.url)
            : null,
    },
  };
}

/** What reading the raw file found. */
export type ParsedStoreFile =
  /** The whole file is unusable (not JSON, wrong shape): move it aside. */
  | { kind: 'invalid'; reason: Wording }
  /** From a newer build: open read-only, never write. */
  | { kind: 'newer'; version: number; file: StoreFile; problems: NoticeText[] }
  /**
   * Usable; `problems` lists parts that were dropped (then a copy is kept
   * aside), each a message worded where it is shown.
   */
  | { kind: 'ok'; file: StoreFile; problems: NoticeText[] };

/** Validate the text of a profiles file. */
export function parseStoreFile(text: string): ParsedStoreFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {
      kind: 'invalid',
      reason: { key: text.trim() === '' ? 'profilesFile.empty' : 'profilesFile.notJson' },
    };
  }
  if (!isRecord(doc)) return { kind: 'invalid', reason: { key: 'profilesFile.notObject' } };
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { kind: 'invalid', reason: { key: 'profilesFile.noVersion' } };
  if (!Array.isArray(doc.profiles))
    return { kind: 'invalid', reason: { key: 'profilesFile.noProfiles' } };

  const problems: NoticeText[] = [];
  const profiles: StoredProfile[] = [];
  const ids = new Set<string>();
  doc.profiles.forEach((raw, i) => {
    const n = i + 1;
    const r = parseStoredProfile(raw, `profile ${n}`);
    if (!r.ok) {
      problems.push(
        isRecord(raw)
          ? problemOf(r, `profile ${n}`, { key: 'profilesFile.profile', params: { n } })
          : { key: 'profilesFile.profileNotObject', params: { n } },
      );
    } else if (ids.has(r.value.id))
      problems.push({ key: 'profilesFile.repeatedId', params: { n } });
    else {
      ids.add(r.value.id);
      profiles.push(r.value);
    }
  });

  const settings = defaultAppSettings();
  if (doc.settings !== undefined) {
    if (!isRecord(doc.settings)) problems.push({ key: 'profilesFile.settingsNotObject' });
    else {
      const target = settings as Record<keyof AppSettings, unknown>;
      for (const key of Object.keys(APP_SETTINGS_FIELDS) as Array<keyof AppSettings>) {
        const v = doc.settings[key];
        if (v === undefined) continue;
        const r = APP_SETTINGS_FIELDS[key](v, `setting ${key}`);
        if (r.ok) target[key] = r.value;
        else
          problems.push(
            problemOf(r, `setting ${key}`, {
              key: 'profilesFile.setting',
              params: { name: key },
            }),
          );
      }
    }
  }

  const file: StoreFile = { schemaVersion: SCHEMA_VERSION, profiles, settings };
  if (version > SCHEMA_VERSION) return { kind: 'newer', version, file, problems };
  return { kind: 'ok', file, problems };
}
