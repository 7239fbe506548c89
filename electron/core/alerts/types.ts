/**
 * Types shared by the parts of the alert engine: what it is fed (samples of
 * a profile) and what it reports (incident changes, snooze changes).
 */
import type { Say } from '../../../shared/i18n/translator';
import type { ConnectionProblem, ConnectionState } from '../../../shared/connection-state';
import type { Incident, Severity, SnoozeChoice, SnoozeState } from '../../../shared/incident-model';
import type {
  LatencyStats,
  ShardState,
  ShardSummary,
  ShardView,
} from '../../../shared/live-status';
import type { AlertSettings } from '../../../shared/profile-model';
import type { DesktopAlertSettings } from '../../../shared/alerting';
import type { Clock } from '../../../shared/clock';
import type { AlertDestination } from './alert-router';
import type { ShardDelta } from './shard-index';
import type { Notifier } from './notifier';

/** What the engine needs to know about a profile (no secrets, no URL). */
export interface AlertProfile {
  id: string;
  name: string;
  alerts: AlertSettings;
  /** `shard_total`: the denominator of "N of M shards down". */
  shardTotal: number;
  /** The profile is disabled or paused: it raises nothing and its incidents close. */
  paused?: boolean;
  /** The built-in Demo: its alerts stay in the app (no desktop notification, no channel). */
  demo?: boolean;
}

/** One shard state change, as reported by the shard health tracker. */
export interface ShardTransition {
  shardId: number;
  from: ShardState;
  to: ShardState;
  /** Wall-clock ms (same clock as `ShardView.lastChangeAt`). */
  at: number;
}

/** An incident's words for some shards, as an analysis worded them. */
export interface ShardFinding {
  shardIds: number[];
  title: string;
  body: string;
}

/**
 * What the shard analytics (docs/analytics.md) say about a profile, sent
 * once a second: the restart budget, restart loops, one-way and silent
 * shards. Each is null when there is nothing to say.
 */
export interface AnalyticsFacts {
  budget: {
    level: 'ok' | 'warning' | 'critical' | 'exhausted';
    title: string;
    body: string;
  } | null;
  loops: ShardFinding | null;
  oneWay: ShardFinding | null;
  silent: ShardFinding | null;
}

/**
 * One observation handed to the engine's `evaluate`. The monitor sends a
 * `connection` sample on every connection state change, a `ping` sample on
 * every ping outcome, a `shards` sample on every shard snapshot and a `tick`
 * once a second per profile.
 *
 * Counting: `connection-lost` and `credentials-refused` count ticks (so
 * `raiseAfter: 5` means about five seconds), plus a connection sample when it
 * flips between good and bad — a burst of state changes within one second
 * (connecting → handshaking → registering) is not several samples. The shard
 * rules count `shards` samples and the latency rules count `ping` samples,
 * so the monitor should send shard snapshots regularly, not only on change.
 * The analytics rules (restart budget, restart loops, one-way, silent) count
 * `analytics` samples, one a second.
 */
export type AlertSample =
  | {
      kind: 'connection';
      profile: AlertProfile;
      state: ConnectionState;
      problem: ConnectionProblem | null;
      detail: string | null;
    }
  | { kind: 'ping'; profile: AlertProfile; latency1m: LatencyStats }
  | {
      kind: 'shards';
      profile: AlertProfile;
      /**
       * Every shard, or (what the monitor sends) what changed since the
       * profile's last `shards` sample: the rules then read only that.
       */
      shards: ShardView[] | ShardDelta;
      summary: ShardSummary;
      transitions: ShardTransition[];
      /**
       * Shards whose own down alert waits: they restart as part of a deploy
       * (docs/analytics.md "Rolling restarts").
       */
      held?: (shardId: number) => boolean;
      /**
       * What the down shards have in common, as the incident's title and a
       * sentence; null when nothing telling (docs/analytics.md "Grouped failures").
       */
      describeDown?: (ids: readonly number[]) => { title: string; body: string } | null;
    }
  | { kind: 'tick'; profile: AlertProfile }
  | { kind: 'analytics'; profile: AlertProfile; facts: AnalyticsFacts };

