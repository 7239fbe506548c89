/**
 * The simulator's scenarios (long-running behaviours applied on every tick)
 * and one-shot faults (see `scenarios.ts` for their list and meaning).
 */
import { deflateSync } from 'node:zlib';
import type { Clock } from '../../shared/clock';
import type { AnalyticsScenarioOptions, AnalyticsScenarioRun } from './analytics-scenarios';
import { isAnalyticsScenario, startAnalyticsScenario } from './analytics-scenarios';
import type { Conn, JsonObject, SimContext } from './context';
import type { SimRandom } from './random';
import type { SimFault, SimScenario } from './scenarios';
import type { ShardTable } from './shards';
import { growCounters } from './shards';
import type { FaultOptions } from './types';
import type { WireEncoding } from './wire';
import { encodeFrame } from './wire';

/** Settings of the scenarios. */
export interface ScenarioSettings {
  dropProbability: number;
  garbageProbability: number;
  degradeMsPerSecond: number;
  maxDegradeMs: number;
  /** `hostile` scenario: unsolicited ping answers per socket per tick. */
  floodPerTick: number;
  output: WireEncoding;
  analytics: AnalyticsScenarioOptions;
}

/** Scenario state and fault injection over the simulator's connections. */
export interface ScenarioControl {
  tick(): void;
  set(name: SimScenario): void;
  current(): SimScenario;
  /** Ping answers are held back (the `stall` scenario or fault). */
  stalled(): boolean;
  /** Extra ping latency of the `degrading` scenario. */
  extraLatencyMs(): number;
  /** Called before each outgoing frame: the `garbage` scenario may slip a bad one in. */
  beforeSend(conn: Conn): void;
  inject(kind: SimFault, options: FaultOptions): number;
}

/** Create the scenario control of one simulator. */
export function createScenarioControl(
  ctx: SimContext,
  conns: () => Conn[],
  settings: ScenarioSettings,
): ScenarioControl {
  const clock: Clock = ctx.clock;
  const random: SimRandom = ctx.random;
  const shards: ShardTable = ctx.shards;
  let scenario: SimScenario = 'steady';
  let startedAt = clock.now();
  let faultStall = false;
  let analytics: AnalyticsScenarioRun | null = null;

  const isLive = (c: Conn): boolean => !c.halfOpen && c.ws.readyState === c.ws.OPEN;

  function sendGarbage(conn: Conn): void {
    if (!isLive(conn)) return;
    // Each kind breaks a different layer of a client's decoder.
    const kind = random.int(4);
    const probe: JsonObject = { type: 3, service: 'gateway', event: 'X', data: {} };
    if (kind === 0) conn.ws.send('{"type": 3, "service": "gateway", "event": ', { binary: false });
    else if (kind === 1)
      conn.ws.send(deflateSync(JSON.stringify(probe)).subarray(0, 6), { binary: true });
    else {
      const value =
        kind === 2 ? { service: 'gateway', event: 'GARBAGE_NO_TYPE' } : [1, 'not', 'an', 'object'];
      const f = encodeFrame(value, settings.output);
      conn.ws.send(f.data, { binary: f.binary });
    }
    ctx.stats.garbageSent++;
  }

  function applyDevShards(on: boolean): void {
    // Every third shard (0, 3, 6, …) runs in development mode.
    for (const shard of shards.list()) shard.development = on && shard.shard_id % 3 === 0;
  }

  function dropConn(conn: Conn): void {
    ctx.stats.dropped++;
    ctx.log(`connection #${conn.seq}: dropped by scenario`);
    // Half the drops are clean closes, half look like a dead network path.
    if (random.chance(0.5)) conn.closeFrame(1011, 'dropped by simulator');
    else conn.ws.terminate();
  }

  function set(name: SimScenario): void {
    if (scenario === 'flapping' && name !== 'flapping') {
      for (const shard of shards.list()) shard.disconnected = false;
    }
    if (scenario === 'dev-shards' && name !== 'dev-shards') applyDevShards(false);
    analytics?.stop();
    analytics = null;
    scenario = name;
    startedAt = clock.now();
    if (name === 'dev-shards') applyDevShards(true);
    if (isAnalyticsScenario(name))
      analytics = startAnalyticsScenario(name, ctx, settings.analytics);
    ctx.log(`scenario: ${name}`);
  }

  return {
    tick() {
      for (const shard of shards.list()) growCounters(shard, random);
      analytics?.tick();
      if (scenario === 'flapping') {
        const list = shards.list();
        const shard = list[random.int(list.length)];
        if (shard) shard.disconnected = !shard.disconnected;
      } else if (scenario === 'drop') {
        for (const c of conns())
          if (isLive(c) && random.chance(settings.dropProbability)) dropConn(c);
      } else if (scenario === 'hostile') {
        const answer = encodeFrame(
          { type: 3, service: 'gateway', event: 'GATEWAY_PING', data: {} },
          settings.output,
        );
        for (const c of conns()) {
          if (!isLive(c)) continue;
          for (let i = 0; i < settings.floodPerTick; i++)
            c.ws.send(answer.data, { binary: answer.binary });
          sendGarbage(c);
        }
      }
    },
    set,
    current: () => scenario,
    stalled: () => faultStall || scenario === 'stall',
    extraLatencyMs() {
      if (scenario !== 'degrading') return 0;
      const seconds = Math.max(0, clock.now() - startedAt) / 1000;
      return Math.min(settings.maxDegradeMs, seconds * settings.degradeMsPerSecond);
    },
    beforeSend(conn) {
      if (scenario === 'garbage' && random.chance(settings.garbageProbability)) sendGarbage(conn);
    },
    inject(kind, options) {
      const live = conns().filter((c) => c.ws.readyState === c.ws.OPEN);
      ctx.log(`fault: ${kind}`);
      switch (kind) {
        case 'close':
          for (const c of live) c.closeFrame(1001, 'simulator fault: close');
          return live.length;
        case 'terminate':
          for (const c of live) c.ws.terminate();
          return live.length;
        case 'stall':
          faultStall = true;
          return live.length;
        case 'resume':
          faultStall = false;
          if (scenario === 'stall') set('steady');
          for (const c of live) c.lateAnswerMs = null;
          return live.length;
        case 'half-open':
          for (const c of live) {
            c.halfOpen = true;
            // Stop reading at the TCP level: no frames, no pongs, no close
            // handshake — what a dead NAT path looks like to the client.
            c.socket.pause();
            for (const t of [...c.timers]) {
              clock.clearTimeout(t);
              c.timers.delete(t);
            }
            c.pushTimer = null;
          }
          return live.length;
        case 'garbage-once':
          for (const c of live) sendGarbage(c);
          return live.length;
        case 'late-answer':
          for (const c of live) c.lateAnswerMs = options.delayMs ?? 5000;
          return live.length;
        case 'duplicate-answer':
          for (const c of live) c.duplicateNext = true;
          return live.length;
        case 'unsolicited-answer':
          return live.filter((c) =>
            ctx.send(c, { type: 3, service: 'gateway', event: 'GATEWAY_PING', data: {} }),
          ).length;
        case 'kill-reader':
          for (const c of live) ctx.killReader(c, 'injected fault');
          return live.length;
      }
    },
  };
}
