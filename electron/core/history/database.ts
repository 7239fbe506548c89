/**
 * The history file's connection: opening it (creating its folder, owner-only
 * permissions whatever the umask), bringing the schema up to date, moving a
 * damaged file aside, and the small per-connection caches (profile keys,
 * rollup watermark) that must be forgotten whenever the connection is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../../../shared/clock';
import { describeDiskTrouble } from './disk-trouble';
import type { TroubleReporter } from './disk-trouble';
import type { NoticeText } from '../../../shared/i18n/translator';
import { prepareDatabase } from './schema';
import { num, numOrNull, prepareStatements } from './statements';
import type { Statements } from './statements';

/** Hooks that make storage fail on purpose, for tests of the disk-trouble paths. */
export interface HistoryFaults {
  /** Asked inside every write transaction; `true` makes that write fail as if the disk had. */
  failWrites?: () => boolean;
  /** Caps the file at this many pages (SQLite's own `max_page_count`), so a real SQLITE_FULL happens. */
  maxPageCount?: number;
}

/** Rollup watermarks of one profile (wall ms; null before the first rollup). */
export interface Watermarks {
  minute: number | null;
  hour: number | null;
}

/** An open connection and its prepared statements. */
export interface OpenDatabase {
  db: DatabaseSync;
  st: Statements;
}

/** Options of {@link createHistoryDatabase}. */
export interface HistoryDatabaseOptions {
  file: string;
  clock: Clock;
  busyTimeoutMs: number;
  faults: HistoryFaults;
  reporter: TroubleReporter;
}

/** Handle returned by {@link createHistoryDatabase}. */
export interface HistoryDatabase {
  readonly file: string;
  readonly inMemory: boolean;
  /** The open connection, opening (or reopening) it first; null when it cannot be opened. */
  open(): OpenDatabase | null;
  /** The connection if it is open; reads never open the file. */
  current(): OpenDatabase | null;
  /** The integer key of a profile; with `create`, inserted when missing. */
  keyFor(st: Statements, profileId: string, create: boolean): number | null;
  forgetKey(profileId: string): void;
  watermarks(st: Statements, key: number): Watermarks;
  /** End of the last minute rolled up on this connection (reset when it reopens). */
  rolledUpTo: number;
  /** Roll back a failed write; keys inserted inside it no longer exist. */
  rollback(db: DatabaseSync): void;
  /** Report a failed write; a damaged file is moved aside and a fresh one started. */
  writeFailed(err: unknown): void;
  /** Report a failed read (told once per reason, never withdrawn). */
  readFailed(err: unknown): void;
  /** Close the connection; `open()` may reopen it unless the store is closed. */
  drop(): void;
  /** Close for good. */
  close(): void;
}

/** Owner-only, whatever the umask: history holds bot ids, shard ids and incident text. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** Every file SQLite keeps next to the database in WAL mode. */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Create the file's folder owner-only (0700) if it is missing. */
function ensureFolder(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const created = fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  // mkdir applies the umask; chmod does not. Only folders made here are
  // tightened: an existing folder (a home directory given as --data-dir) is
  // the user's to set.
  if (created !== undefined) {
    let d = dir;
    for (;;) {
      fs.chmodSync(d, DIR_MODE);
      if (path.resolve(d) === path.resolve(created)) break;
      d = path.dirname(d);
    }
  }
}

/**
 * Make the database and its side files owner-only (0600), whatever the
 * umask. SQLite creates `-wal`, `-shm` and `-journal` with the permissions of
 * the main file, so tightening it before the first write covers them; the
 * side files are tightened too in case an older build left them looser.
 */
function restrictFiles(files: readonly string[]): void {
  for (const f of files) {
    try {
      fs.chmodSync(f, FILE_MODE);
    } catch {
      // Absent (not created yet), or not ours to change: history still
      // works, and a file we cannot chmod was not created by us.
    }
  }
}