/** How an incident changed, as reported to `on('incident')` listeners. */
export type IncidentChange = 'open' | 'update' | 'close';

/** Events of the alert engine. */
export interface AlertEngineEvents {
  incident: (incident: Incident, change: IncidentChange) => void;
  snooze: (state: SnoozeState) => void;
}

/** Filter of the engine's incident list. */
export interface IncidentQuery {
  profileId?: string;
  /** Also return recently closed incidents (after the open ones). Default false. */
  includeClosed?: boolean;
  limit?: number;
}

/** Title, body and shards of an incident as of the latest bad sample. */
export interface IncidentContent {
  severity: Severity;
  title: string;
  body: string;
  shardIds: number[];
  /** Fraction of shards down, for the quiet-hours bypass of shards-down. */
  downFraction?: number;
}

/** What a rule says about one sample. `off` closes the rule's incident outright. */
export type Verdict = 'bad' | 'good' | 'neutral' | 'off';

/** The connection as last reported. */
export interface ConnectionInfo {
  state: ConnectionState;
  problem: ConnectionProblem | null;
  detail: string | null;
}

/** Options of `createAlertEngine`. */
export interface AlertEngineOptions {
  clock: Clock;
  /** Desktop notifications. */
  notifier: Notifier;
  /** Words incident texts and messages in the user's language; English by default (docs/architecture.md §4). */
  say?: Say;
  /** Desktop reminder and recovery settings; default: no reminders, recoveries on. */
  desktop?: () => DesktopAlertSettings;
  /** More destinations (notification channels), asked at every decision. */
  destinations?: () => readonly AlertDestination[];
  /** Whether a maintenance window silences the profile now. Default: never. */
  inMaintenance?: (profileId: string) => boolean;
  /** Incident ids; defaults to random UUIDs. */
  idFactory?: () => string;
  /** A shard must toggle up↔down `flapThreshold` times within this window to count as flapping. Default 10 min. */
  flapWindowMs?: number;
  /** Default 4. */
  flapThreshold?: number;
  /** Connection drops within `flapWindowMs` that make the connection flapping. Default 3. */
  connectionFlapThreshold?: number;
  /** Severity escalations of one incident notify at most once per this interval. Default 5 min. */
  escalationNotifyIntervalMs?: number;
  /** Zone for "snooze until tomorrow 08:00" and times in notification bodies. Default: the system zone. */
  timeZone?: string;
  /** Closed incidents kept in memory. Default 500. */
  maxClosedIncidents?: number;
  /** Where a throwing listener or notifier is reported. Default `console.error`. */
  onError?: (err: unknown) => void;
}

/** Handle of the alert engine. */
export interface AlertEngine {
  /** Feed one sample of one profile. */
  evaluate(profileId: string, sample: AlertSample): void;
  /** Snooze notifications (incidents are still recorded); `null` ends the snooze. */
  snooze(choice: SnoozeChoice | null): SnoozeState;
  /** Pause all monitoring: no incident is raised and open ones close. */
  pause(paused: boolean): SnoozeState;
  snoozeState(): SnoozeState;
  /** Stop notifying about an incident (open or recently closed); null for an unknown id. */
  acknowledge(incidentId: string): Incident | null;
  /**
   * Take over incidents an earlier run left open (after a restart): the
   * outage goes on as the same incident, without a second alert. Returns the
   * ones that could not be adopted (their cause already has an incident).
   */
  adopt(incidents: readonly Incident[]): Incident[];
  /** Open incidents (newest first), then closed ones (most recently cleared first). */
  incidents(opts?: IncidentQuery): Incident[];
  openCount(profileId?: string): number;
  /** Forget a deleted profile; its open incidents close without notification. */
  removeProfile(profileId: string): void;
  /** Subscribe; returns the unsubscribe function. */
  on<K extends keyof AlertEngineEvents>(event: K, listener: AlertEngineEvents[K]): () => void;
  /** Release the snooze timer and every listener. */
  dispose(): void;
}
