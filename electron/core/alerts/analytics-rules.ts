/**
 * The rules fed by the shard analytics (docs/analytics.md), pure like
 * `rules.ts`: for one `analytics` sample each says whether it is bad or good
 * and what the incident says. The analyses word their own findings (the
 * budget's forecast, the loop, the one-way and silent shards); these rules
 * only decide and set the severity.
 *
 * - `restart-budget` raises while the budget is at `warning` or worse:
 *   before the daily session-start limit is used up, with the forecast in the
 *   body. `warning` is a warning; `critical` (80 % used, or a restart storm
 *   that would use it up within the hour) and `exhausted` are critical.
 * - `restart-loop`, `one-way` and `silent` raise on the first sample that
 *   names a shard: each analysis has already waited its own time (3 restarts
 *   in 15 minutes, 60 s of unanswered pings, 120 s without a message), so a
 *   second debounce would only delay the alert. They are warnings.
 */
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { AlertRule } from '../../../shared/incident-model';
import type { AnalyticsFacts, IncidentContent, ShardFinding, Verdict } from './types';

/** The rules of this file. */
export const ANALYTICS_RULES = [
  'restart-budget',
  'restart-loop',
  'one-way',
  'silent',
] as const satisfies readonly AlertRule[];
/** One rule of {@link ANALYTICS_RULES}. */
export type AnalyticsRule = (typeof ANALYTICS_RULES)[number];

/** Verdict of restart-budget: bad from `warning` on; no budget is no data. */
export function budgetVerdict(facts: AnalyticsFacts): Verdict {
  if (!facts.budget) return 'neutral';
  return facts.budget.level === 'ok' ? 'good' : 'bad';
}

/** Content of restart-budget. */
export function budgetContent(facts: AnalyticsFacts, say: Say = sayEnglish): IncidentContent {
  const b = facts.budget;
  return {
    severity: b?.level === 'warning' ? 'warning' : 'critical',
    title: b?.title ?? say('analytics.budget.fallbackTitle'),
    body: b?.body ?? '',
    shardIds: [],
  };
}

/** The finding a shard rule reads from the facts. */
export function findingOf(
  rule: Exclude<AnalyticsRule, 'restart-budget'>,
  facts: AnalyticsFacts,
): ShardFinding | null {
  return rule === 'restart-loop' ? facts.loops : rule === 'one-way' ? facts.oneWay : facts.silent;
}

/** Verdict of restart-loop, one-way and silent: bad while the analysis names a shard. */
export function findingVerdict(finding: ShardFinding | null): Verdict {
  return finding && finding.shardIds.length > 0 ? 'bad' : 'good';
}

/** Content of restart-loop, one-way and silent. */
export function findingContent(finding: ShardFinding | null): IncidentContent {
  return {
    severity: 'warning',
    title: finding?.title ?? '',
    body: finding?.body ?? '',
    shardIds: finding ? [...finding.shardIds] : [],
  };
}
