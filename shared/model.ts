/**
 * Model types shared by the engine and the renderer. Everything here is what
 * the renderer may see: no secret value ever appears in these types (docs/architecture.md
 * §3.7) — only `hasPublicKey` / `hasSecret`.
 */
import type { AlertingDelta } from './alerting';
import type { ClusterSpec, ShardFindings } from './analytics';
import type { Dialect, Json, MonitorMode } from './protocol';
import type { ReadySummary } from './command-results';
import type { TrayModel } from './tray';
import type { Locale } from './i18n/translator';
import type { ShardPush } from './shard-columns';

// Types with a file of their own, re-exported so `model` stays the one
// place to import the model from.
export * from './tray';
export * from './command-results';

/** Connection life cycle of one profile (issue 2 §2). */
export const CONNECTION_STATES = [
  'idle',
  'connecting',
  'handshaking',
  'registering',
  /** Ping only: the gateway accepted the credentials but answers no ping yet (docs/protocol.md §2). */
  'waiting',
  'ready',
  'reconnecting',
  'auth-refused',
  'failed',
  'closed',
] as const;
/** One state of the gateway connection state machine. */
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** Why a connection is not ready, when it is known. */
export type ConnectionProblem =
  | 'unreachable'
  | 'auth-refused'
  | 'http-error'
  | 'timeout'
  | 'dead'
  | 'protocol'
  | 'closed-by-server'
  /** The socket went away without a close frame before any message (1006 / reset). */
  | 'dropped'
  /** The gateway behaves like the other dialect. */
  | 'wrong-dialect'
  | 'paused'
  /**
   * The stored secrets cannot be used here (not decryptable on this computer,
   * or saved for another gateway address): nothing is sent to the gateway
   * until they are entered again. Not "credentials refused": the gateway
   * was never asked.
   */
  | 'secrets-unreadable';

/** Environment tag of a profile. */
export const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
/** An environment tag. */
export type EnvironmentTag = (typeof ENVIRONMENTS)[number];

/** Quiet hours of a profile: local times in an IANA time zone. */
export interface QuietHours {
  enabled: boolean;
  /** `HH:MM`, 24 h. */
  start: string;
  /** `HH:MM`, 24 h; may be earlier than `start` (crosses midnight). */
  end: string;
  /** IANA zone, e.g. `Europe/Berlin`; shown next to the times. */
  timeZone: string;
}

/** Per-profile alert settings (issue 3 §3). */
export interface AlertSettings {
  connectionLost: boolean;
  credentialsRefused: boolean;
  shardsDown: boolean;
  /** Alert when latency p95 (over the last minute) exceeds this many ms; 0 disables. */
  latencyP95Ms: number;
  /** Alert when loss over the last minute exceeds this percentage; 0 disables. */
  lossPct: number;
  silentStall: boolean;
  missingShards: boolean;
  /** Alert when the connection stays "waiting for the bot to register" (off by default). */
  waitingForBot: boolean;
  /** How long the waiting state must last before that alert raises (ms). */
  waitingForBotAfterMs: number;
  /** Consecutive bad samples before a rule raises. */
  raiseAfter: number;
  /** Consecutive good samples before a rule clears. */
  clearAfter: number;
  /** Include shards with `development: true` in shard alerts (off by default). */
  includeDevShards: boolean;
  quietHours: QuietHours;
  /** Quiet hours are bypassed when more than this fraction of shards is down. */
  escalateDownFraction: number;
  /** Quiet hours are bypassed when an incident stays open longer than this. */
  escalateAfterMs: number;
  /** Alert before the daily session-start limit runs out (docs/analytics.md "Restart budget"). */
  restartBudget: boolean;
  /** Alert on a shard restarting again and again. */
  restartLoops: boolean;
  /** Alert on one-way shards (pinged, never answering). */
  oneWayShards: boolean;
  /** Alert on silent shards (connected, receiving nothing while the others do). */
  silentShards: boolean;
}

