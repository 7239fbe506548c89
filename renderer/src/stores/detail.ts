/**
 * State of the open profile detail: its shards (live, through the live loop
 * of live-loop.ts over `query:shards`), latency history with the pings
 * pushed since, timeline and raw frame log.
 *
 * Shards are kept in a `shallowRef(Map)` plus version counters instead of a
 * deep reactive array: a 10,000-shard bot updating at 1 Hz would otherwise
 * make Vue track 10,000 proxies × 15 fields. Views read `version` to know the
 * map changed and `membership` to know ids were added or removed. Shards
 * arrive in columns (shared/shard-columns.ts): the first load page by page,
 * then pushes that patch the map in place (only the shards that changed are
 * decoded); `changedSince(version)` names the ids changed after a version,
 * so a sorted table re-places only those rows.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { AppDelta } from '../../../shared/app-state';
import type { HistorySeries, HistoryWindow } from '../../../shared/history-model';
import type { PingSample, ShardView } from '../../../shared/live-status';
import type { FrameLogEntry, TimelineEvent, TimelineKind } from '../../../shared/profile-detail';
import { HISTORY_WINDOW_MS } from '../../../shared/history-model';
import type { ApiResult } from '../../../shared/api';
import type { ShardColumns, ShardPush } from '../../../shared/shard-columns';
import { applyShardPush, putShards } from '../../../shared/shard-columns';
import { client } from './client';
import type { LiveLoop } from './live-loop';
import { createLiveLoop } from './live-loop';

/** The first load of a profile's shards: every page of `query:shards`. */
export interface ShardLoad {
  /** `seq` of the first page: deltas after it are applied over the pages. */
  seq: number;
  pages: ShardColumns[];
}

/** Shard changes remembered for {@link changedSince} (a view that lags further re-sorts in full). */
const CHANGE_LOG_MAX = 16;

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
  /**
   * The ids each recent `version` changed, newest last; cleared when a change
   * may have touched any shard (a load, a replace, ids added or removed).
   */
  let changeLog: Array<{ version: number; ids: readonly number[] }> = [];
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
  let live: LiveLoop<ShardLoad> | null = null;
  let historyToken = 0;

  /**
   * Ids whose view changed after `since` (a `version` seen before), or null
   * when that is not known (too long ago, or ids were added or removed).
   */
  function changedSince(since: number): number[] | null {
    if (since === version.value) return [];
    const oldest = changeLog[0];
    // The log holds consecutive versions since it was last cleared.
    if (!oldest || oldest.version > since + 1) return null;
    const out: number[] = [];
    for (const c of changeLog) if (c.version > since) out.push(...c.ids);
    return out;
  }

  function bump(membershipChanged: boolean): void {
    version.value++;
    if (membershipChanged) membership.value++;
    triggerRef(shards);
  }

  /** Apply one pushed delta (the live loop passes only those newer than what is shown). */
  function applyDelta(delta: AppDelta): void {
    seq.value = delta.seq;
    const mine: ShardPush[] = [];
    for (const d of delta.shards ?? []) if (d.profileId === profileId.value) mine.push(d);
    if (mine.length > 0) {
      let membershipChanged = false;
      for (const d of mine) if (applyShardPush(shards.value, d)) membershipChanged = true;
      bump(membershipChanged);
      if (membershipChanged) changeLog = [];
      else {
        changeLog.push({
          version: version.value,
          ids: mine.flatMap((d) => Array.from(d.shards.id)),
        });
        if (changeLog.length > CHANGE_LOG_MAX) changeLog.shift();
      }
    }
    if (delta.pings) appendPings(delta.pings);
  }

  /** Every page of the profile's shards, in order. */
  async function loadShards(id: string): Promise<ApiResult<ShardLoad>> {
    const pages: ShardColumns[] = [];
    let after: number | undefined;
    let first = -1;
    for (;;) {
      // No second argument on the first page: JSON (the browser-mode bridge) would send null.
      const res = after === undefined ? await client.shards(id) : await client.shards(id, after);
      if (!res.ok) return res;
      if (pages.length === 0) first = res.value.seq;
      pages.push(res.value.shards);
      if (res.value.next === null) return { ok: true, value: { seq: first, pages } };
      after = res.value.next;
    }
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
    changeLog = [];
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

  function applyShards(value: ShardLoad): void {
    const map = new Map<number, ShardView>();
    for (const page of value.pages) putShards(map, page);
    shards.value = map;
    changeLog = [];
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
      load: () => loadShards(id),
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
    changedSince,
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
