/**
 * Scenarios that show the shard analytics (docs/analytics.md "Simulator
 * scenarios"): each drives the shard table the way one kind of trouble
 * looks on the wire, on the simulator's clock, so tests can run them on a
 * fake clock and the Demo and `shardwatch sim` can show them.
 *
 * - `bucket-outage`: the shards of one identify bucket (`shard_id %
 *   maxConcurrency`) disconnect together, stay down for `outageMs`, come
 *   back, and again every `everyMs`.
 * - `restart-loop`: one shard restarts every `restartEveryMs` (a new
 *   `shard_hash`, its counters from zero), as a crashing shard process does.
 * - `one-way-shard`: one shard stops answering the gateway's pings
 *   (`send_ping` rises, `receibe_ping` stays).
 * - `silent-shard`: one shard stops receiving (`received` stays) while it
 *   keeps sending and answering pings.
 * - `rolling-restart`: the shards restart one after another in id order, a
 *   `stepMs` apart, each down for `downMs` and back with a new hash; the
 *   `stuckShard` (if any) does not come back.
 * - `nightly-failure`: every day at `nightlyAt` (UTC) the first quarter of
 *   the shards disconnect for `outageMs`.
 */
import type { Clock } from '../../shared/clock';
import type { SimRandom } from './random';
import type { ShardTable } from './shards';
import { SHARD_HASH_LENGTH } from './shards';

/** Settings of the analytics scenarios; every field has a default. */
export interface AnalyticsScenarioOptions {
  /** `bucket-outage`: Discord's max_concurrency (set the profile's to the same). Default 4. */
  maxConcurrency?: number;
  /** `bucket-outage`: the bucket that fails. Default 1. */
  bucket?: number;
  /** When the trouble starts after the scenario begins. Default 5 s. */
  startAfterMs?: number;
  /** `bucket-outage` and `nightly-failure`: how long the shards stay down. Default 60 s / 10 min. */
  outageMs?: number;
  /** `bucket-outage`: the outage comes back this often. Default 10 min. */
  everyMs?: number;
  /** `restart-loop`, `one-way-shard`, `silent-shard`: the shard in trouble. Default 1. */
  shardId?: number;
  /** `restart-loop`: time between two restarts. Default 20 s. */
  restartEveryMs?: number;
  /** `rolling-restart`: time between two shards going down. Default 10 s. */
  stepMs?: number;
  /** `rolling-restart`: how long each shard is down. Default 1.5 s. */
  downMs?: number;
  /** `rolling-restart`: a shard that does not come back; null (default) = every shard does. */
  stuckShard?: number | null;
  /** `nightly-failure`: `HH:MM` (UTC) the failure starts every day. Default `03:00`. */
  nightlyAt?: string;
}

/** The analytics scenarios' names. */
export const ANALYTICS_SCENARIOS = [
  'bucket-outage',
  'restart-loop',
  'one-way-shard',
  'silent-shard',
  'rolling-restart',
  'nightly-failure',
] as const;
/** One analytics scenario. */
export type AnalyticsScenario = (typeof ANALYTICS_SCENARIOS)[number];

/** Whether a scenario name is one of {@link ANALYTICS_SCENARIOS}. */
export function isAnalyticsScenario(name: string): name is AnalyticsScenario {
  return (ANALYTICS_SCENARIOS as readonly string[]).includes(name);
}

/** Resolved settings, with the reason for each default in the module comment. */
function resolve(o: AnalyticsScenarioOptions) {
  const pos = (v: number | undefined, f: number): number =>
    v !== undefined && Number.isFinite(v) && v > 0 ? v : f;
  const hm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(o.nightlyAt ?? '03:00');
  return {
    maxConcurrency: Math.floor(pos(o.maxConcurrency, 4)),
    bucket: Math.max(0, Math.floor(o.bucket ?? 1)),
    startAfterMs: o.startAfterMs !== undefined && o.startAfterMs >= 0 ? o.startAfterMs : 5000,
    outageMs: o.outageMs,
    everyMs: pos(o.everyMs, 10 * 60_000),
    shardId: Math.max(0, Math.floor(o.shardId ?? 1)),
    restartEveryMs: pos(o.restartEveryMs, 20_000),
    stepMs: pos(o.stepMs, 10_000),
    downMs: pos(o.downMs, 1500),
    stuckShard: o.stuckShard ?? null,
    nightlyMinute: hm ? Number(hm[1]) * 60 + Number(hm[2]) : 180,
  };
}

