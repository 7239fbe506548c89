/**
 * Core-load part a′ (core-load.ts): 5 000-shard snapshots from a simulator
 * child over a real socket, CPU per snapshot, the current path beside the
 * pre-2026-11-26 one and a parse-only floor.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  GATEWAY_EVENTS,
  IDENTIFICATION_HEADERS,
  parseReady,
  shortSessionId,
} from '../../shared/protocol';
import { createAppCore } from '../../electron/core/api';
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
} from '../../electron/core/gateway/connection';
import type { GatewayConnectionOptions } from '../../electron/core/gateway/options';
import { createMemoryCipher } from '../../electron/core/profiles/secret-cipher';
import { DEFAULT_SIM_CREDENTIALS } from '../../electron/sim';
import { gatewaySnapshot } from '../support/gateway-snapshot';
import { startSimChild, stopSimChild } from './sim-child';
import {
  baselineDecode,
  baselineFlattenShardsStats,
  baselineRedactIncoming,
  baselineScrubber,
} from './snapshot-baseline';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { benchProfile, gcFunction, sleep } from './core-load-driver';

// ---------------------------------------------------------------------------
// a'. the same size over a real socket

/** Shards per snapshot; `SHARDWATCH_BENCH_WIRE_SHARDS=50000` for the largest bots (issue #16). */
const WIRE_SHARDS = Number(process.env['SHARDWATCH_BENCH_WIRE_SHARDS'] ?? 5_000);
/**
 * Settling time after an arm's first two snapshots, before its window opens;
 * `SHARDWATCH_BENCH_WIRE_WARMUP_MS=15000` measures a connection that has
 * settled (the JIT done, V8's start-up memory-reducing collections over),
 * which the default 3 s does not reach (docs/benchmarks.md).
 */
