/**
 * What a group of shards that failed together has in common
 * (docs/analytics.md "Grouped failures"): instead of "12 shards down", say
 * "12 shards down, all in identify bucket 3". Pure: ids and the profile's
 * shard layout in, a structured diagnosis and its words out.
 */
import type { ClusterSpec } from '../../../shared/analytics';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { formatCount, formatIdRanges, idRanges, shardCount } from './text';

export type { ClusterSpec };

/** The profile's shard layout and the thresholds of the diagnosis. */
export interface DiagnosisContext {
  /** `shard_total`: the denominator of "all at once". */
  shardTotal: number;
  /** Discord's `max_concurrency` for the bot: shards identify in buckets `shard_id % max_concurrency`. Default 1 (no buckets). */
  maxConcurrency?: number;
  clusters?: ClusterSpec | null;
  /** Whether a shard runs in development mode (`development: true`). */
  isDevelopment?: (shardId: number) => boolean;
  /** A group of at least this share of all shards is "all at once". Default 0.9. */
  allFraction?: number;
  /** A pattern shared by at least this share of the group (not all) is reported as "most". Default 0.8. */
  dominance?: number;
  /** Smallest group for which one bucket or one cluster means something. Default 3. */
  minGroup?: number;
}

/** Defaults of {@link DiagnosisContext}, with the reasons in docs/analytics.md. */
export const DIAGNOSIS_DEFAULTS = {
  maxConcurrency: 1,
  allFraction: 0.9,
  dominance: 0.8,
  minGroup: 3,
} as const;

/** What happened to the group: it finishes the title ("12 shards down"). */
export type DiagnosisVerb = 'down' | 'one-way' | 'silent';

/** The kinds of diagnosis, most telling first. */
export type DiagnosisKind =
  'single' | 'all' | 'development' | 'bucket' | 'cluster' | 'range' | 'scattered';

/** What a group has in common. */
export interface GroupDiagnosis {
  kind: DiagnosisKind;
  /** Distinct shards in the group. */
  count: number;
  /** Shards of the group that share the pattern (`count` unless `partial`). */
  matching: number;
  /** The pattern holds for most of the group, not all of it. */
  partial: boolean;
  /** `kind: 'bucket'`: the bucket and how many shards it has in all. */
  bucket: { index: number; maxConcurrency: number; size: number } | null;
  /** `kind: 'cluster'` (or a bucket inside one cluster): the cluster and its size. */
  cluster: { index: number; size: number } | null;
  /** The group as inclusive id ranges, ascending. */
  ranges: Array<[number, number]>;
  /** Incident title: "12 shards down, all in identify bucket 3". */
  title: string;
  /** One or two sentences: what the pattern points at. */
  body: string;
}

function share(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 && v <= 1 ? v : fallback;
}

function positiveInt(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isSafeInteger(v) && v >= 1 ? v : fallback;
}

/** Cluster of each id, and each cluster's size, for a cluster spec. */
function clusterIndex(
  spec: ClusterSpec | null | undefined,
  shardTotal: number,
): { of: (id: number) => number; size: (c: number) => number } | null {
  if (!spec) return null;
  if ('size' in spec) {
    const size = positiveInt(spec.size, 0);
    if (size === 0) return null;
    return {
      of: (id) => Math.floor(id / size),
      size: (c) => Math.max(0, Math.min(size, shardTotal - c * size)),
    };
  }
  const byId = new Map<number, number>();
  spec.lists.forEach((list, c) => {
    for (const id of list) if (Number.isInteger(id) && !byId.has(id)) byId.set(id, c);
  });
  if (byId.size === 0) return null;
  return {
    of: (id) => byId.get(id) ?? -1,
    size: (c) => new Set(spec.lists[c] ?? []).size,
  };
}

/** The most common value of `key` over `ids`, and how many ids have it (-1 keys are ignored). */
function mode(ids: readonly number[], key: (id: number) => number): { value: number; n: number } {
  const counts = new Map<number, number>();
  let best = { value: -1, n: 0 };
  for (const id of ids) {
    const k = key(id);
    if (k < 0) continue;
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > best.n || (n === best.n && k < best.value)) best = { value: k, n };
  }
  return best;
}

/**
 * Diagnose a group of shards that failed together, worded by `say`. `verb`
 * finishes the title ("down", "one-way", "silent"). Order of the checks (the first that
 * holds wins, later facts go into the body):
 * one shard → nearly all shards → development shards only → one identify
 * bucket → one cluster → one contiguous range → most in one bucket or
 * cluster → nothing in common.
 */
