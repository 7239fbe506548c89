/**
 * Retention: what is past `HISTORY_RETENTION` is deleted, in one
 * transaction, after everything buffered has been written and rolled up (raw
 * samples must never go before their buckets are summarised). Freed pages go
 * back to the file system so the file does not only grow.
 */
import type { HistoryDatabase, HistoryFaults } from './database';
import { HISTORY_RETENTION } from './resolution';
import { num } from './statements';

/** Rows removed by one retention pass. */
export interface RetentionResult {
  deletedRaw: number;
  deletedMinute: number;
  deletedHour: number;
  deletedEvents: number;
  deletedIncidents: number;
}

/** A pass that removed nothing. */
export function zeroRetention(): RetentionResult {
  return { deletedRaw: 0, deletedMinute: 0, deletedHour: 0, deletedEvents: 0, deletedIncidents: 0 };
}

/**
 * Delete what is past retention at `nowWall`. `persistFirst` writes the
 * buffer and rolls up; if that fails, nothing is deleted.
 */
export function runRetention(
  database: HistoryDatabase,
  nowWall: number,
  faults: HistoryFaults,
  persistFirst: (now: number) => boolean,
): RetentionResult {
  const retention = HISTORY_RETENTION;
  const result = zeroRetention();
  if (!persistFirst(nowWall)) return result;
  const open = database.current();
  if (!open) return result;
  const { db: d, st: s } = open;
  try {
    d.exec('BEGIN IMMEDIATE');
    for (const row of s.allProfiles.all()) {
      const key = num(row.key);
      result.deletedRaw += Number(s.deleteRawBefore.run(key, nowWall - retention.rawMs).changes);
      result.deletedMinute += Number(
        s.deleteMinuteBefore.run(key, nowWall - retention.minuteMs).changes,
      );
      result.deletedHour += Number(s.deleteHourBefore.run(key, nowWall - retention.hourMs).changes);
      result.deletedEvents += Number(
        s.deleteEventsBefore.run(key, nowWall - retention.eventsMs).changes,
      );
      result.deletedEvents += Number(
        s.deleteEventsBeyond.run(key, retention.eventsPerProfile).changes,
      );
    }
    result.deletedIncidents = Number(
      s.deleteClearedIncidentsBefore.run(nowWall - retention.eventsMs).changes,
    );
    if (faults.failWrites?.()) throw new Error('a write to the history file failed (simulated)');
    d.exec('COMMIT');
  } catch (err) {
    database.rollback(d);
    database.writeFailed(err);
    return zeroRetention();
  }
  try {
    // Hand freed pages back to the file system so the file does not only grow.
    d.exec('PRAGMA incremental_vacuum');
  } catch {
    // Space is reused by later inserts anyway.
  }
  return result;
}
