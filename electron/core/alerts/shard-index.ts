/**
 * The shards as the shard rules read them (rule-evaluation.ts), kept from
 * one `shards` sample to the next: every shard's latest view by id, and the
 * ids of the down and the stalled ones. A sample that carries only what the
 * tracker changed ({@link ShardDelta}) costs work in proportion to the
 * change, not to the shard count: a 50,000-shard bot where 100 shards moved
 * touches 100 entries, and the rules then read the down and stalled shards
 * alone.
 */
import type { ShardView } from '../../../shared/live-status';
import type { AlertSettings } from '../../../shared/profile-model';
import { countsForShardRules, isShardDown } from './rules';

/**
 * What changed in a profile's shards since its last `shards` sample, as the
 * shard tracker said it. `source` names the list the changes apply to: a
 * new one (a new connection's tracker, or a change made outside a snapshot
 * that the samples did not carry) makes the index start again from `all()`.
 */
export interface ShardDelta {
  source: object;
  /** New views of the shards that appeared or changed. */
  changed: readonly ShardView[];
  /** Ids no longer reported. */
  removed: readonly number[];
  /** Every shard as it is now (read only when the index starts again). */
  all(): readonly ShardView[];
}

/** Highest shard id kept in the dense array; others (hostile or odd ids) go in a map. */
const MAX_DENSE_ID = (1 << 20) - 1;

const isDense = (id: number): boolean => Number.isInteger(id) && id >= 0 && id <= MAX_DENSE_ID;

/**
 * One profile's shards for the shard rules. Views are kept in an array
 * indexed by shard id (a 50,000-shard change is 50,000 array writes, not
 * map insertions), and the down and stalled sets are touched only when
 * they hold something or a shard joins them.
 */
export class ShardIndex {
  private source: object | null = null;
  private dense: Array<ShardView | undefined> = [];
  private readonly sparse = new Map<number, ShardView>();
  private size = 0;
  private readonly downIds = new Set<number>();
  private readonly stalledIds = new Set<number>();
  private devCount = 0;

  /** Hold exactly `list` (a sample carrying every shard). */
  replace(list: readonly ShardView[]): void {
    this.forget();
    for (const v of list) this.put(v);
  }

  /** Apply `delta`; from its whole list when it follows another source than the last one. */
  follow(delta: ShardDelta): void {
    if (this.source !== delta.source) {
      this.replace(delta.all());
      this.source = delta.source;
      return;
    }
    for (const id of delta.removed) this.drop(id);
    for (const v of delta.changed) this.put(v);
  }

  /** Forget everything: the next {@link follow} starts from the whole list. */
  forget(): void {
    this.source = null;
    this.dense = [];
    this.sparse.clear();
    this.size = 0;
    this.downIds.clear();
    this.stalledIds.clear();
    this.devCount = 0;
  }

  get(id: number): ShardView | undefined {
    return isDense(id) ? this.dense[id] : this.sparse.get(id);
  }

  /** How many shards the shard rules count (dev shards only with `includeDevShards`). */
  counted(a: AlertSettings): number {
    return a.includeDevShards ? this.size : this.size - this.devCount;
  }

  /** Shards left out of the shard rules (dev shards, unless they are included). */
  excluded(a: AlertSettings): number {
    return this.size - this.counted(a);
  }

  /** The counted shards that are down, in no particular order. */
  down(a: AlertSettings): ShardView[] {
    return this.pick(this.downIds, a);
  }

  /** The counted shards that are stalled, in no particular order. */
  stalled(a: AlertSettings): ShardView[] {
    return this.pick(this.stalledIds, a);
  }

  private pick(ids: ReadonlySet<number>, a: AlertSettings): ShardView[] {
    const out: ShardView[] = [];
    for (const id of ids) {
      const v = this.get(id) as ShardView;
      if (countsForShardRules(a, v)) out.push(v);
    }
    return out;
  }

  private put(v: ShardView): void {
    const id = v.id;
    const prev = this.get(id);
    if (prev === undefined) this.size++;
    else if (prev.development) this.devCount--;
    if (isDense(id)) this.dense[id] = v;
    else this.sparse.set(id, v);
    if (v.development) this.devCount++;
    if (isShardDown(v)) this.downIds.add(id);
    else if (this.downIds.size > 0) this.downIds.delete(id);
    if (v.stalled) this.stalledIds.add(id);
    else if (this.stalledIds.size > 0) this.stalledIds.delete(id);
  }

  private drop(id: number): void {
    const prev = this.get(id);
    if (prev === undefined) return;
    this.size--;
    if (prev.development) this.devCount--;
    if (isDense(id)) this.dense[id] = undefined;
    else this.sparse.delete(id);
    this.downIds.delete(id);
    this.stalledIds.delete(id);
  }
}
