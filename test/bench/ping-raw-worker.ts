/**
 * Worker side of `startRawWorker` (`ping-raw-client.ts`): the raw client in a
 * thread of its own, one ping per request from the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawWorkerMessage, RawWorkerStart } from './ping-raw-client';
import { connectRaw } from './ping-raw-client';

const port = parentPort;
if (port) {
  const post = (m: RawWorkerMessage): void => port.postMessage(m);
  const { url, identity, timeoutMs } = workerData as RawWorkerStart;
  connectRaw(url, identity, timeoutMs).then(
    (raw) => {
      port.on('message', () => {
        raw.ping().then(
          (rtt) => post({ kind: 'rtt', rtt }),
          (e: unknown) => post({ kind: 'error', message: String(e) }),
        );
      });
      post({ kind: 'open' });
    },
    (e: unknown) => post({ kind: 'error', message: String(e) }),
  );
}
