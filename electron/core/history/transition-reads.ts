/**
 * Reading the shard transition tables back: the state a profile's shards
 * were left in (for a store that starts again), and the rows behind a
 * heatmap slice.
 */
import type { SQLOutputValue } from 'node:sqlite';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import {
  HEAT_STATE_MASK,
  MAX_SLICE_SHARDS,
  MAX_SLICE_SPAN_MS,
  isHeatCode,
} from '../../../shared/shard-heatmap';
import { MAX_TRACKED_SHARD_ID, growUint8 } from '../analytics/shard-slots';
import { num } from './statements';
import type { TransitionStatements } from './shard-transitions-sql';
import { TransitionBuffer } from './transition-buffer';

/** "No shard with this id", in the state table and in keyframes. */
export const NO_SHARD = 0xff;

function blobOf(v: SQLOutputValue | undefined): Uint8Array | null {
  return v instanceof Uint8Array ? v : null;
}

/**
 * Check what a heatmap read asks for.
 * @throws RangeError saying what is wrong with the window or the shard range.
 */
export function checkSliceRequest(
  from: number,
  to: number,
  shardLo: number,
  shardCount: number,
): void {
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

/** Where a profile's shards were left in the file. */
export interface StoredState {
  /** State code per shard id; {@link NO_SHARD} for ids never seen. */
  last: Uint8Array<ArrayBuffer>;
  /** Ids `[0, size)` may be in use. */
  size: number;
  /** Time of the newest keyframe (−∞ without one). */
  keyframeAt: number;
  /** Time of the newest row or keyframe. */
  lastT: number;
  rowsSinceKeyframe: number;
}

/** The newest keyframe of a profile plus every row after it. */
export function readStoredState(st: TransitionStatements, key: number): StoredState {
  const out: StoredState = {
    last: new Uint8Array(0),
    size: 0,
    keyframeAt: -Infinity,
    lastT: -Infinity,
    rowsSinceKeyframe: 0,
  };
  const kf = st.latestKeyframe.get(key);
  const codes = blobOf(kf?.codes);
  if (kf && codes) {
    const n = Math.min(codes.length, MAX_TRACKED_SHARD_ID + 1);
    out.last = growUint8(out.last, n - 1, NO_SHARD);
    out.last.set(codes.subarray(0, n));
    out.size = n;
    out.keyframeAt = num(kf.t);
    out.lastT = out.keyframeAt;
  }
  const rows = new TransitionBuffer();
  st.collectSince(
    (t, id, code) => rows.push(t, id, code),
    key,
    kf ? out.keyframeAt : Number.MIN_SAFE_INTEGER,
  );
  rows.sortByTime();
  for (let i = 0; i < rows.n; i++) {
    const id = rows.shard[i] as number;
    const code = rows.code[i] as number;
    if (!(id >= 0 && id <= MAX_TRACKED_SHARD_ID) || !isHeatCode(code)) continue;
    out.last = growUint8(out.last, id, NO_SHARD);
    out.last[id] = code & HEAT_STATE_MASK;
    out.size = Math.max(out.size, id + 1);
    out.lastT = Math.max(out.lastT, rows.t[i] as number);
    out.rowsSinceKeyframe++;
  }
  return out;
}

/**
 * The stored part of a slice: the keyframe at or before the window into
 * `initial`, the rows between it and `from` into `before`, the rows of
 * `[from, to)` into `win` (shards `[lo, hi)` only).
 */
export function readSliceRows(
  st: TransitionStatements,
  key: number,
  window: { from: number; to: number; lo: number; hi: number },
  initial: Uint8Array,
  before: TransitionBuffer,
  win: TransitionBuffer,
): void {
  const { from, to, lo, hi } = window;
  // A keyframe at `from` may hold rows at `from`, which belong to the window.
  const kf = st.keyframeAtOrBefore.get(key, from - 1);
  const codes = blobOf(kf?.codes);
  if (kf && codes) {
    const end = Math.min(hi, codes.length);
    for (let id = lo; id < end; id++) {
      const c = codes[id] as number;
      if (c !== NO_SHARD && isHeatCode(c)) initial[id - lo] = c & HEAT_STATE_MASK;
    }
  }
  const kfT = kf ? num(kf.t) : Number.MIN_SAFE_INTEGER;
  st.collectRange((t, id, code) => before.push(t, id, code), key, kfT, from, lo, hi);
  st.collectRange((t, id, code) => win.push(t, id, code), key, from, to, lo, hi);
}

/**
 * The slice from its parts: `before` replayed onto `initial`, `win` split
 * into rows by a stable counting sort (each row stays in time order).
 */
export function assembleSlice(
  window: { from: number; to: number; lo: number; count: number },
  initial: Uint8Array,
  before: TransitionBuffer,
  win: TransitionBuffer,
): HeatmapSlice {
  const { from, to, lo, count } = window;
  before.sortByTime();
  for (let i = 0; i < before.n; i++) {
    const code = before.code[i] as number;
    if (isHeatCode(code)) initial[(before.shard[i] as number) - lo] = code & HEAT_STATE_MASK;
  }
  win.sortByTime();
  const offsets = new Uint32Array(count + 1);
  let kept = 0;
  for (let i = 0; i < win.n; i++) {
    if (!isHeatCode(win.code[i] as number)) continue;
    const r = (win.shard[i] as number) - lo + 1;
    offsets[r] = (offsets[r] as number) + 1;
    kept++;
  }
  for (let r = 0; r < count; r++)
    offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
  const cursor = offsets.slice(0, count);
  const times = new Uint32Array(kept);
  const codes = new Uint8Array(kept);
  for (let i = 0; i < win.n; i++) {
    const code = win.code[i] as number;
    if (!isHeatCode(code)) continue;
    const r = (win.shard[i] as number) - lo;
    const k = cursor[r] as number;
    cursor[r] = k + 1;
    times[k] = (win.t[i] as number) - from;
    codes[k] = code;
  }
  return {
    from,
    to,
    shardLo: lo,
    shardCount: count,
    initial: initial as Uint8Array,
    offsets,
    times,
    codes,
  };
}
