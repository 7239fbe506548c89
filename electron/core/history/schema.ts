/**
 * History database schema, migrations and connection set-up.
 *
 * The schema version lives in two places on purpose: `PRAGMA user_version`
 * (cheap to read before touching any table, and what SQLite tools show) and
 * the `schema_migrations` table (when each step ran, for support). Both are
 * written in the same transaction as the migration itself.
 */
import type { DatabaseSync } from 'node:sqlite';

/** One schema step. Steps run in order, each in its own transaction. */
export interface Migration {
  version: number;
  sql: string;
}

/** Every schema step, oldest first (exported so tests can build a file an older version wrote). */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY,
        applied_at INTEGER NOT NULL
      );
      -- Small integer keys keep the big tables and their indexes compact.
      -- minute_done / hour_done: every rollup bucket starting before this
      -- wall ms has been computed (the incremental rollup watermark).
      CREATE TABLE profiles (
        key INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL UNIQUE,
        minute_done INTEGER,
        hour_done INTEGER
      );
      CREATE TABLE samples (
        pkey INTEGER NOT NULL,
        t INTEGER NOT NULL,
        rtt REAL
      );
      -- Covering index: range reads for charts and rollups never touch the table.
      CREATE INDEX samples_pkey_t ON samples (pkey, t, rtt);
      CREATE TABLE rollup_minute (
        pkey INTEGER NOT NULL,
        t INTEGER NOT NULL,
        count INTEGER NOT NULL,
        lost INTEGER NOT NULL,
        min REAL,
        max REAL,
        p5 REAL,
        p50 REAL,
        p95 REAL,
        sum REAL NOT NULL,
        PRIMARY KEY (pkey, t)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_hour (
        pkey INTEGER NOT NULL,
        t INTEGER NOT NULL,
        count INTEGER NOT NULL,
        lost INTEGER NOT NULL,
        min REAL,
        max REAL,
        p5 REAL,
        p50 REAL,
        p95 REAL,
        sum REAL NOT NULL,
        PRIMARY KEY (pkey, t)
      ) WITHOUT ROWID;
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        pkey INTEGER NOT NULL,
        t INTEGER NOT NULL,
        kind TEXT NOT NULL,
        shard_id INTEGER,
        text TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT
      );
      CREATE INDEX events_pkey_t ON events (pkey, t);
      CREATE INDEX events_restarts ON events (pkey, t) WHERE kind = 'shard-restart';
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        pkey INTEGER NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        shard_ids TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        cleared_at INTEGER,
        acknowledged INTEGER NOT NULL,
        suppressed INTEGER NOT NULL
      );
      CREATE INDEX incidents_pkey_opened ON incidents (pkey, opened_at);
      CREATE INDEX incidents_pkey_cleared ON incidents (pkey, cleared_at);
    `,
  },
  {
    // Disturbed ping samples (docs/architecture.md §3.11): answered, but timed
    // while the app's thread stalled, so left out of every RTT figure. Rows
    // written before this step were not flagged and read as undisturbed.
    // The covering index is rebuilt with the flag so range reads still never
    // touch the table.
    version: 2,
    sql: `
      ALTER TABLE samples ADD COLUMN disturbed INTEGER NOT NULL DEFAULT 0;
      DROP INDEX samples_pkey_t;
      CREATE INDEX samples_pkey_t ON samples (pkey, t, rtt, disturbed);
      ALTER TABLE rollup_minute ADD COLUMN disturbed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE rollup_hour ADD COLUMN disturbed INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

/** Schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The file was written by a newer Shardwatch; we must not write to it. */
export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `the history file is from a newer version of Shardwatch (schema ${found}, this version understands ${SCHEMA_VERSION})`,
    );
    this.name = 'NewerSchemaError';
  }
}

function scalar(db: DatabaseSync, sql: string): unknown {
  const row = db.prepare(sql).get();
  return row ? Object.values(row)[0] : undefined;
}

/**
 * Configure a fresh connection and bring its schema up to date.
 *
 * Reading `sqlite_master` first makes a file that is not a database fail here
 * (SQLITE_NOTADB), at open time, where the caller can move it aside.
 */
export function prepareDatabase(db: DatabaseSync, nowWall: number): void {
  const tables = Number(scalar(db, 'SELECT count(*) FROM sqlite_master'));
  const version = Number(scalar(db, 'PRAGMA user_version'));
  if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
  if (tables === 0) {
    // Only possible before the first table exists; lets retention hand freed
    // pages back to the file system with `incremental_vacuum`.
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  }
  // WAL: readers (chart queries) never wait for the 1 s flush writer, and a
  // crash mid-write leaves the last committed state intact.
  db.exec('PRAGMA journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power
  // cut may drop the last second of samples, which is acceptable here.
  db.exec('PRAGMA synchronous = NORMAL');
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        m.version,
        Math.round(nowWall),
      );
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
}
