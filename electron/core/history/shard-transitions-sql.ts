/**
 * Tables and statements of the shard transition store (shard-transitions.ts).
 * They live beside the history tables in the history file but are created
 * here, idempotently, outside the history schema's migrations, so neither
 * store needs to know the other's tables.
 */
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';

/**
 * - `shard_transitions`: one row per state change or restart of one shard.
 *   Time-major key: every flush appends at the end of the B-tree, a window
 *   read is one contiguous range, retention deletes a prefix.
 * - `shard_keyframes`: the state of every shard of a profile after its rows
 *   up to `t`, one byte per shard id in a BLOB (`0xff` = no such shard). The state at the start of a window is the
 *   newest keyframe at or before it plus the rows between, so no query walks
 *   back through days of rows per shard.
 * - `shard_transition_profiles`: small integer keys for profile ids, and
 *   `alive_at`, the last flush that saw the profile watched (a crash leaves a
 *   gap after it, recorded as `no-data` on the next start).
 */
const TABLES = `
  CREATE TABLE IF NOT EXISTS shard_transition_profiles (
    key INTEGER PRIMARY KEY,
    profile_id TEXT NOT NULL UNIQUE,
    alive_at INTEGER
  );
  CREATE TABLE IF NOT EXISTS shard_transitions (
    pkey INTEGER NOT NULL,
    t INTEGER NOT NULL,
    shard INTEGER NOT NULL,
    code INTEGER NOT NULL,
    PRIMARY KEY (pkey, t, shard)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS shard_keyframes (
    pkey INTEGER NOT NULL,
    t INTEGER NOT NULL,
    codes BLOB NOT NULL,
    PRIMARY KEY (pkey, t)
  ) WITHOUT ROWID;
`;

/**
 * Create the tables if they are missing, in one transaction. The connection
 * is already set up by the history database (WAL, synchronous, owner-only
 * file), so only the tables are ours to add.
 */
export function prepareTransitionTables(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(TABLES);
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** Receives rows one by one from {@link TransitionStatements.collectRange} / `collectSince`. */
export type RowSink = (t: number, shard: number, code: number) => void;

function asNumber(v: SQLOutputValue): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
}

/** The store's prepared statements for one connection. */
export function prepareTransitionStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  // A day of 50,000 shards is ~650,000 rows: handing each row to a JS
  // aggregate costs a quarter of building an array per row, and nothing
  // per row is left for the garbage collector.
  let sink: RowSink | null = null;
  db.aggregate('sw_collect', {
    start: 0,
    step: (acc: number, t: SQLOutputValue, shard: SQLOutputValue, code: SQLOutputValue) => {
      sink?.(asNumber(t), asNumber(shard), asNumber(code));
      return acc;
    },
  });
  const collect = (stmt: StatementSync, to: RowSink, ...params: SQLInputValue[]): void => {
    sink = to;
    try {
      stmt.get(...params);
    } finally {
      sink = null;
    }
  };
  const rangeStmt = p(
    `SELECT sw_collect(t, shard, code) FROM shard_transitions
      WHERE pkey = ? AND t >= ? AND t < ? AND shard >= ? AND shard < ?`,
  );
  const sinceStmt = p(
    'SELECT sw_collect(t, shard, code) FROM shard_transitions WHERE pkey = ? AND t >= ?',
  );
  return {
    /**
     * Rows in `[t0, t1)` of shards `[lo, hi)`, to `to`. They come in key
     * order (time) in practice; callers check rather than rely on it.
     */
    collectRange(to: RowSink, key: number, t0: number, t1: number, lo: number, hi: number): void {
      collect(rangeStmt, to, key, t0, t1, lo, hi);
    },
    /** Rows at or after `t0`: what a store that restarts replays on top of the newest keyframe. */
    collectSince(to: RowSink, key: number, t0: number): void {
      collect(sinceStmt, to, key, t0);
    },
    keyOf: p('SELECT key, alive_at FROM shard_transition_profiles WHERE profile_id = ?'),
    insertProfile: p('INSERT INTO shard_transition_profiles (profile_id) VALUES (?)'),
    allProfiles: p('SELECT key FROM shard_transition_profiles'),
    setAlive: p('UPDATE shard_transition_profiles SET alive_at = ? WHERE key = ?'),
    /**
     * Two records of one shard in one millisecond: the later state wins, the
     * restart mark survives from either (the baseline mark never comes here).
     */
    upsert: p(
      `INSERT INTO shard_transitions (pkey, t, shard, code) VALUES (?, ?, ?, ?)
       ON CONFLICT (pkey, t, shard) DO UPDATE SET code = (excluded.code & 15) | ((code | excluded.code) & 48)`,
    ),
    upsertKeyframe: p('INSERT OR REPLACE INTO shard_keyframes (pkey, t, codes) VALUES (?, ?, ?)'),
    /** Newest keyframe at or before a time. */
    keyframeAtOrBefore: p(
      'SELECT t, codes FROM shard_keyframes WHERE pkey = ? AND t <= ? ORDER BY t DESC LIMIT 1',
    ),
    latestKeyframe: p(
      'SELECT t, codes FROM shard_keyframes WHERE pkey = ? ORDER BY t DESC LIMIT 1',
    ),
    /** The time of the `n`-th newest row (0-based); the row cap's cut. */
    nthNewest: p('SELECT t FROM shard_transitions WHERE pkey = ? ORDER BY t DESC LIMIT 1 OFFSET ?'),
    deleteBefore: p('DELETE FROM shard_transitions WHERE pkey = ? AND t < ?'),
    deleteKeyframesBefore: p('DELETE FROM shard_keyframes WHERE pkey = ? AND t < ?'),
    deleteProfileRows: p('DELETE FROM shard_transitions WHERE pkey = ?'),
    deleteProfileKeyframes: p('DELETE FROM shard_keyframes WHERE pkey = ?'),
    deleteProfile: p('DELETE FROM shard_transition_profiles WHERE key = ?'),
    countRows: p('SELECT count(*) AS n FROM shard_transitions'),
    countKeyframes: p('SELECT count(*) AS n FROM shard_keyframes'),
  };
}

/** The prepared statements of one connection. */
export type TransitionStatements = ReturnType<typeof prepareTransitionStatements>;
