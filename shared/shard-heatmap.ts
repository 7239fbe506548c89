/**
 * The shard × time heatmap's data: per-shard state changes over a time
 * window in a compact, typed-array form (docs/analytics.md "Heatmap data").
 * The history store produces it, the renderer draws it, the incident report
 * turns it into SVG; all three share the codes and the replay below.
 *
 * A slice covers the shards `shardLo … shardLo + shardCount − 1` (one row
 * each) over `[from, to)`. Row `r` starts in state `initial[r]` and changes at
 * the transitions `offsets[r] … offsets[r + 1] − 1`, each a time
 * (`times`, ms after `from`, ascending within the row) and a code (`codes`:
 * the state after it in the low 4 bits, marks above). No object per shard or
 * per transition: 10,000 shards with a day of changes is a few hundred KiB.
 */
import type { Checked } from './validate';
import { fail, isRecord, ok } from './validate';

/**
 * Every state a heatmap cell can record, in code order (index = code).
 * `unknown` = nothing recorded yet; `missing` = expected but not reported
 * (or no longer reported); `one-way` and `silent` are the named failures of
 * docs/analytics.md; the rest are the shard health states of the grid.
 */
export const HEAT_STATES = [
  'unknown',
  'up',
  'degraded',
  'down',
  'no-data',
  'dev',
  'missing',
  'one-way',
  'silent',
] as const;
/** One heatmap state. */
export type HeatState = (typeof HEAT_STATES)[number];

/** The state bits of a transition code. */
export const HEAT_STATE_MASK = 0x0f;
/** Mark: the shard's `shard_hash` changed at this moment (the gateway registered it again). */
export const MARK_RESTART = 0x10;
/**
 * Mark: not an observed change but the state carried over when older rows
 * were deleted by retention, so the state at any kept moment stays known.
 */
export const MARK_BASELINE = 0x40;
const KNOWN_BITS = HEAT_STATE_MASK | MARK_RESTART | MARK_BASELINE;

/** Longest window a slice may span: times are `Uint32` ms after `from` (≈ 49.7 days). */
export const MAX_SLICE_SPAN_MS = 40 * 24 * 3_600_000;
/** Most rows one slice may hold. */
export const MAX_SLICE_SHARDS = 1 << 20;
/** Most transitions one slice may hold (the encoder and validator refuse more). */
export const MAX_SLICE_TRANSITIONS = 1 << 24;

const CODE_OF: Readonly<Record<HeatState, number>> = Object.fromEntries(
  HEAT_STATES.map((s, i) => [s, i]),
) as Record<HeatState, number>;

/** Code of a state, with marks OR-ed in. */
export function heatCode(state: HeatState, marks = 0): number {
  return CODE_OF[state] | (marks & ~HEAT_STATE_MASK & KNOWN_BITS);
}

/** State of a code (marks ignored); `unknown` for a code outside the table. */
export function heatState(code: number): HeatState {
  return HEAT_STATES[code & HEAT_STATE_MASK] ?? 'unknown';
}

/** Whether a value is a valid heatmap code (a known state and known marks only). */
export function isHeatCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    (code & ~KNOWN_BITS) === 0 &&
    (code & HEAT_STATE_MASK) < HEAT_STATES.length
  );
}

/**
 * What one drawn cell (a span of time of one or more shards) shows: the
 * worst thing that happened in it, so a 30-second outage stays visible in a
 * 10-minute column. Index = rank; later entries win. `restart` shows a
 * column holding a restart when nothing worse than `dev` happened in it.
 */
export const HEAT_CELLS = [
  'unknown',
  'up',
  'dev',
  'restart',
  'no-data',
  'missing',
  'degraded',
  'silent',
  'one-way',
  'down',
] as const;
/** One cell kind of the drawn heatmap. */
export type HeatCell = (typeof HEAT_CELLS)[number];

/** Rank (index into {@link HEAT_CELLS}) of each state code. */
export const STATE_RANK: Readonly<Uint8Array> = Uint8Array.from(HEAT_STATES, (s) =>
  HEAT_CELLS.indexOf(s),
);
/** Rank of a restart mark. */
export const RESTART_RANK = HEAT_CELLS.indexOf('restart');

