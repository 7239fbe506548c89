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

/** One profile's shards for the shard rules. */
export class ShardIndex {
  private source: object | null = null;
  private readonly views = new Map<number, ShardView>();
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
    this.views.clear();
    this.downIds.clear();
    this.stalledIds.clear();
    this.devCount = 0;
  }

  get(id: number): ShardView | undefined {
    return this.views.get(id);
  }

  /** How many shards the shard rules count (dev shards only with `includeDevShards`). */
  counted(a: AlertSettings): number {
    return a.includeDevShards ? this.views.size : this.views.size - this.devCount;
  }

  /** Shards left out of the shard rules (dev shards, unless they are included). */
  excluded(a: AlertSettings): number {
    return this.views.size - this.counted(a);
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
      const v = this.views.get(id) as ShardView;
      if (countsForShardRules(a, v)) out.push(v);
    }
    return out;
  }

  private put(v: ShardView): void {
    const prev = this.views.get(v.id);
    if (prev?.development) this.devCount--;
    this.views.set(v.id, v);
    if (v.development) this.devCount++;
    if (isShardDown(v)) this.downIds.add(v.id);
    else this.downIds.delete(v.id);
    if (v.stalled) this.stalledIds.add(v.id);
    else this.stalledIds.delete(v.id);
  }

  private drop(id: number): void {
    const prev = this.views.get(id);
    if (!prev) return;
    if (prev.development) this.devCount--;
    this.views.delete(id);
    this.downIds.delete(id);
    this.stalledIds.delete(id);
  }
}