export function diagnoseGroup(
  ids: ArrayLike<number>,
  ctx: DiagnosisContext,
  verbKind: DiagnosisVerb = 'down',
  say: Say = sayEnglish,
): GroupDiagnosis {
  const verb = say(`analytics.verb.${verbKind}`);
  const group = [...new Set(Array.from(ids).filter((x) => Number.isInteger(x) && x >= 0))].sort(
    (a, b) => a - b,
  );
  const count = group.length;
  const knownTotal = positiveInt(ctx.shardTotal, 0);
  const total = Math.max(knownTotal, count);
  const m = positiveInt(ctx.maxConcurrency, DIAGNOSIS_DEFAULTS.maxConcurrency);
  const allFraction = share(ctx.allFraction, DIAGNOSIS_DEFAULTS.allFraction);
  const dominance = share(ctx.dominance, DIAGNOSIS_DEFAULTS.dominance);
  const minGroup = positiveInt(ctx.minGroup, DIAGNOSIS_DEFAULTS.minGroup);
  const clusters = clusterIndex(ctx.clusters, total);
  const ranges = idRanges(group);
  const idsText = (list: readonly number[]): string => formatIdRanges(list, 5, say);
  const shards = shardCount(count, say);
  const base = {
    count,
    matching: count,
    partial: false,
    bucket: null,
    cluster: null,
    ranges,
  };
  const bucketSize = (b: number): number => (total > b ? Math.ceil((total - b) / m) : 0);

  if (count <= 1) {
    return {
      ...base,
      kind: 'single',
      title:
        count === 1
          ? say('analytics.single.title', { id: group[0] ?? 0, verb })
          : say('analytics.single.none', { verb }),
      body: count === 1 ? say('analytics.single.body', { id: group[0] ?? 0, verb }) : '',
    };
  }
  if (knownTotal > 0 && count >= 2 && count >= allFraction * total) {
    return {
      ...base,
      kind: 'all',
      title: say('analytics.all.title', {
        count: formatCount(count, say),
        total: formatCount(total, say),
        verb,
      }),
      body: say('analytics.all.body'),
    };
  }
  const isDev = ctx.isDevelopment;
  if (isDev && group.every((id) => isDev(id))) {
    return {
      ...base,
      kind: 'development',
      title: say('analytics.development.title', { shards, verb }),
      body: say('analytics.development.body', { ids: idsText(group) }),
    };
  }
  const clusterOf = (id: number): number => (clusters ? clusters.of(id) : -1);
  const cl = clusters ? mode(group, clusterOf) : { value: -1, n: 0 };
  const clusterInfo =
    clusters && cl.n > 0 ? { index: cl.value, size: clusters.size(cl.value) } : null;
  const bucket = m > 1 ? mode(group, (id) => id % m) : { value: -1, n: 0 };
  const bucketInfo =
    bucket.n > 0
      ? { index: bucket.value, maxConcurrency: m, size: bucketSize(bucket.value) }
      : null;
  const inCluster = (c: { index: number; size: number }): string =>
    c.size > 0 && cl.n === c.size
      ? say('analytics.cluster.whole', { size: formatCount(c.size, say), cluster: c.index })
      : say('analytics.cluster.part', {
          count: formatCount(cl.n, say),
          size: formatCount(c.size, say),
          cluster: c.index,
        });
  const bucketBody = (b: { index: number; size: number }, matching: number): string =>
    say('analytics.bucket.body', {
      count: formatCount(matching, say),
      size: formatCount(b.size, say),
      bucket: b.index,
      m,
    });

  if (count >= minGroup && bucketInfo && bucket.n === count) {
    const alsoCluster =
      clusterInfo && cl.n === count
        ? ` ${say('analytics.bucket.alsoCluster', { cluster: cl.value })}`
        : '';
    return {
      ...base,
      kind: 'bucket',
      bucket: bucketInfo,
      cluster: clusterInfo && cl.n === count ? clusterInfo : null,
      title: say('analytics.bucket.title', { shards, verb, bucket: bucket.value }),
      body: bucketBody(bucketInfo, count) + alsoCluster,
    };
  }
  if (clusterInfo && cl.n === count) {
    const contiguous = ranges.length === 1;
    const words = {
      shards,
      verb,
      cluster: cl.value,
      ids: idsText(group),
      who: inCluster(clusterInfo),
    };
    return {
      ...base,
      kind: 'cluster',
      cluster: clusterInfo,
      title: say(contiguous ? 'analytics.cluster.titleRange' : 'analytics.cluster.title', words),
      body: say(contiguous ? 'analytics.cluster.bodyRange' : 'analytics.cluster.body', words),
    };
  }
  if (ranges.length === 1) {
    return {
      ...base,
      kind: 'range',
      title: say('analytics.range.title', { shards, verb, ids: idsText(group) }),
      body: say('analytics.range.body', { ids: idsText(group) }),
    };
  }
  const need = Math.max(minGroup, Math.ceil(dominance * count));
  const bucketPartial = bucketInfo !== null && bucket.n >= need;
  const clusterPartial = clusterInfo !== null && cl.n >= need;
  if (bucketPartial && bucketInfo && (!clusterPartial || bucket.n >= cl.n)) {
    return {
      ...base,
      kind: 'bucket',
      matching: bucket.n,
      partial: true,
      bucket: bucketInfo,
      title: say('analytics.bucket.titleSome', {
        shards,
        verb,
        count: formatCount(bucket.n, say),
        bucket: bucket.value,
      }),
      body: bucketBody(bucketInfo, bucket.n),
    };
  }
  if (clusterPartial && clusterInfo) {
    return {
      ...base,
      kind: 'cluster',
      matching: cl.n,
      partial: true,
      cluster: clusterInfo,
      title: say('analytics.cluster.titleSome', {
        shards,
        verb,
        count: formatCount(cl.n, say),
        cluster: cl.value,
      }),
      body: say('analytics.cluster.body', { who: inCluster(clusterInfo) }),
    };
  }
  return {
    ...base,
    kind: 'scattered',
    title: say('analytics.scattered.title', { shards, verb }),
    body: say('analytics.scattered.body', { ids: idsText(group) }),
  };
}
