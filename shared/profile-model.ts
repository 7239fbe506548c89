/**
 * A bot profile as it is edited, sent and shown. Only what the renderer may
 * see: no secret value ever appears in these types (docs/architecture.md §3.7),
 * only `hasPublicKey` / `hasSecret`; an edit carries a new secret one way.
 */
import type { ClusterSpec } from './analytics';
import type { Dialect, MonitorMode } from './protocol';

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
