/**
 * The shard table's row order, kept up to date cheaply: a full sort when the
 * column, the direction or the set of ids changed, otherwise only the shards
 * whose sort value changed are taken out and put back where they now belong
 * (a merge of two sorted lists, compared by the values the rows were placed
 * by, so no shard is looked up), so 500 changes among 50,000 rows do not
 * sort 50,000, and changes the column does not see move nothing.
 */
import type { ShardView } from '../../../../shared/live-status';
import { SHARD_COLUMNS } from './shard-columns';
import type { ShardColumnKey } from './shard-columns';

/** Above this share of changed rows a full sort is cheaper than re-placing them. */
const REPLACE_SHARE = 0.125;

function compareValues(av: number | string, bv: number | string): number {
  // Equal first: two "no rate" values are both Infinity, and Infinity − Infinity is NaN.
  if (av === bv) return 0;
  if (typeof av === 'number' && typeof bv === 'number') return av - bv;
  const as = String(av);
  const bs = String(bv);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Ids of `shards` in table order (a full sort, values read once per shard). */
export function sortedIds(
  shards: ReadonlyMap<number, ShardView>,
  key: ShardColumnKey,
  dir: 'asc' | 'desc',
): number[] {
  const col = SHARD_COLUMNS.find((c) => c.key === key) ?? SHARD_COLUMNS[0]!;
  const sign = dir === 'asc' ? 1 : -1;
  const keyed: Array<{ id: number; v: number | string }> = [];
  for (const s of shards.values()) keyed.push({ id: s.id, v: col.value(s) });
  keyed.sort((a, b) => {
    const c = compareValues(a.v, b.v);
    return c !== 0 ? c * sign : a.id - b.id;
  });
  return keyed.map((k) => k.id);
}

/** The table's order and the sort value each row was placed by. */
export interface PlacedOrder {
  ids: number[];
  /** Sort value of each id when it was placed (unchanged rows keep theirs). */
  values: Map<number, number | string>;
}

/** Every row placed by a full sort. */
export function placeAll(
  shards: ReadonlyMap<number, ShardView>,
  key: ShardColumnKey,
  dir: 'asc' | 'desc',
): PlacedOrder {
  const col = SHARD_COLUMNS.find((c) => c.key === key) ?? SHARD_COLUMNS[0]!;
  const values = new Map<number, number | string>();
  for (const s of shards.values()) values.set(s.id, col.value(s));
  return { ids: sortedIds(shards, key, dir), values };
}

/**
 * `placed` (the order of `shards` before the shards `changed` changed) in
 * table order again. Only rows whose sort value changed move: sorted by shard
 * id, or when the column's value stayed the same, nothing moves and `placed`
 * itself comes back. The set of ids must be the same.
 */
export function replaceChanged(
  placed: PlacedOrder,
  shards: ReadonlyMap<number, ShardView>,
  changed: readonly number[],
  key: ShardColumnKey,
  dir: 'asc' | 'desc',
): PlacedOrder {
  const col = SHARD_COLUMNS.find((c) => c.key === key) ?? SHARD_COLUMNS[0]!;
  const { ids, values } = placed;
  const moved = new Map<number, number | string>();
  for (const id of changed) {
    const s = shards.get(id);
    if (!s || !values.has(id)) return placeAll(shards, key, dir);
    const v = col.value(s);
    if (!Object.is(v, values.get(id))) moved.set(id, v);
  }
  if (moved.size === 0) return placed;
  if (moved.size > ids.length * REPLACE_SHARE) return placeAll(shards, key, dir);
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: number, av: number | string, b: number, bv: number | string): number => {
    const c = compareValues(av, bv);
    return c !== 0 ? c * sign : a - b;
  };
  const rest = ids.filter((id) => !moved.has(id));
  const movers = [...moved].sort((a, b) => cmp(a[0], a[1], b[0], b[1]));
  const out: number[] = [];
  let from = 0;
  for (const [id, v] of movers) {
    // First position in `rest` (from `from` on) whose row sorts after this one.
    let lo = from;
    let hi = rest.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = rest[mid] as number;
      if (cmp(other, values.get(other) as number | string, id, v) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(rest[i] as number);
    out.push(id);
    from = lo;
    values.set(id, v);
  }
  for (let i = from; i < rest.length; i++) out.push(rest[i] as number);
  return { ids: out, values };
}
