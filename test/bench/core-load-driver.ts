/**
 * What the core-load bench's parts share (core-load.ts): a gateway
 * connection the bench drives by hand, a real core around it on a fake
 * clock (`drivenCore`), the shards it reports, and small helpers.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AppDelta } from '../../shared/app-state';
import type { ProfileInput } from '../../shared/profile-model';
import type { ShardStats } from '../../shared/protocol';
import { dialectSpec } from '../../shared/dialects';
import { defaultProfileInput } from '../../shared/profile-validation';
import { createAppCore } from '../../electron/core/api';
import type { AppCore } from '../../electron/core/api';
import type { Clock } from '../../shared/clock';
import { shardCount } from '../../shared/shard-columns';
import { createRecordingNotifier } from '../../electron/core/alerts/notifier';
import { createEmitter } from '../../electron/core/gateway/emitter';
import { countersOf } from '../../electron/core/gateway/connection';
import type {
  GatewayConnection,
  GatewayEvents,
  GatewaySnapshot,
  GatewayState,
  StateKind,
} from '../../electron/core/gateway/connection';
import type { GatewayConnectionOptions } from '../../electron/core/gateway/options';
import { createMemoryCipher } from '../../electron/core/profiles/secret-cipher';
import { DEFAULT_SIM_CREDENTIALS } from '../../electron/sim';
import { createFakeClock } from '../support/fake-clock';
import { gatewaySnapshot } from '../support/gateway-snapshot';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

/** Bytes in a MiB, for the figures. */
export const MB = 1024 * 1024;

/** How a figure compares with its goal, in the report's words. */
export function goal(met: boolean): string {
  return met ? 'goal met' : 'goal missed';
}

/** Wait `ms` of real time (the parts that run real sockets and a child). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A forced full GC, or null when the runtime will not give us one. */
export function gcFunction(): (() => void) | null {
  const exposed: unknown = Reflect.get(globalThis, 'gc');
  if (typeof exposed === 'function') return () => Reflect.apply(exposed, undefined, []);
  try {
    // tsx runs without --expose-gc; the flag can still be set at run time
    // and `gc` picked up from a fresh context.
    setFlagsFromString('--expose-gc');
    const fresh: unknown = runInNewContext('gc');
    if (typeof fresh === 'function') return () => Reflect.apply(fresh, undefined, []);
  } catch {
    // Fall back to the minimum of several samples.
  }
  return null;
}

// ---------------------------------------------------------------------------
// A gateway connection the bench drives by hand.

/** A {@link GatewayConnection} whose events the bench emits itself. */
interface FakeConnection extends GatewayConnection {
  emit<K extends keyof GatewayEvents>(event: K, payload: GatewayEvents[K]): void;
}

function createFakeConnection(options: GatewayConnectionOptions, clock: Clock): FakeConnection {
  const events = createEmitter<GatewayEvents>();
  const spec = dialectSpec(options.dialect);
  let state: GatewayState = 'idle';
  let framesIn = 0;
  let disposed = false;

  const setState = (next: GatewayState, kind: StateKind | null = null): void => {
    state = next;
    events.emit('state', {
      state: next,
      detail: '',
      kind,
      at: clock.wallNow(),
      suggestedDialect: null,
      httpStatus: null,
      retryAt: null,
    });
  };

  const connect = (): void => {
    if (state === 'ready' || disposed) return;
    setState('connecting');
    setState('registering');
    events.emit('ready', {
      event: 'GATEWAY_READY',
      botId: options.identity.botId,
      botFlags: 1,
      sessionIdShort: 'bench…0000',
      shardsConfig: [[0, options.identity.shardTotal]],
      shards: [],
    });
    setState('ready');
  };

  return {
    on: events.on,
    emit(event, payload) {
      if (event === 'shards' || event === 'ping') framesIn++;
      events.emit(event, payload);
    },
    connect,
    disconnect() {
      if (!disposed) setState('closed', 'user');
    },
    reconnectNow: connect,
    dispose() {
      disposed = true;
      events.clear();
    },
    get state() {
      return state;
    },
    counters() {
      return countersOf(this.snapshot());
    },
    snapshot(): GatewaySnapshot {
      return gatewaySnapshot({
        state,
        dialect: spec.id,
        url: options.url,
        reportsShardStats: spec.reportsShardStats,
        framesIn,
        framesOut: framesIn,
      });
    },
  };
}

/** A core on the fake clock whose one profile is driven by a fake connection. */
export interface DrivenCore {
  core: AppCore;
  clock: ReturnType<typeof createFakeClock>;
  conn: FakeConnection;
  profileId: string;
  deltas: { count: number; shardViews: number };
  dispose(): Promise<void>;
}

export async function drivenCore(opts: {
  shardTotal: number;
  historyFile: string | null;
  /** Run the shard analytics (default true). */
  shardAnalytics?: boolean;
}): Promise<DrivenCore> {
  const clock = createFakeClock();
  const dataDir = makeTempDir('shardwatch-bench-core-');
  let conn: FakeConnection | null = null;
  const core = createAppCore({
    dataDir,
    cipher: createMemoryCipher(),
    notifier: createRecordingNotifier(),
    mode: 'browser',
    clock,
    historyFile: opts.historyFile,
    pushIntervalMs: 100,
    shardAnalytics: opts.shardAnalytics,
    connectionFactory: (o) => (conn = createFakeConnection(o, clock)),
  });
  // A subscriber, as an open window would be; it only counts.
  const deltas = { count: 0, shardViews: 0 };
  core.on('event:delta', (d: AppDelta) => {
    deltas.count++;
    for (const s of d.shards ?? []) deltas.shardViews += shardCount(s.shards);
  });
  await core.start();
  const created = await core.api['command:create-profile']({
    ...benchProfile('Driven', 'ws://127.0.0.1:9/gateway'),
    shardTotal: opts.shardTotal,
  });
  if (!created.ok) throw new Error(created.error.message);
  const made: FakeConnection | null = conn;
  if (made === null) throw new Error('the core did not build a connection');
  return {
    core,
    clock,
    conn: made,
    profileId: created.value.id,
    deltas,
    async dispose() {
      await core.dispose();
      removeTempDir(dataDir);
    },
  };
}

export function benchProfile(name: string, url: string): ProfileInput {
  return {
    ...defaultProfileInput(),
    // The bench's own simulator: registering takes nobody's interactions and brings shard stats.
    monitorMode: 'register',
    name,
    url,
    botId: DEFAULT_SIM_CREDENTIALS.botId,
    publicKey: DEFAULT_SIM_CREDENTIALS.publicKey,
    secret: DEFAULT_SIM_CREDENTIALS.secret,
    pingIntervalMs: 1000,
    pingTimeoutMs: 5000,
  };
}

/** Shard `id` as reported at `step`: counters that move with every step, nothing else. */
export function shardAt(id: number, step: number): ShardStats {
  return {
    shard_id: id,
    shard_hash: `h${id.toString(36)}`,
    development: false,
    disconnected: false,
    send_ping: 100 + step,
    receibe_ping: 100 + step,
    sending: 5_000 + step * 7,
    received: 9_000 + step * 3,
    extra: {},
  };
}
