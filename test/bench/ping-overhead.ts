/**
 * What the probe's measuring path adds to a ping round trip, next to a
 * minimal raw `ws` client, both against ONE simulator running in a child
 * process (so its work never shares this event loop).
 *
 * The probe side is {@link startProbe} itself, the code `shardwatch probe`
 * runs (a `createGatewayConnection` with the ping-interval floor lowered),
 * not a copy. The raw side is the least a client can do in the documented
 * dialect, on the connection's own socket layer (`openGatewaySocket`: the same
 * `ws` options) and with its ping frame: register, then pings with
 * `performance.now()` read right before `send` and first thing in the
 * `message` handler.
 *
 * The two are interleaved so drift (CPU clocks, GC, the sim's own timers)
 * hits both alike: each probe ping's outcome schedules one raw ping half an
 * interval later, well before the probe's next ping is due. Reports figures
 * only; goals are judged by the reader (docs/architecture.md §5).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { startProbe } from '../../electron/cli/probe';
import { dialectSpec } from '../../shared/dialects';
import { encodeFrame } from '../../electron/core/gateway/codec';
import { openGatewaySocket } from '../../electron/core/gateway/socket';
import type { BenchResult } from './shard-ingest';
import { startSimChild, stopSimChild } from './sim-child';
import type { SimChild } from './sim-child';
import { percentile } from '../../shared/percentile';

const WARMUP = 100;
const MEASURED = 2000;
/** Probe ping period; the raw ping goes out half-way between two probe pings. */
const INTERVAL_MS = 4;
const RAW_OFFSET_MS = INTERVAL_MS / 2;
const TIMEOUT_MS = 1000;
const GOAL_P50_US = 50;
const GOAL_P99_US = 200;

// Throwaway credentials for the child simulator, handed over by environment.
const BOT_ID = '777000000000000777';
const SECRET = 'bench-secret-not-real';
const PUBLIC_KEY = 'bench-public-key-not-real';

/** Start the simulator child with the bench's throwaway credentials. */
function startBenchSim(): Promise<SimChild> {
  return startSimChild(
    [
      '--shards',
      '4',
      '--id',
      BOT_ID,
      // No unprompted frames: both clients should see nothing but their answers.
      '--shard-info-interval',
      '0',
    ],
    { ...process.env, SHARDWATCH_SECRET: SECRET, SHARDWATCH_PUBLIC_KEY: PUBLIC_KEY },
  );
}

interface RawClient {
  /** Send one ping; resolves with its RTT in ms. */
  ping(): Promise<number>;
  readonly inFlight: boolean;
  /** Frames that were not a `GATEWAY_PING` answer while pinging. */
  readonly strayFrames: number;
  close(): void;
}

const SPEC = dialectSpec('documented');
/** The connection's own ping frame. */
const PING_TEXT = encodeFrame(SPEC, { type: SPEC.pingOpcode });

/** The minimal documented-dialect client: text frames, register, then pings. */
async function connectRaw(url: string): Promise<RawClient> {
  // The connection's own socket layer: the same `ws` options, headers and keep-alive.
  let onFrame: (data: WebSocket.RawData) => void = () => undefined;
  let ws: WebSocket | null = null;
  await new Promise<void>((resolve, reject) => {
    ws = openGatewaySocket(
      new URL(url),
      { botId: BOT_ID, secret: SECRET, publicKey: PUBLIC_KEY, shardIn: 0, shardTotal: 1 },
      SPEC,
      {
        onOpen: resolve,
        onMessage: (data) => onFrame(data),
        onHttpError: (status) => reject(new Error(`raw client: HTTP ${status}`)),
        onError: reject,
        onClose: () => undefined,
      },
    );
  });
  const socket = ws as unknown as WebSocket;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('raw client: no READY')), 5000);
    onFrame = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(String(data)) as { type?: unknown; event?: unknown };
      if (msg.type === 1 && (msg.event === 'GATEWAY_READY' || msg.event === 'GATEWAY_RESUME')) {
        clearTimeout(timer);
        resolve();
      }
    };
    socket.send(JSON.stringify({ type: 1, d: { public_key: PUBLIC_KEY, shard_in: 0, flags: 0 } }));
  });

  let pending: { sentAt: number; resolve: (rtt: number) => void; timer: NodeJS.Timeout } | null =
    null;
  let strayFrames = 0;
  onFrame = (data: WebSocket.RawData) => {
    const at = performance.now();
    const p = pending;
    // Checked after the clock read, so the check is not part of the RTT.
    if (!p || !String(data).includes('"GATEWAY_PING"')) {
      strayFrames++;
      return;
    }
    pending = null;
    clearTimeout(p.timer);
    p.resolve(at - p.sentAt);
  };
  return {
    ping() {
      return new Promise<number>((resolve, reject) => {
        if (pending) return reject(new Error('raw client: a ping is already in flight'));
        const timer = setTimeout(() => {
          pending = null;
          reject(new Error(`raw client: no answer within ${TIMEOUT_MS} ms`));
        }, TIMEOUT_MS);
        const sentAt = performance.now();
        socket.send(PING_TEXT);
        pending = { sentAt, resolve, timer };
      });
    },
    get inFlight() {
      return pending !== null;
    },
    get strayFrames() {
      return strayFrames;
    },
    close() {
      socket.terminate();
    },
  };
}

