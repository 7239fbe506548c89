/**
 * What `shardwatch probe` prints: the outcome as text lines (as facts
 * arrive, then a summary) or as one JSON object.
 */
import { PING_ONLY_NO_STATS } from '../../shared/connection-text';
import type { DialectDetection } from '../../shared/command-results';
import type { HelloInfo, ShardStats } from '../../shared/protocol';
import { SHARD_STATS_FIELDS } from '../../shared/protocol';
import { dialectSpec } from '../../shared/dialects';
import { formatRtt } from '../../shared/format';
import { percentile } from '../../shared/percentile';
import type { ProbeExitCode, ProbeOutcome, ProbePing, ProbeReady } from './probe-run';

/** Shard rows printed in text mode; `--json` always has them all. */
const MAX_SHARD_ROWS = 100;
/** Ids listed in a coverage line. */
const MAX_LISTED_IDS = 20;

/** RTT and loss figures (nearest-rank percentiles over answered pings). */
export interface ProbeStats {
  requested: number;
  sent: number;
  answered: number;
  lost: number;
  /** Lost as a percentage of pings with an outcome; null when none had one. */
  lossPercent: number | null;
  minMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Which shards the gateway reported, against `shard_total`. */
export interface ProbeCoverage {
  expected: number;
  /** Distinct shard ids reported. */
  reported: number;
  /** Expected ids not reported (capped). */
  missing: number[];
  /** Ids reported more than once in the snapshot: listed once, reported here. */
  duplicated: number[];
}

/** Percentile of an ascending list by the app's one definition (shared/percentile.ts). */
function percentileOf(sorted: readonly number[], p: number): number | null {
  return sorted.length === 0 ? null : percentile(sorted, p);
}

/** Statistics of a probe's pings. */
export function probeStats(o: ProbeOutcome, requested: number): ProbeStats {
  const rtts = o.pings
    .map((p) => p.rttMs)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const lost = o.pings.filter((p) => p.lost).length;
  return {
    requested,
    sent: o.pingsSent,
    answered: rtts.length,
    lost,
    lossPercent: o.pings.length === 0 ? null : (100 * lost) / o.pings.length,
    minMs: rtts[0] ?? null,
    p50Ms: percentileOf(rtts, 50),
    p95Ms: percentileOf(rtts, 95),
    p99Ms: percentileOf(rtts, 99),
    maxMs: rtts[rtts.length - 1] ?? null,
  };
}

/**
 * The shard list with each id once (its last report, as the monitor keeps
 * it), and the coverage against `expected`. A duplicate is a coverage
 * problem of the gateway, never two shards.
 */
export function shardCoverage(
  list: readonly ShardStats[],
  expected: number,
): { shards: ShardStats[]; coverage: ProbeCoverage } {
  const byId = new Map<number, ShardStats>();
  const dup = new Set<number>();
  for (const s of list) {
    if (byId.has(s.shard_id)) dup.add(s.shard_id);
    byId.set(s.shard_id, s);
  }
  const shards = [...byId.values()].sort((a, b) => a.shard_id - b.shard_id);
  const missing: number[] = [];
  for (let id = 0; id < expected && missing.length < MAX_LISTED_IDS; id++)
    if (!byId.has(id)) missing.push(id);
  return {
    shards,
    coverage: {
      expected,
      reported: byId.size,
      missing,
      duplicated: [...dup].sort((a, b) => a - b),
    },
  };
}

/** RTT as text by the app's one rule (shared/format.ts); `–` when there is none. */
export function rttText(ms: number | null): string {
  return ms === null ? '–' : formatRtt(ms);
}

/** Round to µs for JSON: the clock's sub-µs digits are noise. */
function roundMs(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

export function describeHello(h: HelloInfo): string {
  return `HELLO: starting_shards ${h.startingShards === null ? 'not given' : String(h.startingShards)}`;
}

export function describeReady(r: ProbeReady): string {
  const config = r.shardsConfig.map(([i, t]) => `[${i}, ${t}]`).join(' ') || 'none';
  return (
    `READY: ${r.event}, bot ${r.botId ?? 'not given'}, flags ${r.botFlags ?? 'not given'}, ` +
    `session ${r.sessionIdShort ?? 'none'}, shards_config ${config}`
  );
}

export function describePing(p: ProbePing, count: number, timeoutMs: number): string {
  const what = p.lost ? `lost (no answer within ${timeoutMs} ms)` : rttText(p.rttMs);
  return `ping ${p.n}/${count}: ${what}`;
}

export function describeDetection(d: DialectDetection): string[] {
  const head = d.dialect ? `Dialect: ${d.dialect} (detected)` : 'Dialect: not detected';
  return [head, `  ${d.summary}`, ...d.evidence.map((e) => `  - ${e}`)];
}

const SHARD_COLUMNS = SHARD_STATS_FIELDS;

function shardTable(list: readonly ShardStats[]): string[] {
  const withExtra = list.some((s) => Object.keys(s.extra).length > 0);
  const header: string[] = [...SHARD_COLUMNS, ...(withExtra ? ['extra'] : [])];
  const rows = list
    .slice(0, MAX_SHARD_ROWS)
    .map((s) => [
      ...SHARD_COLUMNS.map((c) => String(s[c])),
      ...(withExtra ? [JSON.stringify(s.extra)] : []),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  const out = [line(header), ...rows.map(line)];
  if (list.length > MAX_SHARD_ROWS)
    out.push(`  … and ${list.length - MAX_SHARD_ROWS} more (--json lists them all)`);
  return out;
}

function idList(ids: readonly number[]): string {
  return ids.length > MAX_LISTED_IDS
    ? `${ids.slice(0, MAX_LISTED_IDS).join(', ')}…`
    : ids.join(', ');
}

export function describeShards(o: ProbeOutcome, shardTotal: number): string[] {
  if (o.mode === 'ping-only') {
    return dialectSpec(o.dialect).reportsShardStats
      ? [`Shards: ${PING_ONLY_NO_STATS} (--register asks for them)`]
      : ['Shards: this server does not report shard stats'];
  }
  if (o.shardList === null) return [`Shards: none received${o.ready ? '' : ' (never registered)'}`];
  if (o.shardList.length === 0) return ['Shards: none reported yet'];
  const { shards, coverage } = shardCoverage(o.shardList, shardTotal);
  const from = o.shardsSource === 'shard-info' ? 'GATEWAY_SHARD_INFO' : 'READY';
  const lines = [`Shards (${shards.length}, latest from ${from}):`, ...shardTable(shards)];
  lines.push(`Coverage: ${coverage.reported} shard ids reported, ${coverage.expected} expected`);
  if (coverage.missing.length > 0) lines.push(`  missing: ${idList(coverage.missing)}`);
  if (coverage.duplicated.length > 0)
    lines.push(`  reported more than once (listed once above): ${idList(coverage.duplicated)}`);
  return lines;
}

const RESULT_TEXT: Record<ProbeExitCode, string> = {
  0: 'OK',
  2: 'bad usage',
  3: 'unreachable',
  4: 'credentials refused',
  5: 'protocol failure',
  6: 'waiting for the bot to register',
  7: 'pings lost',
};

export function describeSummary(o: ProbeOutcome, s: ProbeStats): string[] {
  const loss =
    s.lossPercent === null
      ? 'no ping completed'
      : `loss ${s.lossPercent.toFixed(1)} % (${s.lost} of ${o.pings.length})`;
  const lines = [
    `RTT: min ${rttText(s.minMs)}, p50 ${rttText(s.p50Ms)}, p95 ${rttText(s.p95Ms)}, ` +
      `p99 ${rttText(s.p99Ms)}, max ${rttText(s.maxMs)}; ${loss}`,
    `Events: ${o.protocolErrors} protocol errors, ${o.unknownEvents} unknown events, ` +
      `${o.serverMessages} server messages, ${o.lateAnswers} late answers, ${o.interactions} interactions`,
    ...o.messages.map((m) => `  the gateway said: "${m}"`),
  ];
  const why = o.error ? ` — ${o.error.message}` : '';
  lines.push(`Result: ${RESULT_TEXT[o.exitCode]} (exit ${o.exitCode})${why}`);
  return lines;
}

/** The outcome as the `--json` object: the same facts, RTTs rounded to µs. */
export function probeJson(
  o: ProbeOutcome,
  s: ProbeStats,
  shardTotal: number,
  detection: DialectDetection | null,
) {
  const cov = o.shardList ? shardCoverage(o.shardList, shardTotal) : null;
  return {
    exitCode: o.exitCode,
    url: o.url,
    dialect: o.dialect,
    mode: o.mode,
    detection,
    hello: o.hello ? { startingShards: o.hello.startingShards } : null,
    ready: o.ready,
    shards: {
      reportsShardStats: o.mode === 'register' && dialectSpec(o.dialect).reportsShardStats,
      source: o.shardsSource,
      list: cov ? cov.shards : null,
      coverage: cov ? cov.coverage : null,
    },
    pings: o.pings.map((p) => ({ n: p.n, rttMs: roundMs(p.rttMs), lost: p.lost })),
    stats: {
      ...s,
      minMs: roundMs(s.minMs),
      p50Ms: roundMs(s.p50Ms),
      p95Ms: roundMs(s.p95Ms),
      p99Ms: roundMs(s.p99Ms),
      maxMs: roundMs(s.maxMs),
    },
    events: {
      protocolErrors: o.protocolErrors,
      unknownEvents: o.unknownEvents,
      serverMessages: o.serverMessages,
      interactions: o.interactions,
      lateAnswers: o.lateAnswers,
      messages: o.messages,
    },
    error: o.error ? { ...o.error } : null,
  };
}
