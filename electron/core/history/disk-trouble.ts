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
