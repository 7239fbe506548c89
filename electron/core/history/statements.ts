/**
 * Every SQL statement the history store runs, prepared once per connection
 * (DatabaseSync.prepare is not free, and the chart query runs often).
 */
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';

/** A result row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>;
/** A result row of a statement prepared with `returnArrays` (columns in SELECT order). */
export type Tuple = readonly SQLOutputValue[];

/** Column order of rollup rows, also the tuple order of `minuteRange` / `hourRange`. */
export const ROLLUP_COLUMNS = 'pkey, t, count, lost, min, max, p5, p50, p95, sum, disturbed';
const INCIDENT_COLUMNS =
  'id, pkey, rule, severity, title, body, shard_ids, opened_at, updated_at, cleared_at, acknowledged, suppressed';

/** Prepare the statement set for one open connection. */
export function prepareStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  // Bulk reads return arrays: building a null-prototype object per row costs
  // about twice as much, and these statements return thousands of rows.
  const bulk = (sql: string): StatementSync => db.prepare(sql, { returnArrays: true });
  return {
    keyOf: p('SELECT key FROM profiles WHERE profile_id = ?'),
    insertProfile: p('INSERT INTO profiles (profile_id) VALUES (?)'),
    allProfiles: p('SELECT key, minute_done, hour_done FROM profiles'),
    watermarks: p('SELECT minute_done, hour_done FROM profiles WHERE key = ?'),
    setMinuteDone: p('UPDATE profiles SET minute_done = ? WHERE key = ?'),
    setHourDone: p('UPDATE profiles SET hour_done = ? WHERE key = ?'),

    insertSample: p('INSERT INTO samples (pkey, t, rtt, disturbed) VALUES (?, ?, ?, ?)'),
    /** Half-open [from, to); tuples (t, rtt, disturbed 0/1). */
    rawRange: bulk(
      'SELECT t, rtt, disturbed FROM samples WHERE pkey = ? AND t >= ? AND t < ? ORDER BY t',
    ),
    upsertMinute: p(
      `INSERT OR REPLACE INTO rollup_minute (${ROLLUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertHour: p(
      `INSERT OR REPLACE INTO rollup_hour (${ROLLUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    /** Tuples in {@link ROLLUP_COLUMNS} order. */
    minuteRange: bulk(
      `SELECT ${ROLLUP_COLUMNS} FROM rollup_minute WHERE pkey = ? AND t >= ? AND t < ? ORDER BY t`,
    ),
    hourRange: bulk(
      `SELECT ${ROLLUP_COLUMNS} FROM rollup_hour WHERE pkey = ? AND t >= ? AND t < ? ORDER BY t`,
    ),

    insertEvent: p(
      'INSERT INTO events (pkey, t, kind, shard_id, text, from_state, to_state) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertIncident: p(
      `INSERT OR REPLACE INTO incidents (${INCIDENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    /** Closed range [from, to]; served by the partial index `events_restarts`. */
    restartsRange: p(
      "SELECT t, shard_id FROM events WHERE pkey = ? AND kind = 'shard-restart' AND t >= ? AND t <= ? ORDER BY t",
    ),
    incidentsOverlapping: p(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE pkey = ? AND opened_at <= ? AND (cleared_at IS NULL OR cleared_at >= ?) ORDER BY opened_at`,
    ),
    /** Events at or before a time, of the kinds in a JSON array, newest first. */
    eventsUntil: p(
      'SELECT t, kind, shard_id, text FROM events WHERE pkey = ? AND t <= ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY t DESC, id DESC LIMIT ?',
    ),
    openedUntil: p(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE pkey = ? AND opened_at <= ? ORDER BY opened_at DESC LIMIT ?`,
    ),
    clearedUntil: p(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE pkey = ? AND cleared_at IS NOT NULL AND cleared_at <= ? ORDER BY cleared_at DESC LIMIT ?`,
    ),
    latestIncidentsAll: p(
      `SELECT i.id, i.pkey, i.rule, i.severity, i.title, i.body, i.shard_ids, i.opened_at, i.updated_at,
              i.cleared_at, i.acknowledged, i.suppressed, p.profile_id
         FROM incidents i JOIN profiles p ON p.key = i.pkey ORDER BY i.opened_at DESC LIMIT ?`,
    ),

    deleteRawBefore: p('DELETE FROM samples WHERE pkey = ? AND t < ?'),
    deleteMinuteBefore: p('DELETE FROM rollup_minute WHERE pkey = ? AND t < ?'),
    deleteHourBefore: p('DELETE FROM rollup_hour WHERE pkey = ? AND t < ?'),
    deleteEventsBefore: p('DELETE FROM events WHERE pkey = ? AND t < ?'),
    deleteEventsBeyond: p(
      'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE pkey = ? ORDER BY t DESC, id DESC LIMIT -1 OFFSET ?)',
    ),
    deleteClearedIncidentsBefore: p(
      'DELETE FROM incidents WHERE cleared_at IS NOT NULL AND cleared_at < ?',
    ),

    deleteProfileSamples: p('DELETE FROM samples WHERE pkey = ?'),
    deleteProfileMinute: p('DELETE FROM rollup_minute WHERE pkey = ?'),
    deleteProfileHour: p('DELETE FROM rollup_hour WHERE pkey = ?'),
    deleteProfileEvents: p('DELETE FROM events WHERE pkey = ?'),
    deleteProfileIncidents: p('DELETE FROM incidents WHERE pkey = ?'),
    deleteProfileRow: p('DELETE FROM profiles WHERE key = ?'),

    countRaw: p('SELECT count(*) AS n FROM samples'),
    countMinute: p('SELECT count(*) AS n FROM rollup_minute'),
    countHour: p('SELECT count(*) AS n FROM rollup_hour'),
    countEvents: p('SELECT count(*) AS n FROM events'),
    countIncidents: p('SELECT count(*) AS n FROM incidents'),
  };
}

/** The prepared statements of one connection. */
export type Statements = ReturnType<typeof prepareStatements>;

/**
 * Rows of a statement prepared with `returnArrays`. The typings of `all()`
 * promise objects whatever the option, so the shape is checked, not assumed.
 */
export function allTuples(stmt: StatementSync, ...params: SQLInputValue[]): Tuple[] {
  const rows: unknown[] = stmt.all(...params);
  return rows.filter((r): r is Tuple => Array.isArray(r));
}

/** A numeric column (INTEGER or REAL); NaN for anything else. */
export function num(v: SQLOutputValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return NaN;
}

/** A nullable numeric column. */
export function numOrNull(v: SQLOutputValue | undefined): number | null {
  return v === null || v === undefined ? null : num(v);
}

/** A text column; empty for anything else. */
export function text(v: SQLOutputValue | undefined): string {
  return typeof v === 'string' ? v : '';
}
