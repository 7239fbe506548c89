/**
 * The history store: ping latency samples, their rollups, shard transitions,
 * restarts, incidents and timeline events in one SQLite file through the
 * built-in `node:sqlite` (DESIGN.md §4: no native module to rebuild).
 *
 * Writes are buffered in memory and committed in one transaction per flush,
 * so a burst of pings costs one fsync, and a failing disk costs nothing but
 * history: monitoring never waits on, or throws because of, storage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { HistoryQuery } from '../../../shared/api';
import type {
  AlertRule,
  HistoryPoint,
  HistorySeries,
  Incident,
  Severity,
  ShardState,
  TimelineEvent,
} from '../../../shared/model';
import { ALERT_RULES } from '../../../shared/model';
import type { Clock, TimerHandle } from '../../../shared/clock';
import { cannotSaveMessage, describeDiskTrouble } from './disk-trouble';
import type { DiskTrouble } from './disk-trouble';
import { HISTORY_RETENTION, WINDOW_MS, pickResolution } from './resolution';
import { prepareDatabase } from './schema';
import { allTuples, num, numOrNull, prepareStatements, text } from './statements';
import type { Row, Statements, Tuple } from './statements';
import { mergeSummaries, summarize } from './summary';
import type { BucketSummary } from './summary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A bucket is rolled up this long after it ends. A ping is stamped with its
 * send time but only recorded when answered or timed out, so the last
 * seconds of a minute keep arriving for a while. Later stragglers still
 * count: their buckets are recomputed when they are written.
 */
export const ROLLUP_GRACE_MS = 30_000;

/** The first retention pass runs this soon after start, so short sessions clean up too. */
const FIRST_RETENTION_MS = 60_000;
/** Timeline events held in memory while the disk refuses writes. */
const MAX_BUFFERED_EVENTS = 10_000;

const TIMELINE_KINDS: ReadonlySet<string> = new Set<TimelineEvent['kind']>([
  'state',
  'shard-state',
  'shard-restart',
  'incident-open',
  'incident-update',
  'incident-close',
  'server-message',
  'unknown-event',
  'protocol-error',
]);
const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['info', 'warning', 'critical']);
const RULES: ReadonlySet<string> = new Set<string>(ALERT_RULES);

/** Hooks that make storage fail on purpose, for tests of the disk-trouble paths. */
export interface HistoryFaults {
  /** Asked inside every write transaction; `true` makes that write fail as if the disk had. */
  failWrites?: () => boolean;
  /** Caps the file at this many pages (SQLite's own `max_page_count`), so a real SQLITE_FULL happens. */
  maxPageCount?: number;
}

/** Options of {@link createHistoryStore}. */
export interface HistoryStoreOptions {
  /** Path of the `.sqlite` file (its folder is created); `':memory:'` keeps nothing on disk. */
  file: string;
  clock: Clock;
  /** Buffered writes are committed this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Retention runs this often (and once a minute after start). Default 1 h. */
  retentionIntervalMs?: number;
  /** Told once per distinct storage problem, in a sentence fit for the user. */
  onError?: (message: string) => void;
  /** Samples kept in memory while writes fail; the oldest are dropped beyond this. Default 100 000. */
  maxBufferedSamples?: number;
  /**
   * How long a write waits for a lock held by another program. Kept short
   * because `DatabaseSync` blocks the thread it runs on (the Electron main
   * process); a busy flush is simply retried a second later. Default 250 ms.
   */
  busyTimeoutMs?: number;
  faults?: HistoryFaults;
}

/** Rows removed by one retention pass. */
export interface RetentionResult {
  deletedRaw: number;
  deletedMinute: number;
  deletedHour: number;
  deletedEvents: number;
  deletedIncidents: number;
}

/** Sizes for the settings page and for support. */
export interface HistoryStats {
  rawRows: number;
  minuteRows: number;
  hourRows: number;
  eventRows: number;
  incidentRows: number;
  /** Database file plus its write-ahead log; 0 for `':memory:'`. */
  fileBytes: number;
  /** Samples waiting in memory for the next successful write. */
  pendingSamples: number;
  /** Samples dropped because the buffer was full while writes failed. */
  droppedSamples: number;
  droppedEvents: number;
  /** `recordPing` calls ignored for a non-finite time or a negative / non-finite RTT. */
  invalidSamples: number;
}

