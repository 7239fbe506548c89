/**
 * `npm run bench -- pingworker` (issue #16): what a connection in a worker
 * thread (`openGatewayConnection`, as every profile runs in the app) adds to
 * a ping round trip, next to a minimal raw `ws` client, while a
 * 50,000-shard profile ingests a snapshot every second in the same process.
 *
 * Two simulators, each in a child process: a small one both pingers ping,
 * and one sending 50,000-shard `GATEWAY_SHARD_INFO` frames (about 9 MiB of
 * text) once a second to an app core's profile. The worker connection pings
 * every {@link INTERVAL_MS}; each of its answers schedules one raw ping half
 * an interval later, so drift hits both alike. The raw client runs on the
 * main thread, beside the core that ingests the 50,000 shards: that is the
 * point of the comparison (the worker's pings are timed on a thread of their
 * own). Figures only; nothing is asserted.
 *
 * A p99 difference is printed with a paired block-bootstrap 95 % interval
 * (`paired-percentile.ts`): the tail is made by about one snapshot burst a
 * second, at a phase of its own for each client, so one 20 s run's p99
 * difference moved by several hundred µs from run to run; hence the long
 * default (`SHARDWATCH_BENCH_PING_WORKER_PINGS` sets it).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createAppCore } from '../../electron/core/api';
import { createRecordingNotifier } from '../../electron/core/alerts/notifier';
import { createMemoryCipher } from '../../electron/core/profiles/secret-cipher';
import { openGatewayConnection } from '../../electron/core/gateway/worker-connection';
import { createWorkerGatewayConnection } from '../../electron/core/gateway/worker-connection';
import type { PingEvent } from '../../electron/core/gateway/connection';
import { DEFAULT_SIM_CREDENTIALS } from '../../electron/sim';
import { percentile } from '../../shared/percentile';
import { benchProfile, sleep } from './core-load-driver';
import type { BenchResult } from './shard-ingest';
import { startSimChild, stopSimChild } from './sim-child';
import type { RawClient } from './ping-raw-client';
import { connectRaw, startRawWorker } from './ping-raw-client';
import type { PairedDiff, TimedSample } from './paired-percentile';
import { pairedPercentileDiff } from './paired-percentile';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const WARMUP = 100;
/**
 * 20,000 pings (about 3.5 minutes): a p99 is then made by the pings about
 * 190 snapshot bursts hit, and the 95 % interval of a p99 difference narrows
 * to ±0.3–0.4 ms; 2,000 (20 bursts) gave ±0.7–1.6 ms (docs/benchmarks.md).
 */
const MEASURED = Number(process.env['SHARDWATCH_BENCH_PING_WORKER_PINGS'] ?? 20_000);
const INTERVAL_MS = 10;
/** After each worker ping's outcome: the raw ping on the main thread, then the one in a worker. */
const RAW_OFFSET_MS = 3;
const RAW_WORKER_OFFSET_MS = 6;
/**
 * How the raw clients are paced. `free` (the default): each pings on its own
 * thread's timers at the connection's cadence, as the connection does in its
 * thread. `chained` (`SHARDWATCH_BENCH_PING_RAW=chained`, the pacing until
 * 2026-12-03): each raw ping follows a connection ping's `ping` event on the
 * main thread — which waits while the main thread ingests a snapshot, so the
 * raw pings skipped the ingest the connection's pings went through, and the
 * comparison's p99 was biased against the connection (docs/benchmarks.md).
 */
const RAW_MODE: 'free' | 'chained' =
  process.env['SHARDWATCH_BENCH_PING_RAW'] === 'chained' ? 'chained' : 'free';
const TIMEOUT_MS = 2000;
const BIG_SHARDS = Number(process.env['SHARDWATCH_BENCH_WIRE_SHARDS'] ?? 50_000);
const GOAL_P50_US = 20;
const GOAL_P99_US = 200;

const { botId: BOT_ID, secret: SECRET, publicKey: PUBLIC_KEY } = DEFAULT_SIM_CREDENTIALS;

function us(ms: number): string {
  return `${(ms * 1000).toFixed(1)} µs`;
}

function goal(overheadMs: number, goalUs: number): string {
  return `(goal ≤ ${goalUs} µs: ${overheadMs * 1000 <= goalUs ? 'goal met' : 'goal missed'})`;
}

/** A p99 difference with its paired block-bootstrap interval, and what the run can say of the goal. */
function tail(d: PairedDiff, goalUs: number): string {
  const [est, lo, hi] = [d.estimate, d.lo, d.hi].map((v) => v * 1000) as [number, number, number];
  const span = `95 % interval ${lo.toFixed(1)} to ${hi.toFixed(1)} µs over ${d.blocks} one-second blocks`;
  const verdict =
    est <= goalUs
      ? hi <= goalUs
        ? 'goal met'
        : 'goal met at the estimate; the interval reaches over it'
      : lo > goalUs
        ? 'goal missed'
        : 'goal missed at the estimate; the interval reaches under it';
  return `${est.toFixed(1)} µs (${span}; goal ≤ ${goalUs} µs: ${verdict})`;
}

