/** A tracker change's `pushTo` read back as a view, for the tracker tests. */
import type { ShardChange } from '../../electron/core/monitor/shard-tracker-types';
import type { ShardView } from '../../shared/live-status';
import { decodeShards, emptyShardColumns } from '../../shared/shard-columns';

/** Shard `id` as `change.pushTo` writes it into push columns, read back; null when not written. */
export function pushedView(change: Pick<ShardChange, 'pushTo'>, id: number): ShardView | null {
  const c = emptyShardColumns();
  return change.pushTo(c, id) ? (decodeShards(c)[0] ?? null) : null;
}
