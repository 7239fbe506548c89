/**
 * Turning storage errors into sentences a user can act on (catalogue key
 * `disk`, worded in the user's language where they are shown). SQLite reports
 * problems as result codes (`errcode` on node:sqlite errors); file-system
 * calls as `code` strings. Both map to one reason per distinct problem, which
 * is also the key for "tell the user once".
 */
import type { diskEn } from '../../../shared/i18n/engine-en-storage';
import type { NoticeText, Wording } from '../../../shared/i18n/translator';
import { NewerSchemaError, SCHEMA_VERSION } from './schema';

/** What went wrong, as a message to word, and whether the file itself is damaged. */
export interface DiskTrouble {
  /**
   * Short reason, e.g. "the disk is full": a catalogue key (`disk.reason.*`)
   * with its parameters, or the error's own text when it is none we know.
   */
  reason: NoticeText;
  /** One per distinct problem, the same in every language: the de-duplication key. */
  id: string;
  /** The file is not a usable database (move it aside and start fresh). */
  corrupt: boolean;
  /** Retrying cannot help in this session (e.g. a newer schema). */
  permanent: boolean;
}

// Primary SQLite result codes (https://sqlite.org/rescode.html).
const SQLITE_READONLY = 8;
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null && name in err
    ? (err as Record<string, unknown>)[name]
    : undefined;
}

/** Classify an error thrown while opening, writing or reading the history database. */
export function describeDiskTrouble(err: unknown, file: string): DiskTrouble {
  if (err instanceof NewerSchemaError) {
    return {
      reason: { key: 'disk.reason.newer', params: { found: err.found, known: SCHEMA_VERSION } },
      id: `newer:${err.found}`,
      corrupt: false,
      permanent: true,
    };
  }
  const errcode = field(err, 'errcode');
  if (typeof errcode === 'number') {
    // Extended result codes carry the primary code in the low byte.
    switch (errcode & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return plain('locked');
      case SQLITE_FULL:
        return plain('full');
      case SQLITE_READONLY:
        return plain('readOnly', file);
      case SQLITE_CANTOPEN:
        return plain('cantOpen', file);
      case SQLITE_IOERR:
        return plain('ioError');
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return { ...plain('damaged', file), corrupt: true };
    }
  }
  const code = field(err, 'code');
  if (code === 'ENOSPC') return plain('full');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return plain('folderNotWritable', file);
  if (code === 'ENOTDIR' || code === 'EEXIST') return plain('folderBlocked', file);
  // None we know: the error's own words (the system's, not ours).
  const text = err instanceof Error ? err.message : String(err);
  return { reason: text, id: `other:${text}`, corrupt: false, permanent: false };
}

type ReasonKey = Exclude<keyof typeof diskEn.reason, 'newer' | 'unknown'>;

function plain(reason: ReasonKey, file?: string): DiskTrouble {
  return {
    reason: {
      key: `disk.reason.${reason}`,
      ...(file === undefined ? {} : { params: { file } }),
    },
    id: file === undefined ? reason : `${reason}:${file}`,
    corrupt: false,
    permanent: false,
  };
}

/** The one sentence shown when history cannot be written. */
export function cannotSaveMessage(reason: NoticeText): Wording {
  return { key: 'disk.cannotSave', params: { reason } };
}

/** A reason for the closing message when no write problem was told (should not happen). */
export const UNKNOWN_REASON: Wording = { key: 'disk.reason.unknown' };

/** How the history store tells the user about storage problems, once each. */
export interface TroubleReporter {
  /** A write problem: shown until writes succeed again. */
  trouble(trouble: DiskTrouble): void;
  /**
   * Tell `message` once per `key`. `isError` marks a write problem that lasts
   * until the next successful write; others (a file moved aside, a failed
   * read) are told once and never withdrawn.
   */
  tell(key: string, message: NoticeText, isError?: boolean): void;
  /** A write succeeded: withdraw the write problems and tell them again if they come back. */
  recovered(): void;
  /** The write problem in force, as told; null when writes succeed. */
  readonly lastError: NoticeText | null;
  /** The reason of the last write problem, for the closing message. */
  readonly lastReason: NoticeText | null;
}

/**
 * Create a {@link TroubleReporter}. `onError` gets each message once (a key
 * and parameters, worded where it is shown); `onRecovered` gets the
 * write-problem messages that no longer apply, the same values, so the
 * notice saying "the disk is full" goes away by itself once it is not, in
 * any language (a notice's id comes from its key and parameters).
 * Throwing listeners are ignored: storage trouble must never stop monitoring.
 */
export function createTroubleReporter(
  onError: ((message: NoticeText) => void) | undefined,
  onRecovered: ((messages: NoticeText[]) => void) | undefined,
): TroubleReporter {
  const reported = new Set<string>();
  /** Write-problem messages told since the last successful write, by their key. */
  const standing = new Map<string, NoticeText>();
  let lastError: NoticeText | null = null;
  let lastReason: NoticeText | null = null;

  function tell(key: string, message: NoticeText, isError = true): void {
    if (isError) {
      lastError = message;
      standing.set(key, message);
    }
    if (reported.has(key)) return;
    reported.add(key);
    try {
      onError?.(message);
    } catch {
      // A throwing listener must not stop the store (or monitoring).
    }
  }

  return {
    tell,
    trouble(trouble) {
      lastReason = trouble.reason;
      tell(trouble.id, cannotSaveMessage(trouble.reason));
    },
    recovered() {
      if (lastError === null) return;
      lastError = null;
      // Tell again if the same problem comes back later.
      reported.clear();
      const gone = [...standing.values()];
      standing.clear();
      try {
        onRecovered?.(gone);
      } catch {
        // As above: the listener's trouble is not the store's.
      }
    },
    get lastError() {
      return lastError;
    },
    get lastReason() {
      return lastReason;
    },
  };
}