/** Whether history is being saved right now. */
export interface HistoryHealth {
  ok: boolean;
  /** The last problem, as told to `onError`; null when writes succeed. */
  error: string | null;
}

/** Handle returned by {@link createHistoryStore}. */
export interface HistoryStore {
  /** Buffer one ping result. `rttMs` null means the ping was lost. Never throws. */
  recordPing(profileId: string, atWall: number, rttMs: number | null): void;
  /** A shard changed health state (also a timeline entry). */
  recordShardTransition(
    profileId: string,
    shardId: number,
    from: ShardState,
    to: ShardState,
    atWall: number,
  ): void;
  /** A shard restarted (its hash changed): a timeline entry and a chart marker. */
  recordRestart(profileId: string, shardId: number, atWall: number): void;
  /**
   * Insert or replace an incident by id. The timeline shows its opening and,
   * once set, its clearing; callers need not also record `incident-open` /
   * `incident-close` events.
   */
  recordIncident(incident: Incident): void;
  /** Any other timeline entry: connection state, server message, protocol error… */
  recordEvent(profileId: string, event: TimelineEvent): void;
  /**
   * A latency series for a chart, plus restart and incident markers in its
   * range. Resolution: see {@link pickResolution}. Only buckets holding at
   * least one ping are returned; a gap in `t` larger than `resolutionMs`
   * means no data there. Includes samples not yet written.
   */
  query(q: HistoryQuery, nowWall: number): HistorySeries;
  /** Newest first: transitions, restarts, incident open/clear and events, merged. */
  timeline(profileId: string, limit: number): TimelineEvent[];
  /** Stored incidents (all profiles when `profileId` is null), newest opened first. */
  incidents(profileId: string | null, limit: number): Incident[];
  /** Roll up what has closed, then delete what is past retention. Also runs on its own timer. */
  runRetention(nowWall: number): RetentionResult;
  /** Forget everything about a profile, buffered and stored. */
  deleteProfile(profileId: string): void;
  stats(): HistoryStats;
  health(): HistoryHealth;
  /** Write buffered data now. Returns false when it could not (it stays buffered). */
  flush(): boolean;
  /** Stop timers, write what is buffered, close the database. Idempotent. */
  close(): void;
  /** Same as {@link HistoryStore.close}. */
  dispose(): void;
}

interface PendingSample {
  profileId: string;
  t: number;
  rtt: number | null;
}

interface PendingEvent {
  profileId: string;
  t: number;
  kind: TimelineEvent['kind'];
  text: string;
  shardId: number | null;
  fromState: ShardState | null;
  toState: ShardState | null;
}

interface Bucket {
  rows: BucketSummary[];
  raw: Array<number | null>;
}

function zeroRetention(): RetentionResult {
  return { deletedRaw: 0, deletedMinute: 0, deletedHour: 0, deletedEvents: 0, deletedIncidents: 0 };
}

function floorTo(t: number, width: number): number {
  return Math.floor(t / width) * width;
}

