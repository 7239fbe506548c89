/**
 * The shard analytics of the open profile (docs/analytics.md): the shard ×
 * time heatmap of the last 24 h or 7 d, the restart budget, recurring
 * trouble with its one-click maintenance window. Loaded when the user opens the shard history and when they ask;
 * answers for a profile that is no longer open are dropped.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiResult } from '../../../shared/api';
import type { RecurringTroubleView, RestartBudgetView } from '../../../shared/analytics';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import { MAX_SLICE_SHARDS } from '../../../shared/shard-heatmap';
import { t } from '../i18n';
import { client } from './client';
import { decodeHeatmapAnswer } from '../heatmap-decode';

/** The heatmap's two windows. */
export const HEATMAP_WINDOWS = ['24h', '7d'] as const;
/** One of {@link HEATMAP_WINDOWS}. */
export type HeatmapWindow = (typeof HEATMAP_WINDOWS)[number];
const WINDOW_MS: Record<HeatmapWindow, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000 };

export const useAnalyticsStore = defineStore('analytics', () => {
  const profileId = ref<string | null>(null);
  const window = ref<HeatmapWindow>('24h');
  const slice = shallowRef<HeatmapSlice | null>(null);
  const sliceLoading = ref(false);
  const sliceError = ref<string | null>(null);
  const budget = shallowRef<RestartBudgetView | null>(null);
  const budgetError = ref<string | null>(null);
  const recurring = shallowRef<RecurringTroubleView[]>([]);
  const recurringError = ref<string | null>(null);
  let generation = 0;

  /** Follow another profile: what was loaded for the previous one goes. */
  function open(id: string): void {
    if (profileId.value === id) return;
    generation++;
    profileId.value = id;
    slice.value = null;
    budget.value = null;
    recurring.value = [];
    sliceError.value = budgetError.value = recurringError.value = null;
  }

  function close(): void {
    generation++;
    profileId.value = null;
  }

  /** Load the heatmap of shards `0 … shardCount − 1` over the chosen window, ending now. */
  async function loadHeatmap(shardCount: number, w: HeatmapWindow = window.value): Promise<void> {
    const id = profileId.value;
    if (id === null) return;
    const gen = generation;
    window.value = w;
    sliceLoading.value = true;
    const to = Date.now() + 1;
    const r = await client.shardHeatmap({
      profileId: id,
      from: to - WINDOW_MS[w],
      to,
      shardLo: 0,
      shardCount: Math.max(1, Math.min(MAX_SLICE_SHARDS, Math.floor(shardCount))),
    });
    if (gen !== generation) return;
    if (!r.ok) {
      sliceLoading.value = false;
      sliceError.value = r.error.message;
      return;
    }
    // In chunks between frames: 50,000 shards' day is 4 MiB of text.
    const decoded = await decodeHeatmapAnswer(r.value);
    if (gen !== generation) return;
    sliceLoading.value = false;
    if (!decoded.ok) {
      sliceError.value = t('analytics.badHeatmap', { message: decoded.error });
      return;
    }
    sliceError.value = null;
    slice.value = decoded.value;
  }

  async function loadBudget(): Promise<void> {
    const id = profileId.value;
    if (id === null) return;
    const gen = generation;
    const r = await client.restartBudget(id);
    if (gen !== generation) return;
    budgetError.value = r.ok ? null : r.error.message;
    if (r.ok) budget.value = r.value;
  }

  async function loadRecurring(): Promise<void> {
    const id = profileId.value;
    if (id === null) return;
    const gen = generation;
    const r = await client.recurringTrouble(id);
    if (gen !== generation) return;
    recurringError.value = r.ok ? null : r.error.message;
    if (r.ok) recurring.value = r.value;
  }

  /** The one click of recurring trouble: save its suggested maintenance window. */
  async function addWindow(finding: RecurringTroubleView): Promise<ApiResult<unknown>> {
    const r = await client.saveMaintenance(null, finding.maintenance);
    if (r.ok) await loadRecurring();
    return r;
  }

  return {
    profileId,
    window,
    slice,
    sliceLoading,
    sliceError,
    budget,
    budgetError,
    recurring,
    recurringError,
    open,
    close,
    loadHeatmap,
    loadBudget,
    loadRecurring,
    addWindow,
  };
});
