/**
 * The alert rules as pure functions: for a sample (and the profile's alert
 * settings) each says whether it is bad, good or neither, and what an
 * incident raised by it says. The engine keeps the state (streaks, open
 * incidents, flapping); nothing here reads a clock or keeps anything.
 *
 * Rule notes beyond the shared `AlertSettings` docs:
 * - `credentials-refused` raises on the first refusal (a refusal is certain,
 *   not a blip) and is critical; while it is enabled, `connection-lost`
 *   ignores the refusal so one cause gives one alert.
 * - `connection-lost` is critical. A connection nobody watches is not lost:
 *   one the user closed (state `idle`, `closed` without a problem, or
 *   problem `paused`), or one that never started because the stored secrets
 *   cannot be used on this computer (problem `secrets-unreadable`: the
 *   gateway was never asked, the profile says what to do). It closes the
 *   connection incidents. A connection that keeps dropping is
 *   damped like a flapping shard: see {@link connectionContent}.
 * - `shards-down` counts non-dev shards in state `down` (dev shards only with
 *   `includeDevShards`), excluding flapping shards; it is a warning, and
 *   critical once more than `escalateDownFraction` of the shards are down.
 * - `shard-flapping` has no switch of its own: it is part of `shardsDown`.
 */
import type {
  AlertRule,
  AlertSettings,
  LatencyStats,
  ShardState,
  ShardSummary,
  ShardView,
} from '../../../shared/model';
import type { ConnectionInfo, IncidentContent, Verdict } from './types';
import { connectionLook } from '../../../shared/connection-look';
import { formatRtt, sentences, withoutStop } from '../../../shared/format';
import { CREDENTIALS_REFUSED, REFUSED_NO_RETRY } from '../../../shared/connection-text';
import { formatDuration, formatPct, shardList, truncate } from './text';

/** Which rules the settings switch on. `shard-flapping` follows `shardsDown`. */
export function enabledRules(a: AlertSettings): Record<AlertRule, boolean> {
  return {
    'connection-lost': a.connectionLost,
    'credentials-refused': a.credentialsRefused,
    'shards-down': a.shardsDown,
    'shard-flapping': a.shardsDown,
    'latency-p95': a.latencyP95Ms > 0,
    loss: a.lossPct > 0,
    'silent-stall': a.silentStall,
    'missing-shards': a.missingShards,
    'waiting-for-bot': a.waitingForBot,
    'restart-budget': a.restartBudget,
    'restart-loop': a.restartLoops,
    'one-way': a.oneWayShards,
    silent: a.silentShards,
  };
}

/** The gateway refused the bot's credentials. */
export function isRefused(c: ConnectionInfo): boolean {
  return c.state === 'auth-refused' || c.problem === 'auth-refused';
}

/** The user (or a pause) closed the connection: nothing is lost. */
export function isUserClosed(c: ConnectionInfo): boolean {
  return (
    c.problem === 'paused' || c.state === 'idle' || (c.state === 'closed' && c.problem === null)
  );
}

/**
 * Nothing is watched: the user (or a pause) closed the connection, or the
 * stored secrets cannot be used here, so no connection was made and the
 * gateway's health is unknown, not bad.
 */
export function isUnwatched(c: ConnectionInfo): boolean {
  return isUserClosed(c) || c.problem === 'secrets-unreadable';
}

/** What a connection state means for uptime: up, down, or not monitored. */
export function uptimeStateOf(c: ConnectionInfo): 'up' | 'down' | 'off' {
  // Waiting for the bot: the gateway itself is up and answering.
  if (c.state === 'ready' || c.state === 'waiting') return 'up';
  return isUnwatched(c) ? 'off' : 'down';
}

