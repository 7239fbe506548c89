/**
 * Builders for alert-engine tests: a profile, a fleet of shards and a
 * harness that turns "these shards are down now" into the `shards` samples
 * (with transitions) the monitor would send.
 */
import type { ConnectionProblem, ConnectionState } from '../../../../shared/connection-state';
import type { Incident } from '../../../../shared/incident-model';
import type {
  LatencyStats,
  ShardState,
  ShardSummary,
  ShardView,
} from '../../../../shared/live-status';
import type { AlertSettings } from '../../../../shared/profile-model';
import type {
  AlertEngine,
  AlertEngineOptions,
  AlertProfile,
  IncidentChange,
  ShardTransition,
} from '../../../../electron/core/alerts/alert-engine';
import { createAlertEngine } from '../../../../electron/core/alerts/alert-engine';
import type { RecordingNotifier } from '../../../../electron/core/alerts/notifier';
import { createRecordingNotifier } from '../../../../electron/core/alerts/notifier';
import { defaultAlertSettings } from '../../../../shared/profile-validation';
import type { FakeClock } from '../../../support/fake-clock';
import { createFakeClock } from '../../../support/fake-clock';
import { makeShardView } from '../../../support/model-builders';

/** The defaults a new profile gets, with a tighter latency limit and a later escalation. */
export const BASE_ALERTS: AlertSettings = {
  ...defaultAlertSettings(),
  latencyP95Ms: 250,
  escalateAfterMs: 30 * 60_000,
};

export function makeProfile(
  alerts: Partial<AlertSettings> = {},
  extra: Partial<AlertProfile> = {},
): AlertProfile {
  return {
    id: 'p1',
    name: 'Prod bot',
    shardTotal: 128,
    ...extra,
    alerts: { ...BASE_ALERTS, ...alerts },
  };
}

/** A shard in `state` with zero counters and times (`makeShardView` with these defaults). */
export function makeShard(id: number, state: ShardState, over: Partial<ShardView> = {}): ShardView {
  return makeShardView(id, {
    state,
    development: state === 'dev',
    disconnected: state === 'down',
    sendPing: 0,
    receibePing: 0,
    sending: 0,
    received: 0,
    sendRate: null,
    lastChangeAt: 0,
    lastSeenAt: 0,
    ...over,
  });
}

export function summaryOf(
  shards: ShardView[],
  expected: number,
  reportsStats = true,
): ShardSummary {
  const count = (s: ShardState) => shards.filter((x) => x.state === s).length;
  const seen = new Set(shards.map((s) => s.id));
  const missing: number[] = [];
  for (let i = 0; i < expected; i++) if (!seen.has(i)) missing.push(i);
  return {
    reportsStats,
    expected,
    expectedFrom: 'profile',
    reported: shards.length,
    up: count('up'),
    degraded: count('degraded'),
    down: count('down'),
    noData: count('no-data'),
    dev: count('dev'),
    stalled: shards.filter((s) => s.stalled).length,
    missing: missing.slice(0, 100),
    missingCount: missing.length,
    duplicated: [],
    lastReportAt: null,
  };
}

export function latency(p95: number | null, lossPct: number | null = 0): LatencyStats {
  return {
    window: '1m',
    count: 60,
    lost: lossPct === null ? 0 : Math.round((lossPct / 100) * 60),
    lossPct,
    min: p95,
    p50: p95,
    p95,
    p99: p95,
    max: p95,
    jitter: 0,
  };
}

export interface Harness {
  clock: FakeClock;
  notifier: RecordingNotifier;
  engine: AlertEngine;
  events: Array<{ incident: Incident; change: IncidentChange }>;
  profile: AlertProfile;
  /** Send a shard snapshot in which exactly `down` are down (others up). */
  snapshot(down: Iterable<number>, over?: (s: ShardView) => ShardView): void;
  tick(times?: number): void;
  /** A connection state change; not ready means `problem` (default `dead`). */
  connection(state: ConnectionState, problem?: ConnectionProblem): void;
  /** Events of one kind for one rule. */
  changes(rule: Incident['rule'], change: IncidentChange): Incident[];
}

export function createHarness(
  alerts: Partial<AlertSettings> = {},
  opts: {
    profile?: Partial<AlertProfile>;
    startWall?: number;
    engine?: Partial<AlertEngineOptions>;
    dev?: number[];
  } = {},
): Harness {
  const clock = createFakeClock(opts.startWall);
  const notifier = createRecordingNotifier();
  let n = 0;
  const engine = createAlertEngine({
    clock,
    notifier,
    idFactory: () => `inc-${++n}`,
    timeZone: 'UTC',
    ...opts.engine,
  });
  const profile = makeProfile(alerts, opts.profile);
  const events: Harness['events'] = [];
  engine.on('incident', (incident, change) => events.push({ incident, change }));
  const dev = new Set(opts.dev ?? []);
  const states = new Map<number, ShardState>();
  const changedAt = new Map<number, number>();
  for (let i = 0; i < profile.shardTotal; i++) states.set(i, dev.has(i) ? 'dev' : 'up');

  return {
    clock,
    notifier,
    engine,
    events,
    profile,
    snapshot(down, over = (s) => s) {
      const downSet = new Set(down);
      const transitions: ShardTransition[] = [];
      const shards: ShardView[] = [];
      for (let id = 0; id < profile.shardTotal; id++) {
        const isDev = dev.has(id);
        const next: ShardState = isDev ? 'dev' : downSet.has(id) ? 'down' : 'up';
        const prev = states.get(id) ?? 'up';
        if (prev !== next) {
          transitions.push({ shardId: id, from: prev, to: next, at: clock.wallNow() });
          changedAt.set(id, clock.wallNow());
        }
        states.set(id, next);
        shards.push(
          over(
            makeShard(id, next, {
              development: isDev,
              disconnected: downSet.has(id),
              lastChangeAt: changedAt.get(id) ?? clock.wallNow(),
            }),
          ),
        );
      }
      engine.evaluate(profile.id, {
        kind: 'shards',
        profile,
        shards,
        summary: summaryOf(shards, profile.shardTotal),
        transitions,
      });
    },
    connection(state, problem = 'dead') {
      engine.evaluate(profile.id, {
        kind: 'connection',
        profile,
        state,
        problem: state === 'ready' ? null : problem,
        detail: null,
      });
    },
    tick(times = 1) {
      for (let i = 0; i < times; i++) {
        clock.advance(1000);
        engine.evaluate(profile.id, { kind: 'tick', profile });
      }
    },
    changes(rule, change) {
      return events
        .filter((e) => e.incident.rule === rule && e.change === change)
        .map((e) => e.incident);
    },
  };
}

/** Ids `from..to-1`. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
