/**
 * The whole core under load (issue 3 §7), three parts:
 *
 * a. One 10 000-shard snapshot through the core pipeline — shard tracker
 *    diff and health, alert evaluation, history bookkeeping, the dirty-set
 *    merge and the coalesced delta it ends in — driven through a real
 *    profile runtime by a fake gateway connection on a fake clock.
 * a'. For comparison, what the wire side adds: 5 000-shard snapshots from a
 *    simulator child over a real socket, CPU per snapshot, the current path
 *    side by side with the pre-2026-11-26 one and with a parse-only floor.
 * b. 100 profiles pinging once a second against ONE simulator running in a
 *    child process (`shardwatch sim`), for 30 s after a 10 s warm-up: this
 *    process's CPU and RSS.
 * c. A simulated day at one ping a second with 1 000 shards on the fake
 *    clock: JS heap growth after a one-hour warm-up.
 *
 * Reports figures and "goal met/missed" only; nothing is asserted
 * (docs/architecture.md §5).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import type { AppDelta, ProfileInput } from '../../shared/model';
import type { ShardStats } from '../../shared/protocol';
import {
  GATEWAY_EVENTS,
  IDENTIFICATION_HEADERS,
  parseReady,
  shortSessionId,
} from '../../shared/protocol';
import { dialectSpec } from '../../shared/dialects';
import { defaultProfileInput } from '../../shared/profile-validation';
import { createAppCore } from '../../electron/core/api';
import type { AppCore } from '../../electron/core/api';
import type { Clock } from '../../shared/clock';
import { shardCount } from '../../shared/shard-columns';
import { createRecordingNotifier } from '../../electron/core/alerts/notifier';
import { createEmitter } from '../../electron/core/gateway/emitter';
import { countersOf } from '../../electron/core/gateway/connection';
import { createWorkerGatewayConnection } from '../../electron/core/gateway/worker-connection';
import { wireMaxPayload } from '../../electron/core/gateway/socket';
import { DEFAULT_FRAME_LIMIT_BYTES } from '../../shared/frame-limit';
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
import { partIngestAnalytics } from './analytics-ingest';
import type { BenchResult } from './shard-ingest';
import { startSimChild, stopSimChild } from './sim-child';
import {
  baselineDecode,
  baselineFlattenShardsStats,
  baselineRedactIncoming,
  baselineScrubber,
} from './snapshot-baseline';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const GOAL_INGEST_P95_MS = 5;
const GOAL_CPU_PCT = 5;
const GOAL_RSS_MB = 250;
const GOAL_HEAP_GROWTH_MB = 10;

const MB = 1024 * 1024;

function goal(met: boolean): string {
  return met ? 'goal met' : 'goal missed';
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p * sorted.length) / 100) - 1)] ?? Number.NaN;
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

function benchProfile(name: string, url: string): ProfileInput {
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

// ---------------------------------------------------------------------------
// a. 10 000-shard ingest

const INGEST_SHARDS = 10_000;
const INGEST_WARMUP = 50;
const INGEST_RUNS = 200;
/** Snapshot spacing: 250 snapshots fit in 50 s, inside the 60 s stall window. */
const INGEST_SPACING_MS = 200;

