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
import type { AlertRule } from '../../../shared/incident-model';
import type {
  LatencyStats,
  ShardState,
  ShardSummary,
  ShardView,
} from '../../../shared/live-status';
import type { AlertSettings } from '../../../shared/profile-model';
import type { ConnectionInfo, IncidentContent, Verdict } from './types';
import { connectionLook } from '../../../shared/connection-look';
import { formatRtt, sentences, withoutStop } from '../../../shared/format';
import { localeOf, sayEnglish, type Say } from '../../../shared/i18n/translator';
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

/** A reconnect countdown at the end of a connection detail, in either language. */
const RETRY_NOTE = /\s*(?:Retrying in|Nova tentativa em) [\d.]+ s\.*\s*$/u;

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
  say: Say = sayEnglish,
): IncidentContent {
  // The reconnect countdown ("Retrying in 6.9 s.") is true for a moment
  // only; an incident outlives it.
  const detail = c?.detail ? truncate(c.detail.replace(RETRY_NOTE, ''), 200) : null;
  if (rule === 'credentials-refused') {
    // The connection's detail is these same sentences (gateway/failures.ts):
    // said once, in the words every screen uses, with the time.
    return {
      severity: 'critical',
      title: say('incident.credentialsRefused.title'),
      body: sentences(
        say('connection.credentialsRefused'),
        say('incident.credentialsRefused.happenedAt', { time: since }),
        say('connection.refusedNoRetry'),
      ),
      shardIds: [],
    };
  }
  if (flap) {
    return {
      severity: 'critical',
      title: say('incident.unstable.title'),
      body: sentences(
        say('incident.unstable.dropped', {
          losses: flap.losses,
          window: formatDuration(flap.windowMs, say),
        }),
        detail && say('incident.unstable.lastTime', { detail: withoutStop(detail) }),
        say('incident.unstable.staysOpen', { window: formatDuration(flap.windowMs, say) }),
      ),
      shardIds: [],
    };
  }
  return {
    severity: 'critical',
    title: say('incident.lost.title'),
    body: sentences(
      say('incident.lost.downSince', {
        time: since,
        state: c
          ? say(`state.${connectionLook(c.state, c.problem).key}`).toLowerCase()
          : say('incident.lost.noConnection'),
      }),
      detail,
      say('incident.lost.keepsRetrying'),
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
  say: Say = sayEnglish,
): IncidentContent {
  const one = ids.length === 1;
  return {
    severity: 'warning',
    title: one
      ? say('incident.flapping.titleOne', { id: ids[0] ?? 0 })
      : say('incident.flapping.titleMany', { count: ids.length }),
    body: say(one ? 'incident.flapping.bodyOne' : 'incident.flapping.bodyMany', {
      shards: shardList(ids, say),
      threshold,
      window: formatDuration(windowMs, say),
    }),
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
  say: Say = sayEnglish,
): IncidentContent {
  const fraction = ids.length / total;
  const listed = say(ids.length === 1 ? 'incident.down.listedOne' : 'incident.down.listedMany', {
    shards: shardList(ids, say),
    time: since,
  });
  return {
    severity: fraction > a.escalateDownFraction ? 'critical' : 'warning',
    title: diagnosis?.title ?? say('incident.down.title', { count: ids.length, total }),
    body: diagnosis ? `${diagnosis.body} ${listed}` : `${listed} ${say('incident.down.openToSee')}`,
    shardIds: ids,
    downFraction: fraction,
  };
}

/** Content of silent-stall for the stalled shards `ids` (ascending). */
export function stallContent(ids: number[], say: Say = sayEnglish): IncidentContent {
  const one = ids.length === 1;
  return {
    severity: 'warning',
    title: one
      ? say('incident.stalled.titleOne', { id: ids[0] ?? 0 })
      : say('incident.stalled.titleMany', { count: ids.length }),
    body: say(one ? 'incident.stalled.bodyOne' : 'incident.stalled.bodyMany', {
      shards: shardList(ids, say),
    }),
    shardIds: ids,
  };
}

/** Verdict of missing-shards: a server without shard stats (0.2.2) never raises it. */
export function missingVerdict(s: ShardSummary): Verdict {
  return s.reportsStats && s.missingCount > 0 ? 'bad' : 'good';
}

/** Content of missing-shards. */
export function missingContent(s: ShardSummary, say: Say = sayEnglish): IncidentContent {
  return {
    severity: 'warning',
    title: say('incident.missing.title', { count: s.missingCount, total: s.expected }),
    body: say(s.missingCount === 1 ? 'incident.missing.bodyOne' : 'incident.missing.bodyMany', {
      shards: shardList(s.missing, say, s.missingCount),
    }),
    shardIds: [...s.missing],
  };
}

/** Verdict of latency-p95. No answered ping in the window is "no data", not slowness: loss covers it. */
export function latencyVerdict(l: LatencyStats, a: AlertSettings): Verdict {
  return l.p95 === null ? 'neutral' : l.p95 > a.latencyP95Ms ? 'bad' : 'good';
}

/** Content of latency-p95. */
export function latencyContent(
  l: LatencyStats,
  a: AlertSettings,
  say: Say = sayEnglish,
): IncidentContent {
  const figures = {
    p95: formatRtt(l.p95 ?? 0, localeOf(say)),
    limit: formatRtt(a.latencyP95Ms, localeOf(say)),
  };
  return {
    severity: 'warning',
    title: say('incident.latency.title', figures),
    body: say('incident.latency.body', figures),
    shardIds: [],
  };
}

/** Verdict of loss. */
export function lossVerdict(l: LatencyStats, a: AlertSettings): Verdict {
  return l.lossPct === null ? 'neutral' : l.lossPct > a.lossPct ? 'bad' : 'good';
}

/** Content of loss. */
export function lossContent(
  l: LatencyStats,
  a: AlertSettings,
  say: Say = sayEnglish,
): IncidentContent {
  const limit = formatPct(a.lossPct, say);
  return {
    severity: 'warning',
    title: say('incident.loss.title', { pct: formatPct(l.lossPct ?? 0, say), limit }),
    body: say('incident.loss.body', { lost: l.lost, sent: l.count + l.lost, limit }),
    shardIds: [],
  };
}