const WIRE_WARMUP_MS = Number(process.env['SHARDWATCH_BENCH_WIRE_WARMUP_MS'] ?? 3_000);
/** Each arm's window per round; shorter ones (under ~20 snapshots) swing ±15 % with GC timing. */
const WIRE_MEASURE_MS = Number(process.env['SHARDWATCH_BENCH_WIRE_MS'] ?? 20_000);
const WIRE_ROUNDS = Number(process.env['SHARDWATCH_BENCH_WIRE_ROUNDS'] ?? 3);
/** Shards of the simulator `SHARDWATCH_BENCH_WIRE_FIXED=1` measures the fixed part against. */
const FIXED_SHARDS = 10;

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
  shards: number,
): Promise<{ snapshots: number; bytes: number; cpuMs: number; mainMs: number }> {
  const counter: WireCounter = { snapshots: 0, bytes: 0 };
  let dispose: () => Promise<void>;
  if (arm === 'floor') {
    // The least any client can do: receive the frame and JSON.parse it.
    const client = rawSimClient(url, shards, (data) => {
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
      shardTotal: shards,
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

type WireTally = { snapshots: number; bytes: number; cpuMs: number; mainMs: number };

/** Each wanted arm over `rounds` rounds against a simulator child sending `shards`-shard snapshots every second. */
async function measureArms(
  arms: readonly WireArm[],
  shards: number,
): Promise<{ total: Record<WireArm, WireTally>; rounds: Record<WireArm, WireTally[]> }> {
  const sim = await startSimChild(['--shards', String(shards), '--shard-info-interval', '1000']);
  const empty = (): WireTally => ({ snapshots: 0, bytes: 0, cpuMs: 0, mainMs: 0 });
  const total: Record<WireArm, WireTally> = { floor: empty(), before: empty(), now: empty() };
  const rounds: Record<WireArm, WireTally[]> = { floor: [], before: [], now: [] };
  // A full collection before each arm, so the garbage the previous arm left
  // (a disposed core and its 5,000-shard tracker) is not collected inside
  // the next arm's window.
  const gc = gcFunction();
  try {
    for (let round = 0; round < WIRE_ROUNDS; round++) {
      for (const arm of arms) {
        gc?.();
        const r = await runWireArm(arm, sim.url, shards);
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
  return { total, rounds };
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
 * 5 000 shards by default; `SHARDWATCH_BENCH_WIRE_SHARDS=50000` for the
 * largest bots (8.5 MiB text frames, under the profile's default 16 MiB
 * "Largest frame"). The "before" arm hands the core lists of objects, which
 * the profile runtime now turns into columns on the main thread: since the
 * columns change (2026-12-03) it overstates the old path's main-thread cost,
 * so `SHARDWATCH_BENCH_WIRE_ARMS=floor,now` is the comparison that counts.
 *
 * `SHARDWATCH_BENCH_WIRE_FIXED=1` also runs the same arms, rounds and
 * windows against a 10-shard simulator, whose snapshots cost next to
 * nothing: what an arm spends a second without a big snapshot (timers,
 * pings, the tray, alerts, GC of what is already there). It prints each
 * arm's CPU per 5,000-shard snapshot less that, side by side, so a ratio
 * can be read for the snapshot itself as well as for the whole process.
 */
export async function partWire(lines: string[], figures: Record<string, number>): Promise<void> {
  // SHARDWATCH_BENCH_WIRE_ARMS=now (or any of floor, before, now) runs only those arms, for profiling.
  const armsWanted = (process.env['SHARDWATCH_BENCH_WIRE_ARMS'] ?? 'floor,before,now').split(',');
  const arms = (['floor', 'before', 'now'] as const).filter((a) => armsWanted.includes(a));
  const { total, rounds } = await measureArms(arms, WIRE_SHARDS);
  const perSnapshot = (t: WireTally, k: 'cpuMs' | 'mainMs'): number =>
    t[k] / Math.max(1, t.snapshots);
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
      `simulator child over a real socket; ${WIRE_ROUNDS} rounds of ${WIRE_MEASURE_MS / 1000} s per arm ` +
      `(each after ${WIRE_WARMUP_MS / 1000} s settling), arms taking turns; CPU per snapshot, whole process / main thread:`,
    armLine('before', 'before (pre-2026-11-26 frame path, current core after it)'),
    armLine('now', 'now'),
    `   → now: ${cpuRatio.toFixed(2)}× less CPU in the process, ${mainRatio.toFixed(2)}× less on the main thread`,
    armLine('floor', 'floor (a bare ws client: receive + JSON.parse only)'),
    `   above the floor: before ${f(above('before', 'cpuMs'))} / ${f(above('before', 'mainMs'))} ms, ` +
      `now ${f(above('now', 'cpuMs'))} / ${f(above('now', 'mainMs'))} ms → ` +
      `${aboveCpuRatio.toFixed(2)}× / ${aboveMainRatio.toFixed(2)}× less`,
  );
  if (arms.includes('now') && arms.includes('floor'))
    lines.push(
      `   now against the floor: ${(per('now', 'cpuMs') / per('floor', 'cpuMs')).toFixed(2)}× ` +
        `in the process, ${(per('now', 'mainMs') / per('floor', 'mainMs')).toFixed(2)}× on the main thread`,
    );
  if (process.env['SHARDWATCH_BENCH_WIRE_FIXED'] !== '1') return;
  const fixed = await measureArms(arms, FIXED_SHARDS);
  const perSecond = (arm: WireArm, k: 'cpuMs' | 'mainMs'): number =>
    fixed.total[arm][k] / ((WIRE_ROUNDS * WIRE_MEASURE_MS) / 1000);
  // A snapshot a second in both runs: CPU a second at 10 shards is the fixed part of CPU per snapshot.
  const own = (arm: WireArm, k: 'cpuMs' | 'mainMs'): number => per(arm, k) - perSecond(arm, k);
  lines.push(
    `   the same arms against a ${FIXED_SHARDS}-shard simulator (the fixed part: CPU a second with no big snapshot), whole process / main thread:`,
  );
  for (const arm of arms) {
    figures[`wire.${arm}.fixedCpuMsPerSecond`] = perSecond(arm, 'cpuMs');
    figures[`wire.${arm}.ownCpuMsPerSnapshot`] = own(arm, 'cpuMs');
    const roundsPerSecond = fixed.rounds[arm].map((r) => f(r.cpuMs / (WIRE_MEASURE_MS / 1000)));
    lines.push(
      `   ${arm}: ${f(perSecond(arm, 'cpuMs'))} / ${f(perSecond(arm, 'mainMs'))} ms a second ` +
        `(rounds ${roundsPerSecond.join(', ')}); a ${WIRE_SHARDS}-shard snapshot's own CPU ` +
        `${f(own(arm, 'cpuMs'))} / ${f(own(arm, 'mainMs'))} ms`,
    );
  }
  if (arms.includes('now') && arms.includes('floor'))
    lines.push(
      `   a snapshot's own CPU, now against the floor: ${(own('now', 'cpuMs') / own('floor', 'cpuMs')).toFixed(2)}× ` +
        `(the fixed part: ${(perSecond('now', 'cpuMs') / Math.max(0.001, perSecond('floor', 'cpuMs'))).toFixed(1)}× the floor's)`,
    );
}
