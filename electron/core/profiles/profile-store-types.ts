/**
 * The profile store's contract (profile-store.ts): its options, its change
 * events and its handle, apart from the implementation.
 */
import type { ApiResult, ExportArgs, ExportFile, ImportArgs } from '../../../shared/api';
import type { Clock } from '../../../shared/clock';
import type { NoticeText, Say } from '../../../shared/i18n/translator';
import type { AppSettings, SecretStorageInfo } from '../../../shared/app-settings';
import type { Notice } from '../../../shared/app-state';
import type { ImportReport } from '../../../shared/command-results';
import type {
  ProfileFields,
  ProfileInput,
  ProfileView,
  ValidationResult,
} from '../../../shared/profile-model';
import type { ProfileFileBackendFactory } from './profile-file';
import type { ProfileSecrets } from './profile-secrets';
import type { SecretCipher } from './secret-cipher';

/** Options of {@link createProfileStore}. */
export interface ProfileStoreOptions {
  /** Directory holding the profiles file (created if missing). */
  dir: string;
  cipher: SecretCipher;
  clock?: Clock;
  idFactory?: () => string;
  /** File name without extension; `profiles` unless a test or a second store needs another. */
  configName?: string;
  /** How the file is written: `conf` (default; browser mode, CLI) or electron-store (desktop). */
  backend?: ProfileFileBackendFactory;
  /** Words validation messages in the user's language; English by default. */
  say?: Say;
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
  /**
   * Core-only: decrypted secrets, to be sent to `url` only. Refused (with
   * `error` set) when `url` is not the gateway address they were saved for,
   * or when they cannot be decrypted here ("enter them again").
   */
  getSecrets(id: string, url: string): ProfileSecrets;
  /** Field-by-field check of a form, including the duplicate-name check. */
  validate(input: ProfileInput, id: string | null): ValidationResult;
  create(input: ProfileInput): ApiResult<ProfileView>;
  /**
   * Secrets: `undefined` keeps, a string sets, `null` clears. A new gateway
   * address needs every stored secret entered again (or cleared).
   */
  update(id: string, input: ProfileInput): ApiResult<ProfileView>;
  /** Copy with secrets (same address), named "X (copy)", disabled, placed right after the original. */
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
  /** Problems found while opening, worded in the current language; `text` is what they say, unworded. */
  notices(): Array<Notice & { text: NoticeText }>;
  dismissNotice(id: string): ApiResult<null>;
  on(event: 'change', listener: (change: ProfileStoreChange) => void): () => void;
  dispose(): void;
}
