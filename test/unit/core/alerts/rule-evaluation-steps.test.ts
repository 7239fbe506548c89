/**
 * The rule evaluator on its own (electron/core/alerts/rule-evaluation.ts):
 * which rules a sample is put to, with which verdict, and the words of the
 * incident it would open — the shards named and their order, the shard
 * total, "since when", the language — recorded from the `step` the engine
 * would run. The engine's own debouncing is tested in alert-engine.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createFlapTracker } from '../../../../electron/core/alerts/flapping';
import { formatLocalHm } from '../../../../electron/core/alerts/local-time';
import type { ProfileState, StepFlags } from '../../../../electron/core/alerts/rule-evaluation';
import { createRuleEvaluator } from '../../../../electron/core/alerts/rule-evaluation';
import {
  latencyContent,
  lossContent,
  shardsDownContent,
  stallContent,
} from '../../../../electron/core/alerts/rules';
import type {
  AlertProfile,
  AlertSample,
  ConnectionInfo,
  IncidentContent,
  ShardTransition,
  Verdict,
} from '../../../../electron/core/alerts/types';
import type { AlertRule } from '../../../../shared/incident-model';
import { ALERT_RULES } from '../../../../shared/incident-model';
import type { AlertSettings } from '../../../../shared/profile-model';
import type { ShardView } from '../../../../shared/live-status';
import type { Say } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';
import { latency, makeProfile, makeShard, summaryOf } from './fixtures';

const TZ = 'UTC';
const WINDOW = 10 * 60_000;

interface Step {
  rule: AlertRule;
  verdict: Verdict;
  flags: StepFlags | undefined;
  content: () => IncidentContent;
}

function setUp(
  alerts: Partial<AlertSettings> = {},
  profile: Partial<AlertProfile> = {},
  say?: Say,
) {
  const clock = createFakeClock();
  const steps: Step[] = [];
  const closed: AlertRule[] = [];
  const ev = createRuleEvaluator({
    clock,
    timeZone: TZ,
    flapWindowMs: WINDOW,
    flapThreshold: 3,
    ...(say ? { say } : {}),
    step: (_ps, rule, verdict, content, flags) => steps.push({ rule, verdict, flags, content }),
    close: (_ps, rule) => closed.push(rule),
  });
  const streaks = {} as ProfileState['streaks'];
  for (const r of ALERT_RULES) streaks[r] = { bad: 0, good: 0 };
  const ps: ProfileState = {
    profile: makeProfile(alerts, profile),
    conn: null,
    connSince: clock.wallNow(),
    lastConnVerdict: { 'connection-lost': null, 'credentials-refused': null },
    streaks,
    shardFlaps: createFlapTracker(WINDOW, 3),
    // Past the first attempt: these steps are about a connection already watched.
    connSettled: true,
    connFlaps: createFlapTracker(WINDOW, 3),
    loopsAsFlapping: new Set(),
    loopsTold: new Set(),
  };
  const of = (rule: AlertRule): Step[] => steps.filter((s) => s.rule === rule);
  const last = (rule: AlertRule): Step => {
    const s = of(rule).at(-1);
    if (!s) throw new Error(`no step for ${rule}`);
    return s;
  };
  return { clock, ev, ps, steps, closed, of, last };
}

function shardsSample(
  profile: AlertProfile,
  shards: ShardView[],
  extra: Partial<Extract<AlertSample, { kind: 'shards' }>> = {},
): Extract<AlertSample, { kind: 'shards' }> {
  return {
    kind: 'shards',
    profile,
    shards,
    summary: summaryOf(shards, profile.shardTotal),
    transitions: [],
    ...extra,
  };
}

const hm = (at: number): string => formatLocalHm(at, TZ);

describe('shard samples', () => {
  it('names the down shards in order, over the shard total less dev shards, since the earliest drop', () => {
    const t = setUp({}, { shardTotal: 10 });
    const now = t.clock.wallNow();
    const shards = [
      makeShard(9, 'down', { lastChangeAt: now - 60_000 }),
      makeShard(2, 'down', { lastChangeAt: now - 5 * 60_000 }),
      makeShard(5, 'down', { lastChangeAt: now - 2 * 60_000 }),
      makeShard(0, 'up'),
      makeShard(7, 'dev'),
      makeShard(8, 'dev', { disconnected: true }),
    ];
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, shards));
    const step = t.last('shards-down');
    expect(step.verdict).toBe('bad');
    expect(step.content()).toEqual(
      shardsDownContent([2, 5, 9], 8, t.ps.profile.alerts, hm(now - 5 * 60_000)),
    );
  });

  it('a down shard with no recorded change counts from now', () => {
    const t = setUp({}, { shardTotal: 4 });
    const now = t.clock.wallNow();
    t.clock.advance(3 * 60_000);
    const later = t.clock.wallNow();
    const shards = [
      makeShard(1, 'down', { lastChangeAt: 0 }),
      makeShard(3, 'down', { lastChangeAt: now }),
    ];
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, shards));
    expect(t.last('shards-down').content()).toEqual(
      shardsDownContent([1, 3], 4, t.ps.profile.alerts, hm(now)),
    );
    const only = setUp({}, { shardTotal: 4 });
    only.clock.advance(3 * 60_000);
    only.ev.evaluateShards(only.ps, shardsSample(only.ps.profile, [makeShard(1, 'down')]));
    expect(only.last('shards-down').content()).toEqual(
      shardsDownContent([1], 4, only.ps.profile.alerts, hm(later)),
    );
  });

  it('dev shards count when the profile includes them', () => {
    const t = setUp({ includeDevShards: true }, { shardTotal: 10 });
    const shards = [makeShard(8, 'dev', { disconnected: true }), makeShard(1, 'up')];
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, shards));
    expect(t.last('shards-down').content()).toEqual(
      shardsDownContent([8], 10, t.ps.profile.alerts, hm(t.clock.wallNow())),
    );
  });

  it('all up is good; a held shard (a deploy restart) is not named', () => {
    const t = setUp({}, { shardTotal: 4 });
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, [makeShard(0, 'up'), makeShard(1, 'up')]));
    expect(t.last('shards-down').verdict).toBe('good');
    t.ev.evaluateShards(
      t.ps,
      shardsSample(t.ps.profile, [makeShard(0, 'down'), makeShard(1, 'down')], {
        held: (id) => id === 0,
      }),
    );
    expect(t.last('shards-down').content().shardIds).toEqual([1]);
  });

  it('stalled shards are named in order; missing shards are put to their rule', () => {
    const t = setUp({}, { shardTotal: 12 });
    const shards = [
      makeShard(7, 'up', { stalled: true }),
      makeShard(3, 'up', { stalled: true }),
      makeShard(11, 'up', { stalled: true }),
      makeShard(0, 'up'),
    ];
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, shards));
    const stall = t.last('silent-stall');
    expect(stall.verdict).toBe('bad');
    expect(stall.content()).toEqual(stallContent([3, 7, 11]));
    expect(t.last('missing-shards').verdict).toBe('bad');
    t.ev.evaluateShards(
      t.ps,
      shardsSample(t.ps.profile, [makeShard(0, 'up')], {
        summary: summaryOf([makeShard(0, 'up')], 1),
      }),
    );
    expect(t.last('silent-stall').verdict).toBe('good');
    expect(t.last('missing-shards').verdict).toBe('good');
  });

  it('a rule switched off is not put to at all, however bad the sample', () => {
    const t = setUp(
      { shardsDown: false, silentStall: false, missingShards: false },
      { shardTotal: 8 },
    );
    const shards = [makeShard(1, 'down', { stalled: true })];
    const transitions: ShardTransition[] = [];
    for (let i = 0; i < 4; i++)
      transitions.push({
        shardId: 1,
        from: i % 2 ? 'down' : 'up',
        to: i % 2 ? 'up' : 'down',
        at: t.clock.wallNow(),
      });
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, shards, { transitions }));
    expect(t.steps).toEqual([]);
    expect(t.closed).toEqual([]);
    expect(t.ps.shardFlaps.flappingKeys()).toEqual([]);
  });

  it('a flapping shard raises shard-flapping at once and is left out of shards-down', () => {
    const t = setUp({}, { shardTotal: 8 });
    const at = t.clock.wallNow();
    const transitions: ShardTransition[] = [
      { shardId: 4, from: 'up', to: 'down', at },
      { shardId: 4, from: 'down', to: 'up', at },
      { shardId: 4, from: 'up', to: 'down', at },
      // Not toggles: no-data and dev changes are not flapping.
      { shardId: 6, from: 'no-data', to: 'down', at },
      { shardId: 6, from: 'down', to: 'no-data', at },
      { shardId: 6, from: 'no-data', to: 'down', at },
    ];
    t.ev.evaluateShards(
      t.ps,
      shardsSample(t.ps.profile, [makeShard(4, 'down'), makeShard(6, 'down')], { transitions }),
    );
    const flap = t.last('shard-flapping');
    expect(flap.verdict).toBe('bad');
    expect(flap.flags).toEqual({ immediate: true });
    expect(flap.content().shardIds).toEqual([4]);
    expect(t.last('shards-down').content().shardIds).toEqual([6]);
  });
});

describe('ping and analytics samples', () => {
  it('latency and loss rules with a limit of 0 are off and never put to', () => {
    const t = setUp({ latencyP95Ms: 0, lossPct: 0 });
    t.ev.evaluatePing(t.ps, { kind: 'ping', profile: t.ps.profile, latency1m: latency(9_000, 90) });
    expect(t.steps).toEqual([]);
  });

  it('latency and loss with limits: bad over them, with their words', () => {
    const t = setUp({ latencyP95Ms: 250, lossPct: 5 });
    const l = latency(400, 50);
    t.ev.evaluatePing(t.ps, { kind: 'ping', profile: t.ps.profile, latency1m: l });
    expect(t.last('latency-p95').verdict).toBe('bad');
    expect(t.last('latency-p95').content()).toEqual(latencyContent(l, t.ps.profile.alerts));
    expect(t.last('loss').verdict).toBe('bad');
    expect(t.last('loss').content()).toEqual(lossContent(l, t.ps.profile.alerts));
  });

  it('the restart budget switched off is not put to, even when exhausted', () => {
    const t = setUp({
      restartBudget: false,
      restartLoops: false,
      oneWayShards: false,
      silentShards: false,
    });
    t.ev.evaluateAnalytics(t.ps, {
      kind: 'analytics',
      profile: t.ps.profile,
      facts: {
        budget: { level: 'exhausted', title: 't', body: 'b' },
        loops: null,
        oneWay: null,
        silent: null,
      },
    });
    expect(t.steps).toEqual([]);
  });
});

describe('connection samples', () => {
  const info = (
    state: ConnectionInfo['state'],
    problem: ConnectionInfo['problem'] = null,
  ): ConnectionInfo => ({
    state,
    problem,
    detail: null,
  });

  it('"since" moves only when the connection goes between ready and not ready', () => {
    const t = setUp();
    const start = t.clock.wallNow();
    t.clock.advance(60_000);
    t.ev.onConnection(t.ps, info('connecting'));
    expect(t.ps.connSince).toBe(start + 60_000);
    t.clock.advance(60_000);
    t.ev.onConnection(t.ps, info('handshaking'));
    t.clock.advance(60_000);
    t.ev.onConnection(t.ps, info('closed', 'unreachable'));
    expect(t.ps.connSince).toBe(start + 60_000);
    t.clock.advance(60_000);
    t.ev.onConnection(t.ps, info('ready'));
    expect(t.ps.connSince).toBe(start + 4 * 60_000);
    t.clock.advance(60_000);
    t.ev.onConnection(t.ps, info('ready'));
    expect(t.ps.connSince).toBe(start + 4 * 60_000);
    t.clock.advance(60_000);
    t.ev.onConnection(t.ps, info('closed', 'unreachable'));
    expect(t.ps.connSince).toBe(start + 6 * 60_000);
  });

  it('only drops of a ready connection count towards flapping, and only with connection-lost on', () => {
    const t = setUp();
    for (let i = 0; i < 4; i++) {
      t.ev.onConnection(t.ps, info('connecting'));
      t.ev.onConnection(t.ps, info('closed', 'unreachable'));
    }
    expect(t.ps.connFlaps.recentCount(0, t.clock.wallNow())).toBe(0);
    t.ev.onConnection(t.ps, info('ready'));
    t.ev.onConnection(t.ps, info('closed', 'unreachable'));
    expect(t.ps.connFlaps.recentCount(0, t.clock.wallNow())).toBe(1);
    // A user's own stop is not a drop.
    t.ev.onConnection(t.ps, info('ready'));
    t.ev.onConnection(t.ps, info('closed'));
    expect(t.ps.connFlaps.recentCount(0, t.clock.wallNow())).toBe(1);
    // Ready reported again is no drop either.
    t.ev.onConnection(t.ps, info('ready'));
    t.ev.onConnection(t.ps, info('ready'));
    expect(t.ps.connFlaps.recentCount(0, t.clock.wallNow())).toBe(1);

    const off = setUp({ connectionLost: false });
    off.ev.onConnection(off.ps, info('ready'));
    off.ev.onConnection(off.ps, info('closed', 'unreachable'));
    expect(off.ps.connFlaps.recentCount(0, off.clock.wallNow())).toBe(0);
  });

  it('a connection the user stopped forgets how long the bot was awaited', () => {
    const t = setUp({ waitingForBot: true, waitingForBotAfterMs: 60_000 });
    t.ev.onConnection(t.ps, info('waiting'));
    t.clock.advance(30 * 60_000);
    t.ev.onConnection(t.ps, info('idle'));
    t.clock.advance(5 * 60_000);
    t.ev.onConnection(t.ps, info('waiting'));
    t.clock.advance(2 * 60_000);
    t.ev.evaluateConnection(t.ps, true);
    const body = t.last('waiting-for-bot').content().body;
    expect(body).toMatch(/\b2 min/);
    expect(body).not.toContain('37 min');
  });

  it("forget() drops a deleted profile's waiting clock", () => {
    const t = setUp({ waitingForBot: true, waitingForBotAfterMs: 60_000 });
    t.ev.onConnection(t.ps, info('waiting'));
    t.clock.advance(30 * 60_000);
    const before = t.last('waiting-for-bot').content().body;
    expect(before).toContain('30 min');
    t.ev.forget(t.ps.profile.id);
    const after = t.last('waiting-for-bot').content().body;
    expect(after).not.toContain('30 min');
    expect(after).toMatch(/\b0 min/);
  });

  it('incidents are worded in the language given', () => {
    const say: Say = (key) => `«${key}»`;
    const t = setUp({}, { shardTotal: 4 }, say);
    t.ev.evaluateShards(t.ps, shardsSample(t.ps.profile, [makeShard(1, 'up', { stalled: true })]));
    expect(t.last('silent-stall').content()).toEqual(stallContent([1], say));
    expect(t.last('silent-stall').content().title).toBe('«incident.stalled.titleOne»');
  });
});
