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
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLOutputValue } from 'node:sqlite';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import {
  HEAT_STATE_MASK,
  MAX_SLICE_SHARDS,
  MAX_SLICE_SPAN_MS,
  heatCode,
  isHeatCode,
} from '../../../shared/shard-heatmap';
import type { Clock, TimerHandle } from '../clock';
import { cannotSaveMessage, describeDiskTrouble } from './disk-trouble';
import { MAX_TRACKED_SHARD_ID, growUint8 } from '../analytics/shard-slots';
import { HISTORY_RETENTION } from './resolution';
import { num, numOrNull } from './statements';
import { prepareTransitionStatements, prepareTransitionTables } from './shard-transitions-sql';
import type { TransitionStatements } from './shard-transitions-sql';

const HOUR = 3_600_000;
/** "No shard with this id" in the in-memory state table and in keyframes. */
const NONE = 0xff;
const NO_DATA = heatCode('no-data');
const UNKNOWN = heatCode('unknown');
const MISSING = heatCode('missing');

/** Options of {@link createShardTransitionStore}. */
export interface ShardTransitionStoreOptions {
  /** The `.sqlite` file (its folder is created); may be the history store's. `':memory:'` keeps nothing. */
  file: string;
  clock: Clock;
  /** Buffered records are committed this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Rows older than this are deleted (the newest keyframe before the cut is kept). Default 30 days. */
  retentionMs?: number;
  /** Retention runs this often (and once a minute after start). Default 1 h. */
  retentionIntervalMs?: number;
  /** A keyframe (every shard's state) is written at least this often. Default 1 h. */
  keyframeIntervalMs?: number;
  /** At most this many rows per profile; older ones go first. Default 3,000,000. */
  maxRowsPerProfile?: number;
  /** Records held in memory while the disk refuses writes; the oldest are dropped beyond it. Default 500,000. */
  maxPending?: number;
  /** How long a write waits for a lock (the thread blocks meanwhile). Default 250 ms. */
  busyTimeoutMs?: number;
  /** Told once per distinct storage problem, in a sentence fit for the user. */
  onError?: (message: string) => void;
  /** Test hook: asked inside every write transaction; `true` fails it as a full disk would. */
  faults?: { failWrites?: () => boolean };
}

/** Sizes for support and the benchmark. */
export interface ShardTransitionStats {
  rows: number;
  keyframes: number;
  pending: number;
  /** Records dropped because the buffer was full while writes failed. */
  dropped: number;
  /** Records refused: bad time, shard id or code. */
  invalid: number;
  fileBytes: number;
}

/** Handle returned by {@link createShardTransitionStore}. */
export interface ShardTransitionStore {
  /**
   * The current heatmap code (state plus marks, see shared/shard-heatmap.ts)
   * of some shards of a profile at `atWall`. Only real changes are kept: a
   * shard reported in the state it is already in, without a mark, costs
   * nothing, so callers may pass every changed shard view as is. Returns the
   * number of records kept. Never throws.
   */
  observe(
    profileId: string,
    atWall: number,
    ids: ArrayLike<number>,
    codes: ArrayLike<number>,
    count?: number,
  ): number;
  /** {@link ShardTransitionStore.observe} for one shard. */
  record(profileId: string, shardId: number, atWall: number, code: number): boolean;
  /** Watching stopped (connection closed, app quitting): every known shard becomes `no-data`. */
  markStopped(profileId: string, atWall: number): void;
  /**
   * Shards `shardLo … shardLo + shardCount − 1` over `[from, to)`: the state
   * of each at `from` and every change in the window, including records not
   * written yet.
   * @throws RangeError when the window or the shard range is not valid (say why).
   */
  slice(
    profileId: string,
    from: number,
    to: number,
    shardLo: number,
    shardCount: number,
  ): HeatmapSlice;
  /** Delete what is past retention (and past the row cap). Also runs on its own timer. */
  runRetention(nowWall: number): { deletedRows: number; deletedKeyframes: number };
  /** Forget a profile, buffered and stored. */
  deleteProfile(profileId: string): void;
  stats(): ShardTransitionStats;
  /** Commit buffered records now. False when that failed (they stay buffered). */
  flush(): boolean;
  /** Mark every profile stopped, write what is buffered, close. Idempotent. */
  close(): void;
  /** Same as {@link ShardTransitionStore.close}. */
  dispose(): void;
}

