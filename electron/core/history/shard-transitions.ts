/**
 * Per-shard state history for the shard × time heatmap (docs/analytics.md):
 * state changes and restarts, never samples, in SQLite through `node:sqlite`
 * like the rest of history. A 10,000-shard bot whose shards change state a
 * few times a day writes a few rows a minute; a read of 24 h of every shard
 * returns a {@link HeatmapSlice} (typed arrays, no object per shard).
 *
 * Writes are buffered in typed arrays and committed once per flush interval
 * in one transaction; a failing disk costs history, never monitoring.
 * Retention follows the other timeline history (30 days). The store owns its
 * connection and tables, so it can share the history store's file (WAL lets
 * both write in turn) or use a file of its own.
 */
import fs from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { TimerHandle } from '../../../shared/clock';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import { createHistoryDatabase } from './database';
import { createTroubleReporter, UNKNOWN_REASON } from './disk-trouble';
import { HISTORY_RETENTION } from './resolution';
import { num, numOrNull } from './statements';
import { prepareTransitionStatements, prepareTransitionTables } from './shard-transitions-sql';
import type { TransitionStatements } from './shard-transitions-sql';
import { TransitionBuffer } from './transition-buffer';
import {
  assembleSlice,
  checkSliceRequest,
  readSliceRows,
  readStoredState,
} from './transition-reads';
import { createProfileLog, keyframeDue, logRecord, logStopped } from './transition-state';
import type { ProfileLog } from './transition-state';

const HOUR = 3_600_000;

export type {
  ShardTransitionStats,
  ShardTransitionStore,
  ShardTransitionStoreOptions,
} from './shard-transitions-types';
import type { ShardTransitionStore, ShardTransitionStoreOptions } from './shard-transitions-types';

/** An open connection with the transition tables and statements on it. */
interface Conn {
  db: DatabaseSync;
  st: TransitionStatements;
}

/**
 * Open (or create) the store and start its flush and retention timers. The
 * file is opened like the history store's (folder and file owner-only, a
 * damaged file moved aside); the transition tables are added to it. Never
 * throws for storage trouble: it is told through `onError` and retried on
 * the next flush.
 */
