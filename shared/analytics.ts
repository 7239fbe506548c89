/**
 * What the renderer may see of the shard analytics (docs/analytics.md): a
 * profile's shard layout (identify buckets, clusters, the daily
 * session-start limit), the restart budget, recurring trouble and the
 * heatmap request, with the validators of their requests and fields.
 */
import { localeOf, sayEnglish, type Say } from './i18n/translator';
import { formatNumber } from './format';
import type { MaintenanceFields } from './alerting';
import type { HeatmapSlice } from './shard-heatmap';
import { MAX_SLICE_SHARDS, MAX_SLICE_SPAN_MS, decodeHeatmapSlice } from './shard-heatmap';
import type { Checked, Validator } from './validate';
import { fail, isRecord, ok } from './validate';

/**
 * How the user groups shards into clusters (processes or hosts):
 * cluster `n` holds ids `n·size … n·size + size − 1`, or the ids of
 * `lists[n]`.
 */
export type ClusterSpec = { size: number } | { lists: number[][] };

/** Most clusters a list layout may name. */
export const MAX_CLUSTERS = 10_000;
/** Most shard ids all the lists of a layout may hold together. */
export const MAX_CLUSTER_IDS = 100_000;
/** Largest shard id a cluster list may name. */
export const MAX_CLUSTER_SHARD_ID = 1_048_575;

/** Bounds of the per-profile analytics settings, shared with form hints. */
export const ANALYTICS_LIMITS = {
  maxConcurrency: { min: 1, max: 1024 },
  dailySessionLimit: { min: 1, max: 1_000_000 },
  clusterSize: { min: 1, max: 100_000 },
} as const;

/** Defaults of a new profile's analytics settings (docs/analytics.md). */
export const ANALYTICS_DEFAULTS = {
  /** No identify buckets (every shard identifies alone). */
  maxConcurrency: 1,
  /** Discord's usual `session_start_limit.total`. */
  dailySessionLimit: 1000,
} as const;

/** Structural check of a cluster layout (the editor and the store check its meaning). */
export const clusterSpecValidator: Validator<ClusterSpec> = (v, path) => {
  if (!isRecord(v)) return fail(`${path} must be an object`);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === 'size') {
    const { min, max } = ANALYTICS_LIMITS.clusterSize;
    const size = v.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < min || size > max)
      return fail(`${path}.size must be a whole number from ${min} to ${max}`);
    return ok({ size });
  }
  if (keys.length === 1 && keys[0] === 'lists') {
    const lists = v.lists;
    if (!Array.isArray(lists) || lists.length === 0 || lists.length > MAX_CLUSTERS)
      return fail(`${path}.lists must be a list of 1 to ${MAX_CLUSTERS} clusters`);
    let total = 0;
    const out: number[][] = [];
    for (let c = 0; c < lists.length; c++) {
      const list: unknown = lists[c];
      if (!Array.isArray(list)) return fail(`${path}.lists[${c}] must be a list of shard ids`);
      total += list.length;
      if (total > MAX_CLUSTER_IDS)
        return fail(`${path}.lists hold more than ${MAX_CLUSTER_IDS} shard ids`);
      for (const id of list as unknown[]) {
        if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_CLUSTER_SHARD_ID)
          return fail(`${path}.lists[${c}] must hold shard ids from 0 to ${MAX_CLUSTER_SHARD_ID}`);
      }
      out.push([...(list as number[])]);
    }
    return ok({ lists: out });
  }
  return fail(`${path} must be {"size": N} or {"lists": [[ids], …]}`);
};

/**
 * A cluster layout as the editor shows it: `16` (clusters of 16 shards) or
 * one cluster per `;`, each a list of ids and ranges (`0-15; 16-31, 40`).
 */