/** Growable typed-array buffer of records of one profile. */
class Pending {
  t = new Float64Array(64);
  shard = new Int32Array(64);
  code = new Uint8Array(64);
  n = 0;

  push(t: number, shard: number, code: number): void {
    if (this.n === this.t.length) {
      const size = this.n * 2;
      const t2 = new Float64Array(size);
      t2.set(this.t);
      this.t = t2;
      const s2 = new Int32Array(size);
      s2.set(this.shard);
      this.shard = s2;
      const c2 = new Uint8Array(size);
      c2.set(this.code);
      this.code = c2;
    }
    this.t[this.n] = t;
    this.shard[this.n] = shard;
    this.code[this.n] = code;
    this.n++;
  }

  /** Put the records in time order (stable) unless they already are. */
  sortByTime(): void {
    let sorted = true;
    for (let i = 1; i < this.n && sorted; i++)
      sorted = (this.t[i - 1] as number) <= (this.t[i] as number);
    if (sorted) return;
    const idx = Array.from({ length: this.n }, (_, i) => i).sort(
      (a, b) => (this.t[a] as number) - (this.t[b] as number) || a - b,
    );
    const t = Float64Array.from(idx, (i) => this.t[i] as number);
    const shard = Int32Array.from(idx, (i) => this.shard[i] as number);
    const code = Uint8Array.from(idx, (i) => this.code[i] as number);
    this.t.set(t);
    this.shard.set(shard);
    this.code.set(code);
  }

  /** Drop the oldest `k` records. */
  dropOldest(k: number): void {
    const m = Math.min(k, this.n);
    this.t.copyWithin(0, m, this.n);
    this.shard.copyWithin(0, m, this.n);
    this.code.copyWithin(0, m, this.n);
    this.n -= m;
  }
}

interface ProfileMem {
  /** Current state code per shard id; NONE = never seen. */
  last: Uint8Array<ArrayBuffer>;
  /** Ids `[0, size)` may be in use. */
  size: number;
  pending: Pending;
  /** Observed since the last flush (for `alive_at`). */
  touched: boolean;
  /** Latest record time: records are clamped to be non-decreasing. */
  lastT: number;
  keyframeAt: number;
  rowsSinceKeyframe: number;
}

function blobOf(v: SQLOutputValue | undefined): Uint8Array | null {
  return v instanceof Uint8Array ? v : null;
}

