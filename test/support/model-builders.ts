/**
 * Builders of the model objects tests need (profiles, live status, latency,
 * incidents, snapshots), with sensible defaults a test overrides field by
 * field: the one home of these fixtures, for the engine's tests and the
 * renderer's (test/unit/renderer/fake-api.ts re-exports them).
 */
import type { AppSnapshot } from '../../shared/app-state';
import type { Incident } from '../../shared/incident-model';
import type {
  LatencyStats,
  LatencyWindow,
  ProfileStatus,
  ShardView,
} from '../../shared/live-status';
import type { ProfileView } from '../../shared/profile-model';
import type { ShardStats } from '../../shared/protocol';
import { defaultProfileInput } from '../../shared/profile-validation';

/** A profile view with sensible defaults. */
export function makeProfile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    ...defaultProfileInput(),
    name: 'Bot',
    botId: '123456789012345678',
    id: 'p1',
    order: 0,
    hasPublicKey: true,
    hasSecret: true,
    demo: false,
    secretNeedsReentry: false,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

/** Latency figures over `window`: ten answered pings unless `over` says otherwise. */
export function makeLatency(window: LatencyWindow, over: Partial<LatencyStats> = {}): LatencyStats {
  return {
    window,
    count: 10,
    lost: 0,
    lossPct: 0,
    min: 1,
    p50: 2,
    p95: 3,
    p99: 4,
    max: 5,
    jitter: 0.5,
    ...over,
  };
}

/** Latency figures over `window` with no ping in it: every figure empty ("no data"). */
export function noLatency(window: LatencyWindow): LatencyStats {
  return makeLatency(window, {
    count: 0,
    lossPct: null,
    min: null,
    p50: null,
    p95: null,
    p99: null,
    max: null,
    jitter: null,
  });
}

/** A live status with sensible defaults (ready, 4/4 shards up). */
export function makeStatus(
  profileId: string,
  over: Partial<ProfileStatus> = {},
  shards: Partial<ProfileStatus['shards']> = {},
): ProfileStatus {
  return {
    profileId,
    state: 'ready',
    detail: null,
    problem: null,
    since: 0,
    lastRttMs: 2.5,
    latency: {
      '1m': makeLatency('1m'),
      '15m': makeLatency('15m'),
      '1h': makeLatency('1h'),
      '24h': makeLatency('24h'),
    },
    recentRtts: [2, 3, null, 2.5],
    shards: {
      reportsStats: true,
      expected: 4,
      expectedFrom: 'profile',
      reported: 4,
      up: 4,
      degraded: 0,
      down: 0,
      noData: 0,
      dev: 0,
      stalled: 0,
      missing: [],
      missingCount: 0,
      duplicated: [],
      lastReportAt: 0,
      ...shards,
    },
    ready: null,
    counters: {
      framesIn: 0,
      framesOut: 0,
      protocolErrors: 0,
      lastProtocolError: null,
      interactions: 0,
      unknownEvents: 0,
      reconnects: 0,
    },
    serverMessage: null,
    openIncidents: 0,
    ...over,
  };
}

/** An incident (open unless `clearedAt` is given). */
export function makeIncident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    profileId: 'p1',
    rule: 'connection-lost',
    severity: 'critical',
    title: 'Connection lost',
    body: 'The gateway stopped answering.',
    shardIds: [],
    openedAt: 1_000,
    updatedAt: 1_000,
    clearedAt: null,
    acknowledged: false,
    suppressed: false,
    ...over,
  };
}

/** A snapshot with sensible defaults. */
export function makeSnapshot(over: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    seq: 1,
    profiles: [],
    status: {},
    incidents: [],
    tray: { state: 'ok', icon: 'ok', downCount: 0, tooltip: 'Shardwatch', menu: [] },
    snooze: { until: null, paused: false },
    settings: {
      theme: 'system',
      launchAtLogin: false,
      startHidden: false,
      notificationSound: true,
      frameLogSize: 200,
      overviewSort: 'trouble',
      language: 'en',
    },
    secretStorage: {
      backend: 'file-key',
      strong: false,
      description: { key: 'secrets.fileKey', params: { file: '/data/secret.key' } },
    },
    notices: [],
    readOnly: false,
    systemLocale: 'en',
    mode: 'browser',
    ...over,
  };
}

/** One shard of a gateway snapshot (`shards_stats` entry): connected, hash `hash-<id>`. */
export function makeShardStats(id: number, over: Partial<ShardStats> = {}): ShardStats {
  return {
    shard_id: id,
    shard_hash: `hash-${id}`,
    development: false,
    disconnected: false,
    send_ping: 10,
    receibe_ping: 10,
    sending: 100,
    received: 200,
    extra: {},
    ...over,
  };
}

/** Wall time the shard views below were last seen at. */
export const SHARD_VIEW_T0 = 1_760_000_000_000;

/** Shard `id` as the tracker shows it: up, counters and pings from its id, a send rate and no receive rate. */
export function makeShardView(id: number, over: Partial<ShardView> = {}): ShardView {
  const v: ShardView = {
    id,
    hash: `h${id}`,
    state: 'up',
    development: false,
    disconnected: false,
    sendPing: 1000 + id,
    receibePing: 990 + id,
    sending: id * 3,
    received: id * 2,
    sendRate: 1.5,
    recvRate: null,
    pingGap: 0,
    stalled: false,
    restarts: 0,
    lastChangeAt: SHARD_VIEW_T0 - id,
    lastSeenAt: SHARD_VIEW_T0,
    extra: {},
    ...over,
  };
  v.pingGap = v.sendPing - v.receibePing;
  return v;
}