async function partIngest(lines: string[], figures: Record<string, number>): Promise<void> {
  const d = await drivenCore({ shardTotal: INGEST_SHARDS, historyFile: null });
  try {
    const snapshot = Array.from({ length: INGEST_SHARDS }, (_, id) => shardAt(id, 0));
    const emitShards = (): void =>
      d.conn.emit('shards', {
        shards: snapshot,
        source: 'shard-info',
        at: d.clock.wallNow(),
        reportsShardStats: true,
      });
    // Two reports first, so rates are known and later ones list only real changes.
    emitShards();
    d.clock.advance(INGEST_SPACING_MS);
    emitShards();
    d.clock.advance(INGEST_SPACING_MS);

    const change = INGEST_SHARDS / 100;
    const ingestMs: number[] = [];
    const totalMs: number[] = [];
    let cursor = 0;
    const deltasBefore = { ...d.deltas };
    for (let i = 0; i < INGEST_WARMUP + INGEST_RUNS; i++) {
      for (let k = 0; k < change; k++) {
        const id = (cursor + k) % INGEST_SHARDS;
        snapshot[id] = shardAt(id, i + 1);
      }
      cursor = (cursor + change) % INGEST_SHARDS;
      const t0 = performance.now();
      emitShards();
      const t1 = performance.now();
      // The coalesced delta (and the once-a-second tick) this snapshot leads to.
      d.clock.advance(INGEST_SPACING_MS);
      const t2 = performance.now();
      if (i >= INGEST_WARMUP) {
        ingestMs.push(t1 - t0);
        totalMs.push(t2 - t0);
      }
    }
    const st = await d.core.api['query:snapshot']();
    const summary = st.ok ? st.value.status[d.profileId]?.shards : undefined;
    ingestMs.sort((a, b) => a - b);
    totalMs.sort((a, b) => a - b);
    const p95 = percentile(totalMs, 95);
    figures['ingest.p50Ms'] = percentile(totalMs, 50);
    figures['ingest.p95Ms'] = p95;
    figures['ingest.maxMs'] = totalMs[totalMs.length - 1] ?? Number.NaN;
    figures['ingest.syncP95Ms'] = percentile(ingestMs, 95);
    const deltas = d.deltas.count - deltasBefore.count;
    const views = d.deltas.shardViews - deltasBefore.shardViews;
    lines.push(
      `a. ${INGEST_SHARDS}-shard snapshot through the core (${change} shards moving, ${INGEST_RUNS} runs, ` +
        `history in memory): ingest + its delta p50 ${figures['ingest.p50Ms'].toFixed(2)} ms, ` +
        `p95 ${p95.toFixed(2)} ms, max ${figures['ingest.maxMs'].toFixed(2)} ms ` +
        `(ingest alone p95 ${figures['ingest.syncP95Ms'].toFixed(2)} ms) ` +
        `(goal p95 ≤ ${GOAL_INGEST_P95_MS} ms: ${goal(p95 <= GOAL_INGEST_P95_MS)})`,
      `   ${deltas} deltas carrying ${(views / Math.max(1, deltas)).toFixed(0)} shard views each; ` +
        `tracker says ${summary?.up ?? '?'} up, ${summary?.degraded ?? '?'} degraded of ${summary?.expected ?? '?'}`,
    );
  } finally {
    await d.dispose();
  }
}

// ---------------------------------------------------------------------------
// a'. the same size over a real socket

/** Shards per snapshot; `SHARDWATCH_BENCH_WIRE_SHARDS=50000` for the largest bots (issue #16). */
const WIRE_SHARDS = Number(process.env['SHARDWATCH_BENCH_WIRE_SHARDS'] ?? 5_000);
/** Settling time after an arm's first two snapshots, before its window opens. */
const WIRE_WARMUP_MS = 3_000;
/** Each arm's window per round; shorter ones (under ~20 snapshots) swing ±15 % with GC timing. */
const WIRE_MEASURE_MS = Number(process.env['SHARDWATCH_BENCH_WIRE_MS'] ?? 20_000);
const WIRE_ROUNDS = Number(process.env['SHARDWATCH_BENCH_WIRE_ROUNDS'] ?? 3);

/** How a′ reads the simulator's snapshots. */
type WireArm = 'floor' | 'before' | 'now';

interface WireCounter {
  snapshots: number;
  bytes: number;
}

/** Identification headers for a raw client of the simulator (docs/protocol.md §2 "Connecting"). */
function simHeaders(shardTotal: number): Record<string, string> {
  return {
    [IDENTIFICATION_HEADERS.id]: DEFAULT_SIM_CREDENTIALS.botId,
    [IDENTIFICATION_HEADERS.secret]: DEFAULT_SIM_CREDENTIALS.secret,
    [IDENTIFICATION_HEADERS.publicKey]: DEFAULT_SIM_CREDENTIALS.publicKey,
    [IDENTIFICATION_HEADERS.shardIn]: '0',
    [IDENTIFICATION_HEADERS.shardTotal]: String(shardTotal),
  };
}