/** Verdicts of the two connection rules for the connection as it is now. */
export function connectionVerdicts(
  c: ConnectionInfo | null,
  a: AlertSettings,
): Record<'connection-lost' | 'credentials-refused', Verdict> {
  if (!c) return { 'connection-lost': 'neutral', 'credentials-refused': 'neutral' };
  if (isUnwatched(c)) return { 'connection-lost': 'off', 'credentials-refused': 'off' };
  // Waiting for the bot: the gateway itself is up (the waiting rule covers it).
  if (c.state === 'ready' || c.state === 'waiting')
    return { 'connection-lost': 'good', 'credentials-refused': 'good' };
  if (isRefused(c)) {
    return {
      'connection-lost': a.credentialsRefused || !a.connectionLost ? 'neutral' : 'bad',
      'credentials-refused': a.credentialsRefused ? 'bad' : 'neutral',
    };
  }
  return {
    'connection-lost': a.connectionLost ? 'bad' : 'neutral',
    'credentials-refused': 'neutral',
  };
}

/** How often the connection dropped recently, when that makes it flapping. */
export interface ConnectionFlap {
  losses: number;
  windowMs: number;
}

/** A reconnect countdown at the end of a connection detail. */
const RETRY_NOTE = /\s*Retrying in [\d.]+ s\.*\s*$/u;

/**
 * Content of a connection incident. `since` is the local `HH:MM` the
 * connection went bad. With `flap` the connection-lost incident says the
 * connection is unstable: it stays open through short recoveries (one alert,
 * not one per drop) and closes once the connection has held for the window.
 */
export function connectionContent(
  rule: 'connection-lost' | 'credentials-refused',
  c: ConnectionInfo | null,
  since: string,
  flap: ConnectionFlap | null,
): IncidentContent {
  // The reconnect countdown ("Retrying in 6.9 s.") is true for a moment
  // only; an incident outlives it.
  const detail = c?.detail ? truncate(c.detail.replace(RETRY_NOTE, ''), 200) : null;
  if (rule === 'credentials-refused') {
    // The connection's detail is these same sentences (gateway/failures.ts):
    // said once, in the words every screen uses, with the time.
    return {
      severity: 'critical',
      title: 'credentials refused',
      body: sentences(CREDENTIALS_REFUSED, `It happened at ${since}`, REFUSED_NO_RETRY),
      shardIds: [],
    };
  }
  if (flap) {
    return {
      severity: 'critical',
      title: 'gateway connection unstable',
      body: sentences(
        `The gateway connection dropped ${flap.losses} times within ${formatDuration(flap.windowMs)}`,
        detail && `Last time: ${withoutStop(detail)}`,
        `This alert stays open until the connection holds for ${formatDuration(flap.windowMs)}, ` +
          'so each drop does not alert again; check the gateway host for restarts, stalls or network trouble',
      ),
      shardIds: [],
    };
  }
  return {
    severity: 'critical',
    title: 'gateway connection lost',
    body: sentences(
      `The gateway connection is down since ${since} (${c ? connectionLook(c.state, c.problem).label.toLowerCase() : 'no connection'})`,
      detail,
      'Shardwatch keeps retrying; check that the gateway is running and reachable',
    ),
    shardIds: [],
  };
}

/** Whether a shard counts for the shard rules (dev shards only when asked). */
export function countsForShardRules(a: AlertSettings, shard: ShardView): boolean {
  return a.includeDevShards || !shard.development;
}

/** A shard that is down. A dev shard's state is `dev` whatever its connection; `disconnected` tells. */
export function isShardDown(shard: ShardView): boolean {
  return shard.state === 'down' || (shard.state === 'dev' && shard.disconnected);
}

/** A change between up (or degraded) and down: what flap detection counts. */
export function isToggle(from: ShardState, to: ShardState): boolean {
  const upish = (s: ShardState) => s === 'up' || s === 'degraded';
  return (upish(from) && to === 'down') || (from === 'down' && upish(to));
}

/** Content of the shard-flapping incident. */
export function flappingContent(
  ids: number[],
  threshold: number,
  windowMs: number,
): IncidentContent {
  return {
    severity: 'warning',
    title: ids.length === 1 ? `shard ${ids[0]} flapping` : `${ids.length} shards flapping`,
    body:
      `${shardList(ids, 'Shard', 'Shards')} ${ids.length === 1 ? 'keeps' : 'keep'} disconnecting and reconnecting ` +
      `(${threshold}+ times within ${formatDuration(windowMs)}). Their individual down alerts are held back until they ` +
      `settle; check the bot process and its host for restarts.`,
    shardIds: ids,
  };
}