/** Per-shard state changes over a window (see the module comment). */
export interface HeatmapSlice {
  /** Wall ms, inclusive. */
  from: number;
  /** Wall ms, exclusive. */
  to: number;
  /** Shard id of row 0. */
  shardLo: number;
  /** Rows: shard ids `shardLo … shardLo + shardCount − 1`. */
  shardCount: number;
  /** State code of each row at `from` (marks cleared). */
  initial: Uint8Array;
  /** Row `r`'s transitions are `[offsets[r], offsets[r + 1])`; length `shardCount + 1`. */
  offsets: Uint32Array;
  /** Ms after `from`, ascending within each row, each `< to − from`. */
  times: Uint32Array;
  /** State code (low 4 bits) and marks of each transition. */
  codes: Uint8Array;
}

/** A slice with every row `unknown` and no transitions. */
export function emptySlice(from: number, to: number, shardLo: number, count: number): HeatmapSlice {
  return {
    from,
    to,
    shardLo,
    shardCount: count,
    initial: new Uint8Array(count),
    offsets: new Uint32Array(count + 1),
    times: new Uint32Array(0),
    codes: new Uint8Array(0),
  };
}

/**
 * Builds a slice from rows delivered in (shard, time) order, as an indexed
 * SQL query returns them. Call `setInitial` in any order, `push` in order,
 * then `finish` once.
 */
export interface HeatmapSliceBuilder {
  setInitial(shardId: number, code: number): void;
  /** Ignored (and counted) when out of range, out of order or not a valid code. */
  push(shardId: number, atWall: number, code: number): void;
  /** Transitions refused by `push`. */
  readonly rejected: number;
  finish(): HeatmapSlice;
}

/** Start building a slice of `count` rows from `shardLo` over `[from, to)`. */
export function createSliceBuilder(
  from: number,
  to: number,
  shardLo: number,
  count: number,
): HeatmapSliceBuilder {
  const initial = new Uint8Array(count);
  const offsets = new Uint32Array(count + 1);
  let times = new Uint32Array(256);
  let codes = new Uint8Array(256);
  let n = 0;
  let row = 0;
  let lastT = -1;
  let rejected = 0;
  const span = to - from;
  return {
    setInitial(shardId, code) {
      const r = shardId - shardLo;
      if (r >= 0 && r < count && isHeatCode(code)) initial[r] = code & HEAT_STATE_MASK;
    },
    push(shardId, atWall, code) {
      const r = shardId - shardLo;
      const dt = Math.round(atWall - from);
      if (r < 0 || r >= count || r < row || !(dt >= 0 && dt < span) || !isHeatCode(code)) {
        rejected++;
        return;
      }
      if (r > row) {
        for (let k = row + 1; k <= r; k++) offsets[k] = n;
        row = r;
        lastT = -1;
      }
      if (dt < lastT) {
        rejected++;
        return;
      }
      if (n === times.length) {
        const t2 = new Uint32Array(n * 2);
        t2.set(times);
        times = t2;
        const c2 = new Uint8Array(n * 2);
        c2.set(codes);
        codes = c2;
      }
      times[n] = dt;
      codes[n] = code;
      n++;
      lastT = dt;
    },
    get rejected() {
      return rejected;
    },
    finish() {
      for (let k = row + 1; k <= count; k++) offsets[k] = n;
      return {
        from,
        to,
        shardLo,
        shardCount: count,
        initial,
        offsets,
        times: times.slice(0, n),
        codes: codes.slice(0, n),
      };
    },
  };
}