/** Open or create the history file (see {@link HistoryDatabase}). Never throws for storage trouble. */
export function createHistoryDatabase(opts: HistoryDatabaseOptions): HistoryDatabase {
  const { file, clock, busyTimeoutMs, faults, reporter } = opts;
  const inMemory = file === ':memory:';
  let db: DatabaseSync | null = null;
  let st: Statements | null = null;
  /** A problem retrying cannot fix this session (a newer schema). */
  let openBlocked = false;
  let closed = false;
  /** profile id → integer key; only keys known to be committed. */
  const keys = new Map<string, number>();

  const handle: HistoryDatabase = {
    file,
    inMemory,
    rolledUpTo: -Infinity,
    open,
    current: () => (db && st ? { db, st } : null),
    keyFor,
    forgetKey: (profileId) => keys.delete(profileId),
    watermarks,
    rollback,
    writeFailed,
    readFailed,
    drop,
    close() {
      closed = true;
      drop();
    },
  };

  function drop(): void {
    st = null;
    keys.clear();
    const d = db;
    db = null;
    try {
      d?.close();
    } catch {
      // Already unusable; nothing more to release.
    }
  }

  function connect(): void {
    if (!inMemory) ensureFolder(file);
    const d = new DatabaseSync(file, { timeout: busyTimeoutMs });
    try {
      // Before the first write, while the new file is still empty.
      if (!inMemory) restrictFiles([file]);
      prepareDatabase(d, clock.wallNow());
      if (faults.maxPageCount !== undefined) {
        d.exec(`PRAGMA max_page_count = ${Math.max(1, Math.floor(faults.maxPageCount))}`);
      }
      st = prepareStatements(d);
      if (!inMemory) restrictFiles(SIDE_FILES.map((suffix) => file + suffix));
    } catch (err) {
      st = null;
      try {
        d.close();
      } catch {
        // Closing a half-opened handle can fail too; the open error matters.
      }
      throw err;
    }
    db = d;
    keys.clear();
    handle.rolledUpTo = -Infinity;
  }

  /** Move a damaged file (and its WAL / shared-memory files) aside. Returns false if that failed. */
  function moveAside(reason: NoticeText): boolean {
    const stamp = new Date(clock.wallNow()).toISOString().replace(/[:.]/g, '-');
    const target = `${file}.corrupt-${stamp}`;
    try {
      fs.renameSync(file, target);
      for (const suffix of ['-wal', '-shm']) {
        try {
          fs.renameSync(file + suffix, target + suffix);
        } catch {
          // Usually absent; a stale WAL left behind is ignored by SQLite (salt mismatch).
        }
      }
    } catch (err) {
      reporter.trouble(describeDiskTrouble(err, file));
      return false;
    }
    reporter.tell(
      `moved:${target}`,
      { key: 'disk.movedAside', params: { reason, movedTo: target } },
      false,
    );
    return true;
  }

  function open(): OpenDatabase | null {
    if (db && st) return { db, st };
    if (closed || openBlocked) return null;
    try {
      connect();
    } catch (err) {
      const trouble = describeDiskTrouble(err, file);
      if (trouble.corrupt && !inMemory) {
        if (!moveAside(trouble.reason)) return null;
        try {
          connect();
        } catch (again) {
          reporter.trouble(describeDiskTrouble(again, file));
          return null;
        }
      } else {
        if (trouble.permanent) openBlocked = true;
        reporter.trouble(trouble);
        return null;
      }
    }
    return handle.current();
  }

  function rollback(d: DatabaseSync): void {
    try {
      if (d.isTransaction) d.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL).
    }
    keys.clear();
  }

  function writeFailed(err: unknown): void {
    const trouble = describeDiskTrouble(err, file);
    if (trouble.corrupt && !inMemory) {
      // Keep the damaged file intact for the user; write to a fresh one.
      drop();
      moveAside(trouble.reason);
      return;
    }
    reporter.trouble(trouble);
  }

  function readFailed(err: unknown): void {
    const trouble = describeDiskTrouble(err, file);
    reporter.tell(
      `read:${trouble.id}`,
      { key: 'disk.cannotRead', params: { reason: trouble.reason } },
      false,
    );
  }

  function keyFor(s: Statements, profileId: string, create: boolean): number | null {
    const cached = keys.get(profileId);
    if (cached !== undefined) return cached;
    const row = s.keyOf.get(profileId);
    let key: number | null = row ? num(row.key) : null;
    if (key === null && create) key = num(s.insertProfile.run(profileId).lastInsertRowid);
    if (key !== null) keys.set(profileId, key);
    return key;
  }

  function watermarks(s: Statements, key: number): Watermarks {
    const row = s.watermarks.get(key);
    return { minute: numOrNull(row?.minute_done), hour: numOrNull(row?.hour_done) };
  }

  return handle;
}