/** Open a raw `ws` client that registers as the master and pings once a second. */
function rawSimClient(
  url: string,
  shardTotal: number,
  onFrame: (data: Buffer) => void,
  onPingSent: () => void = () => {},
): { stop(): void } {
  const ws = new WebSocket(url, {
    headers: simHeaders(shardTotal),
    perMessageDeflate: false,
    skipUTF8Validation: true,
    // As much as the gateway client reads with the default "Largest frame".
    maxPayload: wireMaxPayload(DEFAULT_FRAME_LIMIT_BYTES),
  });
  const pinger = setInterval(() => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ type: 3 }));
    onPingSent();
  }, 1000);
  ws.on('open', () => {
    ws.send(
      JSON.stringify({
        type: 1,
        d: { public_key: DEFAULT_SIM_CREDENTIALS.publicKey, shard_in: 0, flags: 0 },
      }),
    );
  });
  ws.on('message', (data: WebSocket.RawData) => {
    onFrame(
      Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data),
    );
  });
  ws.on('error', () => {});
  return {
    stop() {
      clearInterval(pinger);
      ws.terminate();
    },
  };
}

/**
 * The "before" arm: a gateway connection for the core built from the
 * pre-2026-11-26 per-frame path in ./snapshot-baseline.ts over a raw `ws`
 * client. Everything after the connection's events (tracker, health,
 * alerts, deltas, frame log) is the current core, so the ratio shows what
 * the frame path change bought, not what later changes downstream did.
 */
function createBaselineConnection(
  options: GatewayConnectionOptions,
  counter: WireCounter,
): GatewayConnection {
  const events = createEmitter<GatewayEvents>();
  const secrets = [options.identity.secret, options.identity.publicKey].filter((x) => x.length > 0);
  const scrub = baselineScrubber(secrets);
  const emit = <K extends keyof GatewayEvents>(event: K, payload: GatewayEvents[K]): void => {
    if (events.has(event)) events.emit(event, scrub(payload));
  };
  let state: GatewayState = 'idle';
  let client: { stop(): void } | null = null;
  let pingSentAt: number | null = null;
  let framesIn = 0;
  const setState = (next: GatewayState): void => {
    state = next;
    emit('state', {
      state: next,
      detail: '',
      kind: null,
      suggestedDialect: null,
      at: Date.now(),
      httpStatus: null,
      retryAt: null,
    });
  };
  const onFrame = (data: Buffer): void => {
    framesIn++;
    const message = baselineDecode(data);
    if (message === null) return;
    const at = Date.now();
    emit('frame', {
      direction: 'in',
      at,
      bytes: data.length,
      encoding: 'text',
      type: message.type,
      event: message.event ?? null,
      raw: baselineRedactIncoming(message),
      error: null,
    });
    if (message.event === GATEWAY_EVENTS.PING && pingSentAt !== null) {
      emit('ping', { rttMs: performance.now() - pingSentAt, lost: false, at });
      pingSentAt = null;
    } else if (message.event === GATEWAY_EVENTS.SHARD_INFO) {
      counter.snapshots++;
      counter.bytes += data.length;
      emit('shards', {
        shards: baselineFlattenShardsStats(message.data),
        source: 'shard-info',
        at,
        reportsShardStats: true,
      });
    } else if (message.event === GATEWAY_EVENTS.READY && state !== 'ready') {
      const { sessionId, ...ready } = parseReady(message.event, message.data);
      setState('ready');
      emit('ready', { ...ready, sessionIdShort: shortSessionId(sessionId) });
      const data = message.data;
      const stats = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
      emit('shards', {
        shards: baselineFlattenShardsStats(stats['shards_stats']),
        source: 'ready',
        at,
        reportsShardStats: true,
      });
    }
  };
  const connect = (): void => {
    if (client) return;
    setState('connecting');
    client = rawSimClient(options.url, options.identity.shardTotal, onFrame, () => {
      pingSentAt = performance.now();
    });
  };
  const stop = (): void => {
    client?.stop();
    client = null;
  };
  const snapshot = (): GatewaySnapshot =>
    gatewaySnapshot({
      state,
      dialect: 'documented',
      url: options.url,
      reportsShardStats: true,
      framesIn,
      framesOut: 0,
    });
  return {
    on: events.on,
    connect,
    disconnect() {
      stop();
      setState('closed');
    },
    reconnectNow() {
      stop();
      connect();
    },
    dispose() {
      stop();
      events.clear();
    },
    get state() {
      return state;
    },
    counters: () => countersOf(snapshot()),
    snapshot,
  };
}

