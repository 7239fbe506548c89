/**
 * Which cells the shard grid shows and what they count: the slot ids
 * (expected `0..shard_total-1` plus any reported id outside that), the
 * filters, and the per-kind counts behind the legend and the summary. Pure,
 * so the grid component keeps only drawing and interaction.
 */
import type { ShardView } from '../../../../shared/live-status';
import type { CellKind } from './grid-paint';
import {
  FLAG_FINDING,
  FLAG_FOCUS,
  FLAG_HIGHLIGHT,
  FLAG_SELECTED,
  FLAG_STALLED,
} from './grid-paint';

/** A "show only" filter of the grid. */
export type FilterKey = 'down' | 'degraded' | 'dev' | 'missing';

/** Filters in the order the toolbar offers them. */
export const FILTER_KEYS: readonly FilterKey[] = ['down', 'degraded', 'dev', 'missing'];

/** Code of each cell kind in the painted-code buffer (flags take the high bits). */
export const KIND_CODE: Readonly<Record<CellKind, number>> = {
  up: 0,
  degraded: 1,
  down: 2,
  'no-data': 3,
  dev: 4,
  missing: 5,
};

/** All slot ids: expected `0..expected-1` plus any reported id outside it, ascending. */
export function slotIds(shards: ReadonlyMap<number, ShardView>, expected: number): number[] {
  const out: number[] = [];
  const n = Math.max(0, expected);
  for (let i = 0; i < n; i++) out.push(i);
  let extra = false;
  for (const id of shards.keys()) {
    if (id < 0 || id >= n) {
      out.push(id);
      extra = true;
    }
  }
  if (extra) out.sort((a, b) => a - b);
  return out;
}

/** How many slots the grid has (see {@link slotIds}) without building the list. */
export function slotCountOf(shards: ReadonlyMap<number, ShardView>, expected: number): number {
  const n = Math.max(0, expected);
  let extra = 0;
  for (const id of shards.keys()) if (id < 0 || id >= n) extra++;
  return n + extra;
}

/** Whether a slot passes the active filters (any of them). */
export function matchesFilter(
  id: number,
  active: ReadonlySet<FilterKey>,
  map: ReadonlyMap<number, ShardView>,
): boolean {
  const s = map.get(id);
  if (!s) return active.has('missing');
  return (
    (active.has('down') && s.state === 'down') ||
    (active.has('degraded') && s.state === 'degraded') ||
    (active.has('dev') && (s.state === 'dev' || s.development))
  );
}

/** Whether `list` is exactly `0..n-1` (then an id is its own index). */
export function isIdentity(list: readonly number[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] !== i) return false;
  return true;
}

/** Whether two id lists are equal. */
export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Cells of each kind; expected ids not reported count as missing. */
export function cellCounts(
  shards: ReadonlyMap<number, ShardView>,
  expected: number,
): Record<CellKind, number> {
  const c: Record<CellKind, number> = {
    up: 0,
    degraded: 0,
    down: 0,
    'no-data': 0,
    dev: 0,
    missing: 0,
  };
  const n = Math.max(0, expected);
  // One pass: expected ids reported are counted, the rest of 0..n-1 is missing.
  let inRange = 0;
  for (const s of shards.values()) {
    c[s.state]++;
    if (s.id >= 0 && s.id < n && Number.isInteger(s.id)) inRange++;
  }
  c.missing = n - inRange;
  return c;
}

/** Cell counts and the kind each shard was counted as, so an update re-counts only its shards. */
export interface KindTally {
  counts: Record<CellKind, number>;
  /** `KIND_CODE` of each shard by id; null when ids are too sparse for an array. */
  kinds: Uint8Array | null;
}

const KIND_OF_CODE = Object.keys(KIND_CODE) as CellKind[];

/** Count every cell (see {@link cellCounts}) and remember each shard's kind. */
export function tallyKinds(shards: ReadonlyMap<number, ShardView>, expected: number): KindTally {
  const counts = cellCounts(shards, expected);
  let top = -1;
  for (const id of shards.keys()) {
    if (!Number.isInteger(id) || id < 0) return { counts, kinds: null };
    if (id > top) top = id;
  }
  if (top >= 2 * Math.max(expected, shards.size) + 1024) return { counts, kinds: null };
  const kinds = new Uint8Array(top + 1);
  for (const s of shards.values()) kinds[s.id] = KIND_CODE[s.state];
  return { counts, kinds };
}

/**
 * `tally` after the shards `changed` changed state (no id added or removed):
 * only those are counted again. Null when that cannot be done (a sparse tally,
 * an id it does not know); then count again in full.
 */
export function retally(
  tally: KindTally,
  shards: ReadonlyMap<number, ShardView>,
  changed: readonly number[],
): KindTally | null {
  const { kinds } = tally;
  if (!kinds) return null;
  const counts = { ...tally.counts };
  for (const id of changed) {
    const s = shards.get(id);
    if (!s || !(id >= 0 && id < kinds.length)) return null;
    const was = KIND_OF_CODE[kinds[id] as number] as CellKind;
    if (was === s.state) continue;
    counts[was]--;
    counts[s.state]++;
    kinds[id] = KIND_CODE[s.state];
  }
  return { counts, kinds };
}

/**
 * Painted codes of displayed cells `[start, end)` into `out`: the kind, plus
 * flag bits for stalled, keyboard focus (a display index), selection and
 * highlight (shard ids). A cell is repainted only when its code changes.
 */
export function fillCellCodes(
  out: Uint8Array,
  ids: readonly number[],
  shards: ReadonlyMap<number, ShardView>,
  marks: {
    focus: number;
    selected: number | null;
    highlight: number | null;
    /** Whether a shard is in a named state (one-way, silent…); absent: none is. */
    finding?: ((id: number) => boolean) | undefined;
  },
  start = 0,
  end = ids.length,
): void {
  const { focus, selected, highlight, finding } = marks;
  for (let i = start; i < end; i++) {
    const id = ids[i] as number;
    const s = shards.get(id);
    let code = s ? KIND_CODE[s.state] : KIND_CODE.missing;
    if (s?.stalled) code |= FLAG_STALLED;
    if (finding?.(id)) code |= FLAG_FINDING;
    if (i === focus) code |= FLAG_FOCUS;
    if (id === selected) code |= FLAG_SELECTED;
    if (id === highlight) code |= FLAG_HIGHLIGHT;
    out[i] = code;
  }
}
