/**
 * The WebSocket under a gateway connection: the upgrade with its
 * identification headers, the body of a refused upgrade, and how a socket is
 * let go. No state machine here: `connection.ts` decides what each outcome
 * means.
 */
import WebSocket from 'ws';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { DialectSpec } from '../../../shared/dialects';
import { IDENTIFICATION_HEADERS } from '../../../shared/protocol';
import { MAX_FRAME_BYTES } from './codec';
import type { GatewayIdentity } from './options';

/**
 * `ws`'s own limit for a connection whose codec takes frames up to
 * `maxFrameBytes`: frames up to twice the limit are read by `ws` and then
 * refused by the codec (counted, connection kept); bigger ones make `ws`
 * drop the connection rather than buffer them.
 */
export function wireMaxPayload(maxFrameBytes: number): number {
  return 2 * maxFrameBytes;
}

/** {@link wireMaxPayload} of the codec's default limit. */
export const WIRE_MAX_PAYLOAD = wireMaxPayload(MAX_FRAME_BYTES);
/** Bound on an HTTP error body read from a refused upgrade. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** How long a graceful close may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 1000;
/**
 * TCP keep-alive on the gateway socket. A ping-only monitor waiting for the
 * bot gets no ping answers by design, so a dead network path would go
 * unnoticed; the kernel's probes find it without a byte reaching the
 * gateway's WebSocket reader.
 */
const KEEPALIVE_INITIAL_DELAY_MS = 30_000;

/** What one socket saw, for classifying how it ended (`failures.ts`). */
export interface SocketInfo {
  openedAt: number | null;
  messages: number;
  lastError: (Error & { code?: string }) | null;
  /** The last `message` a `possible_error` frame carried, shown if the server then closes. */
  serverSaid: string | null;
}

/** A socket that has seen nothing yet. */
export function newSocketInfo(): SocketInfo {
  return { openedAt: null, messages: 0, lastError: null, serverSaid: null };
}

/** What the socket reports; every callback is for this socket only. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: WebSocket.RawData, isBinary: boolean): void;
  /** The server answered the upgrade with an HTTP status; `body` is capped at 64 KiB. */
  onHttpError(status: number, statusText: string, body: string): void;
  onError(err: Error & { code?: string }): void;
  /** Not called after `onHttpError`. */
  onClose(code: number, reason: string): void;
}

/**
 * Open a WebSocket to the gateway with the five identification headers.
 * Throws when `ws` cannot even start (a bad URL for it, bad header bytes).
 */
export function openGatewaySocket(
  url: URL,
  identity: GatewayIdentity,
  spec: DialectSpec,
  h: SocketHandlers,
  maxFrameBytes: number = MAX_FRAME_BYTES,
): WebSocket {
  const ws = new WebSocket(url, {
    headers: {
      [IDENTIFICATION_HEADERS.id]: identity.botId,
      [IDENTIFICATION_HEADERS.secret]: identity.secret,
      [IDENTIFICATION_HEADERS.publicKey]: identity.publicKey,
      [IDENTIFICATION_HEADERS.shardIn]: String(identity.shardIn),
      [IDENTIFICATION_HEADERS.shardTotal]: String(identity.shardTotal),
    },
    perMessageDeflate: false,
    // A pong is a control frame; 0.2.2 dies on it (docs/protocol.md §2 "Framing").
    autoPong: spec.allowsControlFrames,
    // UTF-8 is checked by the codec, which counts a bad frame instead of
    // letting `ws` close the connection over it.
    skipUTF8Validation: true,
    maxPayload: wireMaxPayload(maxFrameBytes),
    followRedirects: false,
  });
  if (!spec.allowsControlFrames) {
    // `ws` answers the server's close frame with one of its own, and the
    // 0.2.2 reader dies on control frames: where the dialect forbids them,
    // every close is a TCP destroy. The close code seen stays the server's.
    ws.close = () => ws.terminate();
  }
  let httpFailure = false;
  ws.on('upgrade', (res: IncomingMessage) => {
    res.socket.setKeepAlive(true, KEEPALIVE_INITIAL_DELAY_MS);
  });
  ws.on('open', () => h.onOpen());
  ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => h.onMessage(data, isBinary));
  ws.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
    httpFailure = true;
    readErrorBody(req, res, (body) =>
      h.onHttpError(res.statusCode ?? 0, res.statusMessage ?? '', body),
    );
  });
  ws.on('error', (err: Error) => h.onError(err));
  ws.on('close', (code: number, reason: Buffer) => {
    if (!httpFailure) h.onClose(code, reason.toString('utf8'));
  });
  return ws;
}

function readErrorBody(req: ClientRequest, res: IncomingMessage, done: (body: string) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    res.removeAllListeners('data');
    req.destroy();
    done(Buffer.concat(chunks).toString('utf8'));
  };
  res.on('data', (chunk: Buffer) => {
    if (finished) return;
    chunks.push(chunk.subarray(0, Math.max(0, MAX_ERROR_BODY_BYTES - size)));
    size += chunk.length;
    if (size >= MAX_ERROR_BODY_BYTES) finish();
  });
  res.on('end', finish);
  res.on('error', finish);
  res.on('aborted', finish);
  res.on('close', finish);
}

/** Lets sockets go; owns the grace timers of closing ones. */
export interface SocketRetirer {
  /**
   * Detach a socket and close it. A graceful close sends a close frame,
   * which is a control frame: never in a dialect that forbids them (0.2.2's
   * reader dies on it and never answers), so there the TCP connection is
   * destroyed (docs/protocol.md §2 "How connections die").
   */
  retire(ws: WebSocket, graceful: boolean): void;
  /** Destroy every socket still closing and clear its timer. */
  dispose(): void;
}

/** Create the socket retirer of one connection. */
export function createSocketRetirer(clock: Clock, spec: DialectSpec): SocketRetirer {
  const closing = new Map<WebSocket, TimerHandle | null>();
  return {
    retire(ws, graceful) {
      ws.removeAllListeners();
      // Late errors (e.g. the abort of a pending upgrade) belong to nobody now.
      ws.on('error', () => {});
      if (graceful && spec.allowsControlFrames && ws.readyState === WebSocket.OPEN) {
        ws.close(1000, 'client stop');
        const timer = clock.setTimeout(() => {
          closing.delete(ws);
          ws.terminate();
        }, CLOSE_GRACE_MS);
        closing.set(ws, timer);
        ws.once('close', () => {
          clock.clearTimeout(timer);
          closing.delete(ws);
        });
      } else {
        ws.terminate();
      }
    },
    dispose() {
      for (const [ws, timer] of closing) {
        clock.clearTimeout(timer);
        ws.terminate();
      }
      closing.clear();
    },
  };
}