function us(ms: number): string {
  return `${(ms * 1000).toFixed(1)} µs`;
}

function goal(overheadMs: number, goalUs: number): string {
  return `(goal ≤ ${goalUs} µs: ${overheadMs * 1000 <= goalUs ? 'goal met' : 'goal missed'})`;
}

/** Run the interleaved probe/raw ping comparison. */
export async function benchPingOverhead(): Promise<BenchResult> {
  const total = WARMUP + MEASURED;
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const sim = await startBenchSim();
  let raw: RawClient | null = null;
  try {
    raw = await connectRaw(sim.url);
    const rawClient = raw;
    const probeRtts: Array<number | null> = [];
    const rawRtts: number[] = [];
    let overlaps = 0;
    let rawError: Error | null = null;
    let rawChain: Promise<void> = Promise.resolve();
    let rawDone: () => void = () => undefined;
    const allRawDone = new Promise<void>((resolve) => {
      rawDone = resolve;
    });

    const run = startProbe(
      {
        url: sim.url,
        dialect: 'documented',
        register: false,
        botId: BOT_ID,
        secret: SECRET,
        publicKey: PUBLIC_KEY,
        shardIn: 0,
        shardTotal: 1,
        flags: 0,
        count: total,
        intervalMs: INTERVAL_MS,
        timeoutMs: TIMEOUT_MS,
      },
      {
        onPing: (ping) => {
          probeRtts.push(ping.rttMs);
          // The probe ping went out rtt ago; its successor is due one interval later.
          const nextProbeAt = performance.now() - (ping.rttMs ?? 0) + INTERVAL_MS;
          if (rawClient.inFlight) overlaps++;
          setTimeout(() => {
            // A raw ping still out (a stall in either process) delays this one
            // rather than overlapping it; the pair is counted as overlapping.
            if (rawClient.inFlight) overlaps++;
            rawChain = rawChain.then(() =>
              rawClient.ping().then(
                (rtt) => {
                  rawRtts.push(rtt);
                  if (performance.now() > nextProbeAt) overlaps++;
                  if (rawRtts.length >= total) rawDone();
                },
                (e: unknown) => {
                  rawError ??= e instanceof Error ? e : new Error(String(e));
                  rawDone();
                },
              ),
            );
          }, RAW_OFFSET_MS);
        },
      },
    );
    const report = await run.done;
    if (report.exitCode !== 0) {
      throw new Error(`the probe failed (exit ${report.exitCode}): ${report.error?.message}`);
    }
    await allRawDone;
    if (rawError) throw rawError;

    const probeSorted = probeRtts
      .slice(WARMUP)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    const rawSorted = rawRtts.slice(WARMUP).sort((a, b) => a - b);
    const probeP50 = percentile(probeSorted, 50);
    const probeP99 = percentile(probeSorted, 99);
    const rawP50 = percentile(rawSorted, 50);
    const rawP99 = percentile(rawSorted, 99);
    const overheadP50 = probeP50 - rawP50;
    const overheadP99 = probeP99 - rawP99;
    // Pairs (probe ping i, raw ping i) ran 2 ms apart: their difference
    // cancels most of the machine's drift.
    const paired: number[] = [];
    for (let i = WARMUP; i < total; i++) {
      const p = probeRtts[i];
      const r = rawRtts[i];
      if (typeof p === 'number' && r !== undefined) paired.push(p - r);
    }
    paired.sort((a, b) => a - b);
    const loadAfter = loadavg()[0] ?? Number.NaN;

    return {
      name: 'Ping overhead: probe path vs minimal raw ws client (interleaved, sim in a child process)',
      lines: [
        `${MEASURED} pings each after ${WARMUP} warm-up, alternating probe/raw every ` +
          `${RAW_OFFSET_MS} ms, documented dialect, simulator pid ${sim.pid}`,
        `probe (startProbe → createGatewayConnection): p50 ${us(probeP50)}, p99 ${us(probeP99)}`,
        `raw ws client:                               p50 ${us(rawP50)}, p99 ${us(rawP99)}`,
        `overhead at p50: ${us(overheadP50)} ${goal(overheadP50, GOAL_P50_US)}`,
        `overhead at p99: ${us(overheadP99)} ${goal(overheadP99, GOAL_P99_US)}`,
        `paired difference (probe − raw, same pair): median ${us(percentile(paired, 50))}`,
        `interleaving: ${overlaps} overlapping pairs, ${report.pings.filter((p) => p.lost).length} probe pings lost, ` +
          `${rawClient.strayFrames} stray frames on the raw client; 1-min load ` +
          `${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
      ],
      figures: {
        'probe.p50Us': probeP50 * 1000,
        'probe.p99Us': probeP99 * 1000,
        'raw.p50Us': rawP50 * 1000,
        'raw.p99Us': rawP99 * 1000,
        'overhead.p50Us': overheadP50 * 1000,
        'overhead.p99Us': overheadP99 * 1000,
        'paired.p50Us': percentile(paired, 50) * 1000,
        overlaps,
      },
    };
  } finally {
    raw?.close();
    await stopSimChild(sim);
  }
}
