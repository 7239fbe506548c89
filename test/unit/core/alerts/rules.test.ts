/**
 * The verdicts of the alert rules as the pure functions they are: for each
 * connection, shard and latency figure, whether the rule sees it as bad,
 * good or neither, right at the thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionProblem, ConnectionState } from '../../../../shared/connection-state';
import type { LatencyStats, ShardSummary } from '../../../../shared/live-status';
import type { AlertSettings } from '../../../../shared/profile-model';
import type { ConnectionInfo } from '../../../../electron/core/alerts/types';
import {
  connectionVerdicts,
  enabledRules,
  isShardDown,
  isToggle,
  latencyVerdict,
  lossVerdict,
  missingVerdict,
  shardsDownContent,
  uptimeStateOf,
} from '../../../../electron/core/alerts/rules';
import { BASE_ALERTS, makeShard } from './fixtures';

function conn(state: ConnectionState, problem: ConnectionProblem | null = null): ConnectionInfo {
  return { state, problem, detail: null };
}

function latency(over: Partial<LatencyStats>): LatencyStats {
  return {
    window: '1m',
    count: 10,
    lost: 0,
    lossPct: 0,
    min: 10,
    p50: 20,
    p95: 30,
    p99: 40,
    max: 50,
    jitter: 1,
    ...over,
  };
}

const a = (over: Partial<AlertSettings> = {}): AlertSettings => ({ ...BASE_ALERTS, ...over });

describe('which rules are on', () => {
  it('follows each switch; a threshold of 0 turns its rule off; flapping follows shards-down', () => {
    const all = enabledRules(a({ latencyP95Ms: 1, lossPct: 0.1, waitingForBot: true }));
    expect(Object.values(all).every(Boolean)).toBe(true);
    const off = enabledRules(a(offAll()));
    expect(Object.entries(off).filter(([, on]) => on)).toEqual([]);
    // One switch at a time turns on exactly its rule(s).
    expect(enabledRules(a({ ...offAll(), shardsDown: true }))).toMatchObject({
      'shards-down': true,
      'shard-flapping': true,
      'connection-lost': false,
    });
    expect(onlyOn(a({ ...offAll(), connectionLost: true }))).toEqual(['connection-lost']);
    expect(onlyOn(a({ ...offAll(), credentialsRefused: true }))).toEqual(['credentials-refused']);
    expect(onlyOn(a({ ...offAll(), silentStall: true }))).toEqual(['silent-stall']);
    expect(onlyOn(a({ ...offAll(), missingShards: true }))).toEqual(['missing-shards']);
    expect(onlyOn(a({ ...offAll(), waitingForBot: true }))).toEqual(['waiting-for-bot']);
    expect(onlyOn(a({ ...offAll(), restartBudget: true }))).toEqual(['restart-budget']);
    expect(onlyOn(a({ ...offAll(), restartLoops: true }))).toEqual(['restart-loop']);
    expect(onlyOn(a({ ...offAll(), oneWayShards: true }))).toEqual(['one-way']);
    expect(onlyOn(a({ ...offAll(), silentShards: true }))).toEqual(['silent']);
    expect(onlyOn(a({ ...offAll(), latencyP95Ms: 1 }))).toEqual(['latency-p95']);
    expect(onlyOn(a({ ...offAll(), lossPct: 0.5 }))).toEqual(['loss']);
  });
});

function offAll(): Partial<AlertSettings> {
  return {
    connectionLost: false,
    credentialsRefused: false,
    shardsDown: false,
    latencyP95Ms: 0,
    lossPct: 0,
    silentStall: false,
    missingShards: false,
    waitingForBot: false,
    restartBudget: false,
    restartLoops: false,
    oneWayShards: false,
    silentShards: false,
  };
}

function onlyOn(settings: AlertSettings): string[] {
  return Object.entries(enabledRules(settings))
    .filter(([, on]) => on)
    .map(([rule]) => rule);
}

describe('connection verdicts', () => {
  it('ready and waiting for the bot are good; no connection yet is neither', () => {
    for (const state of ['ready', 'waiting'] as const) {
      expect(connectionVerdicts(conn(state), a())).toEqual({
        'connection-lost': 'good',
        'credentials-refused': 'good',
      });
      expect(uptimeStateOf(conn(state))).toBe('up');
    }
    expect(connectionVerdicts(null, a())).toEqual({
      'connection-lost': 'neutral',
      'credentials-refused': 'neutral',
    });
  });

  it('a connection nobody watches is off, not lost: closed by the user, paused, or secrets unreadable here', () => {
    for (const c of [
      conn('idle'),
      conn('closed'),
      conn('reconnecting', 'paused'),
      conn('failed', 'secrets-unreadable'),
    ]) {
      expect(connectionVerdicts(c, a()), JSON.stringify(c)).toEqual({
        'connection-lost': 'off',
        'credentials-refused': 'off',
      });
      expect(uptimeStateOf(c), JSON.stringify(c)).toBe('off');
    }
  });

  it('a connection closed with a problem, failing or reconnecting is lost (down)', () => {
    for (const c of [
      conn('closed', 'closed-by-server'),
      conn('failed', 'unreachable'),
      conn('reconnecting', 'dropped'),
      conn('connecting'),
    ]) {
      expect(connectionVerdicts(c, a()), JSON.stringify(c)).toEqual({
        'connection-lost': 'bad',
        'credentials-refused': 'neutral',
      });
      expect(uptimeStateOf(c), JSON.stringify(c)).toBe('down');
    }
    expect(connectionVerdicts(conn('failed', 'unreachable'), a({ connectionLost: false }))).toEqual(
      { 'connection-lost': 'neutral', 'credentials-refused': 'neutral' },
    );
  });

  it('refused credentials are one alert: credentials-refused while it is on, else connection-lost', () => {
    for (const c of [conn('auth-refused'), conn('failed', 'auth-refused')]) {
      expect(connectionVerdicts(c, a()), JSON.stringify(c)).toEqual({
        'connection-lost': 'neutral',
        'credentials-refused': 'bad',
      });
      expect(connectionVerdicts(c, a({ credentialsRefused: false }))).toEqual({
        'connection-lost': 'bad',
        'credentials-refused': 'neutral',
      });
      expect(
        connectionVerdicts(c, a({ credentialsRefused: false, connectionLost: false })),
      ).toEqual({ 'connection-lost': 'neutral', 'credentials-refused': 'neutral' });
      expect(uptimeStateOf(c)).toBe('down');
    }
  });
});

describe('shard verdicts', () => {
  it('a shard is down when its state is down, or a dev shard that is disconnected', () => {
    expect(isShardDown(makeShard(1, 'down'))).toBe(true);
    expect(isShardDown(makeShard(1, 'dev', { disconnected: true }))).toBe(true);
    expect(isShardDown(makeShard(1, 'dev', { disconnected: false }))).toBe(false);
    expect(isShardDown(makeShard(1, 'degraded', { disconnected: true }))).toBe(false);
    expect(isShardDown(makeShard(1, 'up'))).toBe(false);
  });

  it('flapping counts changes between up (or degraded) and down, nothing else', () => {
    expect(isToggle('up', 'down')).toBe(true);
    expect(isToggle('degraded', 'down')).toBe(true);
    expect(isToggle('down', 'up')).toBe(true);
    expect(isToggle('down', 'degraded')).toBe(true);
    expect(isToggle('up', 'degraded')).toBe(false);
    expect(isToggle('no-data', 'down')).toBe(false);
    expect(isToggle('down', 'no-data')).toBe(false);
    expect(isToggle('dev', 'down')).toBe(false);
    expect(isToggle('down', 'down')).toBe(false);
  });

  it('shards-down escalates to critical only above the configured fraction', () => {
    const settings = a({ escalateDownFraction: 0.5 });
    const half = shardsDownContent([1, 2], 4, settings, '12:00');
    expect(half.severity).toBe('warning');
    expect(half.downFraction).toBe(0.5);
    const more = shardsDownContent([1, 2, 3], 4, settings, '12:00');
    expect(more.severity).toBe('critical');
    expect(more.shardIds).toEqual([1, 2, 3]);
  });

  it('missing shards raise only when the server reports shard stats and some are missing', () => {
    const summary = (reportsStats: boolean, missingCount: number) =>
      ({ reportsStats, missingCount }) as ShardSummary;
    expect(missingVerdict(summary(true, 1))).toBe('bad');
    expect(missingVerdict(summary(true, 0))).toBe('good');
    expect(missingVerdict(summary(false, 3))).toBe('good');
  });
});

describe('latency and loss verdicts', () => {
  it('p95 above the limit is bad, at the limit good, no answered ping neither', () => {
    const settings = a({ latencyP95Ms: 250 });
    expect(latencyVerdict(latency({ p95: 250.5 }), settings)).toBe('bad');
    expect(latencyVerdict(latency({ p95: 250 }), settings)).toBe('good');
    expect(latencyVerdict(latency({ p95: 0 }), settings)).toBe('good');
    expect(latencyVerdict(latency({ p95: null }), settings)).toBe('neutral');
  });

  it('loss above the percentage is bad, at it good, an empty window neither', () => {
    const settings = a({ lossPct: 5 });
    expect(lossVerdict(latency({ lossPct: 5.1 }), settings)).toBe('bad');
    expect(lossVerdict(latency({ lossPct: 5 }), settings)).toBe('good');
    expect(lossVerdict(latency({ lossPct: 0 }), settings)).toBe('good');
    expect(lossVerdict(latency({ lossPct: null }), settings)).toBe('neutral');
  });
});
