/**
 * Rolling restarts (docs/analytics.md "Rolling restarts"): a deploy restarts
 * shards a few at a time, in id order. Each shard going down then is
 * expected; alerting on each would cry wolf a hundred times. Once shards
 * are seen going down in order, this detector holds their individual
 * alerts, releases only the ones not back within `backWithinMs`, and sums
 * the deploy up as one timeline event.
 */
import type { Clock } from '../../../shared/clock';
import { formatDuration } from '../alerts/text';
import { formatCount, formatIdRanges, shardCount } from './text';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { isTrackedId } from './shard-slots';

/** Options of {@link createRollingRestartDetector}; defaults and reasons in docs/analytics.md. */
export interface RollingRestartOptions {
  clock: Clock;
  /** `shard_total`: caps how many may be down at once in a deploy. */
  shardTotal: number;
  /** Shards in order before a run counts as a deploy. Default 3. */
  minShards?: number;
  /** Shards going down within this long of each other form one batch (any order inside it). Default 5 s. */
  batchMs?: number;
  /** A run ends when no shard went down for this long. Default 2 min. */
  maxStepMs?: number;
  /** A shard of a deploy not back within this long is alerted on. Default 5 min. */
  backWithinMs?: number;
  /** More than this share of shards down at once is an outage, not a deploy. Default 0.25. */
  maxDownFraction?: number;
  /** Words the deploy's timeline entry in the user's language; English by default. */
  say?: Say;
}

/** Defaults of {@link RollingRestartOptions}. */
export const ROLLING_RESTART_DEFAULTS = {
  minShards: 3,
  batchMs: 5_000,
  maxStepMs: 120_000,
  backWithinMs: 300_000,
  maxDownFraction: 0.25,
} as const;

/** A deploy as seen so far, or once finished. */
export interface DeployInfo {
  startedAt: number;
  /** Last shard down or back (finished deploys: when it ended). */
  lastAt: number;
  direction: 'ascending' | 'descending';
  /** Shards restarted, ascending. */
  ids: number[];
  /** Shards not back within `backWithinMs` (alerted on), ascending. */
  overdue: number[];
}

/** The one timeline entry a finished deploy becomes. */
export interface DeployEvent extends DeployInfo {
  text: string;
}

/** What one tick found. */
export interface RollingRestartTick {
  /** A deploy was recognised by this tick or the calls before it. */
  started: DeployInfo | null;
  /** Shards that just became overdue: their alerts are no longer held. */
  overdue: number[];
  /** The deploy ended: one timeline event. */
  finished: DeployEvent | null;
  /** A run turned out to be an outage (too many down at once): every held shard is released. */
  abandoned: number[];
}

/** Handle returned by {@link createRollingRestartDetector}. */
export interface RollingRestartDetector {
  /** Shards that went down (disconnected) at `atWall`. */
  down(ids: ArrayLike<number>, atWall?: number): void;
  /** Shards that are up again. */
  back(ids: ArrayLike<number>, atWall?: number): void;
  /** Shards that restarted without being seen down (a new `shard_hash`): down and back at once. */
  restarted(ids: ArrayLike<number>, atWall?: number): void;
  /** Whether the shard's own down alert should wait: it is part of a deploy and not overdue. */
  isHeld(shardId: number, atWall?: number): boolean;
  /** Every shard whose alert waits now (see {@link isHeld}), ascending. */
  held(atWall?: number): number[];
  /** Advance time: overdue shards, the end of a deploy. Call once a second. */
  tick(atWall?: number): RollingRestartTick;
  /** The deploy in progress (recognised), or null. */
  active(): DeployInfo | null;
  setShardTotal(n: number): void;
  dispose(): void;
}

interface Member {
  downAt: number;
  backAt: number | null;
  overdue: boolean;
}

