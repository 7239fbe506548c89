/**
 * Restart budget and restart loops (docs/analytics.md "Restart budget").
 * Discord lets a bot start a limited number of gateway sessions per day
 * (`session_start_limit.total`, usually 1,000); a bot whose shards restart
 * in a loop burns through it, and Discord then refuses to identify or resets
 * the token. This tracker counts restarts in a rolling 24 h against that
 * limit, forecasts when the current rate would exhaust it, and names shards
 * that restart again and again.
 */
import type { BudgetLevel, RestartBudgetStatus, RestartLoop } from '../../../shared/analytics';
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { formatDuration } from '../alerts/text';
import { formatCount, formatIdRanges } from './text';
import { growFloat64, growUint8, isTrackedId } from './shard-slots';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What made a shard count as restarted. */
export type RestartKind = 'hash' | 'reconnect';

/** Options of {@link createRestartBudget}; defaults and their reasons in docs/analytics.md. */
export interface RestartBudgetOptions {
  clock: Clock;
  /** Session starts allowed per rolling 24 h. Default 1,000 (Discord's usual `session_start_limit.total`). */
  dailyLimit?: number;
  /** The forecast extrapolates the rate over this much recent time… Default 1 h. */
  rateWindowMs?: number;
  /** …or over this shorter time when that rate is higher (a restart storm). Default 10 min. */
  burstWindowMs?: number;
  /** Warning from this share of the limit used. Default 0.5. */
  warnFraction?: number;
  /** Critical from this share used. Default 0.8. */
  criticalFraction?: number;
  /** Warning when the forecast reaches the limit within this long. Default 6 h. */
  warnAheadMs?: number;
  /** Critical when the forecast reaches the limit within this long. Default 1 h. */
  criticalAheadMs?: number;
  /** A reconnect and a hash change of one shard this close together are one restart. Default 60 s. */
  mergeWithinMs?: number;
  /** A shard restarting `loopThreshold` times within this long is in a loop. Default 15 min. */
  loopWindowMs?: number;
  /** Default 3. */
  loopThreshold?: number;
  /** Words the titles and bodies (the user's language); English by default. */
  say?: Say;
}

/** Defaults of {@link RestartBudgetOptions}. */
export const RESTART_BUDGET_DEFAULTS = {
  dailyLimit: 1000,
  rateWindowMs: HOUR,
  burstWindowMs: 10 * 60_000,
  warnFraction: 0.5,
  criticalFraction: 0.8,
  warnAheadMs: 6 * HOUR,
  criticalAheadMs: HOUR,
  mergeWithinMs: 60_000,
  loopWindowMs: 15 * 60_000,
  loopThreshold: 3,
} as const;

export type { BudgetLevel, RestartBudgetStatus, RestartLoop };

