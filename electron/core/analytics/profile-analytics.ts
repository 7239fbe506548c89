/**
 * The analyses of one profile, fed by its shard tracker's changes
 * (docs/analytics.md): the shard history records for the heatmap, one-way
 * and silent shards, the restart budget and restart loops, rolling restarts,
 * and what down shards have in common. The monitor calls `ingested` for each
 * snapshot, `changed` for every tracker change (snapshots, staleness, our
 * own connection going away) and `tick` once a second; nothing here starts a
 * timer or touches the disk (the store is a port).
 */
import type { ClusterSpec, ShardFindings } from '../../../shared/analytics';
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { ShardState } from '../../../shared/live-status';
import type { HeatmapSlice } from '../../../shared/shard-heatmap';
import { HEAT_STATE_MASK, MARK_RESTART, heatState } from '../../../shared/shard-heatmap';
import type { AnalyticsFacts } from '../alerts/types';
import type { ShardChange } from '../monitor/shard-tracker';
import type { CounterWatch, NamedState, NamedStateChange } from './counter-watch';
import { createCounterWatch, namedStateText } from './counter-watch';
import type { DiagnosisVerb, GroupDiagnosis } from './group-diagnosis';
import { diagnoseGroup } from './group-diagnosis';
import { createHeatRecorder } from './heat-codes';
import type { RestartBudget, RestartBudgetStatus, RestartLoop } from './restart-budget';
import { createRestartBudget } from './restart-budget';
import type { DeployEvent, RollingRestartDetector } from './rolling-restart';
import { createRollingRestartDetector } from './rolling-restart';
import { growUint8, isTrackedId } from './shard-slots';
import { idRanges } from './text';

/** The profile settings the analyses read. */
export interface AnalyticsLayout {
  shardTotal: number;
  maxConcurrency: number;
  clusters: ClusterSpec | null;
  dailySessionLimit: number;
}

/** Options of {@link createProfileAnalytics}. */
export interface ProfileAnalyticsOptions {
  clock: Clock;
  layout: AnalyticsLayout;
  /** Heatmap codes of some shards at `atWall` (the shard history store, bound to this profile). */
  record(atWall: number, ids: ArrayLike<number>, codes: ArrayLike<number>, count: number): void;
  /** Words the findings (the user's language, read when a sentence is made); English by default. */
  say?: Say;
}

/** What one tick found. */
export interface AnalyticsTick {
  /** A rolling restart ended: its one timeline event. */
  deploy: DeployEvent | null;
  /** For the alert engine's analytics rules. */
  facts: AnalyticsFacts;
  /** One-way, silent or looping shards changed since the last tick. */
  findingsChanged: boolean;
}

/** Handle returned by {@link createProfileAnalytics}. */
export interface ProfileAnalytics {
  /** A snapshot was ingested: counters, shards going down and coming back, restarts. */
  ingested(change: ShardChange, atWall: number): void;
  /** Any tracker change: the history records (a change from our own outage included). */
  changed(change: ShardChange, atWall: number): void;
  /** Once a second. */
  tick(atWall: number): AnalyticsTick;
  /** Whether a down shard's own alert waits: it restarts as part of a deploy. */
  isHeld(shardId: number, atWall?: number): boolean;
  /** The down shards' common trait, when telling enough to title an incident. */
  describeDown(ids: readonly number[]): { title: string; body: string } | null;
  /** Diagnose any group of shards (the incident report). */
  diagnose(ids: ArrayLike<number>, verb?: DiagnosisVerb): GroupDiagnosis;
  budget(atWall?: number): RestartBudgetStatus;
  loops(atWall?: number): RestartLoop[];
  /** Shards in the states the health states do not show. */
  findings(): ShardFindings;
  /** When restarts began to be counted (history read at start, or the first report). */
  countingSince(): number;
  /**
   * Count the restarts of the last 24 h from the shard history (a slice of
   * every shard ending now), so the budget survives an app restart.
   */
  seed(slice: HeatmapSlice): void;
  /** Watching stopped: our view is gone, every clock of the counter watch restarts. */
  stopped(): void;
  setLayout(layout: AnalyticsLayout): void;
  dispose(): void;
}

/** Kinds of diagnosis that say something a shard list does not. */
const TELLING = new Set<GroupDiagnosis['kind']>([
  'all',
  'development',
  'bucket',
  'cluster',
  'range',
]);