function round3(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

/** A rollup tuple (`ROLLUP_COLUMNS` order: pkey, t, count, lost, min, max, p5, p50, p95, sum). */
function tupleSummary(r: Tuple): BucketSummary {
  return {
    count: num(r[2]),
    lost: num(r[3]),
    min: numOrNull(r[4]),
    max: numOrNull(r[5]),
    p5: numOrNull(r[6]),
    p50: numOrNull(r[7]),
    p95: numOrNull(r[8]),
    sum: num(r[9]),
  };
}

/** Rows come from a file on disk: checked before they become an `Incident` (DESIGN.md §3.3). */
function rowIncident(r: Row, profileId: string): Incident | null {
  const rule = text(r.rule);
  const severity = text(r.severity);
  if (!RULES.has(rule) || !SEVERITIES.has(severity)) return null;
  let shardIds: number[] = [];
  try {
    const parsed: unknown = JSON.parse(text(r.shard_ids));
    if (Array.isArray(parsed)) shardIds = parsed.filter((x): x is number => typeof x === 'number');
  } catch {
    shardIds = [];
  }
  return {
    id: text(r.id),
    profileId,
    rule: rule as AlertRule,
    severity: severity as Severity,
    title: text(r.title),
    body: text(r.body),
    shardIds,
    openedAt: num(r.opened_at),
    updatedAt: num(r.updated_at),
    clearedAt: numOrNull(r.cleared_at),
    acknowledged: num(r.acknowledged) !== 0,
    suppressed: num(r.suppressed) !== 0,
  };
}

function incidentEntries(incident: Incident): TimelineEvent[] {
  const shardId = incident.shardIds.length === 1 ? (incident.shardIds[0] ?? null) : null;
  const out: TimelineEvent[] = [
    { at: incident.openedAt, kind: 'incident-open', text: `Opened: ${incident.title}`, shardId },
  ];
  if (incident.clearedAt !== null) {
    out.push({
      at: incident.clearedAt,
      kind: 'incident-close',
      text: `Cleared: ${incident.title}`,
      shardId,
    });
  }
  return out;
}

function overlaps(incident: Incident, from: number, to: number): boolean {
  return incident.openedAt <= to && (incident.clearedAt === null || incident.clearedAt >= from);
}

/**
 * Open (or create) the history database and start the flush and retention
 * timers. Never throws for storage trouble: a file that cannot be opened is
 * reported through `onError` and retried on each flush; a corrupt file is
 * moved aside (`<file>.corrupt-<timestamp>`) and a fresh one started.
 *
 * Rollups: a 1-minute and a 1-hour row per profile and bucket with count,
 * lost, min, max, p5/p50/p95 (linear interpolation) and sum, both computed
 * EXACTLY from the raw samples of the bucket, incrementally (only buckets
 * closed since the per-profile watermark) within the flush transaction.
 * Raw samples outlive the hour they belong to by 23 h, so hourly rows never
 * need approximating from minute rows. Approximate percentiles appear only in
 * chart points that merge several rows (e.g. the 7 d chart's 10-minute
 * points); see `mergeSummaries`.
 */
export function createHistoryStore(opts: HistoryStoreOptions): HistoryStore {
  const { file, clock } = opts;
  const flushIntervalMs = Math.max(1, opts.flushIntervalMs ?? 1000);
  const retentionIntervalMs = Math.max(1, opts.retentionIntervalMs ?? HOUR);
  const maxBufferedSamples = Math.max(1, opts.maxBufferedSamples ?? 100_000);
  const busyTimeoutMs = Math.max(0, opts.busyTimeoutMs ?? 250);
  const faults = opts.faults ?? {};
  const inMemory = file === ':memory:';
  const retention = HISTORY_RETENTION;

  let db: DatabaseSync | null = null;
  let st: Statements | null = null;
  /** A problem retrying cannot fix this session (a newer schema). */
  let openBlocked = false;
  /** profile id → integer key; only keys known to be committed. */
  const keys = new Map<string, number>();
  let lastRollupClose = -Infinity;

  let samples: PendingSample[] = [];
  let events: PendingEvent[] = [];
  const pendingIncidents = new Map<string, Incident>();
  const pendingDeletes = new Set<string>();
  let droppedSamples = 0;
  let droppedEvents = 0;
  let invalidSamples = 0;

  const reported = new Set<string>();
  let lastError: string | null = null;
  let lastReason: string | null = null;
  let closed = false;
  let flushTimer: TimerHandle | null = null;
  let retentionTimer: TimerHandle | null = null;

  function tell(key: string, message: string, isError = true): void {
    if (isError) lastError = message;
    if (reported.has(key)) return;
    reported.add(key);
    try {
      opts.onError?.(message);
    } catch {
      // A throwing listener must not stop the store (or monitoring).
    }
  }

  function tellTrouble(trouble: DiskTrouble): void {
    lastReason = trouble.reason;
    tell(trouble.reason, cannotSaveMessage(trouble.reason));
  }

  function dropConnection(): void {
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
    if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const d = new DatabaseSync(file, { timeout: busyTimeoutMs });
    try {
      prepareDatabase(d, clock.wallNow());
      if (faults.maxPageCount !== undefined) {
        d.exec(`PRAGMA max_page_count = ${Math.max(1, Math.floor(faults.maxPageCount))}`);
      }
      st = prepareStatements(d);
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
    lastRollupClose = -Infinity;
  }

  /** Move a damaged file (and its WAL / shared-memory files) aside. Returns false if that failed. */
  function moveAside(reason: string): boolean {
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
      tellTrouble(describeDiskTrouble(err, file));
      return false;
    }
    tell(
      `moved:${target}`,
      `History could not be read (${reason}); the damaged file was moved to ${target} and a new history was started. Monitoring continues.`,
      false,
    );
    return true;
  }

  /** Make sure a connection is open; report (once) and return false when it cannot be. */
  function ensureOpen(): boolean {
    if (db) return true;
    if (closed || openBlocked) return false;
    try {
      connect();
      return true;
    } catch (err) {
      const trouble = describeDiskTrouble(err, file);
      if (trouble.corrupt && !inMemory) {
        if (!moveAside(trouble.reason)) return false;
        try {
          connect();
          return true;
        } catch (again) {
          tellTrouble(describeDiskTrouble(again, file));
          return false;
        }
      }
      if (trouble.permanent) openBlocked = true;
      tellTrouble(trouble);
      return false;
    }
  }

  function rollbackQuietly(d: DatabaseSync): void {
    try {
      if (d.isTransaction) d.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL).
    }
    // Keys inserted inside the rolled-back transaction no longer exist.
    keys.clear();
  }

  function onWriteError(err: unknown): void {
    const trouble = describeDiskTrouble(err, file);
    if (trouble.corrupt && !inMemory) {
      // Keep the damaged file intact for the user; write to a fresh one.
      dropConnection();
      moveAside(trouble.reason);
      return;
    }
    tellTrouble(trouble);
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

  function watermarks(s: Statements, key: number): { minute: number | null; hour: number | null } {
    const row = s.watermarks.get(key);
    return { minute: numOrNull(row?.minute_done), hour: numOrNull(row?.hour_done) };
  }

  function writeRollup(
    s: Statements,
    key: number,
    width: number,
    t: number,
    values: Array<number | null>,
  ): void {
    const x = summarize(values);
    (width === MINUTE ? s.upsertMinute : s.upsertHour).run(
      key,
      t,
      x.count,
      x.lost,
      x.min,
      x.max,
      x.p5,
      x.p50,
      x.p95,
      x.sum,
    );
  }

  /** Roll up every bucket of `width` in [from, to) that has raw samples. */
  function rollupRange(s: Statements, key: number, from: number, to: number, width: number): void {
    let bucket = NaN;
    let values: Array<number | null> = [];
    for (const r of allTuples(s.rawRange, key, from, to)) {
      const b = floorTo(num(r[0]), width);
      if (b !== bucket) {
        if (values.length > 0) writeRollup(s, key, width, bucket, values);
        bucket = b;
        values = [];
      }
      values.push(numOrNull(r[1]));
    }
    if (values.length > 0) writeRollup(s, key, width, bucket, values);
  }

  /** Incremental rollup: buckets that closed since each profile's watermark. */
  function rollup(s: Statements, now: number): void {
    const closeMinute = floorTo(now - ROLLUP_GRACE_MS, MINUTE);
    const closeHour = floorTo(now - ROLLUP_GRACE_MS, HOUR);
    for (const row of s.allProfiles.all()) {
      const key = num(row.key);
      const minuteDone = numOrNull(row.minute_done);
      if (minuteDone === null || minuteDone < closeMinute) {
        rollupRange(s, key, minuteDone ?? Number.MIN_SAFE_INTEGER, closeMinute, MINUTE);
        s.setMinuteDone.run(closeMinute, key);
      }
      const hourDone = numOrNull(row.hour_done);
      if (hourDone === null || hourDone < closeHour) {
        rollupRange(s, key, hourDone ?? Number.MIN_SAFE_INTEGER, closeHour, HOUR);
        s.setHourDone.run(closeHour, key);
      }
    }
  }

  function deleteProfileRows(s: Statements, profileId: string): void {
    const key = keyFor(s, profileId, false);
    if (key === null) return;
    s.deleteProfileSamples.run(key);
    s.deleteProfileMinute.run(key);
    s.deleteProfileHour.run(key);
    s.deleteProfileEvents.run(key);
    s.deleteProfileIncidents.run(key);
    s.deleteProfileRow.run(key);
    keys.delete(profileId);
  }

  /** Write all buffered data and roll up, in one transaction. */
  function persist(now: number): boolean {
    const hasWork =
      samples.length > 0 ||
      events.length > 0 ||
      pendingIncidents.size > 0 ||
      pendingDeletes.size > 0;
    const closeMinute = floorTo(now - ROLLUP_GRACE_MS, MINUTE);
    if (!hasWork && (db === null || closeMinute <= lastRollupClose)) return true;
    if (!ensureOpen() || !db || !st) return false;
    const d = db;
    const s = st;
    try {
      d.exec('BEGIN IMMEDIATE');
      for (const profileId of pendingDeletes) deleteProfileRows(s, profileId);

      // Samples stamped before a profile's watermark land in buckets that are
      // already rolled up; remember those buckets and recompute them.
      const marks = new Map<number, { minute: number | null; hour: number | null }>();
      const dirty: Array<[key: number, width: number, start: number]> = [];
      const seen = new Set<string>();
      const markDirty = (key: number, width: number, start: number): void => {
        const id = `${key}:${width}:${start}`;
        if (seen.has(id)) return;
        seen.add(id);
        dirty.push([key, width, start]);
      };
      for (const x of samples) {
        const key = keyFor(s, x.profileId, true) as number;
        let m = marks.get(key);
        if (!m) {
          m = watermarks(s, key);
          marks.set(key, m);
        }
        s.insertSample.run(key, x.t, x.rtt);
        if (m.minute !== null && x.t < m.minute) markDirty(key, MINUTE, floorTo(x.t, MINUTE));
        if (m.hour !== null && x.t < m.hour) markDirty(key, HOUR, floorTo(x.t, HOUR));
      }
      for (const e of events) {
        const key = keyFor(s, e.profileId, true) as number;
        s.insertEvent.run(key, e.t, e.kind, e.shardId, e.text, e.fromState, e.toState);
      }
      for (const i of pendingIncidents.values()) {
        const key = keyFor(s, i.profileId, true) as number;
        s.upsertIncident.run(
          i.id,
          key,
          i.rule,
          i.severity,
          i.title,
          i.body,
          JSON.stringify(i.shardIds),
          Math.round(i.openedAt),
          Math.round(i.updatedAt),
          i.clearedAt === null ? null : Math.round(i.clearedAt),
          i.acknowledged ? 1 : 0,
          i.suppressed ? 1 : 0,
        );
      }
      rollup(s, now);
      const rawComplete = now - retention.rawMs;
      for (const [key, width, start] of dirty) {
        // Older buckets have lost their other raw samples to retention;
        // recomputing them from what is left would make them wrong.
        if (start >= rawComplete) rollupRange(s, key, start, start + width, width);
      }
      // Fails at the last moment, after every statement ran, like a full disk at commit.
      if (faults.failWrites?.()) throw new Error('a write to the history file failed (simulated)');
      d.exec('COMMIT');
    } catch (err) {
      rollbackQuietly(d);
      onWriteError(err);
      return false;
    }
    samples = [];
    events = [];
    pendingIncidents.clear();
    pendingDeletes.clear();
    lastRollupClose = Math.max(lastRollupClose, closeMinute);
    if (lastError !== null) {
      lastError = null;
      // Tell again if the same problem comes back later.
      reported.clear();
    }
    return true;
  }

  function flush(): boolean {
    if (closed) return false;
    return persist(clock.wallNow());
  }

  function pushEvent(e: PendingEvent): void {
    if (closed) return;
    events.push(e);
    if (events.length > MAX_BUFFERED_EVENTS) {
      const excess = events.length - MAX_BUFFERED_EVENTS;
      events.splice(0, excess);
      droppedEvents += excess;
    }
  }

  function recordPing(profileId: string, atWall: number, rttMs: number | null): void {
    if (closed) return;
    if (!Number.isFinite(atWall) || (rttMs !== null && !(Number.isFinite(rttMs) && rttMs >= 0))) {
      invalidSamples++;
      return;
    }
    samples.push({ profileId, t: Math.round(atWall), rtt: rttMs });
    if (samples.length > maxBufferedSamples) {
      const excess = samples.length - maxBufferedSamples;
      samples.splice(0, excess);
      droppedSamples += excess;
    }
  }

  function recordShardTransition(
    profileId: string,
    shardId: number,
    from: ShardState,
    to: ShardState,
    atWall: number,
  ): void {
    pushEvent({
      profileId,
      t: Math.round(atWall),
      kind: 'shard-state',
      text: `Shard ${shardId}: ${from} → ${to}`,
      shardId,
      fromState: from,
      toState: to,
    });
  }

  function recordRestart(profileId: string, shardId: number, atWall: number): void {
    pushEvent({
      profileId,
      t: Math.round(atWall),
      kind: 'shard-restart',
      text: `Shard ${shardId} restarted`,
      shardId,
      fromState: null,
      toState: null,
    });
  }

  function recordIncident(incident: Incident): void {
    if (closed) return;
    pendingIncidents.set(incident.id, { ...incident, shardIds: [...incident.shardIds] });
  }

  function recordEvent(profileId: string, event: TimelineEvent): void {
    pushEvent({
      profileId,
      t: Math.round(event.at),
      kind: event.kind,
      text: event.text,
      shardId: event.shardId,
      fromState: null,
      toState: null,
    });
  }

  function tellReadTrouble(err: unknown): void {
    const trouble = describeDiskTrouble(err, file);
    tell(
      `read:${trouble.reason}`,
      `History could not be read: ${trouble.reason}. Monitoring continues; charts may have gaps.`,
      false,
    );
  }

  /** Pending incidents override stored ones with the same id. */
  function mergeIncidents(stored: Incident[], profileId: string | null): Incident[] {
    const byId = new Map<string, Incident>();
    for (const i of stored) byId.set(i.id, i);
    for (const i of pendingIncidents.values()) {
      if (profileId === null || i.profileId === profileId) byId.set(i.id, i);
    }
    return [...byId.values()];
  }

  function query(q: HistoryQuery, nowWall: number): HistorySeries {
    const windowMs = WINDOW_MS[q.window] ?? HOUR;
    const hasTo = typeof q.to === 'number' && Number.isFinite(q.to);
    const hasFrom = typeof q.from === 'number' && Number.isFinite(q.from);
    const to = hasTo ? (q.to as number) : nowWall;
    const from = hasFrom ? (q.from as number) : to - windowMs;
    const res = pickResolution(from, to, nowWall, retention);
    const series: HistorySeries = {
      profileId: q.profileId,
      window: q.window,
      resolutionMs: res.stepMs,
      from,
      to,
      points: [],
      restarts: [],
      incidents: [],
    };
    if (!(to > from)) return series;
    const step = res.stepMs;
    const start = floorTo(from, step);
    // Samples are whole ms; `to` is inclusive.
    const end = Math.floor(to) + 1;
    const buckets = new Map<number, Bucket>();
    const bucketAt = (t: number): Bucket => {
      const b = floorTo(t, step);
      let bucket = buckets.get(b);
      if (!bucket) {
        bucket = { rows: [], raw: [] };
        buckets.set(b, bucket);
      }
      return bucket;
    };
    let rawFrom = start;
    let storedIncidents: Incident[] = [];
    if (db && st) {
      const s = st;
      try {
        const key = keyFor(s, q.profileId, false);
        if (key !== null) {
          if (res.source !== 'raw') {
            const m = watermarks(s, key);
            const done = res.source === 'minute' ? m.minute : m.hour;
            if (done !== null) {
              const rollTo = Math.min(end, done);
              if (rollTo > start) {
                const stmt = res.source === 'minute' ? s.minuteRange : s.hourRange;
                for (const r of allTuples(stmt, key, start, rollTo)) {
                  bucketAt(num(r[1])).rows.push(tupleSummary(r));
                }
              }
              rawFrom = Math.max(start, done);
            }
          }
          if (end > rawFrom) {
            for (const r of allTuples(s.rawRange, key, rawFrom, end)) {
              bucketAt(num(r[0])).raw.push(numOrNull(r[1]));
            }
          }
          for (const r of s.restartsRange.all(key, from, to)) {
            series.restarts.push({ t: num(r.t), shardId: num(r.shard_id) });
          }
          for (const r of s.incidentsOverlapping.all(key, to, from)) {
            const i = rowIncident(r, q.profileId);
            if (i) storedIncidents.push(i);
          }
        }
      } catch (err) {
        tellReadTrouble(err);
        buckets.clear();
        series.restarts = [];
        storedIncidents = [];
        rawFrom = start;
      }
    }
    for (const x of samples) {
      if (x.profileId === q.profileId && x.t >= rawFrom && x.t < end) bucketAt(x.t).raw.push(x.rtt);
    }
    for (const e of events) {
      if (e.profileId === q.profileId && e.kind === 'shard-restart' && e.t >= from && e.t <= to) {
        series.restarts.push({ t: e.t, shardId: e.shardId ?? 0 });
      }
    }
    series.restarts.sort((a, b) => a.t - b.t);
    series.incidents = mergeIncidents(storedIncidents, q.profileId)
      .filter((i) => overlaps(i, from, to))
      .sort((a, b) => a.openedAt - b.openedAt)
      .map((i) => ({
        t: i.openedAt,
        clearedAt: i.clearedAt,
        title: i.title,
        severity: i.severity,
      }));

    const points: HistoryPoint[] = [];
    for (const t of [...buckets.keys()].sort((a, b) => a - b)) {
      const bucket = buckets.get(t) as Bucket;
      const x =
        bucket.rows.length === 0
          ? summarize(bucket.raw)
          : mergeSummaries(
              bucket.raw.length > 0 ? [...bucket.rows, summarize(bucket.raw)] : bucket.rows,
            );
      if (x.count + x.lost === 0) continue;
      points.push({
        t,
        p5: round3(x.p5),
        p50: round3(x.p50),
        p95: round3(x.p95),
        min: round3(x.min),
        max: round3(x.max),
        count: x.count,
        lost: x.lost,
      });
    }
    series.points = points;
    return series;
  }

  function toTimeline(e: PendingEvent): TimelineEvent {
    return { at: e.t, kind: e.kind, text: e.text, shardId: e.shardId };
  }

  function timeline(profileId: string, limit: number): TimelineEvent[] {
    const n = Math.min(10_000, Math.max(0, Math.floor(limit)));
    if (n === 0) return [];
    // Built newest-recorded first so the stable sort keeps that order for equal times.
    const list: TimelineEvent[] = [];
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i] as PendingEvent;
      if (e.profileId === profileId) list.push(toTimeline(e));
    }
    const stored: Incident[] = [];
    if (db && st) {
      const s = st;
      try {
        const key = keyFor(s, profileId, false);
        if (key !== null) {
          for (const r of s.latestEvents.all(key, n)) {
            const kind = text(r.kind);
            if (!TIMELINE_KINDS.has(kind)) continue;
            list.push({
              at: num(r.t),
              kind: kind as TimelineEvent['kind'],
              text: text(r.text),
              shardId: numOrNull(r.shard_id),
            });
          }
          const ids = new Set<string>();
          for (const r of [...s.latestOpened.all(key, n), ...s.latestCleared.all(key, n)]) {
            const i = rowIncident(r, profileId);
            if (i && !ids.has(i.id)) {
              ids.add(i.id);
              stored.push(i);
            }
          }
        }
      } catch (err) {
        tellReadTrouble(err);
      }
    }
    for (const i of mergeIncidents(stored, profileId)) list.push(...incidentEntries(i));
    list.sort((a, b) => b.at - a.at);
    return list.slice(0, n);
  }

  function incidents(profileId: string | null, limit: number): Incident[] {
    const n = Math.min(10_000, Math.max(0, Math.floor(limit)));
    if (n === 0) return [];
    const stored: Incident[] = [];
    if (db && st) {
      const s = st;
      try {
        if (profileId === null) {
          for (const r of s.latestIncidentsAll.all(n)) {
            const i = rowIncident(r, text(r.profile_id));
            if (i) stored.push(i);
          }
        } else {
          const key = keyFor(s, profileId, false);
          if (key !== null) {
            for (const r of s.latestOpened.all(key, n)) {
              const i = rowIncident(r, profileId);
              if (i) stored.push(i);
            }
          }
        }
      } catch (err) {
        tellReadTrouble(err);
      }
    }
    return mergeIncidents(stored, profileId)
      .sort((a, b) => b.openedAt - a.openedAt)
      .slice(0, n);
  }

  function runRetention(nowWall: number): RetentionResult {
    const result = zeroRetention();
    if (closed) return result;
    // Roll up first: raw samples must never be deleted before their buckets
    // are summarised. If that write fails, delete nothing.
    if (!persist(nowWall) || !db || !st) return result;
    const d = db;
    const s = st;
    try {
      d.exec('BEGIN IMMEDIATE');
      for (const row of s.allProfiles.all()) {
        const key = num(row.key);
        result.deletedRaw += Number(s.deleteRawBefore.run(key, nowWall - retention.rawMs).changes);
        result.deletedMinute += Number(
          s.deleteMinuteBefore.run(key, nowWall - retention.minuteMs).changes,
        );
        result.deletedHour += Number(
          s.deleteHourBefore.run(key, nowWall - retention.hourMs).changes,
        );
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
      rollbackQuietly(d);
      onWriteError(err);
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

  function deleteProfile(profileId: string): void {
    if (closed) return;
    samples = samples.filter((x) => x.profileId !== profileId);
    events = events.filter((e) => e.profileId !== profileId);
    for (const [id, i] of pendingIncidents)
      if (i.profileId === profileId) pendingIncidents.delete(id);
    pendingDeletes.add(profileId);
    // Deleted now if the disk allows; otherwise it stays queued and is retried with each flush.
    persist(clock.wallNow());
  }

  function fileSize(p: string): number {
    try {
      return fs.statSync(p).size;
    } catch {
      return 0;
    }
  }

  function stats(): HistoryStats {
    const counts = { raw: 0, minute: 0, hour: 0, events: 0, incidents: 0 };
    if (db && st) {
      const s = st;
      try {
        counts.raw = num(s.countRaw.get()?.n);
        counts.minute = num(s.countMinute.get()?.n);
        counts.hour = num(s.countHour.get()?.n);
        counts.events = num(s.countEvents.get()?.n);
        counts.incidents = num(s.countIncidents.get()?.n);
      } catch (err) {
        tellReadTrouble(err);
      }
    }
    return {
      rawRows: counts.raw,
      minuteRows: counts.minute,
      hourRows: counts.hour,
      eventRows: counts.events,
      incidentRows: counts.incidents,
      fileBytes: inMemory ? 0 : fileSize(file) + fileSize(`${file}-wal`),
      pendingSamples: samples.length,
      droppedSamples,
      droppedEvents,
      invalidSamples,
    };
  }

  function scheduleFlush(): void {
    flushTimer = clock.setTimeout(() => {
      flushTimer = null;
      try {
        flush();
      } catch (err) {
        onWriteError(err);
      }
      if (!closed) scheduleFlush();
    }, flushIntervalMs);
  }

  function scheduleRetention(delayMs: number): void {
    retentionTimer = clock.setTimeout(() => {
      retentionTimer = null;
      try {
        runRetention(clock.wallNow());
      } catch (err) {
        onWriteError(err);
      }
      if (!closed) scheduleRetention(retentionIntervalMs);
    }, delayMs);
  }

  function close(): void {
    if (closed) return;
    clock.clearTimeout(flushTimer);
    clock.clearTimeout(retentionTimer);
    flushTimer = null;
    retentionTimer = null;
    const saved = persist(clock.wallNow());
    closed = true;
    if (!saved && samples.length + events.length + pendingIncidents.size > 0) {
      try {
        opts.onError?.(
          `History could not be saved before closing (${lastReason ?? 'unknown error'}); ${samples.length} recent samples and ${events.length} timeline events were discarded.`,
        );
      } catch {
        // Closing goes on regardless.
      }
    }
    samples = [];
    events = [];
    pendingIncidents.clear();
    pendingDeletes.clear();
    dropConnection();
  }

  ensureOpen();
  scheduleFlush();
  scheduleRetention(Math.min(retentionIntervalMs, FIRST_RETENTION_MS));

  return {
    recordPing,
    recordShardTransition,
    recordRestart,
    recordIncident,
    recordEvent,
    query,
    timeline,
    incidents,
    runRetention,
    deleteProfile,
    stats,
    health: () => ({ ok: lastError === null, error: lastError }),
    flush,
    close,
    dispose: close,
  };
}
