/**
 * What the shard grid says in words: the per-kind counts behind the legend,
 * the slot count, the summary sentence and a shard's description (hover,
 * keyboard cursor). A composable of ShardGrid.vue, reading its props.
 */
import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ShardView } from '../../../../shared/live-status';
import { findingStatesOf } from '../../../../shared/analytics';
import type { ShardFindings } from '../../../../shared/analytics';
import type { CellKind } from './grid-paint';
import { retally, slotCountOf, tallyKinds } from './grid-ids';
import type { KindTally } from './grid-ids';

/** The props the words are made from. */
export interface GridSummarySource {
  shards: ReadonlyMap<number, ShardView>;
  version: number;
  membership: number;
  expected: number;
  findings?: ShardFindings | undefined;
  /** Ids changed after a `version` (null: unknown); without it every update counts every shard. */
  changedSince?: ((version: number) => readonly number[] | null) | undefined;
}

/** The grid's words. */
export interface GridSummary {
  counts: ComputedRef<Record<CellKind, number>>;
  slotCount: ComputedRef<number>;
  summary: ComputedRef<string>;
  /** The grid's accessible name (slot count and summary). */
  ariaLabel: ComputedRef<string>;
  /** One shard in words: its state, stalled, disconnected, named states. */
  describe(id: number): string;
}

/** The words of a grid showing `props`. */
export function useGridSummary(props: GridSummarySource): GridSummary {
  const { t } = useI18n();

  /** The last count and what it was taken of: an update of states re-counts only its shards. */
  let tally: KindTally | null = null;
  let talliedOf = { version: -1, membership: -1, expected: -1, shards: null as unknown };

  const counts = computed<Record<CellKind, number>>(() => {
    const { version, membership, expected, shards } = props;
    const same =
      tally !== null &&
      talliedOf.membership === membership &&
      talliedOf.expected === expected &&
      talliedOf.shards === shards;
    const changed = same ? (props.changedSince?.(talliedOf.version) ?? null) : null;
    tally = (tally && changed && retally(tally, shards, changed)) || tallyKinds(shards, expected);
    talliedOf = { version, membership, expected, shards };
    return tally.counts;
  });

  const slotCount = computed(() => {
    void props.membership;
    return slotCountOf(props.shards, props.expected);
  });

  const summary = computed(() => {
    const c = counts.value;
    const parts = [t('shards.summary', { down: c.down, total: slotCount.value })];
    if (c.degraded) parts.push(t('shards.summaryDegraded', { n: c.degraded }));
    if (c.missing) parts.push(t('shards.summaryMissing', { n: c.missing }));
    if (c['no-data']) parts.push(t('shards.summaryNoData', { n: c['no-data'] }));
    return parts.join(', ');
  });

  function describe(id: number): string {
    const s = props.shards.get(id);
    if (!s) return t('shards.describeMissing', { id });
    const words = [t(`common.shardState.${s.state}`)];
    if (s.stalled) words.push(t('shards.stalled'));
    if (s.disconnected) words.push(t('shards.disconnected'));
    for (const f of findingStatesOf(props.findings, id)) words.push(t(`analytics.state.${f}`));
    return t('shards.describe', { id, state: words.join(', ') });
  }

  const ariaLabel = computed(() =>
    t('shards.gridLabel', { n: slotCount.value, summary: summary.value }),
  );

  return { counts, slotCount, summary, ariaLabel, describe };
}