/** The editable, non-secret fields of a profile. */
export interface ProfileFields {
  name: string;
  /** CSS colour `#rrggbb`. */
  color: string;
  environment: EnvironmentTag;
  url: string;
  dialect: Dialect;
  /**
   * Register (shard stats, may take the bot's interactions) or ping only
   * (docs/protocol.md §1). Always `ping-only` for the 0.2.2 dialect.
   */
  monitorMode: MonitorMode;
  /** Bot application id (decimal digits). */
  botId: string;
  shardIn: number;
  shardTotal: number;
  /** Raw flag bits; named bits are in `GATEWAY_FLAGS`. */
  flags: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  lostPingsToDead: number;
  /**
   * "Largest frame": the biggest gateway frame accepted, in MiB, on the wire
   * and once decompressed (`shared/frame-limit.ts`). Default 16.
   */
  maxFrameMiB: number;
  alerts: AlertSettings;
  enabled: boolean;
  /** The user acknowledged sending credentials over plain `ws://` to a non-loopback host. */
  allowInsecure: boolean;
  /** Discord's `max_concurrency` for the bot: shards identify in buckets `shard_id % maxConcurrency` (1 = no buckets). */
  maxConcurrency: number;
  /** How the bot's shards are grouped into clusters (processes or hosts); null = not said. */
  clusters: ClusterSpec | null;
  /** Session starts Discord allows the bot per day (`session_start_limit.total`). */
  dailySessionLimit: number;
}

/**
 * A secret field in an edit: `undefined` keeps the stored value, a string
 * sets it, `null` clears it. Values travel renderer → main only.
 */
export type SecretEdit = string | null | undefined;

/** What the renderer sends to create or update a profile. */
export interface ProfileInput extends ProfileFields {
  publicKey?: SecretEdit;
  secret?: SecretEdit;
}

