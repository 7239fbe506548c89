/**
 * Uptime history: when each profile's gateway connection was up (ready) or
 * down while it was monitored, as spans in the history database, plus when
 * each incident was first acknowledged. Uptime over a window is up time ÷
 * monitored time; time the profile was not monitored (disabled, paused,
 * offline, Shardwatch not running) counts neither way.
 *
 * Its tables live in the same SQLite file as the rest of the history, with
 * their own statements, created if missing (`IF NOT EXISTS`), through a
 * connection of its own. The open span's end is moved forward every
 * `heartbeatMs`, so after a crash the span ends at the last heartbeat rather
 * than stretching over the time nothing watched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';
import type { UptimeFigure, UptimeSummary, UptimeWindow } from '../../../shared/alerting';
import { UPTIME_WINDOWS } from '../../../shared/alerting';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { NoticeText } from '../../../shared/i18n/translator';

const DAY = 86_400_000;

/** Length of each uptime window. */
export const UPTIME_WINDOW_MS: Readonly<Record<UptimeWindow, number>> = {
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '1y': 365 * DAY,
};

/** Spans and acknowledgements are kept this long (a year plus margin). */
export const UPTIME_RETENTION_MS = 400 * DAY;

/** What a connection state means for uptime. */
export type UptimeState = 'up' | 'down' | 'off';

/** Options of {@link createUptimeStore}. */
export interface UptimeStoreOptions {
  /** The history database file, or `':memory:'`. */
  file: string;
  clock: Clock;
  /** Default 30 s. */
  heartbeatMs?: number;
  /** Told once per distinct problem, as a message for the user (key and parameters). */
  onError?: (message: NoticeText) => void;
}

/** Handle of the uptime store. */
export interface UptimeStore {
  /** The profile's connection is now `state` (repeats are ignored). */
  record(profileId: string, state: UptimeState, atWall: number): void;
  /** First acknowledgement of an incident (later ones are ignored). */
  recordAck(incidentId: string, profileId: string, atWall: number): void;
  /** When incidents were first acknowledged. */
  acks(incidentIds: readonly string[]): Map<string, number>;
  /** Figures for every window. */
  summary(profileId: string, nowWall: number): UptimeSummary;
  deleteProfile(profileId: string): void;
  /** End every open span now and close the database. Idempotent. */
  close(): void;
}

interface OpenSpan {
  state: 'up' | 'down';
  rowid: number;
}