/** One arm for one round: process and main-thread CPU and snapshots over the measuring window. */
async function runWireArm(
  arm: WireArm,
  url: string,
): Promise<{ snapshots: number; bytes: number; cpuMs: number; mainMs: number }> {
  const counter: WireCounter = { snapshots: 0, bytes: 0 };
  let dispose: () => Promise<void>;
  if (arm === 'floor') {
    // The least any client can do: receive the frame and JSON.parse it.
    const client = rawSimClient(url, WIRE_SHARDS, (data) => {
      const m = JSON.parse(data.toString('utf8')) as { event?: unknown };
      if (m.event === GATEWAY_EVENTS.SHARD_INFO) {
        counter.snapshots++;
        counter.bytes += data.length;
      }
    });
    dispose = async () => client.stop();
  } else {
    const dataDir = makeTempDir('shardwatch-bench-wire-');
    const core = createAppCore({
      dataDir,
      cipher: createMemoryCipher(),
      notifier: createRecordingNotifier(),
      mode: 'browser',
      historyFile: null,
      connectionFactory:
        arm === 'before'
          ? (o) => createBaselineConnection(o, counter)
          : (o) => {
              // As the app runs it: the connection in a worker thread of its own.
              const c = createWorkerGatewayConnection(o);
              c.on('shards', (ev) => {
                if (ev.source === 'shard-info') counter.snapshots++;
              });
              c.on('frame', (ev) => {
                if (ev.direction === 'in' && ev.event === GATEWAY_EVENTS.SHARD_INFO)
                  counter.bytes += ev.bytes;
              });
              return c;
            },
    });
    // A subscriber, as an open window would be.
    core.on('event:delta', () => {});
    await core.start();
    const r = await core.api['command:create-profile']({
      ...benchProfile(`Wire ${arm}`, url),
      shardTotal: WIRE_SHARDS,
    });
    if (!r.ok) throw new Error(r.error.message);
    dispose = async () => {
      await core.dispose();
      removeTempDir(dataDir);
    };
  }
  try {
    const deadline = performance.now() + 20_000;
    while (counter.snapshots < 2) {
      if (performance.now() > deadline) throw new Error(`${arm}: no snapshots from the simulator`);
      await sleep(50);
    }
    await sleep(WIRE_WARMUP_MS);
    const cpu0 = process.cpuUsage();
    const main0 = process.threadCpuUsage();
    const n0 = counter.snapshots;
    const b0 = counter.bytes;
    await sleep(WIRE_MEASURE_MS);
    const cpu = process.cpuUsage(cpu0);
    const main = process.threadCpuUsage(main0);
    return {
      snapshots: counter.snapshots - n0,
      bytes: counter.bytes - b0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainMs: (main.user + main.system) / 1000,
    };
  } finally {
    await dispose();
  }
}

