/**
 * A webhook receiver on loopback (node:http on port 0) for delivery tests:
 * records every request and answers what the test scripts — 204, a 429 with
 * `retry_after`, an echo of the path — and can go down and come back on the
 * same port.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** What to answer. */
export interface ReceiverAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A running receiver. */
export interface HttpReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>`. */
  url(path: string): string;
  readonly requests: ReceivedRequest[];
  /** Answer the next requests with these, in order; then `fallback`. */
  queueAnswers(...answers: ReceiverAnswer[]): void;
  fallback: (req: ReceivedRequest) => ReceiverAnswer;
  /** Stop listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Resolves when `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Start a receiver on a free loopback port. */
export async function startReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const queued: ReceiverAnswer[] = [];
  const waiters: Array<{ count: number; done: () => void }> = [];
  let server: Server | null = null;
  let port = 0;

  const handle: HttpReceiver = {
    get port() {
      return port;
    },
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    queueAnswers: (...a) => void queued.push(...a),
    fallback: () => ({ status: 204 }),
    async down() {
      const s = server;
      server = null;
      if (!s) return;
      await new Promise<void>((r) => {
        s.close(() => r());
        s.closeAllConnections();
      });
    },
    async up() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(body);
          } catch {
            json = null;
          }
          const r: ReceivedRequest = {
            method: req.method ?? '',
            path: req.url ?? '',
            headers: req.headers,
            body,
            json,
          };
          requests.push(r);
          const answer = queued.shift() ?? handle.fallback(r);
          res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
          res.end(answer.body ?? '');
          for (const w of [...waiters])
            if (requests.length >= w.count) {
              waiters.splice(waiters.indexOf(w), 1);
              w.done();
            }
        });
      });
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      port = (s.address() as AddressInfo).port;
    },
    waitFor(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((done) => waiters.push({ count, done }));
    },
    close: () => handle.down(),
  };
  await handle.up();
  return handle;
}