/**
 * Open (or create) the store and start its flush and retention timers. Never
 * throws for storage trouble: it is reported through `onError` and retried
 * on the next flush (a fresh connection each time, so a file the history
 * store moved aside is left alone and the new one at `file` is used).
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
  const busyTimeoutMs = Math.max(0, opts.busyTimeoutMs ?? 250);
  const inMemory = file === ':memory:';

  let db: DatabaseSync | null = null;
  let st: TransitionStatements | null = null;
  const keys = new Map<string, number>();
  const mems = new Map<string, ProfileMem>();
  const pendingDeletes = new Set<string>();
  let pendingTotal = 0;
  let dropped = 0;
  let invalid = 0;
  let closed = false;
  const reported = new Set<string>();
  let flushTimer: TimerHandle | null = null;
  let retentionTimer: TimerHandle | null = null;

  function tell(key: string, message: string): void {
    if (reported.has(key)) return;
    reported.add(key);
    try {
      opts.onError?.(message);
    } catch {
      // A throwing listener must not stop the store.
    }
  }

  function dropConnection(): void {
    const d = db;
    db = null;
    st = null;
    keys.clear();
    try {
      d?.close();
    } catch {
      // Already unusable.
    }
  }

  function ensureOpen(): boolean {
    if (db) return true;
    if (closed) return false;
    try {
      if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const d = new DatabaseSync(file, { timeout: busyTimeoutMs });
      try {
        prepareTransitionTables(d);
        st = prepareTransitionStatements(d);
      } catch (err) {
        try {
          d.close();
        } catch {
          // The open error is the one to report.
        }
        throw err;
      }
      db = d;
      return true;
    } catch (err) {
      const trouble = describeDiskTrouble(err, file);
      tell(trouble.reason, cannotSaveMessage(trouble.reason));
      return false;
    }
  }

  function onWriteError(err: unknown): void {
    const trouble = describeDiskTrouble(err, file);
    tell(trouble.reason, cannotSaveMessage(trouble.reason));
    dropConnection();
  }

  function onReadError(err: unknown): void {
    const trouble = describeDiskTrouble(err, file);
    tell(
      `read:${trouble.reason}`,
      `Shard history could not be read: ${trouble.reason}. Monitoring continues; the heatmap may have gaps.`,
    );
    dropConnection();
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

  function grow(m: ProfileMem, id: number): void {
    m.last = growUint8(m.last, id, NONE);
  }

  function pushRecord(m: ProfileMem, t: number, id: number, code: number): void {
    if (pendingTotal >= maxPending) {
      // Drop a tenth of the biggest buffer at once so this stays rare.
      let biggest: Pending | null = null;
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
  function loadMem(profileId: string): ProfileMem {
    const m: ProfileMem = {
      last: new Uint8Array(0),
      size: 0,
      pending: new Pending(),
      touched: false,
      lastT: -Infinity,
      keyframeAt: -Infinity,
      rowsSinceKeyframe: 0,
    };
    mems.set(profileId, m);
    if (!ensureOpen() || !st) return m;
    try {
      const row = st.keyOf.get(profileId);
      if (!row) return m;
      const key = num(row.key);
      keys.set(profileId, key);
      const kf = st.latestKeyframe.get(key);
      const codes = blobOf(kf?.codes);
      if (kf && codes) {
        grow(m, codes.length - 1);
        m.last.set(codes.subarray(0, Math.min(codes.length, MAX_TRACKED_SHARD_ID + 1)));
        m.size = codes.length;
        m.keyframeAt = num(kf.t);
        m.lastT = m.keyframeAt;
      }
      const rows = new Pending();
      st.collectSince(
        (t, id, code) => rows.push(t, id, code),
        key,
        kf ? num(kf.t) : Number.MIN_SAFE_INTEGER,
      );
      rows.sortByTime();
      for (let i = 0; i < rows.n; i++) {
        const t = rows.t[i] as number;
        const id = rows.shard[i] as number;
        const code = rows.code[i] as number;
        if (!(id >= 0 && id <= MAX_TRACKED_SHARD_ID) || !isHeatCode(code)) continue;
        grow(m, id);
        m.last[id] = code & HEAT_STATE_MASK;
        m.size = Math.max(m.size, id + 1);
        m.lastT = Math.max(m.lastT, t);
        m.rowsSinceKeyframe++;
      }
      const aliveAt = numOrNull(row.alive_at);
      if (aliveAt !== null) {
        const gapAt = Math.max(aliveAt, m.lastT);
        for (let id = 0; id < m.size; id++) {
          const c = m.last[id] as number;
          if (c === NONE || c === NO_DATA || c === UNKNOWN || c === MISSING) continue;
          m.last[id] = NO_DATA;
          pushRecord(m, gapAt, id, NO_DATA);
        }
        m.lastT = gapAt;
      }
    } catch (err) {
      onReadError(err);
    }
    return m;
  }

  function memFor(profileId: string): ProfileMem {
    return mems.get(profileId) ?? loadMem(profileId);
  }

  function observeOne(m: ProfileMem, t: number, id: number, code: number): boolean {
    if (!Number.isInteger(id) || id < 0 || id > MAX_TRACKED_SHARD_ID || !isHeatCode(code)) {
      invalid++;
      return false;
    }
    grow(m, id);
    const state = code & HEAT_STATE_MASK;
    if (m.last[id] === state && code === state) return false;
    m.last[id] = state;
    if (id >= m.size) m.size = id + 1;
    pushRecord(m, t, id, code);
    return true;
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
    const m = memFor(profileId);
    m.touched = true;
    const t = Math.max(Math.round(atWall), m.lastT);
    m.lastT = t;
    let kept = 0;
    const n = Math.min(count, ids.length, codes.length);
    for (let i = 0; i < n; i++) {
      if (observeOne(m, t, ids[i] as number, codes[i] as number)) kept++;
    }
    return kept;
  }

  function markStopped(profileId: string, atWall: number): void {
    if (closed || !Number.isFinite(atWall)) return;
    const m = mems.get(profileId);
    if (!m) return;
    const t = Math.max(Math.round(atWall), m.lastT);
    m.lastT = t;
    for (let id = 0; id < m.size; id++) {
      const c = m.last[id] as number;
      if (c === NONE || c === NO_DATA) continue;
      m.last[id] = NO_DATA;
      pushRecord(m, t, id, NO_DATA);
    }
    m.touched = true;
  }

  function keyframeDue(m: ProfileMem, now: number): boolean {
    if (m.size === 0) return false;
    return (
      now - m.keyframeAt >= keyframeIntervalMs ||
      m.rowsSinceKeyframe >= Math.max(10_000, 2 * m.size)
    );
  }

  /**
   * Run `work` in one write transaction. False (and told through `onError`)
   * when it or the commit failed; nothing of it is then stored.
   */
  function transaction(work: (d: DatabaseSync, s: TransitionStatements) => void): boolean {
    if (!ensureOpen() || !db || !st) return false;
    const d = db;
    try {
      d.exec('BEGIN IMMEDIATE');
      work(d, st);
      if (opts.faults?.failWrites?.()) {
        throw Object.assign(new Error('a write to the history file failed (simulated)'), {
          errcode: 13,
        });
      }
      d.exec('COMMIT');
      return true;
    } catch (err) {
      try {
        if (d.isTransaction) d.exec('ROLLBACK');
      } catch {
        // SQLite may have rolled back already.
      }
      onWriteError(err);
      return false;
    }
  }

  function persist(now: number): boolean {
    let work = pendingDeletes.size > 0;
    for (const m of mems.values()) {
      if (m.pending.n > 0 || m.touched || keyframeDue(m, now)) work = true;
    }
    if (!work) return true;
    const keyframed: ProfileMem[] = [];
    const keyframeTimes: number[] = [];
    const ok = transaction((_d, s) => {
      for (const profileId of pendingDeletes) {
        const key = keyFor(s, profileId, false);
        if (key === null) continue;
        s.deleteProfileRows.run(key);
        s.deleteProfileKeyframes.run(key);
        s.deleteProfile.run(key);
        keys.delete(profileId);
      }
      for (const [profileId, m] of mems) {
        const due = keyframeDue(m, now);
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
          keyframed.push(m);
          keyframeTimes.push(at);
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
    keyframed.forEach((m, i) => {
      m.keyframeAt = keyframeTimes[i] as number;
      m.rowsSinceKeyframe = 0;
    });
    reported.clear();
    return true;
  }

  function checkRange(from: number, to: number, shardLo: number, shardCount: number): void {
    if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) {
      throw new RangeError('The heatmap window must end after it starts (two times in ms).');
    }
    if (to - from > MAX_SLICE_SPAN_MS) {
      throw new RangeError('The heatmap window can be at most 40 days long; pick a shorter one.');
    }
    if (!Number.isSafeInteger(shardLo) || shardLo < 0) {
      throw new RangeError('The first shard of a heatmap must be a shard id (0 or more).');
    }
    if (!Number.isSafeInteger(shardCount) || shardCount < 0 || shardCount > MAX_SLICE_SHARDS) {
      throw new RangeError(`A heatmap holds 0 to ${MAX_SLICE_SHARDS} shards.`);
    }
  }

  function slice(
    profileId: string,
    fromWall: number,
    toWall: number,
    shardLo: number,
    shardCount: number,
  ): HeatmapSlice {
    checkRange(fromWall, toWall, shardLo, shardCount);
    const from = Math.floor(fromWall);
    const to = Math.ceil(toWall);
    const hi = shardLo + shardCount;
    const initial = new Uint8Array(shardCount);
    // Rows before the window (from the keyframe on) and in it, in time order.
    const before = new Pending();
    let win = new Pending();
    if (!pendingDeletes.has(profileId) && ensureOpen() && st) {
      const s = st;
      try {
        const key = keyFor(s, profileId, false);
        if (key !== null) {
          // A keyframe at `from` may hold rows at `from`, which belong to the window.
          const kf = s.keyframeAtOrBefore.get(key, from - 1);
          const codes = blobOf(kf?.codes);
          if (kf && codes) {
            const end = Math.min(hi, codes.length);
            for (let id = shardLo; id < end; id++) {
              const c = codes[id] as number;
              if (c !== NONE && isHeatCode(c)) initial[id - shardLo] = c & HEAT_STATE_MASK;
            }
          }
          const kfT = kf ? num(kf.t) : Number.MIN_SAFE_INTEGER;
          s.collectRange((t, id, code) => before.push(t, id, code), key, kfT, from, shardLo, hi);
          s.collectRange((t, id, code) => win.push(t, id, code), key, from, to, shardLo, hi);
        }
      } catch (err) {
        onReadError(err);
        initial.fill(0);
        before.n = 0;
        win = new Pending();
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
    before.sortByTime();
    for (let i = 0; i < before.n; i++) {
      const code = before.code[i] as number;
      if (isHeatCode(code)) initial[(before.shard[i] as number) - shardLo] = code & HEAT_STATE_MASK;
    }
    win.sortByTime();
    // Counting sort into rows; stable, so each row stays in time order.
    const offsets = new Uint32Array(shardCount + 1);
    let kept = 0;
    for (let i = 0; i < win.n; i++) {
      if (!isHeatCode(win.code[i] as number)) continue;
      const r = (win.shard[i] as number) - shardLo + 1;
      offsets[r] = (offsets[r] as number) + 1;
      kept++;
    }
    for (let r = 0; r < shardCount; r++)
      offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
    const cursor = offsets.slice(0, shardCount);
    const times = new Uint32Array(kept);
    const codes = new Uint8Array(kept);
    for (let i = 0; i < win.n; i++) {
      const code = win.code[i] as number;
      if (!isHeatCode(code)) continue;
      const r = (win.shard[i] as number) - shardLo;
      const k = cursor[r] as number;
      cursor[r] = k + 1;
      times[k] = (win.t[i] as number) - from;
      codes[k] = code;
    }
    return { from, to, shardLo, shardCount, initial, offsets, times, codes };
  }

  function runRetention(nowWall: number): { deletedRows: number; deletedKeyframes: number } {
    const result = { deletedRows: 0, deletedKeyframes: 0 };
    if (closed || !persist(nowWall)) return result;
    const ok = transaction((_d, s) => {
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
    if (!ok || !db) return { deletedRows: 0, deletedKeyframes: 0 };
    const d = db;
    try {
      d.exec('PRAGMA incremental_vacuum');
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

  function count(sql: 'countRows' | 'countKeyframes'): number {
    if (!db || !st) return 0;
    try {
      return num(st[sql].get()?.n);
    } catch (err) {
      onReadError(err);
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
        opts.onError?.(
          `Shard history could not be saved before closing; ${pendingTotal} recent shard state changes were discarded.`,
        );
      } catch {
        // Closing goes on regardless.
      }
    }
    mems.clear();
    pendingTotal = 0;
    dropConnection();
  }

  ensureOpen();
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
      fileBytes: inMemory ? 0 : fileSize(file) + fileSize(`${file}-wal`),
    }),
    flush: () => !closed && persist(clock.wallNow()),
    close,
    dispose: close,
  };
}