/**
 * What part a leaves out — reading the frame, decoding and checking it,
 * flattening, secret scrubbing and the frame log — as this process's CPU
 * (every thread: GC helpers included) and main-thread CPU per
 * `GATEWAY_SHARD_INFO` from a simulator child that moves every shard's
 * counters. Three arms take turns against the same simulator, so load on the
 * machine hits them alike: the current core ("now"), the same core behind
 * the pre-2026-11-26 frame path ("before", ./snapshot-baseline.ts), and a
 * bare `ws` client that only parses ("floor").
 *
 * Snapshots are counted where they arrive. (Until 2026-11-26 this part
 * counted deltas that carried shards; since counter-only changes are pushed
 * every 5 s, that divided ~5 snapshots' CPU by one.)
 *
 * 5 000 shards, not 10 000: a 10 000-shard snapshot as a text frame is
 * ~1.6 MiB, over the gateway client's 1 MiB frame limit (`MAX_FRAME_BYTES`),
 * so it is refused and never reaches the core.
 */
async function partWire(lines: string[], figures: Record<string, number>): Promise<void> {
  const sim = await startSimChild([
    '--shards',
    String(WIRE_SHARDS),
    '--shard-info-interval',
    '1000',
  ]);
  // SHARDWATCH_BENCH_WIRE_ARMS=now (or any of floor, before, now) runs only those arms, for profiling.
  const armsWanted = (process.env['SHARDWATCH_BENCH_WIRE_ARMS'] ?? 'floor,before,now').split(',');
  const arms = (['floor', 'before', 'now'] as const).filter((a) => armsWanted.includes(a));
  type Tally = { snapshots: number; bytes: number; cpuMs: number; mainMs: number };
  const empty = (): Tally => ({ snapshots: 0, bytes: 0, cpuMs: 0, mainMs: 0 });
  const total: Record<WireArm, Tally> = { floor: empty(), before: empty(), now: empty() };
  const rounds: Record<WireArm, Tally[]> = { floor: [], before: [], now: [] };
  // A full collection before each arm, so the garbage the previous arm left
  // (a disposed core and its 5,000-shard tracker) is not collected inside
  // the next arm's window.
  const gc = gcFunction();
  try {
    for (let round = 0; round < WIRE_ROUNDS; round++) {
      for (const arm of arms) {
        gc?.();
        const r = await runWireArm(arm, sim.url);
        rounds[arm].push(r);
        const t = total[arm];
        t.snapshots += r.snapshots;
        t.bytes += r.bytes;
        t.cpuMs += r.cpuMs;
        t.mainMs += r.mainMs;
      }
    }
  } finally {
    await stopSimChild(sim);
  }
  const perSnapshot = (t: Tally, k: 'cpuMs' | 'mainMs'): number => t[k] / Math.max(1, t.snapshots);
  const per = (arm: WireArm, k: 'cpuMs' | 'mainMs'): number => perSnapshot(total[arm], k);
  for (const arm of arms) {
    figures[`wire.${arm}.cpuMsPerSnapshot`] = per(arm, 'cpuMs');
    figures[`wire.${arm}.mainMsPerSnapshot`] = per(arm, 'mainMs');
    figures[`wire.${arm}.snapshots`] = total[arm].snapshots;
  }
  const cpuRatio = per('before', 'cpuMs') / per('now', 'cpuMs');
  const mainRatio = per('before', 'mainMs') / per('now', 'mainMs');
  const above = (arm: WireArm, k: 'cpuMs' | 'mainMs'): number => per(arm, k) - per('floor', k);
  const aboveCpuRatio = above('before', 'cpuMs') / above('now', 'cpuMs');
  const aboveMainRatio = above('before', 'mainMs') / above('now', 'mainMs');
  figures['wire.cpuRatio'] = cpuRatio;
  figures['wire.mainRatio'] = mainRatio;
  figures['wire.aboveFloorCpuRatio'] = aboveCpuRatio;
  figures['wire.aboveFloorMainRatio'] = aboveMainRatio;
  // Kept under their old names for anyone reading older figure sets.
  figures['wire.cpuMsPerSnapshot'] = per('now', 'cpuMs');
  figures['wire.mainMsPerSnapshot'] = per('now', 'mainMs');
  const kib = total.now.bytes / Math.max(1, total.now.snapshots) / 1024;
  const f = (x: number): string => x.toFixed(1);
  const armLine = (name: WireArm, label: string): string =>
    `   ${label}: ${f(per(name, 'cpuMs'))} ms / ${f(per(name, 'mainMs'))} ms ` +
    `(${total[name].snapshots} snapshots; rounds ${rounds[name]
      .map((r) => `${f(perSnapshot(r, 'cpuMs'))}/${f(perSnapshot(r, 'mainMs'))}`)
      .join(', ')})`;
  lines.push(
    `a'. ${WIRE_SHARDS}-shard snapshots (${kib.toFixed(0)} KiB text frames, every shard moving) from a ` +
      `simulator child over a real socket; ${WIRE_ROUNDS} rounds of ${WIRE_MEASURE_MS / 1000} s per arm, ` +
      `arms taking turns; CPU per snapshot, whole process / main thread:`,
    armLine('before', 'before (pre-2026-11-26 frame path, current core after it)'),
    armLine('now', 'now'),
    `   → now: ${cpuRatio.toFixed(2)}× less CPU in the process, ${mainRatio.toFixed(2)}× less on the main thread`,
    armLine('floor', 'floor (a bare ws client: receive + JSON.parse only)'),
    `   above the floor: before ${f(above('before', 'cpuMs'))} / ${f(above('before', 'mainMs'))} ms, ` +
      `now ${f(above('now', 'cpuMs'))} / ${f(above('now', 'mainMs'))} ms → ` +
      `${aboveCpuRatio.toFixed(2)}× / ${aboveMainRatio.toFixed(2)}× less`,
  );
}