export async function benchPingWorker(): Promise<BenchResult> {
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const small = await startSimChild(['--shards', '4', '--shard-info-interval', '0']);
  const big = await startSimChild([
    '--shards',
    String(BIG_SHARDS),
    '--shard-info-interval',
    '1000',
  ]);
  const dataDir = makeTempDir('shardwatch-bench-ping-worker-');
  let snapshots = 0;
  const core = createAppCore({
    dataDir,
    cipher: createMemoryCipher(),
    notifier: createRecordingNotifier(),
    mode: 'browser',
    historyFile: null,
    connectionFactory: (o) => {
      const c = openGatewayConnection(o);
      c.on('shards', (ev) => {
        if (ev.source === 'shard-info') snapshots++;
      });
      return c;
    },
  });
  core.on('event:delta', () => {});
  const identity = {
    botId: BOT_ID,
    secret: SECRET,
    publicKey: PUBLIC_KEY,
    shardIn: 0,
    shardTotal: 1,
  };
  let raw: RawClient | null = null;
  let rawWorker: RawClient | null = null;
  const conn = createWorkerGatewayConnection({
    url: small.url,
    dialect: 'documented',
    mode: 'ping-only',
    identity,
    flags: 0,
    pingIntervalFloorMs: INTERVAL_MS,
    pingIntervalMs: INTERVAL_MS,
    pingTimeoutMs: TIMEOUT_MS,
  });
  try {
    await core.start();
    const r = await core.api['command:create-profile']({
      ...benchProfile('Big bot', big.url),
      shardTotal: BIG_SHARDS,
    });
    if (!r.ok) throw new Error(r.error.message);
    const deadline = performance.now() + 60_000;
    while (snapshots < 2) {
      if (performance.now() > deadline) throw new Error('no snapshots from the big simulator');
      await sleep(50);
    }
    raw = await connectRaw(small.url, identity, TIMEOUT_MS);
    rawWorker = await startRawWorker({ url: small.url, identity, timeoutMs: TIMEOUT_MS });
    const total = WARMUP + MEASURED;
    const workerPings: PingEvent[] = [];
    let allPinged: () => void = () => undefined;
    const connectionDone = new Promise<void>((resolve) => {
      allPinged = resolve;
    });
    const snapshots0 = snapshots;
    const rawSamples: TimedSample[][] = [[], []];
    const t0 = performance.now();
    if (RAW_MODE === 'free') {
      conn.on('ping', (ev) => {
        if (workerPings.length >= total) return;
        workerPings.push(ev);
        if (workerPings.length >= total) allPinged();
      });
      conn.connect();
      // Each raw client on its own thread's timers, at the connection's cadence.
      const runs = [
        raw.run(total, INTERVAL_MS, RAW_OFFSET_MS),
        rawWorker.run(total, INTERVAL_MS, RAW_WORKER_OFFSET_MS),
      ];
      const [onMain, inWorker] = await Promise.all(runs);
      rawSamples[0] = onMain ?? [];
      rawSamples[1] = inWorker ?? [];
      await connectionDone;
    } else {
      const clients = [raw, rawWorker];
      const offsets = [RAW_OFFSET_MS, RAW_WORKER_OFFSET_MS];
      let chains = [Promise.resolve(), Promise.resolve()];
      let rawError: Error | null = null;
      conn.on('ping', (ev) => {
        if (workerPings.length >= total) return;
        workerPings.push(ev);
        chains = chains.map((chain, k) => {
          const delayed = new Promise<void>((resolve) => setTimeout(resolve, offsets[k]));
          return Promise.all([chain, delayed]).then(() =>
            clients[k]?.ping().then(
              (sample) => void rawSamples[k]?.push(sample),
              (e: unknown) => {
                rawError ??= e instanceof Error ? e : new Error(String(e));
              },
            ),
          );
        });
        if (workerPings.length >= total) allPinged();
      });
      conn.connect();
      await connectionDone;
      await Promise.all(chains);
      if (rawError) throw rawError;
    }
    const seconds = (performance.now() - t0) / 1000;
    const measured = workerPings.slice(WARMUP);
    const answered = measured.filter((p) => !p.lost && p.rttMs !== null);
    const disturbed = answered.filter((p) => p.disturbed === true).length;
    const workerSorted = answered.map((p) => p.rttMs as number).sort((a, b) => a - b);
    const sorted = (samples: TimedSample[]) =>
      samples
        .slice(WARMUP)
        .map((x) => x.rtt)
        .sort((a, b) => a - b);
    const rawSorted = sorted(rawSamples[0] ?? []);
    const rawWorkerSorted = sorted(rawSamples[1] ?? []);
    // The connection's samples, on the same epoch clock as the raw ones (its `at` is the worker's wall clock).
    const workerTimed: TimedSample[] = answered.map((p) => ({ at: p.at, rtt: p.rttMs as number }));
    const p99Vs = (k: number): PairedDiff =>
      pairedPercentileDiff(workerTimed, (rawSamples[k] ?? []).slice(WARMUP), { p: 99 });
    const vsMain = p99Vs(0);
    const vsWorker = p99Vs(1);
    const wP50 = percentile(workerSorted, 50);
    const wP99 = percentile(workerSorted, 99);
    const rP50 = percentile(rawSorted, 50);
    const rP99 = percentile(rawSorted, 99);
    const tP50 = percentile(rawWorkerSorted, 50);
    const tP99 = percentile(rawWorkerSorted, 99);
    const undisturbed = answered
      .filter((p) => p.disturbed !== true)
      .map((p) => p.rttMs as number)
      .sort((a, b) => a - b);
    const dump = process.env['SHARDWATCH_BENCH_PING_WORKER_DUMP'];
    if (dump) {
      // Every measured sample, for pooling runs or looking at a run over time.
      const raws = rawSamples.map((k) => k.slice(WARMUP));
      writeFileSync(
        dump,
        JSON.stringify({ worker: measured, rawMain: raws[0], rawWorker: raws[1] }),
      );
    }
    const loadAfter = loadavg()[0] ?? Number.NaN;
    return {
      name: `Ping overhead: worker connection vs raw ws client while a ${BIG_SHARDS}-shard profile ingests at 1 Hz`,
      lines: [
        `${MEASURED} pings each after ${WARMUP} warm-up; ${RAW_MODE === 'free' ? `each client on its own thread's timers every ${INTERVAL_MS} ms, the raw ones starting ${RAW_OFFSET_MS} ms (main thread) and ${RAW_WORKER_OFFSET_MS} ms (worker) after the connection` : `the raw pings ${RAW_OFFSET_MS} ms (main thread) and ${RAW_WORKER_OFFSET_MS} ms (worker) after each worker ping's outcome reached the main thread (chained)`}; ${snapshots - snapshots0} snapshots of ${BIG_SHARDS} shards ingested ` +
          `by the core in the ${seconds.toFixed(1)} s`,
        `worker (openGatewayConnection, RTT timed in its thread): p50 ${us(wP50)}, p99 ${us(wP99)} ` +
          `(${measured.length - answered.length} lost, ${disturbed} marked disturbed; undisturbed ` +
          `p50 ${us(percentile(undisturbed, 50))}, p99 ${us(percentile(undisturbed, 99))})`,
        `raw client on the main thread (beside the ingest):      p50 ${us(rP50)}, p99 ${us(rP99)}`,
        `raw client in a worker thread of its own:               p50 ${us(tP50)}, p99 ${us(tP99)}`,
        `overhead vs the main-thread raw client at p50: ${us(wP50 - rP50)} ${goal(wP50 - rP50, GOAL_P50_US)}`,
        `overhead vs the main-thread raw client at p99: ${tail(vsMain, GOAL_P99_US)}`,
        `overhead vs the worker-thread raw client at p50: ${us(wP50 - tP50)} ${goal(wP50 - tP50, GOAL_P50_US)}`,
        `overhead vs the worker-thread raw client at p99: ${tail(vsWorker, GOAL_P99_US)}`,
        `1-min load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
      ],
      figures: {
        'worker.p50Us': wP50 * 1000,
        'worker.p99Us': wP99 * 1000,
        'raw.p50Us': rP50 * 1000,
        'raw.p99Us': rP99 * 1000,
        'overhead.p50Us': (wP50 - rP50) * 1000,
        'overhead.p99Us': (wP99 - rP99) * 1000,
        'overhead.p99LoUs': vsMain.lo * 1000,
        'overhead.p99HiUs': vsMain.hi * 1000,
        'rawWorker.p50Us': tP50 * 1000,
        'rawWorker.p99Us': tP99 * 1000,
        'overheadVsWorker.p50Us': (wP50 - tP50) * 1000,
        'overheadVsWorker.p99Us': (wP99 - tP99) * 1000,
        'overheadVsWorker.p99LoUs': vsWorker.lo * 1000,
        'overheadVsWorker.p99HiUs': vsWorker.hi * 1000,
        disturbed,
        snapshots: snapshots - snapshots0,
      },
    };
  } finally {
    conn.dispose();
    raw?.close();
    rawWorker?.close();
    await core.dispose();
    removeTempDir(dataDir);
    await stopSimChild(small);
    await stopSimChild(big);
  }
}
