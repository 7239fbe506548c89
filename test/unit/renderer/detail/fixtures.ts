/** Profile and status fixtures for the detail screen tests. */
import type {
  LatencyStats,
  LatencyWindow,
  ProfileStatus,
  ProfileView,
} from '../../../../shared/model';

export function profile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p1',
    order: 0,
    name: 'Main bot',
    color: '#0072b2',
    environment: 'prod',
    url: 'ws://127.0.0.1:3030/gateway',
    dialect: 'documented',
    botId: '1234',
    shardIn: 0,
    shardTotal: 4,
    flags: 0,
    pingIntervalMs: 5000,
    pingTimeoutMs: 3000,
    lostPingsToDead: 3,
    alerts: {
      connectionLost: true,
      credentialsRefused: true,
      shardsDown: true,
      latencyP95Ms: 0,
      lossPct: 0,
      silentStall: true,
      missingShards: true,
      raiseAfter: 2,
      clearAfter: 2,
      includeDevShards: false,
      quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
      escalateDownFraction: 0.5,
      escalateAfterMs: 3_600_000,
    },
    enabled: true,
    allowInsecure: false,
    hasPublicKey: true,
    hasSecret: true,
    demo: false,
    secretNeedsReentry: false,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

function stats(window: LatencyWindow, count: number): LatencyStats {
  return count === 0
    ? {
        window,
        count: 0,
        lost: 0,
        lossPct: null,
        min: null,
        p50: null,
        p95: null,
        p99: null,
        max: null,
        jitter: null,
      }
    : {
        window,
        count,
        lost: 1,
        lossPct: (1 / (count + 1)) * 100,
        min: 1,
        p50: 4.256,
        p95: 12.34,
        p99: 150.2,
        max: 200,
        jitter: 0.5,
      };
}

export function status(over: Partial<ProfileStatus> = {}, reportsStats = true): ProfileStatus {
  return {
    profileId: 'p1',
    state: 'ready',
    detail: null,
    problem: null,
    since: Date.now() - 60_000,
    lastRttMs: 4.2,
    latency: {
      '1m': stats('1m', 10),
      '15m': stats('15m', 0),
      '1h': stats('1h', 100),
      '24h': stats('24h', 1000),
    },
    recentRtts: [],
    shards: {
      reportsStats,
      expected: reportsStats ? 4 : 0,
      reported: 0,
      up: 0,
      degraded: 0,
      down: 0,
      noData: 0,
      dev: 0,
      stalled: 0,
      missing: [],
      missingCount: 0,
      duplicated: [],
      lastReportAt: null,
    },
    ready: {
      event: 'GATEWAY_READY',
      botId: '1234',
      botFlags: 1,
      sessionIdShort: 'abcd…wxyz',
      shardsConfig: [[0, 4]],
      at: Date.now() - 30_000,
    },
    counters: {
      framesIn: 1234,
      framesOut: 1200,
      protocolErrors: 0,
      lastProtocolError: null,
      interactions: 0,
      unknownEvents: 0,
      reconnects: 2,
    },
    serverMessage: null,
    openIncidents: 0,
    ...over,
  };
}