// ---------------------------------------------------------------------------
// b. 100 profiles against a simulator in a child process

const LOAD_PROFILES = 100;
const LOAD_WARMUP_MS = 10_000;
const LOAD_MEASURE_MS = 30_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function partManyProfiles(lines: string[], figures: Record<string, number>): Promise<void> {
  const sim = await startSimChild(['--dialect', 'documented']);
  const dataDir = makeTempDir('shardwatch-bench-load-');
  let core: AppCore | null = null;
  try {
    core = createAppCore({
      dataDir,
      cipher: createMemoryCipher(),
      notifier: createRecordingNotifier(),
      mode: 'browser',
      historyFile: join(dataDir, 'history.sqlite'),
    });
    // An open browser-mode window: every delta is serialised as the bridge does.
    let deltaCount = 0;
    let deltaBytes = 0;
    let serialiseMs = 0;
    core.on('event:delta', (d) => {
      const t = performance.now();
      deltaCount++;
      deltaBytes += JSON.stringify({ event: 'event:delta', payload: d }).length;
      serialiseMs += performance.now() - t;
    });
    await core.start();
    for (let i = 0; i < LOAD_PROFILES; i++) {
      const name = `Load ${String(i + 1).padStart(3, '0')}`;
      const r = await core.api['command:create-profile']({
        ...benchProfile(name, sim.url),
        shardTotal: 4,
      });
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    }
    const readyCount = async (): Promise<number> => {
      const snap = await core?.api['query:snapshot']();
      if (!snap?.ok) return 0;
      return Object.values(snap.value.status).filter((s) => s.state === 'ready').length;
    };
    const deadline = performance.now() + 20_000;
    while ((await readyCount()) < LOAD_PROFILES && performance.now() < deadline) await sleep(100);
    const ready = await readyCount();
    await sleep(LOAD_WARMUP_MS);

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const deltas0 = deltaCount;
    const bytes0 = deltaBytes;
    const serialise0 = serialiseMs;
    let rssMax = process.memoryUsage().rss;
    while (performance.now() - t0 < LOAD_MEASURE_MS) {
      await sleep(1000);
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuPct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const snap = await core.api['query:snapshot']();
    let pings = 0;
    let lost = 0;
    let p95Max = 0;
    if (snap.ok) {
      for (const s of Object.values(snap.value.status)) {
        pings += s.latency['1m'].count;
        lost += s.latency['1m'].lost;
        p95Max = Math.max(p95Max, s.latency['1m'].p95 ?? 0);
      }
    }
    const rssMb = rssMax / MB;
    figures['load.cpuPct'] = cpuPct;
    figures['load.rssMb'] = rssMb;
    figures['load.ready'] = ready;
    figures['load.deltasPerSec'] = ((deltaCount - deltas0) * 1000) / wallMs;
    figures['load.serialisePct'] = ((serialiseMs - serialise0) / wallMs) * 100;
    figures['load.sysPct'] = (cpu.system / 1000 / wallMs) * 100;
    lines.push(
      `b. ${LOAD_PROFILES} profiles (${ready} ready) pinging every 1 s against one simulator in a child ` +
        `process, ${(wallMs / 1000).toFixed(0)} s after a ${LOAD_WARMUP_MS / 1000} s warm-up:`,
      `   core process CPU ${cpuPct.toFixed(2)} % of one core (${figures['load.sysPct'].toFixed(2)} % in the kernel) ` +
        `(goal ≤ ${GOAL_CPU_PCT} %: ${goal(cpuPct <= GOAL_CPU_PCT)}); ` +
        `max RSS ${rssMb.toFixed(0)} MB (goal ≤ ${GOAL_RSS_MB} MB: ${goal(rssMb <= GOAL_RSS_MB)})`,
      `   ${pings} pings answered and ${lost} lost in the last minute (worst profile p95 ` +
        `${p95Max.toFixed(2)} ms); ${figures['load.deltasPerSec'].toFixed(1)} deltas/s, ` +
        `${((deltaBytes - bytes0) / 1024 / (wallMs / 1000)).toFixed(0)} KiB/s serialised for an open window ` +
        `(${figures['load.serialisePct'].toFixed(2)} % of a core, included above); ` +
        `history in a temp SQLite file`,
    );
  } finally {
    await core?.dispose();
    await stopSimChild(sim);
    removeTempDir(dataDir);
  }
}

// ---------------------------------------------------------------------------
// c. a simulated day

const DAY_SHARDS = 1_000;
const DAY_SECONDS = 24 * 3600;
const DAY_WARMUP_SECONDS = 3600;
/** Each shard's counters move every this many seconds (staggered), well inside the stall window. */
const DAY_MOVE_EVERY_S = 30;

/** A forced full GC, or null when the runtime will not give us one. */
function gcFunction(): (() => void) | null {
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

async function partDay(lines: string[], figures: Record<string, number>): Promise<void> {
  const historyDir = makeTempDir('shardwatch-bench-day-');
  const d = await drivenCore({
    shardTotal: DAY_SHARDS,
    historyFile: join(historyDir, 'history.sqlite'),
  });
  const gc = gcFunction();
  const heapNow = async (): Promise<number> => {
    if (gc) {
      gc();
      return process.memoryUsage().heapUsed;
    }
    // No forced GC: the lowest of several samples is the closest to live data.
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      await sleep(20);
      min = Math.min(min, process.memoryUsage().heapUsed);
    }
    return min;
  };
  const samples: Array<{ hour: number; heap: number; external: number; rss: number }> = [];
  const t0 = performance.now();
  try {
    const snapshot = Array.from({ length: DAY_SHARDS }, (_, id) => shardAt(id, 0));
    let rng = 12345;
    const random = (): number => {
      rng = (rng * 1103515245 + 12345) % 2 ** 31;
      return rng / 2 ** 31;
    };
    for (let s = 1; s <= DAY_SECONDS; s++) {
      for (let id = s % DAY_MOVE_EVERY_S; id < DAY_SHARDS; id += DAY_MOVE_EVERY_S) {
        const prev = snapshot[id];
        if (!prev) continue;
        snapshot[id] = {
          ...prev,
          send_ping: prev.send_ping + 1,
          receibe_ping: prev.receibe_ping + 1,
          sending: prev.sending + 30,
          received: prev.received + 40,
        };
      }
      // Once an hour a shard drops for two minutes: an incident opens and closes.
      const hourSecond = s % 3600;
      if (hourSecond === 600 || hourSecond === 720) {
        const id = Math.floor(s / 3600) % DAY_SHARDS;
        const prev = snapshot[id];
        if (prev) snapshot[id] = { ...prev, disconnected: hourSecond === 600 };
      }
      d.conn.emit('shards', {
        shards: snapshot,
        source: 'shard-info',
        at: d.clock.wallNow(),
        reportsShardStats: true,
      });
      const lostPing = random() < 0.002;
      d.conn.emit('ping', {
        rttMs: lostPing ? null : 15 + random() * 20,
        lost: lostPing,
        at: d.clock.wallNow(),
      });
      d.clock.advance(1000);
      if (s % 3600 === 0) {
        const hour = s / 3600;
        if (hour >= DAY_WARMUP_SECONDS / 3600) {
          const m = process.memoryUsage();
          samples.push({
            hour,
            heap: await heapNow(),
            external: m.external + m.arrayBuffers,
            rss: m.rss,
          });
        }
      }
    }
    const wallS = (performance.now() - t0) / 1000;
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (!first || !last) throw new Error('no heap samples');
    const growthMb = (last.heap - first.heap) / MB;
    const peakMb = Math.max(...samples.map((x) => x.heap)) / MB;
    const incidents = await d.core.api['query:incidents'](d.profileId, 1000);
    figures['day.heapGrowthMb'] = growthMb;
    figures['day.heapPeakMb'] = peakMb;
    figures['day.wallS'] = wallS;
    lines.push(
      `c. simulated 24 h, 1 ping/s, ${DAY_SHARDS} shards (every shard moving every ${DAY_MOVE_EVERY_S} s, ` +
        `one 2-minute shard outage an hour), fake clock, history in a temp SQLite file: ` +
        `${wallS.toFixed(0)} s of real time`,
      `   JS heap after ${first.hour} h ${(first.heap / MB).toFixed(1)} MB, after ${last.hour} h ` +
        `${(last.heap / MB).toFixed(1)} MB: growth ${growthMb.toFixed(2)} MB, peak ${peakMb.toFixed(1)} MB ` +
        `(goal growth ≤ ${GOAL_HEAP_GROWTH_MB} MB: ${goal(growthMb <= GOAL_HEAP_GROWTH_MB)}; ` +
        `${gc ? 'after a forced GC' : 'min of 5 samples, no forced GC'})`,
      `   typed arrays + external ${(first.external / MB).toFixed(1)} → ${(last.external / MB).toFixed(1)} MB ` +
        `(latency ring buffers fill up to a day), RSS ${(first.rss / MB).toFixed(0)} → ${(last.rss / MB).toFixed(0)} MB; ` +
        `${incidents.ok ? incidents.value.length : '?'} incidents recorded`,
    );
  } finally {
    await d.dispose();
    removeTempDir(historyDir);
  }
}

/** Run the three parts and report their figures. */
export async function benchCoreLoad(): Promise<BenchResult> {
  const lines: string[] = [];
  const figures: Record<string, number> = {};
  // The 100-profile part first: RSS is a whole-process figure, and the
  // 10 000-shard parts leave a larger heap behind.
  // SHARDWATCH_BENCH_CORE_PARTS=b (or any of a, n, w, b, c) runs only those parts, for profiling.
  const parts = process.env['SHARDWATCH_BENCH_CORE_PARTS'] ?? 'banwc';
  if (parts.includes('b')) await partManyProfiles(lines, figures);
  if (parts.includes('a')) await partIngest(lines, figures);
  if (parts.includes('n')) await partIngestAnalytics(lines, figures);
  if (parts.includes('w')) await partWire(lines, figures);
  if (parts.includes('c')) await partDay(lines, figures);
  return { name: 'core-load', lines, figures };
}