export function formatClusters(spec: ClusterSpec | null): string {
  if (!spec) return '';
  if ('size' in spec) return String(spec.size);
  return spec.lists
    .map((list) => {
      const ids = [...new Set(list)].sort((a, b) => a - b);
      const parts: string[] = [];
      for (let i = 0; i < ids.length;) {
        let j = i;
        while (j + 1 < ids.length && (ids[j + 1] as number) === (ids[j] as number) + 1) j++;
        parts.push(i === j ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
        i = j + 1;
      }
      return parts.join(', ');
    })
    .join('; ');
}

/**
 * Read what the editor's cluster field holds (see {@link formatClusters}):
 * empty is no clusters; a sentence saying what is wrong otherwise.
 */
export function parseClusters(text: string): Checked<ClusterSpec | null> {
  const t = text.trim();
  if (t === '') return ok(null);
  if (/^\d+$/.test(t)) {
    const size = Number(t);
    const { min, max } = ANALYTICS_LIMITS.clusterSize;
    if (size < min || size > max)
      return fail(`A cluster size must be a whole number from ${min} to ${max}.`);
    return ok({ size });
  }
  const lists: number[][] = [];
  let total = 0;
  for (const [c, chunk] of t.split(';').entries()) {
    const list: number[] = [];
    for (const part of chunk.split(',')) {
      const p = part.trim();
      if (p === '') continue;
      const m = /^(\d+)\s*(?:-|–)\s*(\d+)$/.exec(p) ?? /^(\d+)$/.exec(p);
      if (!m) return fail(`Cluster ${c + 1}: "${p.slice(0, 20)}" is not a shard id or a range.`);
      const lo = Number(m[1]);
      const hi = Number(m[2] ?? m[1]);
      if (hi < lo || hi > MAX_CLUSTER_SHARD_ID)
        return fail(`Cluster ${c + 1}: ${p} is not a range of shard ids from low to high.`);
      total += hi - lo + 1;
      if (total > MAX_CLUSTER_IDS)
        return fail(`The clusters hold more than ${MAX_CLUSTER_IDS} shard ids.`);
      for (let id = lo; id <= hi; id++) list.push(id);
    }
    if (list.length === 0) return fail(`Cluster ${c + 1} holds no shard id.`);
    lists.push(list);
  }
  if (lists.length > MAX_CLUSTERS) return fail(`At most ${MAX_CLUSTERS} clusters can be named.`);
  return ok({ lists });
}

/**
 * Check the analytics fields of a profile form (the editor's messages, one
 * per field; `err` keeps the first message of a field).
 */
export function validateAnalyticsFields(
  input: { maxConcurrency?: unknown; clusters?: unknown; dailySessionLimit?: unknown },
  err: (field: string, message: string | null) => void,
  say: Say = sayEnglish,
): void {
  const whole = (v: unknown, lim: { min: number; max: number }): boolean =>
    typeof v === 'number' && Number.isInteger(v) && v >= lim.min && v <= lim.max;
  const mc = ANALYTICS_LIMITS.maxConcurrency;
  if (!whole(input.maxConcurrency, mc))
    err('maxConcurrency', say('validation.maxConcurrency', { min: mc.min, max: mc.max }));
  const dl = ANALYTICS_LIMITS.dailySessionLimit;
  if (!whole(input.dailySessionLimit, dl))
    err(
      'dailySessionLimit',
      say('validation.dailySessionLimit', {
        min: dl.min,
        max: formatNumber(dl.max, localeOf(say), 0),
      }),
    );
  if (input.clusters !== null && input.clusters !== undefined) {
    const r = clusterSpecValidator(input.clusters, 'clusters');
    if (!r.ok) err('clusters', say('validation.clusters'));
  }
}

/**
 * Shards in states the health states do not show (docs/analytics.md), as
 * inclusive id ranges so a whole bot in one state stays one pair.
 */
export interface ShardFindings {
  /** Pinged by the gateway, never answering. */
  oneWay: Array<[number, number]>;
  /** Connected and sending, receiving nothing while the others do. */
  silent: Array<[number, number]>;
  /** Restarting again and again. */
  restartLoop: Array<[number, number]>;
  /** Down as part of a rolling restart (a deploy): their own alerts wait for them to come back. */
  deployHeld: Array<[number, number]>;
}

/** The named shard states beside the health states, as the grid and table word them. */
export const FINDING_STATES = ['one-way', 'silent', 'restart-loop', 'deploy-held'] as const;
/** One of {@link FINDING_STATES}. */
export type FindingState = (typeof FINDING_STATES)[number];

const FINDING_KEYS: Record<FindingState, keyof ShardFindings> = {
  'one-way': 'oneWay',
  silent: 'silent',
  'restart-loop': 'restartLoop',
  'deploy-held': 'deployHeld',
};

/** The named states shard `id` is in (none when `findings` is absent). */
export function findingStatesOf(findings: ShardFindings | undefined, id: number): FindingState[] {
  if (!findings) return [];
  // `?? []`: a status from before a field existed (an older core over the bridge) lacks it.
  return FINDING_STATES.filter((s) => inRanges(findings[FINDING_KEYS[s]] ?? [], id));
}

/** Whether `id` lies in one of `ranges` (ascending, as in {@link ShardFindings}). */
export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, id: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = ranges[mid] as readonly [number, number];
    if (id < r[0]) hi = mid - 1;
    else if (id > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** How close the restart budget is to running out. */
export type BudgetLevel = 'ok' | 'warning' | 'critical' | 'exhausted';

/** One shard restarting again and again. */
export interface RestartLoop {
  shardId: number;
  /** Restarts within the loop window. */
  count: number;
  firstAt: number;
  lastAt: number;
}

/** The restart budget at one moment: session starts of the last 24 h against the daily limit. */
export interface RestartBudgetStatus {
  /** Wall ms the figures are for. */
  at: number;
  /** Restarts counted in the 24 h before `at`. */
  used: number;
  limit: number;
  remaining: number;
  /** Restarts per hour the forecast assumes: the last hour's, or the last 10 minutes' in a storm. */
  ratePerHour: number;
  /** Wall ms when the rolling count would reach the limit at that rate; null when it never would. */
  exhaustAt: number | null;
  level: BudgetLevel;
  /** Incident title, e.g. "812 of 1,000 daily session starts used". */
  title: string;
  /** What the figures mean and what to do. */
  body: string;
}

/** `query:restart-budget`: the budget, the shards in a restart loop, and since when it counts. */
export interface RestartBudgetView extends RestartBudgetStatus {
  /** Shards in a restart loop now, most restarts first. */
  loops: RestartLoop[];
  /** Restarts counted since when: the start of the 24 h window, or when Shardwatch began counting. */
  since: number;
}

/** One time of day at which failures keep happening (docs/analytics.md "Recurring trouble"). */
export interface RecurringTroubleFinding {
  /** `HH:MM`, local time in `suggestion.timeZone` (the median of the failures in the slot). */
  at: string;
  /** Local dates (`YYYY-MM-DD`) with a failure at that time, ascending. */
  days: string[];
  /** Days looked at. */
  ofDays: number;
  /** Failures in the slot over those days. */
  failures: number;
  /** A daily maintenance window covering them, in the same zone. */
  suggestion: { start: string; end: string; timeZone: string };
  title: string;
  body: string;
}

/** `query:recurring-trouble`: a finding with its window, ready for one click. */
export interface RecurringTroubleView extends RecurringTroubleFinding {
  /** The suggested window, ready for `command:save-maintenance` (one click). */
  maintenance: MaintenanceFields;
  /** A maintenance window with exactly this time already exists. */
  covered: boolean;
}

/** `query:shard-heatmap`: shards `shardLo … shardLo + shardCount − 1` over `[from, to)`. */
export interface ShardHeatmapQuery {
  profileId: string;
  from: number;
  to: number;
  shardLo: number;
  shardCount: number;
}

/**
 * The heatmap slice in its binary form (`encodeHeatmapSlice`) as base64:
 * one representation that both transports carry unchanged (the browser-mode
 * bridge speaks JSON text). The renderer decodes and validates it with
 * {@link decodeHeatmapBase64}.
 */
export interface ShardHeatmapData {
  base64: string;
}

/** Validator of {@link ShardHeatmapQuery}. */
export const shardHeatmapQueryValidator: Validator<ShardHeatmapQuery> = (v, path) => {
  if (!isRecord(v)) return fail(`${path} must be an object`);
  for (const k of Object.keys(v)) {
    if (!['profileId', 'from', 'to', 'shardLo', 'shardCount'].includes(k))
      return fail(`${path} has an unknown field "${k.slice(0, 40)}"`);
  }
  const { profileId, from, to, shardLo, shardCount } = v;
  if (typeof profileId !== 'string' || profileId.length < 1 || profileId.length > 200)
    return fail(`${path}.profileId must be a profile id`);
  if (typeof from !== 'number' || !Number.isFinite(from))
    return fail(`${path}.from must be a time`);
  if (typeof to !== 'number' || !Number.isFinite(to) || to <= from)
    return fail(`${path}.to must be a time after ${path}.from`);
  if (to - from > MAX_SLICE_SPAN_MS) return fail(`${path} spans more than 40 days`);
  if (typeof shardLo !== 'number' || !Number.isInteger(shardLo) || shardLo < 0)
    return fail(`${path}.shardLo must be a shard id`);
  if (
    typeof shardCount !== 'number' ||
    !Number.isInteger(shardCount) ||
    shardCount < 1 ||
    shardCount > MAX_SLICE_SHARDS
  )
    return fail(`${path}.shardCount must be a whole number from 1 to ${MAX_SLICE_SHARDS}`);
  return ok({ profileId, from, to, shardLo, shardCount });
};

/**
 * Bytes of base64 text, or null when the text is not base64. `atob` is
 * native in the browser and in Node, several times faster on a megabyte of
 * text than a loop over its characters; it throws on bad input, this does not.
 */
export function bytesFromBase64(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Decode and validate the `query:shard-heatmap` answer. Never throws. */
export function decodeHeatmapBase64(data: unknown): Checked<HeatmapSlice> {
  if (!isRecord(data) || typeof data.base64 !== 'string')
    return fail('heatmap data must be {"base64": text}');
  const bytes = bytesFromBase64(data.base64);
  if (!bytes) return fail('heatmap data is not base64');
  return decodeHeatmapSlice(bytes);
}
