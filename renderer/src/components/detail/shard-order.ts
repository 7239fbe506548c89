/**
 * The shard table's row order, kept up to date cheaply: a full sort when the
 * column, the direction or the set of ids changed, otherwise only the shards
 * that changed are taken out and put back where they now belong (a merge of
 * two sorted lists), so 500 changes among 50,000 rows do not sort 50,000.
 */
import type { ShardView } from '../../../../shared/live-status';
import { SHARD_COLUMNS } from './shard-columns';
import type { ShardColumnKey } from './shard-columns';

/** Above this share of changed rows a full sort is cheaper than re-placing them. */
const REPLACE_SHARE = 0.125;

type Compare = (a: ShardView, b: ShardView) => number;

/** The table's order: by the column's value, ties by shard id. */
export function compareShards(key: ShardColumnKey, dir: 'asc' | 'desc'): Compare {
  const col = SHARD_COLUMNS.find((c) => c.key === key) ?? SHARD_COLUMNS[0]!;
  const sign = dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const c = compareValues(col.value(a), col.value(b));
    return c !== 0 ? c * sign : a.id - b.id;
  };
}

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

/**
 * `order` (ids of `shards` in table order before the shards `changed`
 * changed) in table order again. The set of ids must be the same; returns a
 * new array.
 */
export function reorderChanged(
  order: readonly number[],
  shards: ReadonlyMap<number, ShardView>,
  changed: readonly number[],
  key: ShardColumnKey,
  dir: 'asc' | 'desc',
): number[] {
  if (changed.length === 0) return [...order];
  if (changed.length > order.length * REPLACE_SHARE) return sortedIds(shards, key, dir);
  const cmp = compareShards(key, dir);
  const moved = new Set(changed);
  const rest = order.filter((id) => !moved.has(id));
  const views: ShardView[] = [];
  for (const id of moved) {
    const v = shards.get(id);
    if (v) views.push(v);
  }
  views.sort(cmp);
  const out: number[] = [];
  let from = 0;
  for (const v of views) {
    // First position in `rest` (from `from` on) whose shard sorts after `v`.
    let lo = from;
    let hi = rest.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = shards.get(rest[mid] as number);
      if (other && cmp(other, v) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(rest[i] as number);
    out.push(v.id);
    from = lo;
  }
  for (let i = from; i < rest.length; i++) out.push(rest[i] as number);
  return out;
}
