/**
 * Worker side of `startRawWorker` (`ping-raw-client.ts`): the raw client in a
 * thread of its own: one ping per request from the main thread, or a free
 * run on this thread's own timers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawWorkerMessage, RawWorkerRequest, RawWorkerStart } from './ping-raw-client';
import { connectRaw } from './ping-raw-client';

const port = parentPort;
if (port) {
  const post = (m: RawWorkerMessage): void => port.postMessage(m);
  const { url, identity, timeoutMs } = workerData as RawWorkerStart;
  connectRaw(url, identity, timeoutMs).then(
    (raw) => {
      const failed = (e: unknown): void => post({ kind: 'error', message: String(e) });
      port.on('message', (m: RawWorkerRequest) => {
        if (m.kind === 'run')
          raw
            .run(m.count, m.intervalMs, m.delayMs)
            .then((samples) => post({ kind: 'samples', samples }), failed);
        else raw.ping().then((sample) => post({ kind: 'sample', sample }), failed);
      });
      post({ kind: 'open' });
    },
    (e: unknown) => post({ kind: 'error', message: String(e) }),
  );
}
