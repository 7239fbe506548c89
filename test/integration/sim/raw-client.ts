/**
 * A raw `ws` test client for the simulator. Deliberately independent of the
 * gateway client in electron/core/gateway/ (and of the simulator's own codec)
 * so a shared bug cannot hide itself.
 */
import { gunzipSync, gzipSync, deflateSync, inflateSync } from 'node:zlib';
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import type { SimCredentials } from '../../../electron/sim/simulator';

/** One frame as the client saw it. */
export interface Frame {
  binary: boolean;
  /** `text`, `zlib`, `gzip` or `raw` (binary without a compression header). */
  framing: 'text' | 'zlib' | 'gzip' | 'raw';
  bytes: Buffer;
  /** Parsed JSON, or undefined when the frame was not decodable. */
  json: unknown;
}

/** A JSON object frame with the fields tests look at. */
export interface Msg {
  type: number;
  service?: string;
  event?: string;
  data?: unknown;
  possible_error?: boolean;
  message?: string;
  [key: string]: unknown;
}

export interface RawClient {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  /** Wait for the next frame not yet consumed by next()/nextMsg(). */
  next(timeoutMs?: number): Promise<Frame>;
  /** Next frame, which must decode to an object with an integer `type`. */
  nextMsg(timeoutMs?: number): Promise<Msg>;
  sendGzip(value: unknown): void;
  sendZlib(value: unknown): void;
  sendText(value: unknown): void;
  sendRawBinary(value: unknown): void;
  close(): void;
}

export interface UpgradeRefusal {
  status: number;
  body: string;
}

function decode(data: RawData, isBinary: boolean): Frame {
  const bytes = Buffer.isBuffer(data)
    ? data
    : Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.from(data);
  let framing: Frame['framing'] = 'text';
  if (isBinary) {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) framing = 'gzip';
    else if (bytes[0] === 0x78) framing = 'zlib';
    else framing = 'raw';
  }
  let json: unknown;
  try {
    const text =
      framing === 'gzip'
        ? gunzipSync(bytes).toString()
        : framing === 'zlib'
          ? inflateSync(bytes).toString()
          : bytes.toString();
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { binary: isBinary, framing, bytes, json };
}

/** True when a frame is a well-formed gateway message. */
export function isMsg(value: unknown): value is Msg {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Number.isInteger((value as { type?: unknown }).type)
  );
}

/** The five identification headers (docs/protocol.md §1 "Connecting"). */
export function identHeaders(
  creds: SimCredentials,
  shardIn = 0,
  shardTotal = 1,
): Record<string, string> {
  return {
    Identification: creds.botId,
    Secret: creds.secret,
    'Public-Key': creds.publicKey,
    'Shard-In': String(shardIn),
    'Shard-Total': String(shardTotal),
  };
}

const openClients = new Set<WebSocket>();

/** Terminate every client still open (afterEach). */
export function closeAllClients(): void {
  for (const ws of openClients) ws.terminate();
  openClients.clear();
}

/**
 * Connect; resolves on `open`. Rejects with an {@link UpgradeRefusal} when the
 * server answers the upgrade with an HTTP status instead of 101.
 */
export function connect(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    openClients.add(ws);
    const frames: Frame[] = [];
    let consumed = 0;
    let waiter: (() => void) | null = null;
    let closedFlag = false;
    const closed = new Promise<{ code: number; reason: string }>((res) => {
      ws.on('close', (code, reason) => {
        closedFlag = true;
        openClients.delete(ws);
        res({ code, reason: reason.toString() });
        waiter?.();
      });
    });
    ws.on('message', (data, isBinary) => {
      frames.push(decode(data, isBinary));
      waiter?.();
    });
    ws.on('unexpected-response', (req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        openClients.delete(ws);
        req.destroy();
        reject({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
      });
    });
    ws.on('error', (err) => reject(err));
    const next = (timeoutMs = 2000): Promise<Frame> =>
      new Promise((res, rej) => {
        const check = (): boolean => {
          const frame = frames[consumed];
          if (frame) {
            consumed++;
            waiter = null;
            clearTimeout(timer);
            res(frame);
            return true;
          }
          if (closedFlag) {
            waiter = null;
            clearTimeout(timer);
            rej(new Error('socket closed while waiting for a frame'));
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiter = null;
          rej(new Error(`no frame within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiter = () => void check();
      });
    const client: RawClient = {
      ws,
      frames,
      closed,
      isClosed: () => closedFlag,
      next,
      async nextMsg(timeoutMs) {
        const frame = await next(timeoutMs);
        if (!isMsg(frame.json)) {
          throw new Error(`not a gateway message: ${frame.bytes.toString('hex').slice(0, 60)}`);
        }
        return frame.json;
      },
      sendGzip: (value) => ws.send(gzipSync(JSON.stringify(value)), { binary: true }),
      sendZlib: (value) => ws.send(deflateSync(JSON.stringify(value)), { binary: true }),
      sendText: (value) => ws.send(JSON.stringify(value), { binary: false }),
      sendRawBinary: (value) => ws.send(Buffer.from(JSON.stringify(value)), { binary: true }),
      close: () => ws.close(),
    };
    ws.on('open', () => resolve(client));
  });
}

/** Poll until `check` is true. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
