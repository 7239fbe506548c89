/**
 * The raw client of `npm run bench -- pingworker`: the least a client can do
 * to time a ping in the documented dialect, on the gateway connection's own
 * socket layer (`openGatewaySocket`: the same `ws` options, headers and
 * keep-alive) and with the same ping frame (`encodeFrame`), so the only
 * difference from the connection is the connection's machinery. The clock is
 * read right before `ws.send` and first thing in the `message` handler.
 *
 * {@link startRawWorker} runs the same client in a worker thread of its own
 * (`ping-raw-worker.ts`), beside the connection's worker, so the two can also
 * be compared with the same thread conditions.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type WebSocket from 'ws';
import { dialectSpec } from '../../shared/dialects';
import { encodeFrame } from '../../electron/core/gateway/codec';
import { openGatewaySocket } from '../../electron/core/gateway/socket';
import type { GatewayIdentity } from '../../electron/core/gateway/options';
import type { TimedSample } from './paired-percentile';

/** A raw pinger: one ping at a time. */
export interface RawClient {
  /** Send one ping; resolves with its RTT (ms) and when its answer was read (epoch ms). */
  ping(): Promise<TimedSample>;
  /**
   * Ping `count` times on the client's own thread and timers: the first after
   * `delayMs`, each next one `intervalMs` after the previous was sent (the
   * connection's own cadence, ping-scheduler.ts); resolves with every sample.
   */
  run(count: number, intervalMs: number, delayMs: number): Promise<TimedSample[]>;
  close(): void;
}

/** {@link RawClient.run} for a client's `ping` on this thread. */
export function runFree(
  ping: () => Promise<TimedSample>,
  count: number,
  intervalMs: number,
  delayMs: number,
): Promise<TimedSample[]> {
  const samples: TimedSample[] = [];
  return new Promise<TimedSample[]>((resolve, reject) => {
    const next = (): void => {
      const sentAt = performance.now();
      ping().then((sample) => {
        samples.push(sample);
        if (samples.length >= count) return resolve(samples);
        setTimeout(next, Math.max(0, sentAt + intervalMs - performance.now()));
      }, reject);
    };
    setTimeout(next, delayMs);
  });
}

const SPEC = dialectSpec('documented');

/** Connect the raw client to `url` as `identity`, pinging only. */
export async function connectRaw(
  url: string,
  identity: GatewayIdentity,
  timeoutMs: number,
): Promise<RawClient> {
  const frame = encodeFrame(SPEC, { type: SPEC.pingOpcode });
  let pending: {
    sentAt: number;
    resolve: (sample: TimedSample) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  let ws: WebSocket | null = null;
  await new Promise<void>((resolve, reject) => {
    ws = openGatewaySocket(new URL(url), identity, SPEC, {
      onOpen: resolve,
      onMessage(data) {
        const at = performance.now();
        const p = pending;
        // Checked after the clock read, so the check is not part of the RTT.
        if (!p || !String(data).includes('"GATEWAY_PING"')) return;
        pending = null;
        clearTimeout(p.timer);
        // Epoch ms: each thread's `performance.now()` has its own origin.
        p.resolve({ at: performance.timeOrigin + at, rtt: at - p.sentAt });
      },
      onHttpError: (status) => reject(new Error(`raw client: HTTP ${status}`)),
      onError: reject,
      onClose: () => undefined,
    });
  });
  const socket = ws as unknown as WebSocket;
  const client: RawClient = {
    run: (count, intervalMs, delayMs) => runFree(client.ping, count, intervalMs, delayMs),
    ping() {
      return new Promise<TimedSample>((resolve, reject) => {
        if (pending) return reject(new Error('raw client: a ping is already in flight'));
        const timer = setTimeout(() => {
          pending = null;
          reject(new Error(`raw client: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        const sentAt = performance.now();
        socket.send(frame);
        pending = { sentAt, resolve, timer };
      });
    },
    close() {
      socket.terminate();
    },
  };
  return client;
}

/** What the raw worker is started with. */
export interface RawWorkerStart {
  url: string;
  identity: GatewayIdentity;
  timeoutMs: number;
}

/** Main → worker: one ping, or a free run ({@link RawClient.run}). */
export type RawWorkerRequest =
  { kind: 'ping' } | { kind: 'run'; count: number; intervalMs: number; delayMs: number };

/** Worker → main: ready, one ping's sample, a free run's samples, or an error. */
export type RawWorkerMessage =
  | { kind: 'open' }
  | { kind: 'sample'; sample: TimedSample }
  | { kind: 'samples'; samples: TimedSample[] }
  | { kind: 'error'; message: string };

/**
 * The raw client in a worker thread; each `ping()` asks it for one ping and
 * gets the RTT it timed there (the RTT crosses the port after it is taken).
 * The worker runs the TypeScript sources through tsx's loader.
 */
export async function startRawWorker(start: RawWorkerStart): Promise<RawClient> {
  const req = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(req.resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./ping-raw-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(code, { eval: true, workerData: start });
  let waiting: { resolve: (s: TimedSample) => void; reject: (e: Error) => void } | null = null;
  let running: { resolve: (s: TimedSample[]) => void; reject: (e: Error) => void } | null = null;
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: RawWorkerMessage) => {
      if (m.kind === 'open') return resolve();
      if (m.kind === 'samples') {
        running?.resolve(m.samples);
        running = null;
        return;
      }
      const w = waiting;
      waiting = null;
      if (m.kind === 'sample') return w?.resolve(m.sample);
      const r = running;
      running = null;
      (w?.reject ?? r?.reject ?? reject)(new Error(m.message));
    });
    worker.once('error', reject);
  });
  await opened;
  return {
    ping() {
      return new Promise<TimedSample>((resolve, reject) => {
        if (waiting) return reject(new Error('raw worker: a ping is already in flight'));
        waiting = { resolve, reject };
        worker.postMessage({ kind: 'ping' } satisfies RawWorkerRequest);
      });
    },
    run(count, intervalMs, delayMs) {
      return new Promise<TimedSample[]>((resolve, reject) => {
        if (running || waiting) return reject(new Error('raw worker: already pinging'));
        running = { resolve, reject };
        worker.postMessage({ kind: 'run', count, intervalMs, delayMs } satisfies RawWorkerRequest);
      });
    },
    close() {
      void worker.terminate();
    },
  };
}
