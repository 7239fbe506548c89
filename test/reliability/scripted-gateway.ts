/**
 * A scripted stand-in for the gateway connection, handed to the core through
 * its `connectionFactory` option: everything above the socket (runtimes,
 * shard tracker, latency statistics, alerts, history, deltas) runs for real,
 * on the fake clock, while pings and shard reports follow a script. Used by
 * the soak and by suites that need a core with live-looking profiles and no
 * network.
 */
import type {
  GatewayConnection,
  GatewayEvents,
  GatewaySnapshot,
  GatewayState,
} from '../../electron/core/gateway/connection';
import { createEmitter } from '../../electron/core/gateway/emitter';
import { countersOf } from '../../electron/core/gateway/connection';
import type { GatewayConnectionOptions } from '../../electron/core/gateway/options';
import type { Clock, TimerHandle } from '../../shared/clock';
import type { ShardStats } from '../../shared/protocol';
import { gatewaySnapshot } from '../support/gateway-snapshot';

/** What one scripted gateway does over time. */
export interface GatewayScript {
  /** Shards reported in every snapshot (ids 0..n-1). */
  shardCount: number;
  /** Period of shard snapshots (the tracker marks shards stale after 15 s). */
  reportEveryMs: number;
  /** RTT of the ping answered at `wallMs`, or null for a lost ping. */
  rttAt(wallMs: number): number | null;
  /** Whether shard `id` reports `disconnected: true` at `wallMs`. */
  disconnected(wallMs: number, id: number): boolean;
}

export interface ScriptedConnection extends GatewayConnection {
  readonly options: GatewayConnectionOptions;
  pingsSent(): number;
  reports(): number;
}

export interface ScriptedGateway {
  /** Pass as the core's `connectionFactory`. */
  factory: (options: GatewayConnectionOptions) => GatewayConnection;
  readonly connections: ScriptedConnection[];
}

/** Build connections that follow `scriptFor(botId, options)`; every timer goes through `clock`. */
export function createScriptedGateway(
  clock: Clock,
  scriptFor: (options: GatewayConnectionOptions) => GatewayScript,
): ScriptedGateway {
  const connections: ScriptedConnection[] = [];
  return {
    connections,
    factory(options) {
      const c = createScriptedConnection(clock, options, scriptFor(options));
      connections.push(c);
      return c;
    },
  };
}

function createScriptedConnection(
  clock: Clock,
  options: GatewayConnectionOptions,
  script: GatewayScript,
): ScriptedConnection {
  const emitter = createEmitter<GatewayEvents>();
  let state: GatewayState = 'idle';
  let disposed = false;
  let pingTimer: TimerHandle | null = null;
  let reportTimer: TimerHandle | null = null;
  let pings = 0;
  let lost = 0;
  let reports = 0;
  let lastRtt: number | null = null;
  const interval = options.pingIntervalMs ?? 5000;
  const hashes = Array.from({ length: script.shardCount }, (_, i) => `hash-${i}`);
  const counters = new Float64Array(script.shardCount);

  function setState(next: GatewayState): void {
    state = next;
    emitter.emit('state', {
      state,
      detail: next === 'ready' ? 'Registered with the gateway (GATEWAY_READY).' : next,
      kind: next === 'closed' ? 'user' : null,
      suggestedDialect: null,
      at: clock.wallNow(),
      httpStatus: null,
      retryAt: null,
    });
  }

  function snapshotShards(at: number): ShardStats[] {
    const out: ShardStats[] = new Array(script.shardCount);
    for (let i = 0; i < script.shardCount; i++) {
      const down = script.disconnected(at, i);
      // Counters move while connected, so no shard ever looks stalled.
      if (!down) counters[i] = (counters[i] as number) + 1;
      const n = counters[i] as number;
      out[i] = {
        shard_id: i,
        shard_hash: hashes[i] as string,
        development: false,
        disconnected: down,
        send_ping: n,
        receibe_ping: n,
        sending: n * 3,
        received: n * 2,
        extra: {},
      };
    }
    return out;
  }

  function report(): void {
    reportTimer = clock.setTimeout(report, script.reportEveryMs);
    reports++;
    const at = clock.wallNow();
    emitter.emit('shards', {
      shards: snapshotShards(at),
      source: 'shard-info',
      at,
      reportsShardStats: true,
    });
  }

  function ping(): void {
    pingTimer = clock.setTimeout(ping, interval);
    pings++;
    const at = clock.wallNow();
    const rtt = script.rttAt(at);
    if (rtt === null) lost++;
    else lastRtt = rtt;
    emitter.emit('ping', { rttMs: rtt, lost: rtt === null, at });
  }

  function stopTimers(): void {
    clock.clearTimeout(pingTimer);
    clock.clearTimeout(reportTimer);
    pingTimer = null;
    reportTimer = null;
  }

  function start(): void {
    stopTimers();
    setState('connecting');
    setState('registering');
    setState('ready');
    const at = clock.wallNow();
    emitter.emit('ready', {
      event: 'GATEWAY_READY',
      botId: options.identity.botId,
      botFlags: 1,
      sessionIdShort: 'Sess0000…0000',
      shardsConfig: [[0, options.identity.shardTotal]],
      shards: [],
    });
    emitter.emit('shards', {
      shards: snapshotShards(at),
      source: 'ready',
      at,
      reportsShardStats: true,
    });
    reportTimer = clock.setTimeout(report, script.reportEveryMs);
    pingTimer = clock.setTimeout(ping, interval);
  }

  const snapshot = (): GatewaySnapshot =>
    gatewaySnapshot({
      state,
      detail: state,
      dialect: options.dialect,
      url: options.url,
      framesIn: reports + pings,
      framesOut: pings,
      pingsSent: pings,
      pingsLost: lost,
      lastRttMs: lastRtt,
    });

  return {
    options,
    on: (event, listener) => emitter.on(event, listener),
    connect() {
      if (disposed) throw new Error('This gateway connection has been disposed.');
      if (state !== 'ready') start();
    },
    disconnect() {
      if (disposed) return;
      stopTimers();
      setState('closed');
    },
    reconnectNow() {
      if (disposed) throw new Error('This gateway connection has been disposed.');
      start();
    },
    dispose() {
      disposed = true;
      stopTimers();
      emitter.clear();
    },
    get state() {
      return state;
    },
    snapshot,
    counters: () => countersOf(snapshot()),
    pingsSent: () => pings,
    reports: () => reports,
  };
}