/** Open the uptime tables (creating them if needed). Never throws for storage trouble. */
export function createUptimeStore(opts: UptimeStoreOptions): UptimeStore {
  const { clock } = opts;
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const told = new Set<string>();
  const open = new Map<string, OpenSpan>();
  let db: DatabaseSync | null = null;
  let st: Record<string, StatementSync> | null = null;
  let timer: TimerHandle | null = null;
  let closed = false;

  function tell(err: unknown): void {
    const code = (err as { code?: string } | null)?.code ?? '';
    const message: NoticeText = {
      key: 'disk.uptimeNotSaved',
      params: { reason: err instanceof Error ? err.message : String(err) },
    };
    if (told.has(code)) return;
    told.add(code);
    opts.onError?.(message);
  }

  try {
    if (opts.file !== ':memory:')
      fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
    db = new DatabaseSync(opts.file, { timeout: 250 });
    db.exec(`
      CREATE TABLE IF NOT EXISTS uptime_spans (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL,
        state TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS uptime_spans_profile_end ON uptime_spans (profile_id, end);
      CREATE TABLE IF NOT EXISTS incident_acks (
        incident_id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL,
        acked_at INTEGER NOT NULL
      );
    `);
    st = {
      insert: db.prepare(
        'INSERT INTO uptime_spans (profile_id, state, start, end) VALUES (?, ?, ?, ?)',
      ),
      setEnd: db.prepare('UPDATE uptime_spans SET end = ? WHERE id = ?'),
      overlapping: db.prepare(
        'SELECT state, start, end FROM uptime_spans WHERE profile_id = ? AND end > ? AND start < ?',
      ),
      ack: db.prepare(
        'INSERT OR IGNORE INTO incident_acks (incident_id, profile_id, acked_at) VALUES (?, ?, ?)',
      ),
      ackOf: db.prepare('SELECT acked_at FROM incident_acks WHERE incident_id = ?'),
      deleteSpans: db.prepare('DELETE FROM uptime_spans WHERE profile_id = ?'),
      deleteAcks: db.prepare('DELETE FROM incident_acks WHERE profile_id = ?'),
      expireSpans: db.prepare('DELETE FROM uptime_spans WHERE end < ?'),
      expireAcks: db.prepare('DELETE FROM incident_acks WHERE acked_at < ?'),
    };
    const cutoff = clock.wallNow() - UPTIME_RETENTION_MS;
    st['expireSpans']?.run(cutoff);
    st['expireAcks']?.run(cutoff);
  } catch (err) {
    tell(err);
    try {
      db?.close();
    } catch {
      // Already unusable.
    }
    db = null;
    st = null;
  }

  function run(name: string, ...args: Array<string | number>): number | null {
    const s = st?.[name];
    if (!s) return null;
    try {
      return Number(s.run(...args).lastInsertRowid);
    } catch (err) {
      tell(err);
      return null;
    }
  }

  function endOpen(profileId: string, at: number): void {
    const span = open.get(profileId);
    if (!span) return;
    run('setEnd', Math.round(at), span.rowid);
    open.delete(profileId);
  }

  function heartbeat(): void {
    timer = null;
    if (closed) return;
    const now = Math.round(clock.wallNow());
    // One commit for every open span: a commit each took ~6 ms of CPU with
    // its disk syncs, 0.6 s every heartbeat with 100 profiles.
    let began = false;
    try {
      db?.exec('BEGIN');
      began = db !== null;
    } catch (err) {
      tell(err);
    }
    for (const span of open.values()) run('setEnd', now, span.rowid);
    if (began) {
      try {
        db?.exec('COMMIT');
      } catch (err) {
        tell(err);
        try {
          db?.exec('ROLLBACK');
        } catch {
          // Nothing left to undo.
        }
      }
    }
    timer = clock.setTimeout(heartbeat, heartbeatMs);
  }
  timer = clock.setTimeout(heartbeat, heartbeatMs);

  function figure(profileId: string, window: UptimeWindow, now: number): UptimeFigure {
    const from = now - UPTIME_WINDOW_MS[window];
    let up = 0;
    let down = 0;
    let first = Infinity;
    const rows = (st?.['overlapping']?.all(profileId, from, now) ?? []) as Array<
      Record<string, unknown>
    >;
    for (const r of rows) {
      const start = Math.max(Number(r['start']), from);
      const ms = Math.max(0, Math.min(Number(r['end']), now) - start);
      if (r['state'] === 'up') up += ms;
      else if (r['state'] === 'down') down += ms;
      else continue;
      first = Math.min(first, start);
    }
    const monitored = up + down;
    return {
      window,
      pct: monitored > 0 ? (up / monitored) * 100 : null,
      monitoredMs: monitored,
      downMs: down,
      since: monitored > 0 && first > from ? first : null,
    };
  }

  return {
    record(profileId, state, atWall) {
      if (closed) return;
      const cur = open.get(profileId);
      if (cur?.state === state) return;
      endOpen(profileId, atWall);
      if (state === 'off') return;
      const t = Math.round(atWall);
      const rowid = run('insert', profileId, state, t, t);
      if (rowid !== null) open.set(profileId, { state, rowid });
    },
    recordAck(incidentId, profileId, atWall) {
      run('ack', incidentId, profileId, Math.round(atWall));
    },
    acks(ids) {
      const out = new Map<string, number>();
      const s = st?.['ackOf'];
      if (!s) return out;
      try {
        for (const id of ids) {
          const row = s.get(id) as Record<string, unknown> | undefined;
          if (row) out.set(id, Number(row['acked_at']));
        }
      } catch (err) {
        tell(err);
      }
      return out;
    },
    summary(profileId, nowWall) {
      // Bring open spans up to now so the figures include the last seconds.
      for (const span of open.values()) run('setEnd', Math.round(nowWall), span.rowid);
      try {
        return { profileId, figures: UPTIME_WINDOWS.map((w) => figure(profileId, w, nowWall)) };
      } catch (err) {
        tell(err);
        return {
          profileId,
          figures: UPTIME_WINDOWS.map((window) => ({
            window,
            pct: null,
            monitoredMs: 0,
            downMs: 0,
            since: null,
          })),
        };
      }
    },
    deleteProfile(profileId) {
      open.delete(profileId);
      run('deleteSpans', profileId);
      run('deleteAcks', profileId);
    },
    close() {
      if (closed) return;
      const now = clock.wallNow();
      for (const id of [...open.keys()]) endOpen(id, now);
      closed = true;
      clock.clearTimeout(timer);
      timer = null;
      try {
        db?.close();
      } catch {
        // Closing is best effort at shutdown.
      }
      db = null;
      st = null;
    },
  };
}
