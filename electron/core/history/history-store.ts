/**
 * The history store: ping latency samples, their rollups, shard transitions,
 * restarts, incidents and timeline events in one SQLite file through the
 * built-in `node:sqlite` (docs/architecture.md §4: no native module to rebuild).
 *
 * Writes are buffered in memory and committed in one transaction per flush,
 * so a burst of pings costs one fsync, and a failing disk costs nothing but
 * history: monitoring never waits on, or throws because of, storage.
 *
 * This file wires the parts: `database.ts` (the file and its connection),
 * `writes.ts` (the buffer and the flush), `rollups.ts`, `queries.ts`,
 * `retention.ts`, `schema.ts` and `disk-trouble.ts` (telling the user).
 */
import fs from 'node:fs';
import type { HistoryQuery, TimelinePage, TimelineQuery } from '../../../shared/api';
import type { HistorySeries } from '../../../shared/history-model';
import type { Incident } from '../../../shared/incident-model';
import type { ShardState } from '../../../shared/live-status';
import type { TimelineEvent } from '../../../shared/profile-detail';
import type { Clock, TimerHandle } from '../../../shared/clock';
import { sayEnglish, type NoticeText, type Say } from '../../../shared/i18n/translator';
import { createHistoryDatabase } from './database';
import type { HistoryFaults } from './database';
import { createTroubleReporter, UNKNOWN_REASON } from './disk-trouble';
import { queryIncidents, querySeries, queryTimeline } from './queries';
import { runRetention, zeroRetention } from './retention';
import type { RetentionResult } from './retention';
import { HOUR } from './rollups';
import { num } from './statements';
import {
  bufferDeleteProfile,
  bufferEvent,
  bufferPing,
  clearBuffer,
  createWriteBuffer,
  persist,
} from './writes';
import type { PendingEvent } from './writes';

export type { HistoryFaults } from './database';
export type { RetentionResult } from './retention';
export { ROLLUP_GRACE_MS } from './rollups';

/** The first retention pass runs this soon after start, so short sessions clean up too. */
const FIRST_RETENTION_MS = 60_000;

/** Options of {@link createHistoryStore}. */
export interface HistoryStoreOptions {
  /** Path of the `.sqlite` file (its folder is created); `':memory:'` keeps nothing on disk. */
  file: string;
  clock: Clock;
  /** Buffered writes are committed this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Retention runs this often (and once a minute after start). Default 1 h. */
  retentionIntervalMs?: number;
  /**
   * Told once per distinct storage problem, as a message for the user (a
   * catalogue key and parameters, worded where it is shown).
   */
  onError?: (message: NoticeText) => void;
  /**
   * Told the messages of write problems (given to `onError`) that no longer
   * apply because a write succeeded again, so a "disk is full" notice can go.
   */
  onRecovered?: (messages: NoticeText[]) => void;
  /** Samples kept in memory while writes fail; the oldest are dropped beyond this. Default 100 000. */
  maxBufferedSamples?: number;
  /**
   * How long a write waits for a lock held by another program. Kept short
   * because `DatabaseSync` blocks the thread it runs on (the Electron main
   * process); a busy flush is simply retried a second later. Default 250 ms.
   */
  busyTimeoutMs?: number;
  faults?: HistoryFaults;
  /** Words the timeline lines the store writes ("Shard 3 restarted"); English by default. */
  say?: Say;
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
  error: NoticeText | null;
}

/** Handle returned by {@link createHistoryStore}. */
export interface HistoryStore {
  /**
   * Buffer one ping result. `rttMs` null means the ping was lost; `disturbed`
   * marks an answer timed while the app's thread stalled (stored flagged, in
   * no RTT figure). Never throws.
   */
  recordPing(profileId: string, atWall: number, rttMs: number | null, disturbed?: boolean): void;
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
  /** One page of the timeline, newest first, filtered by kind (see `queryTimeline`). */
  timeline(q: TimelineQuery): TimelinePage;
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

/**
 * Open (or create) the history database and start the flush and retention
 * timers. Never throws for storage trouble: a file that cannot be opened is
 * reported through `onError` and retried on each flush; a corrupt file is
 * moved aside (`<file>.corrupt-<timestamp>`) and a fresh one started. The
 * file and its side files are owner-only (0600), a folder it creates 0700.
 *
 * Rollups are exact (see `rollups.ts`); approximate percentiles appear only
 * in chart points that merge several rows (e.g. the 7 d chart's 10-minute
 * points); see `mergeSummaries`.
 */
export function createHistoryStore(opts: HistoryStoreOptions): HistoryStore {
  const { file, clock } = opts;
  const flushIntervalMs = Math.max(1, opts.flushIntervalMs ?? 1000);
  const retentionIntervalMs = Math.max(1, opts.retentionIntervalMs ?? HOUR);
  const maxBufferedSamples = Math.max(1, opts.maxBufferedSamples ?? 100_000);
  const faults = opts.faults ?? {};
  const reporter = createTroubleReporter(opts.onError, opts.onRecovered);
  const database = createHistoryDatabase({
    file,
    clock,
    busyTimeoutMs: Math.max(0, opts.busyTimeoutMs ?? 250),
    faults,
    reporter,
  });
  const buffer = createWriteBuffer();
  let closed = false;
  let flushTimer: TimerHandle | null = null;
  let retentionTimer: TimerHandle | null = null;

  const write = (now: number): boolean => persist(database, buffer, now, faults, reporter);

  function flush(): boolean {
    if (closed) return false;
    return write(clock.wallNow());
  }

  function pushEvent(e: PendingEvent): void {
    if (!closed) bufferEvent(buffer, e);
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
      text: (opts.say ?? sayEnglish)('analytics.shardRestarted', { id: shardId }),
      shardId,
      fromState: null,
      toState: null,
    });
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

