/**
 * The write side of history: what the monitor records is buffered in memory
 * and committed in one transaction per flush (a burst of pings costs one
 * fsync), together with the rollups of buckets that closed. While the disk
 * refuses writes the buffer holds on, bounded, and the oldest entries go
 * first.
 */
import type { Incident } from '../../../shared/incident-model';
import type { ShardState } from '../../../shared/live-status';
import type { TimelineEvent } from '../../../shared/profile-detail';
import type { HistoryDatabase, HistoryFaults, Watermarks } from './database';
import { HISTORY_RETENTION } from './resolution';
import { closedMinute, floorTo, HOUR, MINUTE, rollup, rollupRange } from './rollups';
import type { TroubleReporter } from './disk-trouble';
import type { Statements } from './statements';

/** Timeline events held in memory while the disk refuses writes. */
const MAX_BUFFERED_EVENTS = 10_000;

/** A ping result waiting to be written. */
export interface PendingSample {
  profileId: string;
  t: number;
  rtt: number | null;
  /** Answered while the app could not time it honestly (never with a lost ping). */
  disturbed: boolean;
}

/** A timeline entry waiting to be written. */
export interface PendingEvent {
  profileId: string;
  t: number;
  kind: TimelineEvent['kind'];
  text: string;
  shardId: number | null;
  fromState: ShardState | null;
  toState: ShardState | null;
}

/** Everything recorded and not written yet, and what was dropped or refused. */
export interface WriteBuffer {
  samples: PendingSample[];
  events: PendingEvent[];
  readonly incidents: Map<string, Incident>;
  readonly deletes: Set<string>;
  droppedSamples: number;
  droppedEvents: number;
  invalidSamples: number;
}

/** Create an empty buffer. */
export function createWriteBuffer(): WriteBuffer {
  return {
    samples: [],
    events: [],
    incidents: new Map(),
    deletes: new Set(),
    droppedSamples: 0,
    droppedEvents: 0,
    invalidSamples: 0,
  };
}

/** Forget everything buffered (after a commit, or when closing). */
export function clearBuffer(b: WriteBuffer): void {
  b.samples = [];
  b.events = [];
  b.incidents.clear();
  b.deletes.clear();
}

/** Buffer one ping result; `maxSamples` bounds the buffer (oldest dropped). */
export function bufferPing(
  b: WriteBuffer,
  maxSamples: number,
  profileId: string,
  atWall: number,
  rttMs: number | null,
  disturbed = false,
): void {
  if (!Number.isFinite(atWall) || (rttMs !== null && !(Number.isFinite(rttMs) && rttMs >= 0))) {
    b.invalidSamples++;
    return;
  }
  b.samples.push({
    profileId,
    t: Math.round(atWall),
    rtt: rttMs,
    disturbed: disturbed && rttMs !== null,
  });
  if (b.samples.length > maxSamples) {
    const excess = b.samples.length - maxSamples;
    b.samples.splice(0, excess);
    b.droppedSamples += excess;
  }
}

/** Buffer one timeline entry (oldest dropped beyond the limit). */
export function bufferEvent(b: WriteBuffer, e: PendingEvent): void {
  b.events.push(e);
  if (b.events.length > MAX_BUFFERED_EVENTS) {
    const excess = b.events.length - MAX_BUFFERED_EVENTS;
    b.events.splice(0, excess);
    b.droppedEvents += excess;
  }
}

/** Drop what is buffered for a profile and queue the deletion of what is stored. */
export function bufferDeleteProfile(b: WriteBuffer, profileId: string): void {
  b.samples = b.samples.filter((x) => x.profileId !== profileId);
  b.events = b.events.filter((e) => e.profileId !== profileId);
  for (const [id, i] of b.incidents) if (i.profileId === profileId) b.incidents.delete(id);
  b.deletes.add(profileId);
}

function deleteProfileRows(database: HistoryDatabase, s: Statements, profileId: string): void {
  const key = database.keyFor(s, profileId, false);
  if (key === null) return;
  s.deleteProfileSamples.run(key);
  s.deleteProfileMinute.run(key);
  s.deleteProfileHour.run(key);
  s.deleteProfileEvents.run(key);
  s.deleteProfileIncidents.run(key);
  s.deleteProfileRow.run(key);
  database.forgetKey(profileId);
}

/**
 * Write all buffered data and roll up, in one transaction. Returns false when
 * the write failed (everything stays buffered and the user is told).
 */
export function persist(
  database: HistoryDatabase,
  b: WriteBuffer,
  now: number,
  faults: HistoryFaults,
  reporter: TroubleReporter,
): boolean {
  const hasWork =
    b.samples.length > 0 || b.events.length > 0 || b.incidents.size > 0 || b.deletes.size > 0;
  const closeMinute = closedMinute(now);
  if (!hasWork && (database.current() === null || closeMinute <= database.rolledUpTo)) return true;
  const open = database.open();
  if (!open) return false;
  const { db: d, st: s } = open;
  try {
    d.exec('BEGIN IMMEDIATE');
    for (const profileId of b.deletes) deleteProfileRows(database, s, profileId);

    // Samples stamped before a profile's watermark land in buckets that are
    // already rolled up; remember those buckets and recompute them.
    const marks = new Map<number, Watermarks>();
    const dirty: Array<[key: number, width: number, start: number]> = [];
    const seen = new Set<string>();
    const markDirty = (key: number, width: number, start: number): void => {
      const id = `${key}:${width}:${start}`;
      if (seen.has(id)) return;
      seen.add(id);
      dirty.push([key, width, start]);
    };
    for (const x of b.samples) {
      const key = database.keyFor(s, x.profileId, true) as number;
      let m = marks.get(key);
      if (!m) {
        m = database.watermarks(s, key);
        marks.set(key, m);
      }
      s.insertSample.run(key, x.t, x.rtt, x.disturbed ? 1 : 0);
      if (m.minute !== null && x.t < m.minute) markDirty(key, MINUTE, floorTo(x.t, MINUTE));
      if (m.hour !== null && x.t < m.hour) markDirty(key, HOUR, floorTo(x.t, HOUR));
    }
    for (const e of b.events) {
      const key = database.keyFor(s, e.profileId, true) as number;
      s.insertEvent.run(key, e.t, e.kind, e.shardId, e.text, e.fromState, e.toState);
    }
    for (const i of b.incidents.values()) {
      const key = database.keyFor(s, i.profileId, true) as number;
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
    const rawComplete = now - HISTORY_RETENTION.rawMs;
    for (const [key, width, start] of dirty) {
      // Older buckets have lost their other raw samples to retention;
      // recomputing them from what is left would make them wrong.
      if (start >= rawComplete) rollupRange(s, key, start, start + width, width);
    }
    // Fails at the last moment, after every statement ran, like a full disk at commit.
    if (faults.failWrites?.()) throw new Error('a write to the history file failed (simulated)');
    d.exec('COMMIT');
  } catch (err) {
    database.rollback(d);
    database.writeFailed(err);
    return false;
  }
  clearBuffer(b);
  database.rolledUpTo = Math.max(database.rolledUpTo, closeMinute);
  reporter.recovered();
  return true;
}
