/**
 * The renderer's one live-state loop (docs/architecture.md §3.2). Every store
 * that shows pushed state runs one: subscribe to `event:delta` FIRST, then
 * load a snapshot; deltas that arrive while it loads are held back and
 * replayed only if their `seq` is newer than the snapshot's; after that, a
 * delta whose `seq` is not newer than what is held is ignored (`seq` is
 * global to the app, so gaps are normal). No polling.
 *
 * When the browser-mode bridge comes back after a drop, the pushes sent
 * meanwhile are lost and an engine that restarted counts `seq` from zero
 * again, so the loop loads a fresh snapshot that replaces what is held,
 * whatever its `seq`; the screen stays as it was until it arrives.
 */
import type { ApiResult } from '../../../shared/api';
import type { AppDelta } from '../../../shared/app-state';
import { getApi, onReconnect } from '../ipc/client';

/** What one loop loads and applies. */
export interface LiveLoopOptions<S extends { seq: number | null }> {
  /**
   * Ask for the snapshot the deltas continue (its `seq` is the engine's at
   * that time), through the client (client.ts), so failures are worded.
   * `seq: null` marks state without a seq of its own (the alerting lists):
   * every delta received before its answer is taken as contained in it,
   * which holds because each transport delivers answers and pushes in the
   * order the engine sent them.
   */
  load(): Promise<ApiResult<S>>;
  /** Show a snapshot. */
  snapshot(value: S): void;
  /** Apply a delta newer than everything shown. */
  delta(delta: AppDelta): void;
  /** The bridge came back and the fresh snapshot was applied (or failed). */
  reconnected?(result: ApiResult<S>): void;
}

/** Handle of {@link createLiveLoop}. */
export interface LiveLoop<S> {
  /**
   * Subscribe (once, however often it is called) and load the snapshot,
   * applied when newer than what is held. Resolves to the load's result.
   */
  start(): Promise<ApiResult<S>>;
  /** Load again and replace what is held, whatever the snapshot's `seq`. */
  reload(): Promise<ApiResult<S>>;
  /** `seq` of the newest state applied; -1 before the first snapshot. */
  seq(): number;
  /** Unsubscribe; answers still in flight are dropped. */
  stop(): void;
}

/** Create a loop; nothing happens before `start()`. */
export function createLiveLoop<S extends { seq: number | null }>(
  opts: LiveLoopOptions<S>,
): LiveLoop<S> {
  let seq = -1;
  /** Deltas received while a snapshot is in flight; null when none is. */
  let held: AppDelta[] | null = null;
  let subscriptions: Array<() => void> = [];
  /** Counts loads: only the answer of the newest one is applied. */
  let loads = 0;

  function receive(delta: AppDelta): void {
    if (held) {
      held.push(delta);
      return;
    }
    // Before a snapshot there is nothing for a delta to continue.
    if (seq < 0 || delta.seq <= seq) return;
    seq = delta.seq;
    opts.delta(delta);
  }

  async function sync(replace: boolean): Promise<ApiResult<S>> {
    const mine = ++loads;
    held = [];
    const result = await opts.load();
    if (mine !== loads) return result;
    const queued = held ?? [];
    held = null;
    if (result.ok) {
      let at = result.value.seq;
      if (at === null) {
        at = Math.max(0, ...queued.map((d) => d.seq));
        queued.length = 0;
      }
      if (replace || at > seq) {
        seq = at;
        opts.snapshot(result.value);
      }
    }
    for (const d of queued.sort((a, b) => a.seq - b.seq)) receive(d);
    return result;
  }

  return {
    start() {
      if (subscriptions.length === 0) {
        subscriptions = [
          getApi().on('event:delta', receive),
          onReconnect(() => {
            void sync(true).then((r) => opts.reconnected?.(r));
          }),
        ];
      }
      return sync(false);
    },
    reload: () => sync(true),
    seq: () => seq,
    stop() {
      for (const off of subscriptions) off();
      subscriptions = [];
      loads++;
      held = null;
    },
  };
}
