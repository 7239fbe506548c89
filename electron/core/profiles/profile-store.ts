/**
 * Profiles, their secrets and the app settings, kept in one JSON file
 * (profile-file.ts: electron-store in the desktop app, `conf` in browser mode
 * and the CLI, one format).
 *
 * Secrets are sealed by a {@link SecretCipher} before they reach the file and
 * are only handed out by {@link ProfileStore.getSecrets}, which is core-only
 * and answers only for the gateway address they were saved for
 * (profile-secrets.ts): every view the renderer gets says `hasSecret`, never
 * the value.
 */
import { randomUUID } from 'node:crypto';
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type { Notice } from '../../../shared/app-state';
import type { ProfileInput, ProfileView, ValidationResult } from '../../../shared/profile-model';
import { MAX_NAME_LENGTH, validateProfileInput } from '../../../shared/profile-validation';
import { notFound } from '../../../shared/i18n/not-found';
import {
  sayEnglish,
  wordNotice,
  type NoticeText,
  type Wording,
} from '../../../shared/i18n/translator';
import { systemClock } from '../../../shared/clock';
import { createConfFileBackend, openProfileFile } from './profile-file';
import type { SecretKeeper } from './profile-secrets';
import { createSecretKeeper, secretsOfMovedFile } from './profile-secrets';
import type { TransferContext } from './profile-transfer';
import { definedOnly, exportProfiles, importProfiles } from './profile-transfer';
import type { StoredProfile, StoreFile } from './stored-file';
import {
  checkSettingsPatch,
  defaultAppSettings,
  pickProfileFields,
  SCHEMA_VERSION,
} from './stored-file';

export type { ProfileStore, ProfileStoreChange, ProfileStoreOptions } from './profile-store-types';
import type { ProfileStore, ProfileStoreChange, ProfileStoreOptions } from './profile-store-types';

/**
 * Open (or create) the profile store in `opts.dir`.
 *
 * The raw file is read and validated before it is written (profile-file.ts):
 * a damaged file is moved aside and the newest good backup restored, with a
 * notice; damaged profiles are dropped (a copy of the file is kept); a file
 * from a newer schema is opened read-only and never written.
 */
