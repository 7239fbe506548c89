/**
 * Profiles, their secrets and the app settings, kept in one JSON file through
 * `conf` (the same file format electron-store writes in the desktop app).
 *
 * Secrets are sealed by a {@link SecretCipher} before they reach the file and
 * are only handed out by {@link ProfileStore.getSecrets}, which is core-only:
 * every view the renderer gets says `hasSecret`, never the value.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Conf from 'conf';
import type { ApiResult, ExportArgs, ExportFile, ImportArgs } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type {
  AppSettings,
  ImportReport,
  Notice,
  ProfileFields,
  ProfileInput,
  ProfileView,
  SecretEdit,
  SecretStorageInfo,
  ValidationResult,
} from '../../../shared/model';
import { MAX_NAME_LENGTH, validateProfileInput } from '../../../shared/profile-validation';
import type { Clock } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';
import type { ExportedSecrets } from './export-format';
import { buildExportContent, MIN_PASSPHRASE_LENGTH, parseExportContent } from './export-format';
import type { SecretCipher } from './secret-cipher';
import type { StoredProfile, StoreFile } from './stored-file';
import {
  defaultAppSettings,
  parseStoreFile,
  pickProfileFields,
  SCHEMA_VERSION,
} from './stored-file';
import { settingsPatchValidator } from '../../../shared/settings';

/** Options of {@link createProfileStore}. */
export interface ProfileStoreOptions {
  /** Directory holding the profiles file (created if missing). */
  dir: string;
  cipher: SecretCipher;
  clock?: Clock;
  idFactory?: () => string;
  /** File name without extension; `profiles` unless a test or a second store needs another. */
  configName?: string;
}

/** Decrypted secrets of one profile, for the gateway connection only. */
export interface ProfileSecrets {
  publicKey: string | null;
  secret: string | null;
  /** Why the secrets could not be read; never contains a secret. */
  error: string | null;
}

/** What changed, so the API layer knows which part of the snapshot to push. */
export interface ProfileStoreChange {
  kind: 'profiles' | 'settings' | 'notices';
}

/** Profile, secret and settings storage. */
export interface ProfileStore {
  /** True when the file is from a newer Shardwatch (or could not be set aside): nothing is written. */
  readonly readOnly: boolean;
  /** Full path of the profiles file. */
  readonly filePath: string;
  /** Profiles in display order. */
  list(): ProfileView[];
  get(id: string): ProfileView | null;
  /** Core-only: decrypted secrets. A decrypt failure keeps the ciphertext and flags re-entry. */
  getSecrets(id: string): ProfileSecrets;
  /** Field-by-field check of a form, including the duplicate-name check. */
  validate(input: ProfileInput, id: string | null): ValidationResult;
  create(input: ProfileInput): ApiResult<ProfileView>;
  /** Secrets: `undefined` keeps, a string sets, `null` clears. */
  update(id: string, input: ProfileInput): ApiResult<ProfileView>;
  /** Copy with secrets, named "X (copy)", disabled, placed right after the original. */
  duplicate(id: string): ApiResult<ProfileView>;
  delete(id: string): ApiResult<null>;
  /** Enabling checks the profile is complete (secrets present, URL acknowledged). */
  setEnabled(id: string, enabled: boolean): ApiResult<ProfileView>;
  /** `ids` must list every profile exactly once. */
  reorder(ids: string[]): ApiResult<ProfileView[]>;
  /** The built-in demo profile (at most one). */
  createDemo(
    fields: ProfileFields,
    secrets: { publicKey: string; secret: string },
  ): ApiResult<ProfileView>;
  getSettings(): AppSettings;
  updateSettings(patch: Partial<AppSettings>): ApiResult<AppSettings>;
  exportProfiles(args: ExportArgs): ApiResult<ExportFile>;
  /** Imported profiles start disabled; duplicates are skipped and listed. */
  importProfiles(args: ImportArgs): ApiResult<ImportReport>;
  /** How secrets are protected (from the cipher). */
  secretStorage(): SecretStorageInfo;
  notices(): Notice[];
  dismissNotice(id: string): ApiResult<null>;
  on(event: 'change', listener: (change: ProfileStoreChange) => void): () => void;
  dispose(): void;
}

type SecretField = 'publicKey' | 'secret';

const VALIDATION_MESSAGE = 'Some fields need attention';

function definedOnly(rec: Partial<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) if (v !== undefined) out[k] = v;
  return out;
}

