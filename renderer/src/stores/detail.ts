/**
 * State of the open profile detail: its shards (live, through the live loop
 * of live-loop.ts over `query:shards`), latency history with the pings
 * pushed since, timeline and raw frame log.
 *
 * Shards are kept in a `shallowRef(Map)` plus version counters instead of a
 * deep reactive array: a 10,000-shard bot updating at 1 Hz would otherwise
 * make Vue track 10,000 proxies × 15 fields. Views read `version` to know the
 * map changed and `membership` to know ids were added or removed.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type {
  AppDelta,
  FrameLogEntry,
  HistorySeries,
  HistoryWindow,
  PingSample,
  ShardView,
  TimelineEvent,
  TimelineKind,
} from '../../../shared/model';
import { HISTORY_WINDOW_MS } from '../../../shared/model';
import { client } from './client';
import type { LiveLoop } from './live-loop';
import { createLiveLoop } from './live-loop';

/** One shard change set for a profile, as carried by `event:delta`. */
export type ShardDelta = NonNullable<AppDelta['shards']>[number];

/** Timeline entries asked for at a time. */
export const TIMELINE_PAGE = 200;

/** A zoomed range of the history chart (wall ms). */
export interface HistoryRange {
  from: number;
  to: number;
}

export const useDetailStore = defineStore('detail', () => {
  const profileId = ref<string | null>(null);
  /** Shards by id. Mutated in place; `version` says when. */
  const shards = shallowRef(new Map<number, ShardView>());
  /** Bumped on every shard change. */
  const version = ref(0);
  /** Bumped when shard ids are added or removed (layout must change). */
  const membership = ref(0);
  /** `seq` of the newest state applied (snapshot or delta). */
  const seq = ref(-1);
  const loaded = ref(false);
  const shardsError = ref<string | null>(null);

  const historyWindow = ref<HistoryWindow>('1h');
  const historyRange = ref<HistoryRange | null>(null);
  const history = shallowRef<HistorySeries | null>(null);
  /** Pings pushed since the history was loaded (the live chart adds them). */
  const livePings = shallowRef<PingSample[]>([]);
  const historyLoading = ref(false);
  const historyError = ref<string | null>(null);

  const timeline = shallowRef<TimelineEvent[]>([]);
  /** Kinds the timeline is filtered to on the engine (empty: every kind). */
  const timelineKinds = ref<TimelineKind[]>([]);
  /** Cursor of the next older page; null when the engine has nothing older. */
  const timelineUntil = ref<number | null>(null);
  const timelineLoading = ref(false);
  const timelineError = ref<string | null>(null);

  const frames = shallowRef<FrameLogEntry[]>([]);
  const framesLoading = ref(false);
  const framesError = ref<string | null>(null);
  const framesAt = ref<number | null>(null);

  /** The live loop of the open profile's shards. */
  let live: LiveLoop<{ seq: number; shards: ShardView[] }> | null = null;
  let historyToken = 0;

  function bump(membershipChanged: boolean): void {
    version.value++;
    if (membershipChanged) membership.value++;
    triggerRef(shards);
  }

  function applyShardDelta(d: ShardDelta): void {
    const map = shards.value;
    let membershipChanged = false;
    if (d.replace) {
      const before = map.size;
      const next = new Map<number, ShardView>();
      for (const s of d.shards) next.set(s.id, s);
      membershipChanged = before !== next.size || [...next.keys()].some((id) => !map.has(id));
      shards.value = next;
    } else {
      for (const s of d.shards) {
        if (!map.has(s.id)) membershipChanged = true;
        map.set(s.id, s);
      }
      for (const id of d.removed) {
        if (map.delete(id)) membershipChanged = true;
      }
    }
    bump(membershipChanged);
  }

  /** Apply one pushed delta (the live loop passes only those newer than what is shown). */
  function applyDelta(delta: AppDelta): void {
    seq.value = delta.seq;
    for (const d of delta.shards ?? []) {
      if (d.profileId === profileId.value) applyShardDelta(d);
    }
    if (delta.pings) appendPings(delta.pings);
  }

  function appendPings(pings: readonly PingSample[]): void {
    const mine = pings.filter((p) => p.profileId === profileId.value);
    const newest = mine[mine.length - 1];
    if (!newest) return;
    // Keep only what the chart can still show: newer than the loaded series
    // and inside the longest window back from the newest ping.
    const loadedTo = history.value?.to ?? -Infinity;
    const oldest = Math.max(loadedTo, newest.at - HISTORY_WINDOW_MS[historyWindow.value]);
    livePings.value = [...livePings.value.filter((p) => p.at > oldest), ...mine];
  }

  function reset(): void {
    shards.value = new Map();
    version.value++;
    membership.value++;
    seq.value = -1;
    loaded.value = false;
    shardsError.value = null;
    history.value = null;
    livePings.value = [];
    historyRange.value = null;
    historyError.value = null;
    timeline.value = [];
    timelineUntil.value = null;
    timelineError.value = null;
    frames.value = [];
    framesError.value = null;
    framesAt.value = null;
  }

  function applyShards(value: { seq: number; shards: ShardView[] }): void {
    const map = new Map<number, ShardView>();
    for (const s of value.shards) map.set(s.id, s);
    shards.value = map;
    seq.value = value.seq;
    shardsError.value = null;
    bump(true);
    loaded.value = true;
  }

  /** Open a profile: its live loop over `query:shards` (docs/architecture.md §3.2). */
  async function open(id: string): Promise<void> {
    close();
    if (profileId.value !== id) {
      lastHistory = null;
      timelineWanted = false;
      framesWanted = false;
    }
    profileId.value = id;
    reset();
    const loop = createLiveLoop({
      load: () => client.shards(id),
      snapshot: applyShards,
      delta: applyDelta,
      // Back after the bridge dropped: load again what the open tab showed.
      reconnected: () => reloadShown(),
    });
    live = loop;
    const res = await loop.start();
    if (live === loop && !res.ok) shardsError.value = res.error.message;
  }

  /** After a reconnect, load again what the open tab showed (history, timeline, frames). */
  function reloadShown(): void {
    if (lastHistory) void loadHistory(lastHistory.win, lastHistory.range);
    if (timelineWanted) void loadTimeline();
    if (framesWanted) void loadFrames();
  }
  let lastHistory: { win: HistoryWindow; range: HistoryRange | null } | null = null;
  let timelineWanted = false;
  let framesWanted = false;

  /** Stop listening; keeps nothing subscribed when the view unmounts. */
  function close(): void {
    live?.stop();
    live = null;
  }

  /** Load the latency history for a window, optionally zoomed to a range. */
  async function loadHistory(
    win: HistoryWindow = historyWindow.value,
    range: HistoryRange | null = null,
  ): Promise<void> {
    const id = profileId.value;
    if (!id) return;
    lastHistory = { win, range };
    historyWindow.value = win;
    historyRange.value = range;
    const token = ++historyToken;
    historyLoading.value = true;
    historyError.value = null;
    const res = await client.history(
      range
        ? { profileId: id, window: win, from: range.from, to: range.to }
        : { profileId: id, window: win },
    );
    if (token !== historyToken || id !== profileId.value) return;
    historyLoading.value = false;
    if (res.ok) {
      history.value = res.value;
      livePings.value = livePings.value.filter((p) => p.at > res.value.to);
    } else historyError.value = res.error.message;
  }

  let timelineToken = 0;

  /**
   * Load the timeline page by page, filtered on the engine: with `older`
   * false the newest page of `kinds` (replacing what is shown), with `older`
   * true the next page back from the last one loaded.
   */
  async function loadTimeline(
    opts: { kinds?: TimelineKind[]; older?: boolean; limit?: number } = {},
  ): Promise<void> {
    const id = profileId.value;
    if (!id) return;
    timelineWanted = true;
    const older = opts.older === true;
    if (older && timelineUntil.value === null) return;
    if (opts.kinds) timelineKinds.value = [...opts.kinds];
    const token = ++timelineToken;
    timelineLoading.value = true;
    timelineError.value = null;
    const res = await client.timeline({
      profileId: id,
      kinds: timelineKinds.value,
      limit: opts.limit ?? TIMELINE_PAGE,
      ...(older && timelineUntil.value !== null ? { until: timelineUntil.value } : {}),
    });
    if (token !== timelineToken || id !== profileId.value) return;
    timelineLoading.value = false;
    if (!res.ok) {
      timelineError.value = res.error.message;
      return;
    }
    timeline.value = older ? [...timeline.value, ...res.value.events] : res.value.events;
    timelineUntil.value = res.value.until;
  }

  /** Load the raw frame log (on demand: when its tab opens or the user refreshes). */
  async function loadFrames(): Promise<void> {
    const id = profileId.value;
    if (!id) return;
    framesWanted = true;
    framesLoading.value = true;
    framesError.value = null;
    const res = await client.frames(id);
    if (id !== profileId.value) return;
    framesLoading.value = false;
    if (res.ok) {
      frames.value = res.value;
      framesAt.value = Date.now();
    } else framesError.value = res.error.message;
  }

  return {
    profileId,
    shards,
    version,
    membership,
    seq,
    loaded,
    shardsError,
    historyWindow,
    historyRange,
    history,
    livePings,
    historyLoading,
    historyError,
    timeline,
    timelineKinds,
    timelineUntil,
    timelineLoading,
    timelineError,
    frames,
    framesLoading,
    framesError,
    framesAt,
    open,
    close,
    loadHistory,
    loadTimeline,
    loadFrames,
  };
});
