/**
 * The detail screen's profile and status: the shared builders of
 * `../fake-api.ts` with what the detail header and cards show (a READY
 * summary, counters, windows with and without data).
 */
import type { LatencyStats, LatencyWindow, ProfileStatus } from '../../../../../shared/live-status';
import type { ProfileView } from '../../../../../shared/profile-model';
import { makeProfile, makeStatus } from '../../fake-api';

export function profile(over: Partial<ProfileView> = {}): ProfileView {
  return makeProfile({
    name: 'Main bot',
    color: '#0072b2',
    environment: 'prod',
    url: 'ws://127.0.0.1:3030/gateway',
    botId: '1234',
    shardTotal: 4,
    ...over,
  });
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
  const base = makeStatus(
    'p1',
    {
      since: Date.now() - 60_000,
      lastRttMs: 4.2,
      latency: {
        '1m': stats('1m', 10),
        '15m': stats('15m', 0),
        '1h': stats('1h', 100),
        '24h': stats('24h', 1000),
      },
      recentRtts: [],
      ready: {
        event: 'GATEWAY_READY',
        botId: '1234',
        botFlags: 1,
        sessionIdShort: 'abcd…wxyz',
        shardsConfig: [[0, 4]],
        at: Date.now() - 30_000,
      },
    },
    {
      reportsStats,
      expected: reportsStats ? 4 : 0,
      expectedFrom: 'profile',
      reported: 0,
      up: 0,
      lastReportAt: null,
    },
  );
  return {
    ...base,
    counters: { ...base.counters, framesIn: 1234, framesOut: 1200, reconnects: 2 },
    ...over,
  };
}
