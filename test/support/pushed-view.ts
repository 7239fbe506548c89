/** A tracker change's `putTo` read back as a view, for the tracker tests. */
import type { ShardChange } from '../../electron/core/monitor/shard-tracker-types';
import type { ShardView } from '../../shared/live-status';
import { decodeShards, shardColumnsFor } from '../../shared/shard-columns';

/** Shard `id` as `change.putTo` writes it into push columns, read back; null when not written. */
export function pushedView(change: Pick<ShardChange, 'putTo'>, id: number): ShardView | null {
  const c = shardColumnsFor(1);
  return change.putTo(c, 0, id) ? (decodeShards(c)[0] ?? null) : null;
}
