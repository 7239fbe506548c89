/**
 * Browser mode (docs/architecture.md §1): serves the built renderer and carries the
 * AppApi contract over a loopback WebSocket bridge, so the same UI runs in any
 * browser and in Playwright's Chromium.
 *
 * Security decisions:
 * - Binds 127.0.0.1 unless told otherwise.
 * - The page and the bridge need the session: the printed one-time token
 *   (compared in constant time) or the HttpOnly, SameSite=Strict cookie the
 *   page receives for it on first load (session.ts). The page then drops the
 *   token from its address, so tabs and bookmarks carry no secret and keep
 *   working across restarts; `Referrer-Policy: no-referrer` keeps the token
 *   out of any outgoing request meanwhile.
 * - The bridge refuses a foreign `Origin` and a foreign `Host` (DNS rebinding).
 * - A strict CSP is sent with every response.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { ApiEventChannel, ApiEvents, ApiResult } from '../../shared/api';
import { API_EVENT_CHANNELS, apiError } from '../../shared/api';
import type { BridgeEvent, BridgeResponse } from '../../shared/bridge';
import { BRIDGE_PATH, bridgeJsonText, TOKEN_PARAM } from '../../shared/bridge';
import { bridgeRequestId, checkBridgeRequest } from './bridge-request';
import { hasSession, sessionCookieHeader } from './session';
import { sayEnglish } from '../../shared/i18n/translator';
import type { Say } from '../../shared/i18n/translator';

/** What the bridge needs from the core: one validated entry point and event subscriptions. */
export interface BridgeCore {
  /** Validates `args` against the contract and runs the request. Never throws. */
  handle(channel: unknown, args: unknown): Promise<ApiResult<unknown>>;
  on<E extends ApiEventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** Options of {@link createServeServer}. */
export interface ServeOptions {
  core: BridgeCore;
  /** Folder of the built renderer (`out/renderer`). */
  staticDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); random 32 bytes otherwise. */
  token?: string;
  /**
   * Secret the session cookie is derived from; keep it (session.ts
   * `loadSessionSecret`) so sessions survive a restart. Random per run
   * otherwise.
   */
  sessionSecret?: Buffer;
  /** Called once per refused request kind, for the log. */
  log?: (line: string) => void;
  /**
   * Words the pages a refused request gets (the engine's translator, so they
   * follow the language setting); English without it.
   */
  say?: Say;
  /**
   * Routes tried before the UI (`/metrics`); resolves true when handled.
   * They do their own authentication (a bearer token, which no browser sends
   * on its own, so the Host check against DNS rebinding is not needed there).
   */
  extraRoute?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** A running browser-mode server. */
export interface ServeHandle {
  /** The page URL including the token: print it, never log it elsewhere. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly host: string;
  /** Open bridge sockets. */
  clientCount(): number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const UNREADABLE = 'The request could not be read: send {"id", "channel", "args"} as JSON text';

/** The kind of a thrown value, for the log: never its message, which may quote a request. */
function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}` : typeof err;
}

/** Largest bridge message accepted (an import file may be up to 10 MiB). */
const MAX_BRIDGE_MESSAGE = 16 * 1024 * 1024;

function csp(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Vue style bindings and uPlot set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Start browser mode. Resolves once listening; `url` is the address to open.
 */
export async function createServeServer(opts: ServeOptions): Promise<ServeHandle> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const sessionSecret = opts.sessionSecret ?? randomBytes(32);
  /** The request is the user's: the printed token, or the session cookie it was exchanged for. */
  const signedIn = (req: IncomingMessage, url: URL): boolean =>
    sameToken(url.searchParams.get(TOKEN_PARAM), token) ||
    hasSession(req.headers.cookie, sessionSecret);
  const staticRoot = resolve(opts.staticDir);
  const log = opts.log ?? (() => {});
  const say = opts.say ?? sayEnglish;
  const warned = new Set<string>();
  const warnOnce = (key: string, line: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    log(line);
  };
  let origin = '';
  const allowedHosts = new Set<string>();

  function securityHeaders(res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', csp(origin));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  }

  function refuse(res: ServerResponse, status: number, message: string): void {
    securityHeaders(res);
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(message + '\n');
  }

  async function serveFile(res: ServerResponse, file: string, noStore: boolean): Promise<boolean> {
    try {
      const st = await stat(file);
      if (!st.isFile()) return false;
      securityHeaders(res);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': noStore ? 'no-store' : 'public, max-age=31536000, immutable',
      });
      createReadStream(file).pipe(res);
      return true;
    } catch {
      return false;
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (opts.extraRoute && (await opts.extraRoute(req, res))) return;
    if (!allowedHosts.has(req.headers.host ?? '')) {
      warnOnce(
        'host',
        `serve: refused a request for a foreign Host header (${String(req.headers.host).slice(0, 80)})`,
      );
      refuse(res, 421, say('servePage.foreignHost'));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, say('servePage.onlyGet'));
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // A malformed %-escape is the client's mistake, not an internal error.
      refuse(res, 400, say('servePage.malformed'));
      return;
    }
    if (path === '/' || path === '/index.html') {
      if (!signedIn(req, url)) {
        warnOnce('page-token', 'serve: refused a page request without the right token');
        refuse(res, 401, say('servePage.signIn'));
        return;
      }
      // The token is traded for the session cookie: the page drops the token
      // from its address, and the cookie alone opens it from then on.
      if (sameToken(url.searchParams.get(TOKEN_PARAM), token))
        res.setHeader('Set-Cookie', sessionCookieHeader(sessionSecret));
      if (!(await serveFile(res, join(staticRoot, 'index.html'), true))) {
        refuse(res, 503, say('servePage.notBuilt', { file: join(staticRoot, 'index.html') }));
      }
      return;
    }
    // Built assets hold no user data; they are served without the token.
    const file = normalize(join(staticRoot, path));
    if (!file.startsWith(staticRoot + sep) || !(await serveFile(res, file, false))) {
      refuse(res, 404, say('servePage.notFound'));
    }
  }

  const server: Server = createServer((req, res) => {
    void onRequest(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, say('servePage.internal'));
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE });
  const clients = new Set<WebSocket>();

  function rejectUpgrade(socket: Duplex, status: number, text: string): void {
    socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin || 'http://invalid');
    if (url.pathname !== BRIDGE_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      warnOnce('ws-host', 'serve: refused a bridge connection for a foreign Host header');
      return rejectUpgrade(socket, 421, 'Misdirected Request');
    }
    if (!signedIn(req, url)) {
      warnOnce('ws-token', 'serve: refused a bridge connection without the right token');
      return rejectUpgrade(socket, 401, 'Unauthorized');
    }
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && !allowedOrigins.has(reqOrigin)) {
      warnOnce(
        'ws-origin',
        `serve: refused a bridge connection from another origin (${reqOrigin.slice(0, 80)})`,
      );
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onClient(ws));
  });

  function send(ws: WebSocket, msg: BridgeResponse | BridgeEvent): void {
    if (ws.readyState === ws.OPEN) ws.send(bridgeJsonText(msg));
  }

  function onClient(ws: WebSocket): void {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      void answer(ws, data, isBinary);
    });
  }

  /**
   * One bridge message, start to finish. Anyone with the token can send
   * anything, so every step that could throw is inside the one try, and the
   * promise this returns never rejects: an unhandled rejection would end the
   * process and with it every gateway connection.
   */
  async function answer(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let id = -1;
    try {
      if (isBinary) {
        send(ws, { id, result: apiError('bad-request', `${UNREADABLE} (it was binary).`) });
        return;
      }
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        send(ws, { id, result: apiError('bad-request', `${UNREADABLE} (it is not JSON).`) });
        return;
      }
      id = bridgeRequestId(msg) ?? -1;
      const checked = checkBridgeRequest(msg);
      if (!checked.ok) {
        warnOnce('bad-envelope', 'serve: refused a bridge message that is not a request');
        send(ws, { id, result: apiError('bad-request', checked.error) });
        return;
      }
      const result = await opts.core.handle(checked.value.channel, checked.value.args);
      send(ws, { id: checked.value.id, result });
    } catch (err) {
      log(`serve: internal error answering a bridge message: ${errorName(err)}`);
      try {
        send(ws, {
          id,
          result: apiError(
            'internal',
            'Something went wrong inside Shardwatch. The details are in the log; try again.',
          ),
        });
      } catch {
        // The socket is gone; nothing more to tell it.
      }
    }
  }

  // Every event as the core emits it: the core is the one pacer of deltas
  // (docs/architecture.md §3.2), so the bridge adds no stage of its own.
  const unsubscribers = API_EVENT_CHANNELS.map((channel) =>
    opts.core.on(channel, (payload) => {
      if (clients.size === 0) return;
      // Written once for every open page.
      const text = bridgeJsonText({ event: channel, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  origin = `http://${urlHost}:${port}`;
  allowedHosts.add(`${urlHost}:${port}`);
  if (isLoopback(host)) {
    allowedHosts.add(`127.0.0.1:${port}`);
    allowedHosts.add(`localhost:${port}`);
    allowedHosts.add(`[::1]:${port}`);
  }
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  if (!isLoopback(host)) {
    log(
      `serve: listening on ${host}, which is not a loopback address: anyone who can reach it and has the token can use Shardwatch.`,
    );
  }

  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    origin,
    port,
    host,
    clientCount: () => clients.size,
    async close() {
      for (const off of unsubscribers) off();
      for (const ws of clients) ws.terminate();
      clients.clear();
      wss.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}