/**
 * Content of shards-down for the down shards `ids` (ascending) of `total`.
 * With a `diagnosis` (what the shards have in common, docs/analytics.md
 * "Grouped failures") its title replaces "N of M shards down" and its
 * sentence comes first in the body.
 */
export function shardsDownContent(
  ids: number[],
  total: number,
  a: AlertSettings,
  since: string,
  diagnosis: { title: string; body: string } | null = null,
): IncidentContent {
  const fraction = ids.length / total;
  const listed = `${shardList(ids, 'Shard', 'Shards')} ${ids.length === 1 ? 'is' : 'are'} disconnected since ${since}.`;
  return {
    severity: fraction > a.escalateDownFraction ? 'critical' : 'warning',
    title: diagnosis?.title ?? `${ids.length} of ${total} shards down`,
    body: diagnosis ? `${diagnosis.body} ${listed}` : `${listed} Open the profile to see which.`,
    shardIds: ids,
    downFraction: fraction,
  };
}

/** Content of silent-stall for the stalled shards `ids` (ascending). */
export function stallContent(ids: number[]): IncidentContent {
  return {
    severity: 'warning',
    title: ids.length === 1 ? `shard ${ids[0]} stalled` : `${ids.length} shards stalled`,
    body:
      `${shardList(ids, 'Shard', 'Shards')} ${ids.length === 1 ? 'is' : 'are'} connected but ` +
      'their message counters stopped moving. The shard process may be hung; consider restarting it.',
    shardIds: ids,
  };
}

/** Verdict of missing-shards: a server without shard stats (0.2.2) never raises it. */
export function missingVerdict(s: ShardSummary): Verdict {
  return s.reportsStats && s.missingCount > 0 ? 'bad' : 'good';
}

/** Content of missing-shards. */
export function missingContent(s: ShardSummary): IncidentContent {
  return {
    severity: 'warning',
    title: `${s.missingCount} of ${s.expected} shards not reporting`,
    body:
      `${shardList(s.missing, 'Shard', 'Shards', s.missingCount)} ${s.missingCount === 1 ? 'has' : 'have'} ` +
      'never reported to the gateway. Check that every shard process is running and that shard_total matches.',
    shardIds: [...s.missing],
  };
}

/** Verdict of latency-p95. No answered ping in the window is "no data", not slowness: loss covers it. */
export function latencyVerdict(l: LatencyStats, a: AlertSettings): Verdict {
  return l.p95 === null ? 'neutral' : l.p95 > a.latencyP95Ms ? 'bad' : 'good';
}

/** Content of latency-p95. */
export function latencyContent(l: LatencyStats, a: AlertSettings): IncidentContent {
  return {
    severity: 'warning',
    title: `ping p95 ${formatRtt(l.p95 ?? 0)} (limit ${formatRtt(a.latencyP95Ms)})`,
    body:
      `Gateway pings are slow: p95 ${formatRtt(l.p95 ?? 0)} over the last minute, above the ` +
      `${formatRtt(a.latencyP95Ms)} limit. Check the gateway host's load and the network path.`,
    shardIds: [],
  };
}

/** Verdict of loss. */
export function lossVerdict(l: LatencyStats, a: AlertSettings): Verdict {
  return l.lossPct === null ? 'neutral' : l.lossPct > a.lossPct ? 'bad' : 'good';
}

/** Content of loss. */
export function lossContent(l: LatencyStats, a: AlertSettings): IncidentContent {
  return {
    severity: 'warning',
    title: `${formatPct(l.lossPct ?? 0)} ping loss (limit ${formatPct(a.lossPct)})`,
    body:
      `${l.lost} of ${l.count + l.lost} gateway pings in the last minute got no answer, above the ` +
      `${formatPct(a.lossPct)} limit. The gateway or the network is dropping traffic.`,
    shardIds: [],
  };
}
