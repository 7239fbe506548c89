/**
 * From what the monitor knows about shards to heatmap codes
 * (shared/shard-heatmap.ts) for the shard transition store.
 */
import type { ShardState } from '../../../shared/model';
import { MARK_RESTART, heatCode } from '../../../shared/shard-heatmap';
import type { ShardChange } from '../monitor/shard-tracker';
import type { NamedState } from './counter-watch';

/**
 * The heatmap code of a shard: its health state, or its named failure
 * (one-way, silent) while it is otherwise up or degraded. A named failure
 * never hides `down`, `no-data` or `dev`.
 */
export function heatCodeOf(state: ShardState, named: NamedState | null, restarted = false): number {
  const marks = restarted ? MARK_RESTART : 0;
  if (named && (state === 'up' || state === 'degraded')) return heatCode(named, marks);
  return heatCode(state, marks);
}

/** Records for the transition store, as parallel columns. */
export interface HeatRecords {
  count: number;
  ids: Int32Array;
  codes: Uint8Array;
}

/**
 * The records of one tracker change: every changed shard in its state (the
 * store keeps only real changes), restarts marked, removed shards
 * `missing`. `named` gives a shard's one-way/silent state, if any.
 */
export function heatRecordsOf(
  change: Pick<ShardChange, 'changed' | 'restarts' | 'removed'>,
  named: (shardId: number) => NamedState | null = () => null,
): HeatRecords {
  const restarted = new Set<number>();
  for (const r of change.restarts) restarted.add(r.shardId);
  const n = change.changed.length + change.removed.length;
  const ids = new Int32Array(n);
  const codes = new Uint8Array(n);
  let k = 0;
  for (const v of change.changed) {
    ids[k] = v.id;
    codes[k] = heatCodeOf(v.state, named(v.id), restarted.has(v.id));
    k++;
  }
  for (const id of change.removed) {
    ids[k] = id;
    codes[k] = heatCode('missing');
    k++;
  }
  return { count: k, ids, codes };
}
