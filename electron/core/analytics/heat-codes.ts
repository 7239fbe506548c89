/**
 * From what the monitor knows about shards to heatmap codes
 * (shared/shard-heatmap.ts) for the shard transition store.
 */
import type { ShardState, ShardView } from '../../../shared/live-status';
import { MARK_RESTART, heatCode } from '../../../shared/shard-heatmap';
import { TransitionBuffer } from '../history/transition-buffer';
import type { ShardChange } from '../monitor/shard-tracker';
import type { NamedState } from './counter-watch';
import { growUint8, isTrackedId } from './shard-slots';

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

/** Where records go: `count` codes of shards `ids` at `atWall` (the transition store). */
export type HeatSink = (
  atWall: number,
  ids: ArrayLike<number>,
  codes: ArrayLike<number>,
  count: number,
) => void;

/** Handle returned by {@link createHeatRecorder}. */
export interface HeatRecorder {
  /**
   * One tracker change: every shard whose code changed (restarts marked),
   * removed shards `missing`. `named` gives a shard's one-way/silent state.
   */
  change(
    change: Pick<ShardChange, 'changed' | 'restarts' | 'removed'>,
    named: (shardId: number) => NamedState | null,
    atWall: number,
  ): void;
  /** Shards whose named state changed while their health did not. */
  named(
    ids: readonly number[],
    states: ReadonlyArray<NamedState | null>,
    health: (shardId: number) => ShardState,
    atWall: number,
  ): void;
  /** Forget what was sent (the store marked the profile stopped itself). */
  reset(): void;
}

const UNSENT = 255;

/**
 * Turn tracker changes into store records, sending only shards whose code
 * changed: a change's views (`changed`) are not all state changes (a new
 * `extra`, a stall of a degraded shard, the first report), and storing
 * unchanged records cost more than the rest of the analyses. Counters moves
 * (`moved`) change no code and are not read. The buffers are reused.
 */
export function createHeatRecorder(sink: HeatSink): HeatRecorder {
  let sent = new Uint8Array(0);
  const out = new TransitionBuffer();

  const push = (id: number, code: number, atWall: number): void => {
    if (!isTrackedId(id)) return;
    sent = growUint8(sent, id, UNSENT);
    const base = code & ~MARK_RESTART;
    if (sent[id] === base && base === code) return;
    sent[id] = base;
    out.push(atWall, id, code);
  };

  const flush = (atWall: number): void => {
    if (out.n > 0) sink(atWall, out.shard, out.code, out.n);
    out.n = 0;
  };

  return {
    change(change, named, atWall) {
      const restarted = change.restarts.length > 0 ? new Set<number>() : null;
      for (const r of change.restarts) restarted?.add(r.shardId);
      // Indexed, not for…of: no iterator result per shard.
      const list = change.changed;
      for (let k = 0; k < list.length; k++) {
        const v = list[k] as ShardView;
        push(v.id, heatCodeOf(v.state, named(v.id), restarted?.has(v.id) ?? false), atWall);
      }
      for (const id of change.removed) push(id, heatCode('missing'), atWall);
      flush(atWall);
    },
    named(changedIds, states, health, atWall) {
      changedIds.forEach((id, i) => push(id, heatCodeOf(health(id), states[i] ?? null), atWall));
      flush(atWall);
    },
    reset() {
      sent.fill(UNSENT);
    },
  };
}
