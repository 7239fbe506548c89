/**
 * What `shardwatch probe` prints: the outcome as text lines (as facts
 * arrive, then a summary) or as one JSON object.
 */
import { english, type Translator } from '../../shared/i18n/translator';
import type { DialectDetection } from '../../shared/command-results';
import type { HelloInfo, ShardStats } from '../../shared/protocol';
import { SHARD_STATS_FIELDS } from '../../shared/protocol';
import { dialectSpec } from '../../shared/dialects';
import { formatNumber, formatRtt } from '../../shared/format';
import { percentile } from '../../shared/percentile';
import type { ProbeOutcome, ProbePing, ProbeReady } from './probe-run';

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
export function rttText(ms: number | null, locale = 'en'): string {
  return ms === null ? '–' : formatRtt(ms, locale);
}

/** Round to µs for JSON: the clock's sub-µs digits are noise. */
function roundMs(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

/*
 * The text lines below are worded by `t` (the CLI's language, English by
 * default); wire names (HELLO, READY, starting_shards) stay as they are.
 */

export function describeHello(h: HelloInfo, t: Translator = english()): string {
  const shards = h.startingShards === null ? t.say('cliOut.notGiven') : String(h.startingShards);
  return t.say('cliOut.hello', { shards });
}

export function describeReady(r: ProbeReady, t: Translator = english()): string {
  const notGiven = t.say('cliOut.notGiven');
  return t.say('cliOut.ready', {
    event: r.event,
    bot: r.botId ?? notGiven,
    flags: r.botFlags ?? notGiven,
    session: r.sessionIdShort ?? t.say('cliOut.none'),
    config: r.shardsConfig.map(([i, s]) => `[${i}, ${s}]`).join(' ') || t.say('cliOut.none'),
  });
}

export function describePing(
  p: ProbePing,
  count: number,
  timeoutMs: number,
  t: Translator = english(),
): string {
  return p.lost
    ? t.say('cliOut.pingLost', { n: p.n, count, timeout: formatNumber(timeoutMs, t.locale()) })
    : t.say('cliOut.pingAnswered', { n: p.n, count, rtt: rttText(p.rttMs, t.locale()) });
}

export function describeDetection(d: DialectDetection, t: Translator = english()): string[] {
  const head = d.dialect
    ? t.say('cliOut.dialectDetected', { dialect: d.dialect })
    : t.say('cliOut.dialectNotDetected');
  return [head, `  ${d.summary}`, ...d.evidence.map((e) => `  - ${e}`)];
}

const SHARD_COLUMNS = SHARD_STATS_FIELDS;

function shardTable(list: readonly ShardStats[], t: Translator): string[] {
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
    out.push(t.say('cliOut.shardsMore', { count: list.length - MAX_SHARD_ROWS }));
  return out;
}

function idList(ids: readonly number[]): string {
  return ids.length > MAX_LISTED_IDS
    ? `${ids.slice(0, MAX_LISTED_IDS).join(', ')}…`
    : ids.join(', ');
}

export function describeShards(
  o: ProbeOutcome,
  shardTotal: number,
  t: Translator = english(),
): string[] {
  if (o.mode === 'ping-only') {
    return dialectSpec(o.dialect).reportsShardStats
      ? [t.say('cliOut.shardsPingOnly', { why: t.say('connection.pingOnlyNoStats') })]
      : [t.say('cliOut.shardsNoStats')];
  }
  if (o.shardList === null)
    return [t.say(o.ready ? 'cliOut.shardsNoneReceived' : 'cliOut.shardsNoneNeverRegistered')];
  if (o.shardList.length === 0) return [t.say('cliOut.shardsNoneYet')];
  const { shards, coverage } = shardCoverage(o.shardList, shardTotal);
  const from = o.shardsSource === 'shard-info' ? 'GATEWAY_SHARD_INFO' : 'READY';
  const n = (v: number): string => formatNumber(v, t.locale());
  const lines = [
    t.say('cliOut.shardsHead', { count: n(shards.length), from }),
    ...shardTable(shards, t),
  ];
  lines.push(
    t.say('cliOut.coverage', { reported: n(coverage.reported), expected: n(coverage.expected) }),
  );
  if (coverage.missing.length > 0)
    lines.push(t.say('cliOut.missing', { ids: idList(coverage.missing) }));
  if (coverage.duplicated.length > 0)
    lines.push(t.say('cliOut.duplicated', { ids: idList(coverage.duplicated) }));
  return lines;
}

export function describeSummary(
  o: ProbeOutcome,
  s: ProbeStats,
  t: Translator = english(),
): string[] {
  const locale = t.locale();
  const rtt = (ms: number | null): string => rttText(ms, locale);
  const loss =
    s.lossPercent === null
      ? t.say('cliOut.noPingCompleted')
      : t.say('cliOut.loss', {
          percent: formatNumber(s.lossPercent, locale, 1),
          lost: s.lost,
          total: o.pings.length,
        });
  const lines = [
    t.say('cliOut.rtt', {
      min: rtt(s.minMs),
      p50: rtt(s.p50Ms),
      p95: rtt(s.p95Ms),
      p99: rtt(s.p99Ms),
      max: rtt(s.maxMs),
      loss,
    }),
    t.say('cliOut.events', {
      protocolErrors: o.protocolErrors,
      unknownEvents: o.unknownEvents,
      serverMessages: o.serverMessages,
      lateAnswers: o.lateAnswers,
      interactions: o.interactions,
    }),
    ...o.messages.map((m) => t.say('cliOut.gatewaySaid', { message: m })),
  ];
  const why = o.error ? ` — ${o.error.message}` : '';
  lines.push(
    t.say('cliOut.resultLine', {
      result: t.say(`cliOut.result.${o.exitCode}`),
      code: o.exitCode,
      why,
    }),
  );
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