/** One running analytics scenario, advanced after each tick's counter growth. */
export interface AnalyticsScenarioRun {
  tick(): void;
  /** The scenario ends: every shard it holds down comes back. */
  stop(): void;
}

/** What a scenario needs from the simulator. */
export interface AnalyticsScenarioContext {
  clock: Clock;
  random: SimRandom;
  shards: ShardTable;
  log(line: string): void;
}

/** Start `name` now. */
export function startAnalyticsScenario(
  name: AnalyticsScenario,
  ctx: AnalyticsScenarioContext,
  options: AnalyticsScenarioOptions = {},
): AnalyticsScenarioRun {
  const o = resolve(options);
  const { clock, shards } = ctx;
  const startedAt = clock.now();
  const elapsed = (): number => clock.now() - startedAt;
  /** Shards this scenario disconnected, to bring back when it ends. */
  const heldDown = new Set<number>();
  // Counters a shard had when its trouble began (one-way, silent).
  let frozen: number | null = null;

  const setDown = (id: number, down: boolean): void => {
    const s = shards.get(id);
    if (!s || s.disconnected === down) return;
    s.disconnected = down;
    if (down) heldDown.add(id);
    else heldDown.delete(id);
  };

  /** A new session: a new hash and counters from zero, as a restarted shard reports. */
  const restart = (id: number): void => {
    const s = shards.get(id);
    if (!s) return;
    s.shard_hash = ctx.random.alnum(SHARD_HASH_LENGTH);
    s.send_ping = 0;
    s.receibe_ping = 0;
    s.sending = 0;
    s.received = 0;
  };

  let restarts = 0;
  let rollingNext = 0;
  const rollingBackAt = new Map<number, number>();

  const ticks: Record<AnalyticsScenario, () => void> = {
    'bucket-outage': () => {
      const t = elapsed() - o.startAfterMs;
      const down = t >= 0 && t % o.everyMs < (o.outageMs ?? 60_000);
      for (const s of shards.list())
        if (s.shard_id % o.maxConcurrency === o.bucket % o.maxConcurrency)
          setDown(s.shard_id, down);
    },
    'restart-loop': () => {
      const due = Math.floor((elapsed() - o.startAfterMs) / o.restartEveryMs) + 1;
      if (elapsed() < o.startAfterMs || due <= restarts) return;
      restarts = due;
      restart(o.shardId);
      ctx.log(`scenario restart-loop: shard ${o.shardId} restarted (${restarts})`);
    },
    'one-way-shard': () => {
      const s = shards.get(o.shardId);
      if (!s || elapsed() < o.startAfterMs) return;
      frozen ??= s.receibe_ping;
      s.receibe_ping = frozen;
    },
    'silent-shard': () => {
      const s = shards.get(o.shardId);
      if (!s || elapsed() < o.startAfterMs) return;
      frozen ??= s.received;
      s.received = frozen;
    },
    'rolling-restart': () => {
      const t = elapsed() - o.startAfterMs;
      const list = shards.list();
      while (rollingNext < list.length && t >= rollingNext * o.stepMs) {
        const id = (list[rollingNext] as { shard_id: number }).shard_id;
        setDown(id, true);
        if (id !== o.stuckShard)
          rollingBackAt.set(id, o.startAfterMs + rollingNext * o.stepMs + o.downMs);
        rollingNext++;
      }
      for (const [id, at] of rollingBackAt) {
        if (elapsed() < at) continue;
        rollingBackAt.delete(id);
        restart(id);
        setDown(id, false);
      }
    },
    'nightly-failure': () => {
      const minute = Math.floor((clock.wallNow() % 86_400_000) / 60_000);
      const length = Math.max(1, Math.round((o.outageMs ?? 10 * 60_000) / 60_000));
      const down = (minute - o.nightlyMinute + 1440) % 1440 < length;
      const list = shards.list();
      const quarter = Math.max(1, Math.ceil(list.length / 4));
      for (const s of list.slice(0, quarter)) setDown(s.shard_id, down);
    },
  };

  return {
    tick: ticks[name],
    stop() {
      for (const id of [...heldDown]) setDown(id, false);
    },
  };
}