export function createShardTransitionStore(
  opts: ShardTransitionStoreOptions,
): ShardTransitionStore {
  const { file, clock } = opts;
  const flushIntervalMs = Math.max(1, opts.flushIntervalMs ?? 1000);
  const retentionMs = Math.max(1, opts.retentionMs ?? HISTORY_RETENTION.eventsMs);
  const retentionIntervalMs = Math.max(1, opts.retentionIntervalMs ?? HOUR);
  const keyframeIntervalMs = Math.max(1, opts.keyframeIntervalMs ?? HOUR);
  const maxRows = Math.max(1, Math.floor(opts.maxRowsPerProfile ?? 3_000_000));
  const maxPending = Math.max(1, Math.floor(opts.maxPending ?? 500_000));
  const faults = opts.faults ?? {};
  const reporter = createTroubleReporter(opts.onError, opts.onRecovered);
  const database = createHistoryDatabase({
    file,
    clock,
    busyTimeoutMs: Math.max(0, opts.busyTimeoutMs ?? 250),
    faults,
    reporter,
  });

  let conn: Conn | null = null;
  const keys = new Map<string, number>();
  const mems = new Map<string, ProfileLog>();
  const pendingDeletes = new Set<string>();
  let pendingTotal = 0;
  let dropped = 0;
  let invalid = 0;
  let closed = false;
  let flushTimer: TimerHandle | null = null;
  let retentionTimer: TimerHandle | null = null;

  /** The connection with the transition tables on it; a new one gets them first. */
  function open(): Conn | null {
    if (closed) return null;
    const o = database.open();
    if (!o) return null;
    if (conn?.db === o.db) return conn;
    try {
      prepareTransitionTables(o.db);
      conn = { db: o.db, st: prepareTransitionStatements(o.db) };
      keys.clear();
      return conn;
    } catch (err) {
      conn = null;
      database.writeFailed(err);
      return null;
    }
  }

  function keyFor(s: TransitionStatements, profileId: string, create: boolean): number | null {
    const cached = keys.get(profileId);
    if (cached !== undefined) return cached;
    const row = s.keyOf.get(profileId);
    let key: number | null = row ? num(row.key) : null;
    if (key === null && create) key = num(s.insertProfile.run(profileId).lastInsertRowid);
    if (key !== null) keys.set(profileId, key);
    return key;
  }

  /**
   * Run `work` in one write transaction. False (and told) when it or the
   * commit failed; nothing of it is then stored.
   */
  function transaction(work: (s: TransitionStatements) => void): boolean {
    const c = open();
    if (!c) return false;
    try {
      c.db.exec('BEGIN IMMEDIATE');
      work(c.st);
      if (faults.failWrites?.()) {
        throw Object.assign(new Error('a write to the history file failed (simulated)'), {
          errcode: 13,
        });
      }
      c.db.exec('COMMIT');
      reporter.recovered();
      return true;
    } catch (err) {
      database.rollback(c.db);
      // Keys inserted inside the rolled-back transaction no longer exist.
      keys.clear();
      database.writeFailed(err);
      return false;
    }
  }

  function pushRecord(m: ProfileLog, t: number, id: number, code: number): void {
    if (pendingTotal >= maxPending) {
      // Drop a tenth of the biggest buffer at once so this stays rare.
      let biggest: TransitionBuffer | null = null;
      for (const x of mems.values()) if (!biggest || x.pending.n > biggest.n) biggest = x.pending;
      if (biggest) {
        const k = Math.max(1, Math.ceil(biggest.n / 10));
        biggest.dropOldest(k);
        pendingTotal -= k;
        dropped += k;
      }
    }
    m.pending.push(t, id, code);
    pendingTotal++;
    m.rowsSinceKeyframe++;
  }

  /**
   * The stored state of a profile, read once when it is first seen in this
   * session: the dedupe table starts where the file left off. A profile left
   * without a clean stop (a crash) gets `no-data` at its last alive time, so
   * the heatmap shows the gap instead of carrying the old states through it.
   */
  function loadMem(profileId: string): ProfileLog {
    let m = createProfileLog();
    mems.set(profileId, m);
    const c = open();
    if (!c) return m;
    try {
      const row = c.st.keyOf.get(profileId);
      if (!row) return m;
      const key = num(row.key);
      keys.set(profileId, key);
      m = createProfileLog(readStoredState(c.st, key));
      mems.set(profileId, m);
      const aliveAt = numOrNull(row.alive_at);
      if (aliveAt !== null) logStopped(m, Math.max(aliveAt, m.lastT), pushRecord, true);
    } catch (err) {
      database.readFailed(err);
    }
    return m;
  }

  function observe(
    profileId: string,
    atWall: number,
    ids: ArrayLike<number>,
    codes: ArrayLike<number>,
    count = Math.min(ids.length, codes.length),
  ): number {
    if (closed) return 0;
    if (!Number.isFinite(atWall)) {
      invalid += count;
      return 0;
    }
    if (pendingDeletes.has(profileId)) return 0;
    const m = mems.get(profileId) ?? loadMem(profileId);
    m.touched = true;
    const t = Math.max(Math.round(atWall), m.lastT);
    m.lastT = t;
    let kept = 0;
    const n = Math.min(count, ids.length, codes.length);
    for (let i = 0; i < n; i++) {
      const outcome = logRecord(m, t, ids[i] as number, codes[i] as number, pushRecord);
      if (outcome === 'kept') kept++;
      else if (outcome === 'invalid') invalid++;
    }
    return kept;
  }

  function markStopped(profileId: string, atWall: number): void {
    if (closed || !Number.isFinite(atWall)) return;
    const m = mems.get(profileId);
    if (!m) return;
    logStopped(m, Math.max(Math.round(atWall), m.lastT), pushRecord);
    m.touched = true;
  }

  function persist(now: number): boolean {
    let work = pendingDeletes.size > 0;
    for (const m of mems.values()) {
      if (m.pending.n > 0 || m.touched || keyframeDue(m, now, keyframeIntervalMs)) work = true;
    }
    if (!work) return true;
    const keyframed: Array<[ProfileLog, number]> = [];
    const ok = transaction((s) => {
      for (const profileId of pendingDeletes) {
        const key = keyFor(s, profileId, false);
        if (key === null) continue;
        s.deleteProfileRows.run(key);
        s.deleteProfileKeyframes.run(key);
        s.deleteProfile.run(key);
        keys.delete(profileId);
      }
      for (const [profileId, m] of mems) {
        const due = keyframeDue(m, now, keyframeIntervalMs);
        if (m.pending.n === 0 && !m.touched && !due) continue;
        const key = keyFor(s, profileId, true) as number;
        const p = m.pending;
        for (let i = 0; i < p.n; i++) {
          s.upsert.run(key, p.t[i] as number, p.shard[i] as number, p.code[i] as number);
        }
        if (m.touched) s.setAlive.run(Math.round(now), key);
        if (due) {
          // A keyframe at K holds the records up to K. A record in the same
          // millisecond written later merges into that shard's row at K, so
          // replaying the rows from K on (not after K) stays exact.
          const at = Math.max(Math.round(now), m.lastT);
          s.upsertKeyframe.run(key, at, m.last.subarray(0, m.size));
          keyframed.push([m, at]);
        }
      }
    });
    if (!ok) return false;
    pendingDeletes.clear();
    for (const m of mems.values()) {
      m.pending.n = 0;
      m.touched = false;
    }
    pendingTotal = 0;
    for (const [m, at] of keyframed) {
      m.keyframeAt = at;
      m.rowsSinceKeyframe = 0;
    }
    return true;
  }

  function slice(
    profileId: string,
    fromWall: number,
    toWall: number,
    shardLo: number,
    shardCount: number,
  ): HeatmapSlice {
    checkSliceRequest(fromWall, toWall, shardLo, shardCount);
    const from = Math.floor(fromWall);
    const to = Math.ceil(toWall);
    const hi = shardLo + shardCount;
    const initial = new Uint8Array(shardCount);
    let before = new TransitionBuffer();
    let win = new TransitionBuffer();
    const c = pendingDeletes.has(profileId) ? null : open();
    if (c) {
      try {
        const key = keyFor(c.st, profileId, false);
        if (key !== null) {
          readSliceRows(c.st, key, { from, to, lo: shardLo, hi }, initial, before, win);
        }
      } catch (err) {
        database.readFailed(err);
        initial.fill(0);
        before = new TransitionBuffer();
        win = new TransitionBuffer();
      }
    }
    // Buffered records are newer than anything stored (times never go back).
    const p = mems.get(profileId)?.pending;
    if (p) {
      for (let i = 0; i < p.n; i++) {
        const id = p.shard[i] as number;
        if (id < shardLo || id >= hi) continue;
        const t = p.t[i] as number;
        if (t < from) before.push(t, id, p.code[i] as number);
        else if (t < to) win.push(t, id, p.code[i] as number);
      }
    }
    return assembleSlice({ from, to, lo: shardLo, count: shardCount }, initial, before, win);
  }

  function runRetention(nowWall: number): { deletedRows: number; deletedKeyframes: number } {
    const result = { deletedRows: 0, deletedKeyframes: 0 };
    if (closed || !persist(nowWall)) return result;
    const ok = transaction((s) => {
      for (const row of s.allProfiles.all()) {
        const key = num(row.key);
        let cut = nowWall - retentionMs;
        const capped = s.nthNewest.get(key, maxRows);
        if (capped) cut = Math.max(cut, num(capped.t) + 1);
        // Keep the newest keyframe before the cut and everything after it,
        // so the state at every kept moment can still be replayed.
        const kf = s.keyframeAtOrBefore.get(key, cut);
        if (!kf) continue;
        const kfT = num(kf.t);
        result.deletedRows += Number(s.deleteBefore.run(key, kfT).changes);
        result.deletedKeyframes += Number(s.deleteKeyframesBefore.run(key, kfT).changes);
      }
    });
    if (!ok) return { deletedRows: 0, deletedKeyframes: 0 };
    try {
      conn?.db.exec('PRAGMA incremental_vacuum');
    } catch {
      // Freed pages are reused by later inserts anyway.
    }
    return result;
  }

  function deleteProfile(profileId: string): void {
    if (closed) return;
    const m = mems.get(profileId);
    if (m) pendingTotal -= m.pending.n;
    mems.delete(profileId);
    pendingDeletes.add(profileId);
    persist(clock.wallNow());
  }

  function count(which: 'countRows' | 'countKeyframes'): number {
    const c = database.current() ? conn : null;
    if (!c) return 0;
    try {
      return num(c.st[which].get()?.n);
    } catch (err) {
      database.readFailed(err);
      return 0;
    }
  }

  function fileSize(p: string): number {
    try {
      return fs.statSync(p).size;
    } catch {
      return 0;
    }
  }

  function scheduleFlush(): void {
    flushTimer = clock.setTimeout(() => {
      flushTimer = null;
      persist(clock.wallNow());
      if (!closed) scheduleFlush();
    }, flushIntervalMs);
  }

  function scheduleRetention(delayMs: number): void {
    retentionTimer = clock.setTimeout(() => {
      retentionTimer = null;
      runRetention(clock.wallNow());
      if (!closed) scheduleRetention(retentionIntervalMs);
    }, delayMs);
  }

  function close(): void {
    if (closed) return;
    clock.clearTimeout(flushTimer);
    clock.clearTimeout(retentionTimer);
    flushTimer = null;
    retentionTimer = null;
    const now = clock.wallNow();
    for (const profileId of mems.keys()) markStopped(profileId, now);
    const saved = persist(now);
    closed = true;
    if (!saved && pendingTotal > 0) {
      try {
        opts.onError?.({
          key: 'disk.shardsLostOnClose',
          params: { reason: reporter.lastReason ?? UNKNOWN_REASON, count: pendingTotal },
        });
      } catch {
        // Closing goes on regardless.
      }
    }
    mems.clear();
    pendingTotal = 0;
    conn = null;
    database.close();
  }

  open();
  scheduleFlush();
  scheduleRetention(Math.min(retentionIntervalMs, 60_000));

  return {
    observe,
    record: (profileId, shardId, atWall, code) =>
      observe(profileId, atWall, [shardId], [code], 1) === 1,
    markStopped,
    slice,
    runRetention,
    deleteProfile,
    stats: () => ({
      rows: count('countRows'),
      keyframes: count('countKeyframes'),
      pending: pendingTotal,
      dropped,
      invalid,
      fileBytes: database.inMemory ? 0 : fileSize(file) + fileSize(`${file}-wal`),
    }),
    health: () => ({ ok: reporter.lastError === null, error: reporter.lastError }),
    flush: () => !closed && persist(clock.wallNow()),
    close,
    dispose: close,
  };
}