/** Index of the last transition of row `row` at or before `dt` (ms after `from`), or -1. */
function lastAtOrBefore(slice: HeatmapSlice, row: number, dt: number): number {
  let lo = slice.offsets[row] as number;
  let hi = (slice.offsets[row + 1] as number) - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((slice.times[mid] as number) <= dt) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** State code (no marks) of row `row` at wall time `at`; `initial` before `from`. */
export function rowStateAt(slice: HeatmapSlice, row: number, at: number): number {
  if (row < 0 || row >= slice.shardCount) return 0;
  const k = lastAtOrBefore(slice, row, Math.floor(at - slice.from));
  return k < 0 ? (slice.initial[row] as number) : (slice.codes[k] as number) & HEAT_STATE_MASK;
}

/**
 * The state of every row at wall time `at` (the scrubber's replay): one
 * binary search per row. Writes into `out` when given (length ≥ rows).
 */
export function statesAt(slice: HeatmapSlice, at: number, out?: Uint8Array): Uint8Array {
  const res = out ?? new Uint8Array(slice.shardCount);
  for (let r = 0; r < slice.shardCount; r++) res[r] = rowStateAt(slice, r, at);
  return res;
}

/** Restarts of row `row` within `[a, b)` (wall ms). */
export function rowRestarts(slice: HeatmapSlice, row: number, a: number, b: number): number {
  if (row < 0 || row >= slice.shardCount) return 0;
  let count = 0;
  const da = a - slice.from;
  const db = b - slice.from;
  for (let k = slice.offsets[row] as number; k < (slice.offsets[row + 1] as number); k++) {
    const t = slice.times[k] as number;
    if (t >= da && t < db && ((slice.codes[k] as number) & MARK_RESTART) !== 0) count++;
  }
  return count;
}

/**
 * The cells of row `row` cut into `columns` equal spans of `[from, to)`:
 * each gets the highest {@link HEAT_CELLS} rank of what happened in it.
 * With `accumulate`, ranks are max-ed into what `out` already holds (several
 * shards in one drawn row); otherwise `out` is overwritten. O(columns +
 * transitions of the row).
 */
export function rowCells(
  slice: HeatmapSlice,
  row: number,
  columns: number,
  out: Uint8Array,
  accumulate = false,
): void {
  if (!accumulate) out.fill(0, 0, columns);
  if (row < 0 || row >= slice.shardCount || columns <= 0) return;
  const span = slice.to - slice.from;
  if (!(span > 0)) return;
  // Integer products, then one division: times are whole milliseconds, so a time on a column
  // boundary lands exactly in the later column (columns / span first can round it down).
  const colOf = (t: number): number => Math.floor((t * columns) / span);
  let state = slice.initial[row] as number;
  let start = 0;
  const end = slice.offsets[row + 1] as number;
  const fillSpan = (a: number, b: number, rank: number): void => {
    // Columns touched by [a, b): every column from a's to (b − ε)'s.
    const c0 = Math.min(columns - 1, colOf(a));
    const c1 = Math.min(columns - 1, Math.max(c0, Math.ceil((b * columns) / span) - 1));
    for (let c = c0; c <= c1; c++) if ((out[c] as number) < rank) out[c] = rank;
  };
  for (let k = slice.offsets[row] as number; k < end; k++) {
    const t = slice.times[k] as number;
    const code = slice.codes[k] as number;
    if (t > start) fillSpan(start, t, STATE_RANK[state] as number);
    state = code & HEAT_STATE_MASK;
    start = t;
    if (code & MARK_RESTART) {
      const c = Math.min(columns - 1, colOf(t));
      if ((out[c] as number) < RESTART_RANK) out[c] = RESTART_RANK;
    }
  }
  if (span > start) fillSpan(start, span, STATE_RANK[state] as number);
}

// --- validation and the binary form ----------------------------------------

function isUint(n: unknown, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
}

/**
 * Check a slice received across a trust boundary (IPC, a file): types,
 * lengths, offsets, times and codes. Returns the same object when valid.
 */
export function validateHeatmapSlice(value: unknown): Checked<HeatmapSlice> {
  if (!isRecord(value)) return fail('heatmap slice must be an object');
  const { from, to, shardLo, shardCount, initial, offsets, times, codes } = value;
  if (typeof from !== 'number' || !Number.isFinite(from)) return fail('slice.from must be a time');
  if (typeof to !== 'number' || !Number.isFinite(to) || to <= from)
    return fail('slice.to must be a time after slice.from');
  if (to - from > MAX_SLICE_SPAN_MS) return fail('slice spans more than 40 days');
  if (typeof shardLo !== 'number' || !Number.isSafeInteger(shardLo))
    return fail('slice.shardLo must be a whole number');
  if (!isUint(shardCount, MAX_SLICE_SHARDS))
    return fail(`slice.shardCount must be a whole number up to ${MAX_SLICE_SHARDS}`);
  if (!(initial instanceof Uint8Array) || initial.length !== shardCount)
    return fail('slice.initial must be a Uint8Array with one entry per shard');
  if (!(offsets instanceof Uint32Array) || offsets.length !== shardCount + 1)
    return fail('slice.offsets must be a Uint32Array of shardCount + 1 entries');
  if (!(times instanceof Uint32Array) || times.length > MAX_SLICE_TRANSITIONS)
    return fail('slice.times must be a Uint32Array');
  if (!(codes instanceof Uint8Array) || codes.length !== times.length)
    return fail('slice.codes must be a Uint8Array as long as slice.times');
  for (let r = 0; r < shardCount; r++) {
    if ((initial[r] as number) >= HEAT_STATES.length)
      return fail(`slice.initial[${r}] is not a state`);
  }
  if (offsets[0] !== 0 || offsets[shardCount] !== times.length)
    return fail('slice.offsets must start at 0 and end at the number of transitions');
  const span = to - from;
  for (let r = 0; r < shardCount; r++) {
    const a = offsets[r] as number;
    const b = offsets[r + 1] as number;
    if (b < a) return fail(`slice.offsets go backwards at row ${r}`);
    for (let k = a; k < b; k++) {
      const t = times[k] as number;
      if (t >= span) return fail(`slice.times[${k}] is outside the window`);
      if (k > a && t < (times[k - 1] as number))
        return fail(`slice.times of row ${r} are not in order`);
      if (!isHeatCode(codes[k] as number)) return fail(`slice.codes[${k}] is not a state code`);
    }
  }
  return ok(value as unknown as HeatmapSlice);
}

/** `SWH1`: magic and version of the binary form. */
const MAGIC = 0x31485753;
const HEADER_BYTES = 40;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The slice as one byte array (little-endian): a 40-byte header (magic,
 * shardCount, transition count, shardLo, from, to), then `offsets`, `times`,
 * `initial`, `codes`. For transports that carry bytes better than objects of
 * typed arrays (the browser-mode bridge, a file).
 */
export function encodeHeatmapSlice(slice: HeatmapSlice): Uint8Array {
  const n = slice.times.length;
  const rows = slice.shardCount;
  const offBytes = (rows + 1) * 4;
  const size = HEADER_BYTES + offBytes + n * 4 + pad4(rows) + pad4(n);
  const buf = new ArrayBuffer(size);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, rows, true);
  view.setUint32(8, n, true);
  view.setInt32(12, slice.shardLo, true);
  view.setFloat64(16, slice.from, true);
  view.setFloat64(24, slice.to, true);
  const bytes = new Uint8Array(buf);
  let at = HEADER_BYTES;
  new Uint32Array(buf, at, rows + 1).set(slice.offsets);
  at += offBytes;
  new Uint32Array(buf, at, n).set(slice.times);
  at += n * 4;
  bytes.set(slice.initial, at);
  at += pad4(rows);
  bytes.set(slice.codes, at);
  return bytes;
}