const STATE_CODES: readonly ShardState[] = ['up', 'degraded', 'down', 'no-data', 'dev'];
/** Shard state as a small number (0 = not seen) for the per-shard array. */
const STATE_NUMBER: Readonly<Record<ShardState, number>> = {
  up: 1,
  degraded: 2,
  down: 3,
  'no-data': 4,
  dev: 5,
};
const DOWN = STATE_NUMBER.down;
const DEV = STATE_NUMBER.dev;

const upish = (s: ShardState): boolean => s === 'up' || s === 'degraded';

/** Create the analyses of one profile. */
export function createProfileAnalytics(opts: ProfileAnalyticsOptions): ProfileAnalytics {
  const { clock } = opts;
  let layout = opts.layout;
  const say = opts.say ?? sayEnglish;
  const watch: CounterWatch = createCounterWatch({ clock });
  const budget: RestartBudget = createRestartBudget({
    clock,
    dailyLimit: layout.dailySessionLimit,
    say,
  });
  const deploys: RollingRestartDetector = createRollingRestartDetector({
    clock,
    shardTotal: layout.shardTotal,
    say,
  });
  // Per shard id: its last health state (stateNumber), to word a named
  // state's history record and to tell a development shard.
  let states = new Uint8Array(0);
  let since = clock.wallNow();
  let findingsCache: ShardFindings | null = null;
  let findingsKey = '';
  let lastDown: readonly number[] = [];
  let lastDescription: { title: string; body: string } | null = null;

  const context = () => ({
    shardTotal: layout.shardTotal,
    maxConcurrency: layout.maxConcurrency,
    clusters: layout.clusters,
    isDevelopment: (id: number) => isTrackedId(id) && id < states.length && states[id] === DEV,
  });

  const heat = createHeatRecorder(opts.record);
  const health = (id: number): ShardState => {
    const s = id < states.length ? (states[id] as number) : 0;
    return s > 0 ? (STATE_CODES[s - 1] as ShardState) : 'up';
  };

  /** History records of shards whose named state changed (their health did not). */
  const recordNamed = (c: NamedStateChange, atWall: number): void => {
    if (c.ids.length === 0) return;
    findingsCache = null;
    heat.named(c.ids, c.states, health, atWall);
  };

  const named = (id: number): NamedState | null => watch.stateOf(id);

  /** Remember each shard's health (one growth for the whole list, not one per shard). */
  function noteStates(list: ReadonlyArray<{ id: number; state: ShardState }>): void {
    let max = -1;
    for (const v of list) if (isTrackedId(v.id) && v.id > max) max = v.id;
    if (max < 0) return;
    states = growUint8(states, max, 0);
    const local = states;
    for (const v of list) if (isTrackedId(v.id)) local[v.id] = STATE_NUMBER[v.state];
  }

  function ingested(change: ShardChange, atWall: number): void {
    noteStates(change.changed);
    if (change.removed.length > 0) recordNamed(watch.remove(change.removed), atWall);
    if (change.changed.length > 0 || change.moved.count > 0)
      recordNamed(watch.observeChange(change, atWall), atWall);

    const down: number[] = [];
    const back: number[] = [];
    for (const t of change.transitions) {
      if (t.to === 'down' && upish(t.from)) down.push(t.shardId);
      else if (t.from === 'down' && upish(t.to)) back.push(t.shardId);
    }
    if (down.length > 0) deploys.down(down, atWall);
    if (back.length > 0) {
      deploys.back(back, atWall);
      budget.restarted(back, 'reconnect', atWall);
    }
    if (change.restarts.length > 0) {
      const hashed = change.restarts.map((r) => r.shardId);
      budget.restarted(hashed, 'hash', atWall);
      findingsCache = null;
      // A shard back from down with a new hash was already seen by the
      // deploy detector; one restarting unseen (still up) joins it here.
      const backSet = new Set(back);
      const unseen = hashed.filter(
        (id) => !backSet.has(id) && (id >= states.length || states[id] !== DOWN),
      );
      if (unseen.length > 0) deploys.restarted(unseen, atWall);
    }
  }

  function changed(change: ShardChange, atWall: number): void {
    // Every shard going to no-data at once is our view of the gateway going
    // away: frozen counters across it say nothing about the shards.
    if (change.transitions.some((t) => t.to === 'no-data')) {
      noteStates(change.changed);
      watch.markNoData();
      findingsCache = null;
    }
    heat.change(change, named, atWall);
  }

  function findingsOf(n: { oneWay: number[]; silent: number[] }): ShardFindings {
    return {
      oneWay: idRanges(n.oneWay),
      silent: idRanges(n.silent),
      restartLoop: idRanges(budget.loops().map((l) => l.shardId)),
      deployHeld: idRanges(deploys.held()),
    };
  }

  function findings(): ShardFindings {
    findingsCache ??= findingsOf(watch.named());
    return findingsCache;
  }

  function tick(atWall: number): AnalyticsTick {
    recordNamed(watch.evaluate(atWall), atWall);
    const d = deploys.tick(atWall);
    const status = budget.status(atWall);
    const loops = budget.loops(atWall);
    // Named shards walk every id: once per tick, for the findings and the facts alike.
    const n = watch.named();
    findingsCache = findingsOf(n);
    const key = JSON.stringify(findingsCache);
    const findingsChanged = key !== findingsKey;
    findingsKey = key;
    const loopText = budget.loopText(atWall);
    return {
      deploy: d.finished,
      findingsChanged,
      facts: {
        budget: { level: status.level, title: status.title, body: status.body },
        loops: loopText ? { ...loopText, shardIds: loops.map((l) => l.shardId) } : null,
        oneWay:
          n.oneWay.length > 0
            ? { ...namedStateText('one-way', n.oneWay, {}, say), shardIds: n.oneWay }
            : null,
        silent:
          n.silent.length > 0
            ? { ...namedStateText('silent', n.silent, {}, say), shardIds: n.silent }
            : null,
      },
    };
  }

  function seed(slice: HeatmapSlice): void {
    // Restarts in time order across shards: the budget's times never go back.
    const events: Array<{ t: number; id: number; kind: 'hash' | 'reconnect' }> = [];
    // The history reaches back to the window's start when any shard had a
    // state there; otherwise to its first record.
    let earliest = Infinity;
    for (let r = 0; r < slice.shardCount; r++) {
      let prev = slice.initial[r] as number;
      if (prev !== 0) earliest = slice.from;
      const first = slice.offsets[r] as number;
      if (first < (slice.offsets[r + 1] as number))
        earliest = Math.min(earliest, slice.from + (slice.times[first] as number));
      for (let k = slice.offsets[r] as number; k < (slice.offsets[r + 1] as number); k++) {
        const code = slice.codes[k] as number;
        const state = code & HEAT_STATE_MASK;
        const t = slice.from + (slice.times[k] as number);
        const id = slice.shardLo + r;
        if (code & MARK_RESTART) events.push({ t, id, kind: 'hash' });
        const was = heatState(prev);
        const now = heatState(state);
        if (
          was === 'down' &&
          (now === 'up' || now === 'degraded' || now === 'one-way' || now === 'silent')
        )
          events.push({ t, id, kind: 'reconnect' });
        prev = state;
      }
    }
    events.sort((a, b) => a.t - b.t || a.id - b.id);
    for (const e of events) budget.restarted([e.id], e.kind, e.t);
    since = Math.min(since, earliest);
    findingsCache = null;
  }

  return {
    ingested,
    changed,
    tick,
    isHeld: (id, atWall = clock.wallNow()) => deploys.isHeld(id, atWall),
    describeDown(ids) {
      // Every snapshot of a lasting outage asks again: the same shards get the same words.
      if (ids.length === lastDown.length && ids.every((id, i) => id === lastDown[i]))
        return lastDescription;
      lastDown = [...ids];
      const d = diagnoseGroup(ids, context(), 'down', say);
      lastDescription = TELLING.has(d.kind) ? { title: d.title, body: d.body } : null;
      return lastDescription;
    },
    diagnose: (ids, verb = 'down') => diagnoseGroup(ids, context(), verb, say),
    budget: (atWall = clock.wallNow()) => budget.status(atWall),
    loops: (atWall = clock.wallNow()) => budget.loops(atWall),
    findings,
    countingSince: () => since,
    seed,
    stopped() {
      watch.markNoData();
      // The store recorded no data for every shard: the next report is news for each.
      heat.reset();
      findingsCache = null;
    },
    setLayout(next) {
      layout = next;
      budget.setLimit(next.dailySessionLimit);
      deploys.setShardTotal(next.shardTotal);
      lastDown = [];
      lastDescription = null;
    },
    dispose() {
      watch.dispose();
      budget.dispose();
      deploys.dispose();
      states = new Uint8Array(0);
    },
  };
}