  function fileSize(p: string): number {
    try {
      return fs.statSync(p).size;
    } catch {
      return 0;
    }
  }

  function stats(): HistoryStats {
    const counts = { raw: 0, minute: 0, hour: 0, events: 0, incidents: 0 };
    const open = database.current();
    if (open) {
      const s = open.st;
      try {
        counts.raw = num(s.countRaw.get()?.n);
        counts.minute = num(s.countMinute.get()?.n);
        counts.hour = num(s.countHour.get()?.n);
        counts.events = num(s.countEvents.get()?.n);
        counts.incidents = num(s.countIncidents.get()?.n);
      } catch (err) {
        database.readFailed(err);
      }
    }
    return {
      rawRows: counts.raw,
      minuteRows: counts.minute,
      hourRows: counts.hour,
      eventRows: counts.events,
      incidentRows: counts.incidents,
      fileBytes: database.inMemory ? 0 : fileSize(file) + fileSize(`${file}-wal`),
      pendingSamples: buffer.samples.length,
      droppedSamples: buffer.droppedSamples,
      droppedEvents: buffer.droppedEvents,
      invalidSamples: buffer.invalidSamples,
    };
  }

  function scheduleFlush(): void {
    flushTimer = clock.setTimeout(() => {
      flushTimer = null;
      try {
        flush();
      } catch (err) {
        database.writeFailed(err);
      }
      if (!closed) scheduleFlush();
    }, flushIntervalMs);
  }

  function retain(nowWall: number): RetentionResult {
    if (closed) return zeroRetention();
    return runRetention(database, nowWall, faults, write);
  }

  function scheduleRetention(delayMs: number): void {
    retentionTimer = clock.setTimeout(() => {
      retentionTimer = null;
      try {
        retain(clock.wallNow());
      } catch (err) {
        database.writeFailed(err);
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
    const saved = write(clock.wallNow());
    closed = true;
    const { samples, events, incidents } = buffer;
    if (!saved && samples.length + events.length + incidents.size > 0) {
      try {
        opts.onError?.({
          key: 'disk.lostOnClose',
          params: {
            reason: reporter.lastReason ?? UNKNOWN_REASON,
            samples: samples.length,
            events: events.length,
          },
        });
      } catch {
        // Closing goes on regardless.
      }
    }
    clearBuffer(buffer);
    database.close();
  }

  database.open();
  scheduleFlush();
  scheduleRetention(Math.min(retentionIntervalMs, FIRST_RETENTION_MS));

  return {
    recordPing(profileId, atWall, rttMs, disturbed = false) {
      if (!closed) bufferPing(buffer, maxBufferedSamples, profileId, atWall, rttMs, disturbed);
    },
    recordShardTransition,
    recordRestart,
    recordIncident(incident: Incident) {
      if (!closed)
        buffer.incidents.set(incident.id, { ...incident, shardIds: [...incident.shardIds] });
    },
    recordEvent,
    query: (q: HistoryQuery, nowWall: number): HistorySeries =>
      querySeries(database, buffer, q, nowWall),
    timeline: (q) => queryTimeline(database, buffer, q),
    incidents: (profileId, limit) => queryIncidents(database, buffer, profileId, limit),
    runRetention: retain,
    deleteProfile(profileId) {
      if (closed) return;
      bufferDeleteProfile(buffer, profileId);
      // Deleted now if the disk allows; otherwise it stays queued and is retried with each flush.
      write(clock.wallNow());
    },
    stats,
    health: () => ({ ok: reporter.lastError === null, error: reporter.lastError }),
    flush,
    close,
    dispose: close,
  };
}