export function createProfileStore(opts: ProfileStoreOptions): ProfileStore {
  const say = opts.say ?? sayEnglish;
  const { dir, cipher } = opts;
  const clock = opts.clock ?? systemClock;
  const newId = opts.idFactory ?? randomUUID;
  const configName = opts.configName ?? 'profiles';
  const file = openProfileFile({
    dir,
    configName,
    clock,
    backend: (opts.backend ?? createConfFileBackend)({ dir, configName }),
    secretsOfMovedFile: () => secretsOfMovedFile(cipher),
    say,
  });
  const keeper: SecretKeeper = createSecretKeeper(cipher, say);

  let state: StoreFile = {
    schemaVersion: SCHEMA_VERSION,
    profiles: [],
    settings: defaultAppSettings(),
  };
  let readOnlyReason: Wording | null = null;
  let disposed = false;
  let noticeSeq = 0;
  const noticeList: Array<Omit<Notice, 'message'> & { text: NoticeText }> = [];
  const listeners = new Set<(change: ProfileStoreChange) => void>();

  const addNotice = (level: Notice['level'], text: NoticeText): void => {
    noticeList.push({ id: `notice-${++noticeSeq}`, level, text, at: clock.wallNow() });
  };

  const emit = (kind: ProfileStoreChange['kind']): void => {
    keeper.retain(state.profiles);
    for (const fn of [...listeners]) {
      try {
        fn({ kind });
      } catch {
        // A failing listener must not undo a change that is already saved.
      }
    }
  };

  /** Refuse writes when closed or read-only. */
  const writeGuard = (): ApiResult<never> | null => {
    if (disposed) return apiError('unavailable', say('request.storeClosed'));
    if (readOnlyReason !== null) return apiError('read-only', wordNotice(readOnlyReason, say));
    return null;
  };

  const commit = (next: StoreFile, kind: ProfileStoreChange['kind']): ApiResult<never> | null => {
    const err = file.save(next);
    if (err) return err;
    state = next;
    emit(kind);
    return null;
  };

  const find = (id: string): StoredProfile | undefined => state.profiles.find((p) => p.id === id);

  const toView = (p: StoredProfile, order: number): ProfileView => ({
    ...pickProfileFields(p as unknown as Record<string, unknown>),
    id: p.id,
    order,
    hasPublicKey: p.publicKeyCipher !== null,
    hasSecret: p.secretCipher !== null,
    demo: p.demo,
    secretNeedsReentry: keeper.needsReentry(p.id),
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
    return v ? apiOk(v) : notFound('profile', say);
  };

  const validate = (input: ProfileInput, id: string | null): ValidationResult => {
    const p = id === null ? undefined : find(id);
    const result = validateProfileInput(input, {
      hasPublicKey: p?.publicKeyCipher != null,
      hasSecret: p?.secretCipher != null,
      otherNames: state.profiles.filter((o) => o.id !== p?.id).map((o) => o.name),
      ...(opts.say ? { say: opts.say } : {}),
    });
    return p ? keeper.annotate(result, p, input) : result;
  };

  const validationError = <T>(
    result: ValidationResult,
    message = say('store.fieldsNeedAttention'),
  ): ApiResult<T> => apiError('validation', message, definedOnly(result.errors));

  const copyName = (base: string): string => {
    const taken = new Set(state.profiles.map((p) => p.name.trim().toLowerCase()));
    for (let n = 1; ; n++) {
      // The suffix is what the name of the copy adds to the original's.
      const suffix =
        n === 1 ? say('store.copyName', { name: '' }) : say('store.copyNameNth', { name: '', n });
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
    const noCipher = keeper.refuseWithoutCipher(input.publicKey, input.secret);
    if (noCipher) return noCipher;
    const now = clock.wallNow();
    const fields = pickProfileFields(input as unknown as Record<string, unknown>);
    const url = fields.url;
    const publicKeyCipher = keeper.applyEdit(null, input.publicKey);
    const secretCipher = keeper.applyEdit(null, input.secret);
    const profile: StoredProfile = {
      ...fields,
      id: freshId(new Set(state.profiles.map((p) => p.id))),
      demo,
      createdAt: now,
      updatedAt: now,
      publicKeyCipher,
      secretCipher,
      cipherBackend: cipher.info().backend,
      secretsFor: keeper.bindingFor(url, publicKeyCipher, secretCipher),
    };
    const err = commit({ ...state, profiles: [...state.profiles, profile] }, 'profiles');
    return err ?? mustView(profile.id);
  };

  const transferContext = (): TransferContext => ({
    profiles: state.profiles,
    keeper,
    cipherAvailable: cipher.isAvailable(),
    cipherBackend: cipher.info().backend,
    now: clock.wallNow(),
    newId: freshId,
    cipherUnavailable: keeper.unavailable,
    say,
  });

  const loaded = file.load();
  if (loaded.file) state = loaded.file;
  readOnlyReason = loaded.readOnlyReason;
  for (const n of loaded.notices) addNotice(n.level, n.text);
  for (const n of cipher.problems?.() ?? []) addNotice(n.level, n.text);
  // Find secrets sealed by another key (another machine, a lost or damaged
  // key) now, so the list shows "enter again" before the user tries to connect.
  for (const p of state.profiles) keeper.recheck(p);

  return {
    get readOnly() {
      return readOnlyReason !== null;
    },
    filePath: file.filePath,

    list: () => state.profiles.map(toView),
    get: viewOf,

    getSecrets(id, url) {
      const p = find(id);
      if (!p)
        return {
          publicKey: null,
          secret: null,
          error: 'This profile no longer exists.',
          problem: 'no-profile',
        };
      const before = keeper.needsReentry(id);
      const secrets = keeper.secretsFor(p, url);
      if (keeper.needsReentry(id) !== before) emit('profiles');
      return secrets;
    },

    validate,

    create: (input) => insertNew(input, false),

    update(id, input) {
      const guard = writeGuard();
      if (guard) return guard;
      const i = state.profiles.findIndex((p) => p.id === id);
      const current = state.profiles[i];
      if (!current) return notFound('profile', say);
      const result = validate(input, id);
      if (!result.ok) {
        const moved = Object.keys(keeper.addressChangeErrors(current, input)).length > 0;
        return validationError(
          result,
          say(moved ? 'store.addressChanged' : 'store.fieldsNeedAttention'),
        );
      }
      const noCipher = keeper.refuseWithoutCipher(input.publicKey, input.secret);
      if (noCipher) return noCipher;
      const fields = pickProfileFields(input as unknown as Record<string, unknown>);
      const touched = input.publicKey !== undefined || input.secret !== undefined;
      const url = fields.url;
      const publicKeyCipher = keeper.applyEdit(current.publicKeyCipher, input.publicKey);
      const secretCipher = keeper.applyEdit(current.secretCipher, input.secret);
      const next: StoredProfile = {
        ...current,
        ...fields,
        updatedAt: clock.wallNow(),
        publicKeyCipher,
        secretCipher,
        cipherBackend: touched ? cipher.info().backend : current.cipherBackend,
        // Unchanged address: the binding stays; a new one was checked above (secrets re-entered).
        secretsFor: keeper.bindingFor(url, publicKeyCipher, secretCipher),
      };
      const profiles = [...state.profiles];
      profiles[i] = next;
      const entered = (['publicKey', 'secret'] as const).filter((f) => input[f] !== undefined);
      const err = file.save({ ...state, profiles });
      if (err) return err;
      state = { ...state, profiles };
      keeper.entered(id, entered);
      emit('profiles');
      return mustView(id);
    },

    duplicate(id) {
      const guard = writeGuard();
      if (guard) return guard;
      const i = state.profiles.findIndex((p) => p.id === id);
      const src = state.profiles[i];
      if (!src) return notFound('profile', say);
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
        // Same URL, so the same address: the secrets stay bound to it (and a
        // later edit of the copy's address needs them entered again).
        secretsFor: src.secretsFor,
      };
      const profiles = [...state.profiles];
      profiles.splice(i + 1, 0, copy);
      const err = commit({ ...state, profiles }, 'profiles');
      if (err) return err;
      keeper.copy(src.id, copy.id);
      return mustView(copy.id);
    },

    delete(id) {
      const guard = writeGuard();
      if (guard) return guard;
      if (!find(id)) return notFound('profile', say);
      const err = commit(
        { ...state, profiles: state.profiles.filter((p) => p.id !== id) },
        'profiles',
      );
      if (err) return err;
      keeper.forget(id);
      return apiOk(null);
    },

    setEnabled(id, enabled) {
      const guard = writeGuard();
      if (guard) return guard;
      const i = state.profiles.findIndex((p) => p.id === id);
      const current = state.profiles[i];
      if (!current) return notFound('profile', say);
      if (current.enabled === enabled) return mustView(id);
      if (enabled) {
        const result = validate(
          { ...pickProfileFields(current as unknown as Record<string, unknown>), enabled },
          id,
        );
        if (!result.ok) return validationError(result, say('store.completeBeforeEnabling'));
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
        return apiError('validation', say('request.orderIncomplete'), {
          // The overview shows this one: its list follows the change by itself.
          order: say('request.orderChanged'),
        });
      const profiles = ids.map((id) => byId.get(id) as StoredProfile);
      const err = commit({ ...state, profiles }, 'profiles');
      return err ?? apiOk(state.profiles.map(toView));
    },

    createDemo(fields, secrets) {
      if (state.profiles.some((p) => p.demo))
        return apiError('conflict', say('request.demoExists'));
      return insertNew({ ...fields, publicKey: secrets.publicKey, secret: secrets.secret }, true);
    },

    getSettings: () => ({ ...state.settings }),

    updateSettings(patch) {
      const guard = writeGuard();
      if (guard) return guard;
      const checked = checkSettingsPatch(patch, say);
      if (!checked.ok) return checked;
      const err = commit(
        { ...state, settings: { ...state.settings, ...checked.value } },
        'settings',
      );
      return err ?? apiOk({ ...state.settings });
    },

    exportProfiles(args) {
      if (disposed) return apiError('unavailable', say('request.storeClosed'));
      const { result, unreadableChanged } = exportProfiles(transferContext(), args);
      if (unreadableChanged) emit('profiles');
      return result;
    },

    importProfiles(args) {
      const guard = writeGuard();
      if (guard) return guard;
      const r = importProfiles(transferContext(), args);
      if (!r.ok) return r;
      if (r.value.added.length > 0) {
        const err = commit(
          { ...state, profiles: [...state.profiles, ...r.value.added] },
          'profiles',
        );
        if (err) return err;
      }
      return apiOk(r.value.report);
    },

    secretStorage: () => cipher.info(),

    notices: () => noticeList.map((n) => ({ ...n, message: wordNotice(n.text, say) })),

    dismissNotice(id) {
      if (disposed) return apiError('unavailable', say('request.storeClosed'));
      const i = noticeList.findIndex((n) => n.id === id);
      if (i < 0) return apiError('not-found', say('request.noticeGone'));
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
    },
  };
}
