/**
 * Feeding samples through the rules: per profile state (streaks, flapping,
 * the connection as last seen) and the calls that turn one sample into
 * verdicts for the engine's `step`. The verdicts and texts themselves are
 * the pure functions of `rules.ts`.
 */
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { AlertRule } from '../../../shared/incident-model';
import { ATTEMPT_STATES } from '../../../shared/connection-state';
import type { FlapTracker } from './flapping';
import { formatLocalHm } from './local-time';
import {
  connectionContent,
  connectionVerdicts,
  countsForShardRules,
  flappingContent,
  isToggle,
  isUnwatched,
  latencyContent,
  latencyVerdict,
  lossContent,
  lossVerdict,
  missingContent,
  missingVerdict,
  shardsDownContent,
  stallContent,
} from './rules';
import type {
  AlertProfile,
  AlertSample,
  ConnectionInfo,
  IncidentContent,
  ShardFinding,
  Verdict,
} from './types';
import { ShardIndex } from './shard-index';
import { createWaitingRule } from './waiting-rule';
import {
  budgetContent,
  budgetVerdict,
  findingContent,
  findingOf,
  findingVerdict,
} from './analytics-rules';

/** What the engine keeps per profile. */
export interface ProfileState {
  profile: AlertProfile;
  conn: ConnectionInfo | null;
  /** Wall ms the connection entered its current ready / not-ready classification. */
  connSince: number;
  lastConnVerdict: Record<'connection-lost' | 'credentials-refused', Verdict | null>;
  streaks: Record<AlertRule, { bad: number; good: number }>;
  shardFlaps: FlapTracker;
  /** Key 0: drops of the gateway connection. */
  connFlaps: FlapTracker;
  /**
   * The connection has been somewhere other than its first attempt since it
   * was last watched (ready, waiting, or failed once). Until then a
   * connection still connecting is not a lost one: a first connect slowed by
   * a busy machine (a dozen profiles starting at once) must not raise
   * "connection lost" for a connection that was never up. The attempt ends
   * on its own (the connect timeout), and from there the rule counts.
   */
  connSettled: boolean;
  /** The shards as the last `shards` sample left them (made on the first one). */
  shards?: ShardIndex;
  /**
   * Shards of the current restart loop that were flapping when it was found:
   * the shard-flapping incident already told of them, so the loop opens no
   * second incident for the same trouble (docs/analytics.md "Restart loops").
   * Emptied when the analysis names no loop.
   */
  loopsAsFlapping: Set<number>;
  /**
   * The other order: shards of a restart loop told on its own (its incident
   * raised while they were not flapping). Their flapping opens no second
   * incident while that loop lasts. Emptied when the analysis names no loop.
   */
  loopsTold: Set<number>;
}

/** Flags of one step: see the engine's `step`. */
export interface StepFlags {
  /** Advance the streaks (default true). */
  count?: boolean;
  /** Raise on the first bad sample. */
  immediate?: boolean;
  /** Keep an open incident open through good samples (flapping). */
  hold?: boolean;
}

/** What the evaluator needs from the engine. */
export interface RuleEvaluatorDeps {
  clock: Clock;
  timeZone: string;
  flapWindowMs: number;
  flapThreshold: number;
  /** Words incident titles and bodies in the user's language (English by default). */
  say?: Say;
  step(
    ps: ProfileState,
    rule: AlertRule,
    verdict: Verdict,
    content: () => IncidentContent,
    flags?: StepFlags,
  ): void;
  close(ps: ProfileState, rule: AlertRule): void;
}

