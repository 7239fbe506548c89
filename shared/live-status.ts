/**
 * A profile's live status as the engine pushes it: latency figures per
 * window, shard health, counters, and each ping as it happened.
 */
import type { ShardFindings } from './analytics';
import type { ReadySummary } from './command-results';
import type { ConnectionProblem, ConnectionState } from './connection-state';
import type { Json } from './protocol';

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