function stamp(wallMs: number): string {
  const iso = new Date(wallMs).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

function duplicateKey(p: ProfileFields): string {
  let url = p.url.trim();
  try {
    url = new URL(url).href;
  } catch {
    // An unparsable URL is compared as written.
  }
  return `${url}\u0000${p.botId.trim()}\u0000${p.shardIn}`;
}

/**
 * Open (or create) the profile store in `opts.dir`.
 *
 * The raw file is read and validated before `conf` touches it: a damaged file
 * is moved aside with a notice and the app starts empty; damaged profiles
 * are dropped (a copy of the file is kept); a file from a newer schema is
 * opened read-only and never written.
 */
export function createProfileStore(opts: ProfileStoreOptions): ProfileStore {
  const { dir, cipher } = opts;
  const clock = opts.clock ?? systemClock;
  const newId = opts.idFactory ?? randomUUID;
  const configName = opts.configName ?? 'profiles';
  const filePath = path.join(dir, `${configName}.json`);

  let state: StoreFile = {
    schemaVersion: SCHEMA_VERSION,
    profiles: [],
    settings: defaultAppSettings(),
  };
  let readOnlyReason: string | null = null;
  let disposed = false;
  let conf: Conf<StoreFile> | null = null;
  let noticeSeq = 0;
  const noticeList: Notice[] = [];
  const listeners = new Set<(change: ProfileStoreChange) => void>();
  /** Profiles whose stored ciphertext could not be decrypted, per field. Kept in memory: recomputed at load. */
  const unreadable = new Map<string, Set<SecretField>>();

  const addNotice = (level: Notice['level'], message: string): void => {
    noticeList.push({ id: `notice-${++noticeSeq}`, level, message, at: clock.wallNow() });
  };

  const emit = (kind: ProfileStoreChange['kind']): void => {
    for (const fn of [...listeners]) {
      try {
        fn({ kind });
      } catch {
        // A failing listener must not undo a change that is already saved.
      }
    }
  };

  const asideName = (): string => {
    const base = path.join(dir, `${configName}.corrupt-${stamp(clock.wallNow())}`);
    let candidate = `${base}.json`;
    for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}.json`;
    return candidate;
  };

  // ---- load ---------------------------------------------------------------

  const load = (): void => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    let text: string | null = null;
    let unreadableReason: string | null = null;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') unreadableReason = `it could not be opened: ${errnoCode(e)}`;
    }
    if (text === null && unreadableReason === null) return;

    const parsed = text === null ? null : parseStoreFile(text);
    const invalidReason = unreadableReason ?? (parsed?.kind === 'invalid' ? parsed.reason : null);
    if (invalidReason !== null) {
      let target: string;
      try {
        target = asideName();
        fs.renameSync(filePath, target);
        fs.chmodSync(target, 0o600);
      } catch (e) {
        // Writing now would overwrite the only copy of whatever the file holds.
        readOnlyReason = `Your profiles file ${filePath} could not be read and could not be moved aside (${errnoCode(e)}), so Shardwatch will not save changes until it is fixed or removed.`;
        addNotice(
          'error',
          `Your profiles file could not be read (${invalidReason}). ${readOnlyReason}`,
        );
        return;
      }
      addNotice(
        'error',
        `Your profiles file could not be read (${invalidReason}). It was moved to ${target}; ` +
          'Shardwatch started with no profiles. Add your profiles again or import an export; ' +
          'secrets were stored encrypted and are not readable from the moved file.',
      );
      return;
    }
    if (parsed === null || parsed.kind === 'invalid') return;

    state = parsed.file;
    if (parsed.kind === 'newer') {
      readOnlyReason = `Your profiles file was written by a newer version of Shardwatch (schema ${parsed.version}; this version knows ${SCHEMA_VERSION}). It is open read-only so this version cannot damage it; update Shardwatch to make changes.`;
      addNotice('warning', readOnlyReason);
      return;
    }
    if (parsed.problems.length > 0) {
      const shown = parsed.problems.slice(0, 5).join('; ');
      const more = parsed.problems.length > 5 ? ` and ${parsed.problems.length - 5} more` : '';
      let target: string;
      try {
        target = asideName();
        fs.copyFileSync(filePath, target);
        fs.chmodSync(target, 0o600);
      } catch (e) {
        readOnlyReason = `Parts of your profiles file could not be read and a copy could not be saved (${errnoCode(e)}), so Shardwatch will not save changes that would drop them.`;
        addNotice('error', `${readOnlyReason} Problems: ${shown}${more}.`);
        return;
      }
      addNotice(
        'warning',
        `Parts of your profiles file could not be read and were left out (${shown}${more}). ` +
          `A copy of the original file was saved to ${target}.`,
      );
      // Write the cleaned file now, so the same notice does not come back on every start.
      const err = persist(state);
      if (err && !err.ok) addNotice('error', err.error.message);
    }
  };

  // ---- persistence --------------------------------------------------------

  function persist(next: StoreFile): ApiResult<never> | null {
    try {
      conf ??= new Conf<StoreFile>({
        cwd: dir,
        configName,
        fileExtension: 'json',
        configFileMode: 0o600,
        clearInvalidConfig: false,
      });
      conf.store = structuredClone(next);
      return null;
    } catch (e) {
      return apiError(
        'internal',
        `Could not save your profiles to ${filePath} (${errnoCode(e)}); the last change was not saved.`,
      );
    }
  }

  /** Refuse writes when closed or read-only. */
  const writeGuard = (): ApiResult<never> | null => {
    if (disposed) return apiError('unavailable', 'The profile store is closed.');
    if (readOnlyReason !== null) return apiError('read-only', readOnlyReason);
    return null;
  };

  const commit = (next: StoreFile, kind: ProfileStoreChange['kind']): ApiResult<never> | null => {
    const err = persist(next);
    if (err) return err;
    state = next;
    emit(kind);
    return null;
  };

  // ---- views and secrets --------------------------------------------------

  const find = (id: string): StoredProfile | undefined => state.profiles.find((p) => p.id === id);

  const toView = (p: StoredProfile, order: number): ProfileView => ({
    ...pickProfileFields(p as unknown as Record<string, unknown>),
    id: p.id,
    order,
    hasPublicKey: p.publicKeyCipher !== null,
    hasSecret: p.secretCipher !== null,
    demo: p.demo,
    secretNeedsReentry: (unreadable.get(p.id)?.size ?? 0) > 0,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  });

  const viewOf = (id: string): ProfileView | null => {
    const i = state.profiles.findIndex((p) => p.id === id);
    const p = state.profiles[i];
    return p ? toView(p, i) : null;
  };

  const mustView = (id: string): ApiResult<ProfileView> => {
    const v = viewOf(id);
    return v ? apiOk(v) : apiError('not-found', 'This profile no longer exists.');
  };

  /** Try to open every stored value; returns the fields that failed. */
  const checkReadable = (p: StoredProfile): { values: ExportedSecrets; failed: SecretField[] } => {
    const values: ExportedSecrets = { publicKey: null, secret: null };
    const failed: SecretField[] = [];
    const pairs: Array<[SecretField, string | null]> = [
      ['publicKey', p.publicKeyCipher],
      ['secret', p.secretCipher],
    ];
    for (const [field, sealed] of pairs) {
      if (sealed === null) continue;
      try {
        values[field] = cipher.decrypt(sealed);
      } catch {
        failed.push(field);
      }
    }
    return { values, failed };
  };

  const setUnreadable = (id: string, failed: SecretField[]): boolean => {
    const before = unreadable.get(id)?.size ?? 0;
    if (failed.length === 0) unreadable.delete(id);
    else unreadable.set(id, new Set(failed));
    return before !== failed.length;
  };

  const seal = (value: string): string => cipher.encrypt(value.trim());

  /** Apply a secret edit to a stored ciphertext. */
  const applySecret = (current: string | null, edit: SecretEdit): string | null => {
    if (edit === undefined) return current;
    if (edit === null || edit.trim() === '') return null;
    return seal(edit);
  };

  const cipherUnavailable = (): ApiResult<never> =>
    apiError(
      'unavailable',
      `Secrets cannot be stored right now: ${cipher.info().description} The secret storage is not available.`,
    );

  const needsCipher = (...edits: SecretEdit[]): boolean =>
    edits.some((e) => typeof e === 'string' && e.trim() !== '') && !cipher.isAvailable();

  const otherNames = (exceptId: string | null): string[] =>
    state.profiles.filter((p) => p.id !== exceptId).map((p) => p.name);

  const validate = (input: ProfileInput, id: string | null): ValidationResult => {
    const p = id === null ? undefined : find(id);
    const result = validateProfileInput(input, {
      hasPublicKey: p?.publicKeyCipher != null,
      hasSecret: p?.secretCipher != null,
      otherNames: otherNames(p?.id ?? null),
    });
    const bad = p ? unreadable.get(p.id) : undefined;
    if (bad?.has('publicKey') && input.publicKey === undefined)
      result.warnings.publicKey =
        'The stored public key could not be decrypted on this computer; enter it again.';
    if (bad?.has('secret') && input.secret === undefined)
      result.warnings.secret =
        'The stored secret could not be decrypted on this computer; enter it again.';
    return result;
  };

  const validationError = <T>(
    result: ValidationResult,
    message = VALIDATION_MESSAGE,
  ): ApiResult<T> => apiError('validation', message, definedOnly(result.errors));

  const copyName = (base: string): string => {
    const taken = new Set(state.profiles.map((p) => p.name.trim().toLowerCase()));
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
      const name = base.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd() + suffix;
      if (!taken.has(name.toLowerCase())) return name;
    }
  };

  const freshId = (taken: Set<string>): string => {
    for (;;) {
      const id = newId();
      if (!taken.has(id)) return id;
    }
  };

  const insertNew = (input: ProfileInput, demo: boolean): ApiResult<ProfileView> => {
    const guard = writeGuard();
    if (guard) return guard;
    const result = validate(input, null);
    if (!result.ok) return validationError(result);
    if (needsCipher(input.publicKey, input.secret)) return cipherUnavailable();
    const now = clock.wallNow();
    const fields = pickProfileFields(input as unknown as Record<string, unknown>);
    const profile: StoredProfile = {
      ...fields,
      name: fields.name.trim(),
      url: fields.url.trim(),
      botId: fields.botId.trim(),
      id: freshId(new Set(state.profiles.map((p) => p.id))),
      demo,
      createdAt: now,
      updatedAt: now,
      publicKeyCipher: applySecret(null, input.publicKey),
      secretCipher: applySecret(null, input.secret),
      cipherBackend: cipher.info().backend,
    };
    const err = commit({ ...state, profiles: [...state.profiles, profile] }, 'profiles');
    return err ?? mustView(profile.id);
  };

  // ---- start --------------------------------------------------------------

  load();
  if (cipher.isAvailable()) {
    // Find secrets sealed by another key (another machine, a lost session key) now,
    // so the list shows "enter again" before the user tries to connect.
    for (const p of state.profiles) setUnreadable(p.id, checkReadable(p).failed);
  }

  return {
    get readOnly() {
      return readOnlyReason !== null;
    },
    filePath,

    list: () => state.profiles.map(toView),
    get: viewOf,

    getSecrets(id) {
      const p = find(id);
      if (!p) return { publicKey: null, secret: null, error: 'This profile no longer exists.' };
      if (!cipher.isAvailable())
        return {
          publicKey: null,
          secret: null,
          error: 'Secret storage is not available, so the stored secrets cannot be read.',
        };
      const { values, failed } = checkReadable(p);
      if (setUnreadable(p.id, failed)) emit('profiles');
      if (failed.length > 0) {
        const what =
          failed.length === 2
            ? 'public key and secret'
            : failed[0] === 'publicKey'
              ? 'public key'
              : 'secret';
        return {
          publicKey: null,
          secret: null,
          error: `The stored ${what} of "${p.name}" could not be decrypted on this computer; enter ${failed.length === 2 ? 'them' : 'it'} again in the profile editor.`,
        };
      }
      return { ...values, error: null };
    },

    validate,

    create: (input) => insertNew(input, false),

    update(id, input) {
      const guard = writeGuard();
      if (guard) return guard;
      const i = state.profiles.findIndex((p) => p.id === id);
      const current = state.profiles[i];
      if (!current) return apiError('not-found', 'This profile no longer exists.');
      const result = validate(input, id);
      if (!result.ok) return validationError(result);
      if (needsCipher(input.publicKey, input.secret)) return cipherUnavailable();
      const fields = pickProfileFields(input as unknown as Record<string, unknown>);
      const touched = input.publicKey !== undefined || input.secret !== undefined;
      const next: StoredProfile = {
        ...current,
        ...fields,
        name: fields.name.trim(),
        url: fields.url.trim(),
        botId: fields.botId.trim(),
        updatedAt: clock.wallNow(),
        publicKeyCipher: applySecret(current.publicKeyCipher, input.publicKey),
        secretCipher: applySecret(current.secretCipher, input.secret),
        cipherBackend: touched ? cipher.info().backend : current.cipherBackend,
      };
      const profiles = [...state.profiles];
      profiles[i] = next;
      const err = persist({ ...state, profiles });
      if (err) return err;
      state = { ...state, profiles };
      const bad = unreadable.get(id);
      if (bad) {
        if (input.publicKey !== undefined) bad.delete('publicKey');
        if (input.secret !== undefined) bad.delete('secret');
        if (bad.size === 0) unreadable.delete(id);
      }
      emit('profiles');
      return mustView(id);
    },

    duplicate(id) {
      const guard = writeGuard();
      if (guard) return guard;
      const i = state.profiles.findIndex((p) => p.id === id);
      const src = state.profiles[i];
      if (!src) return apiError('not-found', 'This profile no longer exists.');
      const now = clock.wallNow();
      const copy: StoredProfile = {
        ...src,
        alerts: structuredClone(src.alerts),
        id: freshId(new Set(state.profiles.map((p) => p.id))),
        name: copyName(src.name),
        // Two live connections with the same bot id would fight (docs/protocol.md §2), so the copy waits.
        enabled: false,
        demo: false,
        createdAt: now,
        updatedAt: now,
      };
      const profiles = [...state.profiles];
      profiles.splice(i + 1, 0, copy);
      const err = commit({ ...state, profiles }, 'profiles');
      if (err) return err;
      const bad = unreadable.get(src.id);
      if (bad) unreadable.set(copy.id, new Set(bad));
      return mustView(copy.id);
    },

    delete(id) {
      const guard = writeGuard();
      if (guard) return guard;
      if (!find(id)) return apiError('not-found', 'This profile no longer exists.');
      const err = commit(
        { ...state, profiles: state.profiles.filter((p) => p.id !== id) },
        'profiles',
      );
      if (err) return err;
      unreadable.delete(id);
      return apiOk(null);
    },

    setEnabled(id, enabled) {
      const guard = writeGuard();
      if (guard) return guard;
      const i = state.profiles.findIndex((p) => p.id === id);
      const current = state.profiles[i];
      if (!current) return apiError('not-found', 'This profile no longer exists.');
      if (current.enabled === enabled) return mustView(id);
      if (enabled) {
        const result = validate(
          { ...pickProfileFields(current as unknown as Record<string, unknown>), enabled },
          id,
        );
        if (!result.ok) return validationError(result, 'Complete this profile before enabling it');
      }
      const profiles = [...state.profiles];
      profiles[i] = { ...current, enabled, updatedAt: clock.wallNow() };
      const err = commit({ ...state, profiles }, 'profiles');
      return err ?? mustView(id);
    },

    reorder(ids) {
      const guard = writeGuard();
      if (guard) return guard;
      const byId = new Map(state.profiles.map((p) => [p.id, p]));
      const unique = new Set(ids);
      if (
        ids.length !== state.profiles.length ||
        unique.size !== ids.length ||
        ids.some((id) => !byId.has(id))
      )
        return apiError('validation', 'The new order must list every profile exactly once.', {
          // The overview shows this one: its list follows the change by itself.
          order:
            'The list of profiles changed meanwhile (one was added or removed); look at it again and retry.',
        });
      const profiles = ids.map((id) => byId.get(id) as StoredProfile);
      const err = commit({ ...state, profiles }, 'profiles');
      return err ?? apiOk(state.profiles.map(toView));
    },

    createDemo(fields, secrets) {
      if (state.profiles.some((p) => p.demo))
        return apiError('conflict', 'A demo profile already exists.');
      return insertNew({ ...fields, publicKey: secrets.publicKey, secret: secrets.secret }, true);
    },

    getSettings: () => ({ ...state.settings }),

    updateSettings(patch) {
      const guard = writeGuard();
      if (guard) return guard;
      const fieldErrors: Record<string, string> = {};
      if (typeof patch !== 'object' || patch === null)
        return apiError('bad-request', 'Settings must be an object.');
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const r = settingsPatchValidator({ [key]: value }, key);
        if (!r.ok) fieldErrors[key] = r.error.replace(`${key}.`, '');
      }
      if (Object.keys(fieldErrors).length > 0)
        return apiError('validation', VALIDATION_MESSAGE, fieldErrors);
      const checked = settingsPatchValidator(patch, 'settings');
      if (!checked.ok) return apiError('bad-request', checked.error);
      const err = commit(
        { ...state, settings: { ...state.settings, ...checked.value } },
        'settings',
      );
      return err ?? apiOk({ ...state.settings });
    },

    exportProfiles(args) {
      if (disposed) return apiError('unavailable', 'The profile store is closed.');
      if (args.includeSecrets) {
        const pass = args.passphrase ?? '';
        if (pass.length < MIN_PASSPHRASE_LENGTH)
          return apiError('validation', VALIDATION_MESSAGE, {
            passphrase: `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; it protects the secrets in the file.`,
          });
        if (!cipher.isAvailable()) return cipherUnavailable();
      }
      // The demo profile runs the built-in simulator; another install makes its own.
      const chosen = state.profiles.filter((p) => !p.demo);
      const profiles = chosen.map((p) =>
        pickProfileFields(p as unknown as Record<string, unknown>),
      );
      let sealed: { secrets: ExportedSecrets[]; passphrase: string } | null = null;
      if (args.includeSecrets) {
        let changed = false;
        const secrets = chosen.map((p) => {
          const { values, failed } = checkReadable(p);
          if (setUnreadable(p.id, failed)) changed = true;
          return values;
        });
        if (changed) emit('profiles');
        sealed = { secrets, passphrase: args.passphrase ?? '' };
      }
      const now = clock.wallNow();
      return apiOk({
        fileName: `shardwatch-profiles-${stamp(now)}.json`,
        content: buildExportContent(profiles, now, sealed),
      });
    },

    importProfiles(args) {
      const guard = writeGuard();
      if (guard) return guard;
      const parsed = parseExportContent(args.content, args.passphrase);
      if (!parsed.ok)
        return apiError(parsed.error.code, parsed.error.message, parsed.error.fieldErrors);
      const { profiles: incoming, secrets } = parsed.value;
      if (secrets && !cipher.isAvailable()) return cipherUnavailable();

      for (const fields of incoming) {
        // Secrets are checked by presence later (enabling requires them); the rest must be sound.
        const result = validateProfileInput(fields, { hasPublicKey: true, hasSecret: true });
        if (!result.ok) {
          const [field, message] = Object.entries(definedOnly(result.errors))[0] ?? ['', ''];
          return apiError(
            'bad-request',
            `Profile "${fields.name.slice(0, MAX_NAME_LENGTH)}" in the file is not valid (${field}: ${message}) Nothing was imported.`,
          );
        }
      }

      const names = new Set(state.profiles.map((p) => p.name.trim().toLowerCase()));
      const keys = new Set(state.profiles.map(duplicateKey));
      const ids = new Set(state.profiles.map((p) => p.id));
      const skipped: string[] = [];
      const added: StoredProfile[] = [];
      const now = clock.wallNow();
      incoming.forEach((fields, i) => {
        const name = fields.name.trim();
        const key = duplicateKey(fields);
        if (names.has(name.toLowerCase()) || keys.has(key)) {
          skipped.push(name);
          return;
        }
        names.add(name.toLowerCase());
        keys.add(key);
        const s = secrets?.[i];
        const id = freshId(ids);
        ids.add(id);
        added.push({
          ...fields,
          name,
          id,
          // An imported profile connects only once the user has looked at it and enabled it.
          enabled: false,
          // The acknowledgement of plain ws:// is the importing user's to give, not the file's.
          allowInsecure: false,
          demo: false,
          createdAt: now,
          updatedAt: now,
          publicKeyCipher: s?.publicKey ? seal(s.publicKey) : null,
          secretCipher: s?.secret ? seal(s.secret) : null,
          cipherBackend: cipher.info().backend,
        });
      });
      if (added.length > 0) {
        const err = commit({ ...state, profiles: [...state.profiles, ...added] }, 'profiles');
        if (err) return err;
      }
      return apiOk({
        imported: added.length,
        skippedDuplicates: skipped,
        withSecrets: secrets !== null,
      });
    },

    secretStorage: () => cipher.info(),

    notices: () => noticeList.map((n) => ({ ...n })),

    dismissNotice(id) {
      const i = noticeList.findIndex((n) => n.id === id);
      if (i < 0) return apiError('not-found', 'This notice was already dismissed.');
      noticeList.splice(i, 1);
      emit('notices');
      return apiOk(null);
    },

    on(_event, listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    dispose() {
      disposed = true;
      listeners.clear();
      conf = null;
    },
  };
}