/** Create the rolling-restart detector of one profile. */
export function createRollingRestartDetector(opts: RollingRestartOptions): RollingRestartDetector {
  const d = ROLLING_RESTART_DEFAULTS;
  const pos = (v: number | undefined, f: number): number =>
    v !== undefined && Number.isFinite(v) && v > 0 ? v : f;
  const minShards = Math.max(2, Math.floor(pos(opts.minShards, d.minShards)));
  const batchMs = pos(opts.batchMs, d.batchMs);
  const maxStepMs = pos(opts.maxStepMs, d.maxStepMs);
  const backWithinMs = pos(opts.backWithinMs, d.backWithinMs);
  const maxDownFraction = Math.min(1, pos(opts.maxDownFraction, d.maxDownFraction));
  const say = opts.say ?? sayEnglish;
  let shardTotal = Math.max(0, Math.floor(opts.shardTotal));

  // The run being watched (recognised or not yet).
  let members = new Map<number, Member>();
  let recognised = false;
  let announced = false;
  let direction: 'ascending' | 'descending' | null = null;
  let startedAt = 0;
  let lastDownAt = -Infinity;
  let lastAt = 0;
  let batchStart = -Infinity;
  /** Id bounds of the closed batches and of the current one. */
  let doneMin = Infinity;
  let doneMax = -Infinity;
  let batchMin = Infinity;
  let batchMax = -Infinity;
  let batches = 0;
  let downNow = 0;
  let abandonedIds: number[] = [];

  const reset = (): void => {
    members = new Map();
    recognised = false;
    announced = false;
    direction = null;
    lastDownAt = -Infinity;
    batchStart = -Infinity;
    doneMin = Infinity;
    doneMax = -Infinity;
    batchMin = Infinity;
    batchMax = -Infinity;
    batches = 0;
    downNow = 0;
  };

  const info = (): DeployInfo => {
    const ids = [...members.keys()].sort((a, b) => a - b);
    return {
      startedAt,
      lastAt,
      direction: direction ?? 'ascending',
      ids,
      overdue: ids.filter((id) => members.get(id)?.overdue),
    };
  };

  const maxDown = (): number => Math.max(1, Math.floor(maxDownFraction * Math.max(1, shardTotal)));

  /** Can `id`, going down at `at`, continue the run in order? Opens a new batch when due. */
  const continues = (id: number, at: number): boolean => {
    if (members.size === 0) return false;
    if (at - lastDownAt > maxStepMs) return false;
    if (at - batchStart <= batchMs) return true;
    // A new batch must lie beyond every earlier shard, in the run's direction.
    const lo = Math.min(doneMin, batchMin);
    const hi = Math.max(doneMax, batchMax);
    const dir = id > hi ? 'ascending' : id < lo ? 'descending' : null;
    if (dir === null || (direction !== null && dir !== direction)) return false;
    direction = dir;
    doneMin = lo;
    doneMax = hi;
    batchMin = Infinity;
    batchMax = -Infinity;
    batchStart = at;
    batches++;
    return true;
  };

  const join = (id: number, at: number, back: boolean): void => {
    if (members.size === 0) {
      startedAt = at;
      batchStart = at;
      batches = 1;
    }
    if (members.get(id)?.backAt === null) return;
    // A shard may go down again after coming back: it joins afresh.
    members.set(id, { downAt: at, backAt: back ? at : null, overdue: false });
    if (!back) downNow++;
    batchMin = Math.min(batchMin, id);
    batchMax = Math.max(batchMax, id);
    lastDownAt = at;
    lastAt = Math.max(lastAt, at);
    if (!recognised && members.size >= minShards && batches >= 2) recognised = true;
  };

  /** Release every held shard: the run was an outage. */
  const abandon = (): void => {
    if (recognised) {
      for (const [id, m] of members) if (m.backAt === null && !m.overdue) abandonedIds.push(id);
    }
    reset();
  };

  const onDown = (ids: ArrayLike<number>, at: number, back: boolean): void => {
    if (!back) {
      // Too many down at once is an outage: it releases a deploy's held
      // shards and starts no run of its own.
      let fresh = 0;
      for (let i = 0; i < ids.length; i++)
        if (members.get(ids[i] as number)?.backAt !== null) fresh++;
      if (downNow + fresh > maxDown()) {
        abandon();
        return;
      }
    }
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!isTrackedId(id)) continue;
      const known = members.get(id);
      if (known && known.backAt === null) continue;
      if (members.size > 0 && !known && !continues(id, at)) {
        // Out of order, or too late: a recognised deploy keeps going without
        // this shard (its alert is not held); an unrecognised run starts over.
        if (recognised) continue;
        reset();
      }
      join(id, at, back);
    }
  };

  return {
    down(ids, atWall = opts.clock.wallNow()) {
      onDown(ids, atWall, false);
    },
    restarted(ids, atWall = opts.clock.wallNow()) {
      onDown(ids, atWall, true);
    },
    back(ids, atWall = opts.clock.wallNow()) {
      for (let i = 0; i < ids.length; i++) {
        const m = members.get(ids[i] as number);
        if (!m || m.backAt !== null) continue;
        m.backAt = atWall;
        downNow--;
        lastAt = Math.max(lastAt, atWall);
      }
    },
    isHeld(shardId, atWall = opts.clock.wallNow()) {
      if (!recognised) return false;
      const m = members.get(shardId);
      return !!m && m.backAt === null && !m.overdue && atWall - m.downAt < backWithinMs;
    },
    held(atWall = opts.clock.wallNow()) {
      if (!recognised) return [];
      const out: number[] = [];
      for (const [id, m] of members) {
        if (m.backAt === null && !m.overdue && atWall - m.downAt < backWithinMs) out.push(id);
      }
      return out.sort((a, b) => a - b);
    },
    tick(atWall = opts.clock.wallNow()) {
      const out: RollingRestartTick = { started: null, overdue: [], finished: null, abandoned: [] };
      out.abandoned = abandonedIds;
      abandonedIds = [];
      if (members.size === 0) return out;
      if (!recognised) {
        if (atWall - lastDownAt > maxStepMs) reset();
        return out;
      }
      if (!announced) {
        announced = true;
        out.started = info();
      }
      let waiting = 0;
      for (const [id, m] of members) {
        if (m.backAt !== null || m.overdue) continue;
        if (atWall - m.downAt >= backWithinMs) {
          m.overdue = true;
          out.overdue.push(id);
        } else waiting++;
      }
      out.overdue.sort((a, b) => a - b);
      if (waiting === 0 && atWall - lastDownAt > maxStepMs) {
        const done = info();
        const outcome =
          done.overdue.length > 0
            ? say('analytics.deploy.late', {
                count: formatCount(done.overdue.length, say),
                within: formatDuration(backWithinMs, say),
                ids: formatIdRanges(done.overdue, undefined, say),
              })
            : say('analytics.deploy.allBack');
        out.finished = {
          ...done,
          text: say('analytics.deploy.text', {
            shards: shardCount(done.ids.length, say),
            ids: formatIdRanges(done.ids, undefined, say),
            direction: say(`analytics.deploy.${done.direction}`),
            span: formatDuration(done.lastAt - done.startedAt, say),
            outcome,
          }),
        };
        reset();
      }
      return out;
    },
    active: () => (recognised ? info() : null),
    setShardTotal(n) {
      shardTotal = Math.max(0, Math.floor(n));
    },
    dispose() {
      reset();
      abandonedIds = [];
    },
  };
}
