/**
 * The profiles file on disk: reading it as `unknown` and recovering from
 * damage (docs/architecture.md §3.3), writing it through a
 * {@link ProfileFileBackend}, and keeping its last few good versions.
 *
 * One file format everywhere: the desktop app writes through electron-store
 * (electron/main/electron-store-file.ts), browser mode and the CLI through
 * `conf`, which electron-store is built on; both write the same JSON, so a
 * file written by one is read by the other.
 *
 * Recovery, in order:
 * - a file that cannot be parsed (truncated, not JSON, wrong shape) is moved
 *   aside, and the newest valid backup (`profiles.backup-1.json`, newest,
 *   to `-3.json`) is restored with a notice naming it;
 * - with no valid backup the app starts empty, and the notice says truthfully
 *   what became of the secrets in the moved file;
 * - a file whose profiles are partly damaged keeps the sound ones, with a
 *   copy of the original set aside;
 * - a file from a newer schema is opened read-only and never written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Conf from 'conf';
import type { ApiResult } from '../../../shared/api';
import { apiError } from '../../../shared/api';
import type { Notice } from '../../../shared/app-state';
import {
  sayEnglish,
  type NoticeText,
  type Say,
  type Wording,
} from '../../../shared/i18n/translator';
import type { Clock } from '../../../shared/clock';
import { formatDateTime } from '../../../shared/format';
import type { StoreFile } from './stored-file';
import { parseStoreFile, SCHEMA_VERSION } from './stored-file';

/** Writes the whole profiles document. The port electron-store and `conf` implement. */
export interface ProfileFileBackend {
  /** Replace the file's content with `doc`, atomically. Throws when it cannot. */
  write(doc: StoreFile): void;
}

/** Makes the backend for `<dir>/<configName>.json`. */
export type ProfileFileBackendFactory = (opts: {
  dir: string;
  configName: string;
}) => ProfileFileBackend;

/** `conf` options shared by both backends: the same file, mode and refusal to clear. */
export const PROFILE_FILE_CONF_OPTIONS = {
  fileExtension: 'json',
  configFileMode: 0o600,
  clearInvalidConfig: false,
} as const;

/** The backend of browser mode and the CLI: `conf` writing `<dir>/<configName>.json`. */
export const createConfFileBackend: ProfileFileBackendFactory = ({ dir, configName }) => {
  let conf: Conf<StoreFile> | null = null;
  return {
    write(doc) {
      // Made on first write: the file is validated (and moved aside if damaged) first.
      conf ??= new Conf<StoreFile>({ cwd: dir, configName, ...PROFILE_FILE_CONF_OPTIONS });
      conf.store = structuredClone(doc);
    },
  };
};

/** How many good versions are kept next to the file. */
export const BACKUP_COUNT = 3;

/** A problem found while loading, for the user. */
export interface ProfileFileNotice {
  level: Notice['level'];
  text: NoticeText;
}

/** What loading found. */
export interface LoadedProfileFile {
  /** The document to start with; null for a fresh start. */
  file: StoreFile | null;
  notices: ProfileFileNotice[];
  /** Set when nothing may be written (newer schema, or a file that could not be set aside). */
  readOnlyReason: Wording | null;
}

/** Options of {@link openProfileFile}. */
export interface ProfileFileOptions {
  dir: string;
  configName: string;
  backend: ProfileFileBackend;
  clock: Clock;
  /**
   * What became of the secrets in a file that was moved aside with nothing
   * restored: depends on the cipher (they may still be readable if the file
   * is repaired).
   */
  secretsOfMovedFile: () => Wording;
  /** Words the error of a failed save (the user's language); English by default. */
  say?: Say;
}

