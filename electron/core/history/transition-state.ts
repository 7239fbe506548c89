/**
 * What the shard transition store knows about one profile between flushes:
 * the current state of every shard (so only real changes are kept), the
 * records not written yet, and when the last keyframe was written.
 */
import { HEAT_STATE_MASK, heatCode, isHeatCode } from '../../../shared/shard-heatmap';
import { MAX_TRACKED_SHARD_ID, growUint8 } from '../analytics/shard-slots';
import { TransitionBuffer } from './transition-buffer';
import { NO_SHARD } from './transition-reads';
import type { StoredState } from './transition-reads';

const NO_DATA = heatCode('no-data');
const UNKNOWN = heatCode('unknown');
const MISSING = heatCode('missing');

/** One profile's state and buffered records. */
export interface ProfileLog extends StoredState {
  pending: TransitionBuffer;
  /** Observed since the last flush (for `alive_at`). */
  touched: boolean;
}

/** Buffers one record (the store bounds the total). */
export type PushRecord = (log: ProfileLog, t: number, id: number, code: number) => void;

/** A profile nothing is known about, or where the file left it. */
export function createProfileLog(stored?: StoredState): ProfileLog {
  return {
    last: new Uint8Array(0),
    size: 0,
    keyframeAt: -Infinity,
    lastT: -Infinity,
    rowsSinceKeyframe: 0,
    ...stored,
    pending: new TransitionBuffer(),
    touched: false,
  };
}

/** Outcome of {@link logRecord}. */
export type RecordOutcome = 'kept' | 'unchanged' | 'invalid';

/** Record shard `id` in `code` at `t`, unless that changes nothing. */
export function logRecord(
  log: ProfileLog,
  t: number,
  id: number,
  code: number,
  push: PushRecord,
): RecordOutcome {
  if (!Number.isInteger(id) || id < 0 || id > MAX_TRACKED_SHARD_ID || !isHeatCode(code)) {
    return 'invalid';
  }
  log.last = growUint8(log.last, id, NO_SHARD);
  const state = code & HEAT_STATE_MASK;
  if (log.last[id] === state && code === state) return 'unchanged';
  log.last[id] = state;
  if (id >= log.size) log.size = id + 1;
  push(log, t, id, code);
  return 'kept';
}

/**
 * Every known shard becomes `no-data` at `t` (watching stopped). With
 * `keepQuiet`, shards already unknown or missing stay so (a crash gap says
 * nothing new about them).
 */
export function logStopped(log: ProfileLog, t: number, push: PushRecord, keepQuiet = false): void {
  for (let id = 0; id < log.size; id++) {
    const c = log.last[id] as number;
    if (c === NO_SHARD || c === NO_DATA) continue;
    if (keepQuiet && (c === UNKNOWN || c === MISSING)) continue;
    log.last[id] = NO_DATA;
    push(log, t, id, NO_DATA);
  }
  log.lastT = Math.max(log.lastT, t);
}

/** A keyframe is due: an hour (or the interval) passed, or many rows since the last. */
export function keyframeDue(log: ProfileLog, now: number, intervalMs: number): boolean {
  if (log.size === 0) return false;
  return (
    now - log.keyframeAt >= intervalMs || log.rowsSinceKeyframe >= Math.max(10_000, 2 * log.size)
  );
}