/** Decode (and validate) the output of {@link encodeHeatmapSlice}. */
export function decodeHeatmapSlice(bytes: unknown): Checked<HeatmapSlice> {
  if (!(bytes instanceof Uint8Array)) return fail('heatmap data must be bytes');
  if (bytes.length < HEADER_BYTES) return fail('heatmap data is too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return fail('heatmap data has an unknown format');
  const rows = view.getUint32(4, true);
  const n = view.getUint32(8, true);
  if (rows > MAX_SLICE_SHARDS || n > MAX_SLICE_TRANSITIONS)
    return fail('heatmap data is larger than allowed');
  const size = HEADER_BYTES + (rows + 1) * 4 + n * 4 + pad4(rows) + pad4(n);
  if (bytes.length !== size) return fail('heatmap data has the wrong length');
  // Copy so the typed arrays are aligned whatever the input's offset.
  const copy = bytes.slice().buffer;
  let at = HEADER_BYTES;
  const offsets = new Uint32Array(copy, at, rows + 1);
  at += (rows + 1) * 4;
  const times = new Uint32Array(copy, at, n);
  at += n * 4;
  const initial = new Uint8Array(copy, at, rows);
  at += pad4(rows);
  const codes = new Uint8Array(copy, at, n);
  return validateHeatmapSlice({
    from: view.getFloat64(16, true),
    to: view.getFloat64(24, true),
    shardLo: view.getInt32(12, true),
    shardCount: rows,
    initial,
    offsets,
    times,
    codes,
  });
}

/** What each drawn cell kind is called (legend, hover text, reports). */
export const HEAT_CELL_LABELS: Readonly<Record<HeatCell, string>> = {
  unknown: 'not recorded',
  up: 'up',
  dev: 'development',
  restart: 'restarted (new shard_hash)',
  'no-data': 'no data',
  missing: 'missing',
  degraded: 'degraded',
  silent: 'silent',
  'one-way': 'one-way',
  down: 'down',
};

/**
 * Default colours of the cell kinds (the Okabe–Ito palette, readable with
 * the common colour-vision deficiencies): the renderer's fallbacks for its
 * theme variables and the colours of the exported report.
 */
export const HEAT_CELL_COLORS: Readonly<Record<HeatCell, string>> = {
  unknown: '#eeeeee',
  up: '#009E73',
  dev: '#0072B2',
  restart: '#56B4E9',
  'no-data': '#bdbdbd',
  missing: '#8c8c8c',
  degraded: '#E69F00',
  silent: '#CC79A7',
  'one-way': '#F0E442',
  down: '#D55E00',
};