/** Handle returned by {@link createRestartBudget}. */
export interface RestartBudget {
  /**
   * Shards that restarted at `atWall` (their `shard_hash` changed, or they
   * reconnected). Returns how many counted against the budget (a second
   * signal of the same restart does not).
   */
  restarted(ids: ArrayLike<number>, kind: RestartKind, atWall?: number): number;
  status(atWall?: number): RestartBudgetStatus;
  /** Shards in a restart loop at `atWall`, most restarts first. */
  loops(atWall?: number): RestartLoop[];
  /** Incident title and body for the loops, or null when there are none. */
  loopText(atWall?: number): { title: string; body: string } | null;
  /** The user edited the limit (a positive whole number). */
  setLimit(limit: number): void;
  clear(): void;
  dispose(): void;
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * When the rolling 24 h count reaches `limit`, if the rate stays at `rate`
 * per ms from `at` on. `times` are the counted restarts in `(at − 24 h, at]`,
 * ascending: each drops out of the window 24 h after it happened, while new
 * ones arrive at `rate`. Between two drops the count only rises, so the
 * first crossing is found segment by segment. Exported for its tests.
 */
export function forecastExhaustion(
  times: ArrayLike<number>,
  at: number,
  limit: number,
  rate: number,
): number | null {
  const n = times.length;
  if (n >= limit) return at;
  if (!(rate > 0)) return null;
  let k = 0;
  let start = 0;
  for (;;) {
    // Once every old restart has left the window, it holds rate·24 h at most.
    if (k >= n && rate * DAY < limit) return null;
    // During [start, end) the window holds times[k…] plus rate·Δ new ones.
    const end = k < n ? (times[k] as number) + DAY - at : Infinity;
    const need = (limit - (n - k)) / rate;
    if (need >= start && need < end) return at + need;
    if (k >= n) return null;
    k++;
    start = Math.max(start, end);
  }
}

/** Create the restart budget of one profile. */
export function createRestartBudget(opts: RestartBudgetOptions): RestartBudget {
  const d = RESTART_BUDGET_DEFAULTS;
  let limit = Math.floor(positive(opts.dailyLimit, d.dailyLimit));
  const rateWindowMs = positive(opts.rateWindowMs, d.rateWindowMs);
  const burstWindowMs = Math.min(rateWindowMs, positive(opts.burstWindowMs, d.burstWindowMs));
  const warnFraction = positive(opts.warnFraction, d.warnFraction);
  const criticalFraction = positive(opts.criticalFraction, d.criticalFraction);
  const warnAheadMs = positive(opts.warnAheadMs, d.warnAheadMs);
  const criticalAheadMs = positive(opts.criticalAheadMs, d.criticalAheadMs);
  const mergeWithinMs = positive(opts.mergeWithinMs, d.mergeWithinMs);
  const loopWindowMs = positive(opts.loopWindowMs, d.loopWindowMs);
  const loopThreshold = Math.max(2, Math.floor(positive(opts.loopThreshold, d.loopThreshold)));
  const say = opts.say ?? sayEnglish;

  // Counted restarts, ascending, from `head` on (a queue that compacts itself).
  let times = new Float64Array(1024);
  let head = 0;
  let tail = 0;
  let lastAt = -Infinity;
  // Per shard: when and why it last counted (to merge a reconnect with its hash change).
  let lastCounted = new Float64Array(0);
  let lastKind = new Uint8Array(0);
  // Per looping candidate: its recent restart times.
  const recent = new Map<number, number[]>();

  const push = (t: number): void => {
    if (tail === times.length) {
      if (head > times.length / 2) {
        times.copyWithin(0, head, tail);
        tail -= head;
        head = 0;
      } else {
        const next = new Float64Array(times.length * 2);
        next.set(times.subarray(head, tail));
        tail -= head;
        head = 0;
        times = next;
      }
    }
    times[tail++] = t;
  };

  const prune = (at: number): void => {
    while (head < tail && (times[head] as number) <= at - DAY) head++;
  };

  /** Counted restarts in `(from, to]`. */
  const countIn = (from: number, to: number): number => {
    let n = 0;
    for (let i = tail - 1; i >= head; i--) {
      const t = times[i] as number;
      if (t <= from) break;
      if (t <= to) n++;
    }
    return n;
  };

  const pruneLoops = (at: number): void => {
    for (const [id, list] of recent) {
      const kept = list.filter((t) => t > at - loopWindowMs);
      if (kept.length === 0) recent.delete(id);
      else if (kept.length !== list.length) recent.set(id, kept);
    }
  };

  function restarted(
    ids: ArrayLike<number>,
    kind: RestartKind,
    atWall = opts.clock.wallNow(),
  ): number {
    if (!Number.isFinite(atWall)) return 0;
    // Times never go back, so the queue stays sorted.
    const at = Math.max(atWall, lastAt);
    lastAt = at;
    const code = kind === 'hash' ? 1 : 2;
    let counted = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!isTrackedId(id)) continue;
      lastCounted = growFloat64(lastCounted, id, -Infinity);
      lastKind = growUint8(lastKind, id, 0);
      const prevKind = lastKind[id] as number;
      // A shard that reconnects with a new hash reports both within moments: one session start.
      if (
        prevKind !== 0 &&
        prevKind !== code &&
        at - (lastCounted[id] as number) <= mergeWithinMs
      ) {
        lastKind[id] = 0;
        continue;
      }
      lastCounted[id] = at;
      lastKind[id] = code;
      push(at);
      counted++;
      const list = recent.get(id) ?? [];
      list.push(at);
      recent.set(id, list.length > loopThreshold * 4 ? list.slice(-loopThreshold * 4) : list);
    }
    return counted;
  }

  function status(atWall = opts.clock.wallNow()): RestartBudgetStatus {
    const at = Math.max(atWall, lastAt);
    prune(at);
    const used = countIn(at - DAY, at);
    const window = times.subarray(head, tail);
    const sustained = countIn(at - rateWindowMs, at) / rateWindowMs;
    const burst = Math.max(sustained, countIn(at - burstWindowMs, at) / burstWindowMs);
    // Warnings look hours ahead at the sustained rate; only a storm's own
    // pace makes it critical, so one deploy's burst does not cry wolf.
    const exhaustAt = forecastExhaustion(window, at, limit, sustained);
    const stormAt = burst > sustained ? forecastExhaustion(window, at, limit, burst) : exhaustAt;
    const fraction = used / limit;
    const ahead = (t: number | null): number => (t === null ? Infinity : t - at);
    const storm = ahead(stormAt) <= criticalAheadMs;
    const level: BudgetLevel =
      used >= limit
        ? 'exhausted'
        : fraction >= criticalFraction || storm
          ? 'critical'
          : fraction >= warnFraction || ahead(exhaustAt) <= warnAheadMs
            ? 'warning'
            : 'ok';
    const ratePerMs = storm ? burst : sustained;
    const forecastAt = storm ? stormAt : exhaustAt;
    const ratePerHour = ratePerMs * HOUR;
    const counts = { used: formatCount(used, say), limit: formatCount(limit, say) };
    const title = say(
      level === 'exhausted' ? 'analytics.budget.titleExhausted' : 'analytics.budget.title',
      counts,
    );
    const rate = say('analytics.budget.rate', { count: formatCount(ratePerHour, say) });
    const forecast =
      level === 'exhausted'
        ? say('analytics.budget.exhausted')
        : forecastAt === null
          ? say('analytics.budget.neverReached', { rate })
          : say('analytics.budget.reachedIn', {
              rate,
              duration: formatDuration(forecastAt - at, say),
            });
    return {
      at,
      used,
      limit,
      remaining: Math.max(0, limit - used),
      ratePerHour,
      exhaustAt: forecastAt,
      level,
      title,
      body: say('analytics.budget.body', { used: counts.used, forecast }),
    };
  }

  function loops(atWall = opts.clock.wallNow()): RestartLoop[] {
    pruneLoops(Math.max(atWall, lastAt));
    const out: RestartLoop[] = [];
    for (const [shardId, list] of recent) {
      if (list.length < loopThreshold) continue;
      out.push({
        shardId,
        count: list.length,
        firstAt: list[0] as number,
        lastAt: list[list.length - 1] as number,
      });
    }
    return out.sort((a, b) => b.count - a.count || a.shardId - b.shardId);
  }

  return {
    restarted,
    status,
    loops,
    loopText(atWall) {
      const list = loops(atWall);
      if (list.length === 0) return null;
      const ids = list.map((l) => l.shardId);
      const first = list[0] as RestartLoop;
      const one = list.length === 1;
      const window = formatDuration(loopWindowMs, say);
      return {
        title: one
          ? say('analytics.loop.titleOne', { id: first.shardId, count: first.count, window })
          : say('analytics.loop.titleMany', { count: list.length }),
        body: say(one ? 'analytics.loop.bodyOne' : 'analytics.loop.bodyMany', {
          ids: formatIdRanges(ids, 5, say),
          threshold: loopThreshold,
          window,
        }),
      };
    },
    setLimit(next) {
      if (Number.isSafeInteger(next) && next >= 1) limit = next;
    },
    clear() {
      head = 0;
      tail = 0;
      lastAt = -Infinity;
      lastCounted = new Float64Array(0);
      lastKind = new Uint8Array(0);
      recent.clear();
    },
    dispose() {
      this.clear();
    },
  };
}