/** A profile as the renderer sees it. */
export interface ProfileView extends ProfileFields {
  id: string;
  order: number;
  hasPublicKey: boolean;
  hasSecret: boolean;
  /** True for the built-in demo profile that runs the simulator in-process. */
  demo: boolean;
  /** A stored secret could not be decrypted and must be entered again. */
  secretNeedsReentry: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Per-field validation result. Errors block saving; warnings do not. */
export interface ValidationResult {
  ok: boolean;
  errors: Partial<Record<keyof ProfileInput | string, string>>;
  warnings: Partial<Record<keyof ProfileInput | string, string>>;
}

/** Latency window names used by live statistics. */
export const LATENCY_WINDOWS = ['1m', '15m', '1h', '24h'] as const;
/** One live statistics window. */
export type LatencyWindow = (typeof LATENCY_WINDOWS)[number];

/** Latency figures over one window. All ms values are `null` when there is no data. */
export interface LatencyStats {
  window: LatencyWindow;
  /** Pings answered in the window. */
  count: number;
  /** Pings lost in the window. */
  lost: number;
  /** Lost / (answered + lost) × 100; `null` with no pings at all ("no data", not "down"). */
  lossPct: number | null;
  min: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Mean absolute difference of consecutive RTTs. */
  jitter: number | null;
}

/** Health of one shard (issue 3 §2). */
export const SHARD_STATES = ['up', 'degraded', 'down', 'no-data', 'dev'] as const;
/** A shard health state. */
export type ShardState = (typeof SHARD_STATES)[number];

/** One shard as shown in the grid and table. */
export interface ShardView {
  id: number;
  hash: string;
  state: ShardState;
  development: boolean;
  disconnected: boolean;
  sendPing: number;
  receibePing: number;
  sending: number;
  received: number;
  /** Messages per second derived from `sending`; null until two samples exist. */
  sendRate: number | null;
  /** Messages per second derived from `received`. */
  recvRate: number | null;
  /** `send_ping − receibe_ping`. */
  pingGap: number;
  /** Counters frozen while connected for longer than the stall window. */
  stalled: boolean;
  /** Times the shard hash changed (a shard restart). */
  restarts: number;
  /** Wall ms of the last state change. */
  lastChangeAt: number;
  /** Wall ms of the last report that included this shard. */
  lastSeenAt: number;
  /** Fields not in the shard object of docs/protocol.md §1, kept for the raw view. */
  extra: Record<string, Json>;
}

/** Shard coverage and counts for one profile. */
export interface ShardSummary {
  /** False when the server does not report shard stats (0.2.2 dialect). */
  reportsStats: boolean;
  /**
   * Expected shard count: what the gateway reports (READY's `shards_config`,
   * else the highest reported id + 1), the profile's `shard_total` only
   * until the gateway has said (shared/shard-total.ts).
   */
  expected: number;
  /** Where `expected` comes from. */
  expectedFrom: 'gateway' | 'profile';
  reported: number;
  up: number;
  degraded: number;
  down: number;
  noData: number;
  dev: number;
  stalled: number;
  /** Expected ids `0..shard_total-1` not reported (capped list; see `missingCount`). */
  missing: number[];
  missingCount: number;
  /** Ids reported more than once in one snapshot. */
  duplicated: number[];
  /** Wall ms of the last shard report; null when none. */
  lastReportAt: number | null;
}

/** Live status of one profile. */
export interface ProfileStatus {
  profileId: string;
  state: ConnectionState;
  /** Human sentence for the state, e.g. the server's error message. */
  detail: string | null;
  problem: ConnectionProblem | null;
  /** Wall ms when `state` was entered. */
  since: number;
  /** Last RTT in ms, null when none yet or the last ping was lost. */
  lastRttMs: number | null;
  /**
   * The last RTT could not be timed honestly (the app's thread stalled while
   * that ping was in flight, docs/architecture.md §3.11): shown, marked, and
   * counted in no figure.
   */
  lastRttDisturbed?: true;
  latency: Record<LatencyWindow, LatencyStats>;
  /** Last up to 60 RTTs (null = lost) for sparklines. */
  recentRtts: Array<number | null>;
  shards: ShardSummary;
  ready: ReadySummary | null;
  counters: {
    framesIn: number;
    framesOut: number;
    protocolErrors: number;
    lastProtocolError: string | null;
    interactions: number;
    unknownEvents: number;
    reconnects: number;
  };
  /** Last message the server flagged with `possible_error`. */
  serverMessage: string | null;
  openIncidents: number;
  /** One-way, silent and restart-looping shards (docs/analytics.md); absent when none are known. */
  findings?: ShardFindings;
}

/** Alert rule ids. */
export const ALERT_RULES = [
  'connection-lost',
  'credentials-refused',
  'shards-down',
  'shard-flapping',
  'latency-p95',
  'loss',
  'silent-stall',
  'missing-shards',
  'waiting-for-bot',
  'restart-budget',
  'restart-loop',
  'one-way',
  'silent',
] as const;
/** One alert rule. */
export type AlertRule = (typeof ALERT_RULES)[number];

/** Incident severity. */
export type Severity = 'info' | 'warning' | 'critical';

/** One incident: a raised alert, updated as it grows, closed on recovery. */
export interface Incident {
  id: string;
  profileId: string;
  rule: AlertRule;
  severity: Severity;
  title: string;
  body: string;
  /** Shards involved (capped list). */
  shardIds: number[];
  openedAt: number;
  updatedAt: number;
  clearedAt: number | null;
  acknowledged: boolean;
  /** A notification was held back by quiet hours or snooze. */
  suppressed: boolean;
}

/** Snooze state. `until` null = not snoozed. */
export interface SnoozeState {
  until: number | null;
  /** All monitoring paused by the user (pings stop, no alerts). */
  paused: boolean;
}

/** Snooze choices offered in the tray and the UI. */
export const SNOOZE_CHOICES = ['15m', '1h', '4h', 'tomorrow'] as const;
/** A snooze choice. */
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** How secrets are protected on this machine. */
export interface SecretStorageInfo {
  /** e.g. `electron-safestorage`, `basic_text`, `file-key`, `session-only`. */
  backend: string;
  /** False when the protection is weak (a fixed or co-located key). */
  strong: boolean;
  /** Plain-language explanation shown in Settings. */
  description: string;
}

/**
 * How the overview lists profiles: `trouble` puts profiles with problems
 * first (the user's order breaks ties); `manual` is the user's order alone,
 * the one "Move up" / "Move down" change.
 */
export const OVERVIEW_SORTS = ['trouble', 'manual'] as const;
/** One of {@link OVERVIEW_SORTS}. */
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

/** Languages the interface can be shown in; `system` follows the system's language. */
export const LANGUAGE_SETTINGS = ['system', 'en', 'pt-BR'] as const;
/** One of {@link LANGUAGE_SETTINGS}. */
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** App-wide settings. */
export interface AppSettings {
  theme: 'system' | 'light' | 'dark';
  /** Interface language. */
  language: LanguageSetting;
  launchAtLogin: boolean;
  startHidden: boolean;
  notificationSound: boolean;
  /** How many raw frames to keep per profile for the debug log. */
  frameLogSize: number;
  /** How the overview orders its rows. */
  overviewSort: OverviewSort;
}

/** A message for the user that is not tied to a form (e.g. "profiles file was corrupt"). */
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

/** Everything the renderer needs on load. Shards are loaded per profile (`query:shards`). */
export interface AppSnapshot {
  seq: number;
  profiles: ProfileView[];
  status: Record<string, ProfileStatus>;
  incidents: Incident[];
  tray: TrayModel;
  snooze: SnoozeState;
  settings: AppSettings;
  secretStorage: SecretStorageInfo;
  notices: Notice[];
  /** True when the profiles file is from a newer version and opened read-only. */
  readOnly: boolean;
  /** `electron` or `browser`. */
  mode: 'electron' | 'browser';
  /**
   * The language `system` stands for: the engine's, from the locale of the
   * process that runs it (docs/architecture.md §4 "Two languages"). The page
   * follows it too, so the page, the notices and the engine's sentences agree
   * even when the browser's language is another.
   */
  systemLocale: Locale;
}

/** One ping outcome as it happened, for charts that follow live (`rttMs` null: lost). */
export interface PingSample {
  profileId: string;
  at: number;
  rttMs: number | null;
  /**
   * The app could not time this ping honestly (its thread stalled while the
   * ping was in flight): shown apart, left out of every figure and alert.
   */
  disturbed?: true;
}

/** Changes since the previous `seq`. Absent fields did not change. */
export interface AppDelta {
  seq: number;
  profiles?: ProfileView[];
  status?: ProfileStatus[];
  /** Changed shards per profile, in columns (shared/shard-columns.ts). */
  shards?: ShardPush[];
  incidents?: Incident[];
  tray?: TrayModel;
  snooze?: SnoozeState;
  settings?: AppSettings;
  notices?: Notice[];
  /** Alert delivery: channels, maintenance windows, delivery log news. */
  alerting?: AlertingDelta;
  /** Every ping since the previous delta, oldest first (the live latency chart appends them). */
  pings?: PingSample[];
}

/** One entry in the raw frame log (secrets redacted). */
export interface FrameLogEntry {
  at: number;
  direction: 'in' | 'out';
  /** Opcode, when known. */
  type: number | null;
  event: string | null;
  /** Redacted, size-capped JSON text. */
  text: string;
  error: string | null;
}

/** Kinds of timeline entry. */
export const TIMELINE_KINDS = [
  'state',
  'shard-state',
  'shard-restart',
  'incident-open',
  'incident-update',
  'incident-close',
  'server-message',
  'unknown-event',
  'protocol-error',
  /** A rolling restart (a deploy), summed up as one event once it is over. */
  'deploy',
] as const;
/** One kind of timeline entry. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Timeline entry for the profile detail. */
export interface TimelineEvent {
  at: number;
  kind: TimelineKind;
  text: string;
  shardId: number | null;
}

/** History chart windows. */
export const HISTORY_WINDOWS = ['15m', '1h', '24h', '7d', '30d'] as const;
/** One history chart window. */
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number];
/** Length of each history chart window in ms: the engine's query and the live chart both span exactly this. */
export const HISTORY_WINDOW_MS: Readonly<Record<HistoryWindow, number>> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** One point of a latency history series (SmokePing style). */
export interface HistoryPoint {
  /** Wall ms at the start of the bucket (or of the sample, for raw data). */
  t: number;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
  count: number;
  lost: number;
}

/** A latency history series plus markers for the time axis. */
export interface HistorySeries {
  profileId: string;
  window: HistoryWindow;
  /** Bucket width in ms (0 = raw samples). */
  resolutionMs: number;
  from: number;
  to: number;
  points: HistoryPoint[];
  restarts: Array<{ t: number; shardId: number }>;
  incidents: Array<{ t: number; clearedAt: number | null; title: string; severity: Severity }>;
}
