/**
 * A small purpose-built gateway server for the gateway client's integration
 * tests: real `ws` on 127.0.0.1, port 0. It records what the client sent
 * (headers, frames, framing, control frames) and lets each test script the
 * answers. Not the simulator (electron/sim): this one asserts wire rules.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { WebSocket, WebSocketServer } from 'ws';
import { zlibJson } from '../../../electron/core/gateway/codec';

/** One frame the client sent. */
export interface ClientFrame {
  isBinary: boolean;
  gzip: boolean;
  message: Record<string, unknown> | null;
}

/** One accepted client connection, seen from the server. */
export interface ServerConn {
  ws: WebSocket;
  headers: IncomingHttpHeaders;
  frames: ClientFrame[];
  /** Close code the server saw (1006 = no close frame, the TCP connection just went away). */
  closeCode: number | null;
  closed: Promise<number>;
  /** Send a JSON object as the dialect's server would (text or zlib binary). */
  send(obj: unknown): void;
  sendRaw(data: string | Buffer, binary: boolean): void;
}

export interface TestServerOptions {
  /** How the server frames what it sends: text (documented) or zlib binary (0.2.2). */
  framing: 'text' | 'zlib';
  /** Client frames must be gzip binary, never type 3 nor control frames (0.2.2 rules). */
  strict022?: boolean;
  /** Refuse the upgrade with this status and body. */
  refuse?: (req: IncomingMessage) => { status: number; body: string } | null;
  onConnection?: (conn: ServerConn) => void;
  onFrame?: (conn: ServerConn, frame: ClientFrame) => void;
}

export interface TestServer {
  url: string;
  port: number;
  conns: ServerConn[];
  upgrades: number;
  /** Wire-rule violations seen (strict022): must stay empty. */
  violations: string[];
  nextConn(): Promise<ServerConn>;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, autoPong: false });
  const conns: ServerConn[] = [];
  const violations: string[] = [];
  const waiters: Array<(c: ServerConn) => void> = [];
  const state = { upgrades: 0 };

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    state.upgrades++;
    const refusal = options.refuse?.(req) ?? null;
    if (refusal) {
      // The client may reset the socket once it has read the refusal (ECONNRESET): not an error here.
      socket.on('error', () => undefined);
      socket.end(
        `HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(refusal.body)}\r\nConnection: close\r\n\r\n${refusal.body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let resolveClosed: (code: number) => void = () => {};
      const conn: ServerConn = {
        ws,
        headers: req.headers,
        frames: [],
        closeCode: null,
        closed: new Promise<number>((r) => (resolveClosed = r)),
        send(obj) {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (options.framing === 'zlib') ws.send(zlibJson(obj));
          else ws.send(JSON.stringify(obj));
        },
        sendRaw(data, binary) {
          if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary });
        },
      };
      ws.on('ping', () => violations.push('client sent a WebSocket ping'));
      ws.on('pong', () => violations.push('client sent a WebSocket pong'));
      ws.on('error', () => {});
      ws.on('close', (code) => {
        conn.closeCode = code;
        if (options.strict022 && code !== 1006)
          violations.push(`client sent a close frame (${code})`);
        resolveClosed(code);
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const gzip = isBinary && data[0] === 0x1f && data[1] === 0x8b;
        let message: Record<string, unknown> | null = null;
        try {
          const text = gzip ? gunzipSync(data).toString('utf8') : data.toString('utf8');
          message = JSON.parse(text) as Record<string, unknown>;
        } catch {
          message = null;
        }
        if (options.strict022) {
          if (!gzip) violations.push('client frame is not gzip binary');
          if (message?.['type'] === 3) violations.push('client sent type 3');
        }
        const frame: ClientFrame = { isBinary, gzip, message };
        conn.frames.push(frame);
        options.onFrame?.(conn, frame);
      });
      conns.push(conn);
      options.onConnection?.(conn);
      waiters.splice(0).forEach((w) => w(conn));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  let seen = 0;

  return {
    url: `ws://127.0.0.1:${port}/gateway`,
    port,
    conns,
    get upgrades() {
      return state.upgrades;
    },
    violations,
    nextConn() {
      if (conns.length > seen) return Promise.resolve(conns[seen++]!);
      return new Promise((resolve) =>
        waiters.push((c) => {
          seen++;
          resolve(c);
        }),
      );
    },
    async close() {
      for (const c of conns) c.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Poll `cond` on real time (the client's timers may be on a fake clock). */
export async function waitFor(cond: () => boolean, what = 'condition', ms = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A READY answer as docs/protocol.md §1 shows it. */
export function readyMessage(event = 'GATEWAY_READY', flags = 1): Record<string, unknown> {
  return {
    type: 1,
    service: 'gateway',
    event,
    data: {
      application_bot: { flags, id: '1234567890', public_key: '[REDACTED]' },
      session_id: 'S'.repeat(40) + 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      shards_config: [[[[0, 1]]]],
      shards_stats: [
        [
          [
            [
              [
                [
                  [
                    {
                      development: false,
                      disconnected: false,
                      receibe_ping: 2,
                      received: 5,
                      send_ping: 3,
                      sending: 7,
                      shard_hash: 'C2iIDUxoUEVEh4IjUN5eQpx87UKcsqsEQfs',
                      shard_id: 0,
                      zone: 'eu',
                    },
                  ],
                ],
              ],
            ],
          ],
        ],
      ],
    },
  };
}

export const PING_ANSWER = { type: 3, service: 'gateway', event: 'GATEWAY_PING', data: {} };
export const HELLO = {
  type: 1,
  service: 'gateway',
  event: 'GATEWAY_HELLO',
  data: { starting_shards: true },
};

/** The real 0.2.2 server's HELLO, as measured (docs/protocol.md §2): send it with `zlibJson`. */
export const HELLO_022 = {
  data: { starting_shards: true },
  event: 'GATEWAY_HELLO',
  message: '',
  possible_error: false,
  rate_limit: true,
  service: 'gateway',
  type: 1,
};

/** A documented gateway (text frames) that answers a register with `ready` and every ping. */
export function startAnsweringServer(ready: unknown = readyMessage()): Promise<TestServer> {
  return startTestServer({
    framing: 'text',
    onFrame(conn, frame) {
      const type = frame.message?.['type'];
      if (type === 1) conn.send(ready);
      if (type === 3) conn.send(PING_ANSWER);
    },
  });
}

/**
 * A documented gateway that answers a register with READY carrying exactly
 * `shardsStats` (for shard lists no simulator sends: repeated or unusable
 * ids), and every ping.
 */
export function startShardListServer(shardsStats: unknown): Promise<TestServer> {
  return startAnsweringServer({
    type: 1,
    service: 'gateway',
    event: 'GATEWAY_READY',
    data: { shards_stats: shardsStats },
  });
}
