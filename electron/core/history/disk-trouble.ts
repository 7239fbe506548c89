/**
 * Turning storage errors into sentences a user can act on. SQLite reports
 * problems as result codes (`errcode` on node:sqlite errors); file-system
 * calls as `code` strings. Both map to one reason per distinct problem, which
 * is also the key for "tell the user once".
 */
import { NewerSchemaError } from './schema';

/** What went wrong, in words, and whether the file itself is damaged. */
export interface DiskTrouble {
  /** Short reason, e.g. "the disk is full". Also the de-duplication key. */
  reason: string;
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
    return { reason: err.message, corrupt: false, permanent: true };
  }
  const errcode = field(err, 'errcode');
  if (typeof errcode === 'number') {
    // Extended result codes carry the primary code in the low byte.
    switch (errcode & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return plain('the history database is locked by another program');
      case SQLITE_FULL:
        return plain('the disk is full');
      case SQLITE_READONLY:
        return plain(`${file} or its folder is read-only`);
      case SQLITE_CANTOPEN:
        return plain(`${file} cannot be opened (check that its folder exists and is writable)`);
      case SQLITE_IOERR:
        return plain('the disk reported an input/output error');
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return { reason: `${file} is damaged or not a database`, corrupt: true, permanent: false };
    }
  }
  const code = field(err, 'code');
  if (code === 'ENOSPC') return plain('the disk is full');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return plain(`the folder of ${file} is not writable`);
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return plain(`the folder for ${file} cannot be created (a file is in the way)`);
  }
  return plain(err instanceof Error ? err.message : String(err));
}

function plain(reason: string): DiskTrouble {
  return { reason, corrupt: false, permanent: false };
}

/** The one sentence shown when history cannot be written. */
export function cannotSaveMessage(reason: string): string {
  return `History could not be saved: ${reason}. Monitoring continues; charts may have gaps.`;
}

/** How the history store tells the user about storage problems, once each. */
export interface TroubleReporter {
  /** A write problem: shown until writes succeed again. */
  trouble(trouble: DiskTrouble): void;
  /**
   * Tell `message` once per `key`. `isError` marks a write problem that lasts
   * until the next successful write; others (a file moved aside, a failed
   * read) are told once and never withdrawn.
   */
  tell(key: string, message: string, isError?: boolean): void;
  /** A write succeeded: withdraw the write problems and tell them again if they come back. */
  recovered(): void;
  /** The write problem in force, as told; null when writes succeed. */
  readonly lastError: string | null;
  /** The reason of the last write problem, for the closing message. */
  readonly lastReason: string | null;
}

/**
 * Create a {@link TroubleReporter}. `onError` gets each sentence once;
 * `onRecovered` gets the write-problem sentences that no longer apply, so the
 * notice saying "the disk is full" goes away by itself once it is not.
 * Throwing listeners are ignored: storage trouble must never stop monitoring.
 */
export function createTroubleReporter(
  onError: ((message: string) => void) | undefined,
  onRecovered: ((messages: string[]) => void) | undefined,
): TroubleReporter {
  const reported = new Set<string>();
  /** Write-problem sentences told since the last successful write. */
  const standing = new Set<string>();
  let lastError: string | null = null;
  let lastReason: string | null = null;

  function tell(key: string, message: string, isError = true): void {
    if (isError) {
      lastError = message;
      standing.add(message);
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
      tell(trouble.reason, cannotSaveMessage(trouble.reason));
    },
    recovered() {
      if (lastError === null) return;
      lastError = null;
      // Tell again if the same problem comes back later.
      reported.clear();
      const gone = [...standing];
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