/** The profiles file and its backups. */
export interface ProfileFile {
  readonly filePath: string;
  load(): LoadedProfileFile;
  /** Write `doc`; null on success, else the error to return to the caller. */
  save(doc: StoreFile): ApiResult<never> | null;
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

/** `20261126-120000` for a wall time, for file names. */
export function fileStamp(wallMs: number): string {
  const iso = new Date(wallMs).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** Problems one after another ("a; b; c"), each worded in the language of the notice. */
function listed(problems: readonly NoticeText[]): NoticeText {
  const [first, ...rest] = problems;
  if (first === undefined) return '';
  return rest.length === 0
    ? first
    : { key: 'profilesFile.listed', params: { first, rest: listed(rest) } };
}

/** When a backup was saved, in the app's one date and time style (local time). */
function when(ms: number): string {
  return formatDateTime(ms);
}

/** Open the profiles file `<dir>/<configName>.json` (nothing is read until `load()`). */
export function openProfileFile(opts: ProfileFileOptions): ProfileFile {
  const { dir, configName, clock } = opts;
  const filePath = path.join(dir, `${configName}.json`);
  const backupPath = (n: number): string => path.join(dir, `${configName}.backup-${n}.json`);

  const asideName = (): string => {
    const base = path.join(dir, `${configName}.corrupt-${fileStamp(clock.wallNow())}`);
    let candidate = `${base}.json`;
    for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}.json`;
    return candidate;
  };

  /**
   * Keep the file as it is now as backup 1, shifting the older ones down.
   * Best effort: a backup that cannot be made never fails a save. The copy
   * goes through a temporary name, so a backup is whole or absent.
   */
  function keepBackup(): void {
    try {
      const current = fs.readFileSync(filePath);
      try {
        if (fs.readFileSync(backupPath(1)).equals(current)) return;
      } catch {
        // No backup 1 yet.
      }
      for (let n = BACKUP_COUNT - 1; n >= 1; n--) {
        try {
          fs.renameSync(backupPath(n), backupPath(n + 1));
        } catch {
          // That generation did not exist yet.
        }
      }
      const tmp = `${backupPath(1)}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, current, { mode: 0o600 });
      fs.renameSync(tmp, backupPath(1));
    } catch {
      // The file itself was saved; only the extra copy is missing.
    }
  }

  /** The newest backup that parses as a current-schema file without problems. */
  function newestGoodBackup(): { file: StoreFile; path: string; savedAt: number } | null {
    for (let n = 1; n <= BACKUP_COUNT; n++) {
      const p = backupPath(n);
      let text: string;
      let savedAt: number;
      try {
        text = fs.readFileSync(p, 'utf8');
        savedAt = fs.statSync(p).mtimeMs;
      } catch {
        continue;
      }
      const parsed = parseStoreFile(text);
      if (parsed.kind === 'ok' && parsed.problems.length === 0)
        return { file: parsed.file, path: p, savedAt };
    }
    return null;
  }

  function save(doc: StoreFile): ApiResult<never> | null {
    try {
      opts.backend.write(doc);
    } catch (e) {
      return apiError(
        'internal',
        (opts.say ?? sayEnglish)('store.profilesNotSaved', { file: filePath, code: errnoCode(e) }),
      );
    }
    keepBackup();
    return null;
  }

  function load(): LoadedProfileFile {
    const notices: ProfileFileNotice[] = [];
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    let text: string | null = null;
    let unreadableReason: Wording | null = null;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT')
        unreadableReason = { key: 'notice.profilesNotOpened', params: { code: errnoCode(e) } };
    }
    if (text === null && unreadableReason === null)
      return { file: null, notices, readOnlyReason: null };

    const parsed = text === null ? null : parseStoreFile(text);
    const invalidReason: Wording | string | null =
      unreadableReason ?? (parsed?.kind === 'invalid' ? parsed.reason : null);
    if (invalidReason !== null) {
      let target: string;
      try {
        target = asideName();
        fs.renameSync(filePath, target);
        fs.chmodSync(target, 0o600);
      } catch (e) {
        // Writing now would overwrite the only copy of whatever the file holds.
        const readOnlyReason: Wording = {
          key: 'notice.profilesStuck',
          params: { file: filePath, code: errnoCode(e) },
        };
        notices.push({
          level: 'error',
          text: {
            key: 'notice.profilesUnreadable',
            params: { reason: invalidReason, then: readOnlyReason },
          },
        });
        return { file: null, notices, readOnlyReason };
      }
      const backup = newestGoodBackup();
      if (backup) {
        const err = save(backup.file);
        notices.push(
          err
            ? { level: 'error', text: err.ok ? '' : err.error.message }
            : {
                level: 'warning',
                text: {
                  key: 'notice.profilesRestored',
                  params: {
                    reason: invalidReason,
                    movedTo: target,
                    savedAt: when(backup.savedAt),
                    backup: backup.path,
                  },
                },
              },
        );
        return { file: backup.file, notices, readOnlyReason: null };
      }
      notices.push({
        level: 'error',
        text: {
          key: 'notice.profilesMovedNoBackup',
          params: { reason: invalidReason, movedTo: target, secrets: opts.secretsOfMovedFile() },
        },
      });
      return { file: null, notices, readOnlyReason: null };
    }
    if (parsed === null || parsed.kind === 'invalid')
      return { file: null, notices, readOnlyReason: null };

    if (parsed.kind === 'newer') {
      const readOnlyReason: Wording = {
        key: 'notice.profilesNewer',
        params: { version: parsed.version, known: SCHEMA_VERSION },
      };
      notices.push({ level: 'warning', text: readOnlyReason });
      return { file: parsed.file, notices, readOnlyReason };
    }
    if (parsed.problems.length === 0) {
      // A file another version (or an older one) wrote: keep it as a good version too.
      keepBackup();
      return { file: parsed.file, notices, readOnlyReason: null };
    }
    const problems: Wording = {
      key: parsed.problems.length > 5 ? 'notice.profilesProblemsMore' : 'notice.profilesProblems',
      params: { shown: listed(parsed.problems.slice(0, 5)), more: parsed.problems.length - 5 },
    };
    let target: string;
    try {
      target = asideName();
      fs.copyFileSync(filePath, target);
      fs.chmodSync(target, 0o600);
    } catch (e) {
      const readOnlyReason: Wording = {
        key: 'notice.profilesPartsStuck',
        params: { code: errnoCode(e) },
      };
      notices.push({
        level: 'error',
        text: {
          key: 'notice.profilesPartsStuckProblems',
          params: { then: readOnlyReason, problems },
        },
      });
      return { file: parsed.file, notices, readOnlyReason };
    }
    notices.push({
      level: 'warning',
      text: { key: 'notice.profilesPartsLeftOut', params: { problems, copy: target } },
    });
    // Write the cleaned file now, so the same notice does not come back on every start.
    const err = save(parsed.file);
    if (err && !err.ok) notices.push({ level: 'error', text: err.error.message });
    return { file: parsed.file, notices, readOnlyReason: null };
  }

  return { filePath, load, save };
}