/** Create the evaluator of samples for the engine. */
export function createRuleEvaluator(deps: RuleEvaluatorDeps) {
  const { clock, timeZone, flapWindowMs, flapThreshold, step } = deps;
  const say = deps.say ?? sayEnglish;
  const waiting = createWaitingRule(say);

  function evaluateConnection(ps: ProfileState, fromTick: boolean): void {
    const id = ps.profile.id;
    const unwatched = !ps.conn || isUnwatched(ps.conn);
    if (unwatched) waiting.forget(id);
    const wv =
      ps.conn && !unwatched
        ? waiting.verdict(id, ps.conn.state, ps.profile.alerts, clock.wallNow())
        : 'off';
    step(ps, 'waiting-for-bot', wv, () => waiting.content(id, clock.wallNow()), {
      immediate: true,
    });
    const now = clock.wallNow();
    ps.connFlaps.prune(now);
    const damped = ps.connFlaps.isFlapping(0);
    const flap = damped
      ? { losses: ps.connFlaps.recentCount(0, now), windowMs: flapWindowMs }
      : null;
    const verdicts = connectionVerdicts(ps.conn, ps.profile.alerts);
    // A refusal is the answer, not a loss: the short attempts of each Connect
    // the gateway refuses again must not add up to a "connection lost".
    if (verdicts['credentials-refused'] === 'bad') ps.streaks['connection-lost'].bad = 0;
    const since = formatLocalHm(ps.connSince, timeZone);
    const firstAttempt = !ps.connSettled && ps.conn !== null && ATTEMPT_STATES.has(ps.conn.state);
    for (const rule of ['credentials-refused', 'connection-lost'] as const) {
      const v = verdicts[rule];
      const flipped = ps.lastConnVerdict[rule] !== v;
      ps.lastConnVerdict[rule] = v;
      // A flapping connection raises on its next drop and stays open until it holds.
      const lost = rule === 'connection-lost' && damped;
      // The first attempt since the profile was watched is not counted (see `connSettled`).
      if (rule === 'connection-lost' && firstAttempt && v === 'bad') continue;
      step(ps, rule, v, () => connectionContent(rule, ps.conn, since, lost ? flap : null, say), {
        count: fromTick || flipped,
        immediate: rule === 'credentials-refused' || lost,
        hold: lost,
      });
    }
  }

  function onConnection(ps: ProfileState, next: ConnectionInfo): void {
    const prev = ps.conn;
    ps.conn = next;
    const wasReady = prev?.state === 'ready';
    if (!prev || wasReady !== (next.state === 'ready')) ps.connSince = clock.wallNow();
    if (isUnwatched(next)) ps.connSettled = false;
    else if (!ATTEMPT_STATES.has(next.state)) ps.connSettled = true;
    // A drop of a ready connection is what connection flapping counts.
    if (
      wasReady &&
      next.state !== 'ready' &&
      !isUnwatched(next) &&
      ps.profile.alerts.connectionLost
    )
      ps.connFlaps.record(0, clock.wallNow());
    evaluateConnection(ps, false);
  }

  function evaluateFlapping(ps: ProfileState): void {
    if (!ps.profile.alerts.shardsDown) return;
    ps.shardFlaps.prune(clock.wallNow());
    const ids = ps.shardFlaps.flappingKeys();
    if (ids.length === 0) return deps.close(ps, 'shard-flapping');
    // Shards a restart loop already named: no second incident (`loopsTold`).
    const told =
      ps.profile.alerts.restartLoops &&
      ps.loopsTold.size > 0 &&
      ids.every((id) => ps.loopsTold.has(id));
    // The flap threshold is this rule's debounce: raise on detection.
    step(
      ps,
      'shard-flapping',
      told ? 'neutral' : 'bad',
      () => flappingContent(ids, flapThreshold, flapWindowMs, say),
      {
        immediate: true,
      },
    );
  }

  function evaluateShards(
    ps: ProfileState,
    sample: Extract<AlertSample, { kind: 'shards' }>,
  ): void {
    const a = ps.profile.alerts;
    // The shards as of this sample: from what changed when the monitor sends
    // that (shard-index.ts), so a quiet snapshot of 50,000 shards reads none.
    const index = (ps.shards ??= new ShardIndex());
    if (Array.isArray(sample.shards)) index.replace(sample.shards);
    else index.follow(sample.shards);
    const counted = index.counted(a);
    const devCount = index.excluded(a);
    if (a.shardsDown) {
      for (const t of sample.transitions) {
        if (!isToggle(t.from, t.to)) continue;
        const shard = index.get(t.shardId);
        if (!shard || countsForShardRules(a, shard)) ps.shardFlaps.record(t.shardId, t.at);
      }
      evaluateFlapping(ps);
      // A shard restarting as part of a deploy is held until it is overdue.
      const held = sample.held;
      const down = index
        .down(a)
        .filter((s) => !ps.shardFlaps.isFlapping(s.id) && !(held && held(s.id)))
        .sort((x, y) => x.id - y.id);
      const total = Math.max(ps.profile.shardTotal - devCount, counted, down.length, 1);
      step(ps, 'shards-down', down.length > 0 ? 'bad' : 'good', () => {
        const since = Math.min(
          ...down.map((s) => (s.lastChangeAt > 0 ? s.lastChangeAt : clock.wallNow())),
        );
        const ids = down.map((s) => s.id);
        const diagnosis = sample.describeDown?.(ids) ?? null;
        return shardsDownContent(ids, total, a, formatLocalHm(since, timeZone), diagnosis, say);
      });
    }
    if (a.silentStall) {
      const stalled = index.stalled(a).map((s) => s.id);
      stalled.sort((x, y) => x - y);
      step(ps, 'silent-stall', stalled.length > 0 ? 'bad' : 'good', () =>
        stallContent(stalled, say),
      );
    }
    if (a.missingShards) {
      const s = sample.summary;
      step(ps, 'missing-shards', missingVerdict(s), () => missingContent(s, say));
    }
  }

  function evaluatePing(ps: ProfileState, sample: Extract<AlertSample, { kind: 'ping' }>): void {
    const a = ps.profile.alerts;
    const l = sample.latency1m;
    if (a.latencyP95Ms > 0)
      step(ps, 'latency-p95', latencyVerdict(l, a), () => latencyContent(l, a, say));
    if (a.lossPct > 0) step(ps, 'loss', lossVerdict(l, a), () => lossContent(l, a, say));
  }

  function evaluateAnalytics(
    ps: ProfileState,
    sample: Extract<AlertSample, { kind: 'analytics' }>,
  ): void {
    const a = ps.profile.alerts;
    const f = sample.facts;
    if (a.restartBudget) step(ps, 'restart-budget', budgetVerdict(f), () => budgetContent(f, say));
    const switches = {
      'restart-loop': a.restartLoops,
      'one-way': a.oneWayShards,
      silent: a.silentShards,
    } as const;
    for (const rule of ['restart-loop', 'one-way', 'silent'] as const) {
      if (!switches[rule]) continue;
      const finding = findingOf(rule, f);
      let verdict = findingVerdict(finding);
      if (rule === 'restart-loop') {
        if (loopToldAsFlapping(ps, finding)) verdict = 'neutral';
        else if (verdict === 'bad') for (const id of finding?.shardIds ?? []) ps.loopsTold.add(id);
        else ps.loopsTold.clear();
      }
      // Each analysis waited its own time before naming a shard (analytics-rules.ts).
      step(ps, rule, verdict, () => findingContent(finding), {
        immediate: true,
      });
    }
  }

  /**
   * Whether every shard of a restart loop is (or was, when the loop was
   * found) flapping: a shard that restarts disconnects and comes back, so
   * the shard-flapping incident, which comes first (4 changes are 2
   * restarts, a loop needs 3), already names it. The loop's verdict is then
   * neutral: no second incident opens, one already open stays as it is.
   */
  function loopToldAsFlapping(ps: ProfileState, finding: ShardFinding | null): boolean {
    const ids = finding?.shardIds ?? [];
    const told = ps.loopsAsFlapping;
    if (ids.length === 0 || !ps.profile.alerts.shardsDown) {
      told.clear();
      return false;
    }
    if (!ids.every((id) => told.has(id) || ps.shardFlaps.isFlapping(id))) return false;
    for (const id of ids) told.add(id);
    return true;
  }

  return {
    evaluateConnection,
    onConnection,
    evaluateFlapping,
    evaluateShards,
    evaluatePing,
    evaluateAnalytics,
    /** Forget a deleted profile's waiting clock. */
    forget: (profileId: string) => waiting.forget(profileId),
  };
}
