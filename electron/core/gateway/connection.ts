/**
 * One live connection to a shard gateway: upgrade with identification
 * headers, HELLO, register, ping loop, reconnects (PROTOCOL.md §1 and §2).
 *
 * Plain Node + `ws`; never imports `electron` (docs/architecture.md §2). Dialect
 * differences are read from the {@link DialectSpec}, never from the dialect
 * name.
 *
 * States:
 * - `idle`: created, `connect()` not called yet.
 * - `connecting`: TCP connect and HTTP upgrade in progress.
 * - `handshaking`: upgraded, waiting for `GATEWAY_HELLO` (only when the
 *   dialect's `sendsHello` is set; otherwise straight to `registering`).
 * - `registering`: register frame sent, waiting for its type-1 answer.
 * - `ready`: registered; the ping loop runs.
 * - `reconnecting`: the connection failed or died; a retry is scheduled.
 * - `auth-refused`: the gateway refused the credentials; no retry until
 *   `connect()` / `reconnectNow()`.
 * - `failed`: a failure retrying cannot fix (HTTP 4xx on the upgrade, or any
 *   failure with `autoReconnect` off); no retry until `connect()` / `reconnectNow()`.
 * - `closed`: stopped by the user (`disconnect()`).
 *
 * Decisions worth knowing:
 * - Only `shard_in` 0 is accepted (see `resolveGatewayOptions`): only the
 *   master can register and ping.
 * - 0.2.2 silent close (PROTOCOL.md §2 "Connecting"): a socket that closes
 *   after the upgrade before delivering any message is `auth-refused`. On
 *   success that server always sends HELLO first, so "no message yet" is the
 *   exact signal; a server that stays silent is caught by the handshaking
 *   deadline instead.
 * - HTTP status on the upgrade: 5xx, 408 and 429 are retried (408/429 with
 *   the maximum backoff); any other status is `failed` with no retry, since
 *   headers, path or credentials need fixing first.
 * - No WebSocket control frames are sent in a dialect that forbids them: no
 *   ping, no auto-pong, and `disconnect()` destroys the TCP connection instead
 *   of sending a close frame. (When the server itself sends a close frame,
 *   `ws` echoes it; the server's reader is done by then.)
 * - Frames up to {@link WIRE_MAX_PAYLOAD} are received and refused by the
 *   codec if over 1 MiB (counted, connection kept); bigger ones make `ws`
 *   drop the connection, which then reconnects.
 */
import WebSocket from 'ws';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { TimerHandle } from '../../../shared/clock';
import type { DialectSpec } from '../../../shared/dialects';
import { dialectSpec } from '../../../shared/dialects';
import type { GatewayMessage, HelloInfo, ReadyInfo, ShardStats } from '../../../shared/protocol';
import {
  GATEWAY_EVENTS,
  IDENTIFICATION_HEADERS,
  flattenShardsStats,
  parseHello,
  parseReady,
  shortSessionId,
} from '../../../shared/protocol';
import type { DecodeError, DecodeErrorKind, FrameEncoding, OutgoingFrame } from './codec';
import { ForbiddenOpcodeError, MAX_FRAME_BYTES, decodeFrame, encodeFrame } from './codec';
import { REDACTED, createSecretScrubber } from './secret-scrub';
import { isRecord } from '../../../shared/validate';
import { backoffDelay } from './backoff';
import type { Subscribable } from './emitter';
import { createEmitter } from './emitter';
import type { GatewayConnectionOptions } from './options';
import { displayUrl, resolveGatewayOptions } from './options';
import type { LatePingAnswer, PingScheduler } from './ping-scheduler';
import { createPingScheduler } from './ping-scheduler';

/** Connection states; see the module comment for their exact meaning. */
export type GatewayState =
  | 'idle'
  | 'connecting'
  | 'handshaking'
  | 'registering'
  | 'ready'
  | 'reconnecting'
  | 'auth-refused'
  | 'failed'
  | 'closed';

/**
 * Why the state changed, when it is not the normal progression.
 * `unreachable` is what the CLI maps to exit code 3.
 */
export type StateKind =
  | 'unreachable'
  | 'network'
  | 'timeout'
  | 'http-error'
  | 'auth-refused'
  | 'server-closed'
  | 'dead'
  | 'user';

/** Payload of the `state` event. */
export interface StateEvent {
  state: GatewayState;
  /** A sentence for the user; never contains a secret. */
  detail: string;
  kind: StateKind | null;
  /** Wall-clock epoch ms. */
  at: number;
  /** HTTP status of a refused upgrade, when that is the cause. */
  httpStatus: number | null;
  /** When `reconnecting`: wall-clock time of the next attempt. */
  retryAt: number | null;
}

/** {@link ReadyInfo} as emitted: the session id is kept internal, only its short form leaves. */
export type PublicReadyInfo = Omit<ReadyInfo, 'sessionId'> & { sessionIdShort: string | null };

/** Where a shard list came from. */
export type ShardsSource = 'ready' | 'shard-info';

/** Payload of the `shards` event. */
export interface ShardsEvent {
  shards: ShardStats[];
  source: ShardsSource;
  at: number;
  /**
   * False when the dialect's server never reports shard stats (0.2.2): show
   * "this server does not report shard stats", not "0 shards".
   */
  reportsShardStats: boolean;
}

/** Payload of the `ping` event: one per ping outcome. */
export interface PingEvent {
  rttMs: number | null;
  lost: boolean;
  at: number;
}

/** Payload of the `protocol-error` event. */
export interface ProtocolErrorEvent {
  kind: DecodeErrorKind | 'forbidden-opcode';
  reason: string;
  at: number;
}

/** Payload of the `server-message` event: a message the gateway wants the user to see. */
export interface ServerMessageEvent {
  message: string;
  event: string | null;
  type: number;
  at: number;
}

/** Payload of the `interaction` event. The interaction itself is not kept. */
export interface InteractionEvent {
  at: number;
  shardId: number | null;
}

/** Payload of the `unknown-event` event (secrets scrubbed). */
export interface UnknownEventEvent {
  message: GatewayMessage;
  at: number;
}

/** Payload of the `frame` event, for a raw frame log. */
export interface FrameEvent {
  direction: 'in' | 'out';
  at: number;
  /** Size on the wire. */
  bytes: number;
  encoding: FrameEncoding | null;
  type: number | null;
  event: string | null;
  /**
   * The frame with secrets redacted, the session id shortened and
   * interaction payloads dropped; null when the frame could not be decoded.
   */
  raw: GatewayMessage | null;
  /** Set when an incoming frame was refused. */
  error: DecodeError | null;
}

/** Every event of a gateway connection and its payload. */
export interface GatewayEvents {
  state: StateEvent;
  hello: HelloInfo;
  ready: PublicReadyInfo;
  shards: ShardsEvent;
  ping: PingEvent;
  'ping-late': LatePingAnswer;
  'protocol-error': ProtocolErrorEvent;
  'server-message': ServerMessageEvent;
  interaction: InteractionEvent;
  'unknown-event': UnknownEventEvent;
  frame: FrameEvent;
}

/** Counters and last-known facts of a connection. */
export interface GatewaySnapshot {
  state: GatewayState;
  detail: string;
  kind: StateKind | null;
  httpStatus: number | null;
  dialect: DialectSpec['id'];
  /** URL without user info or query. */
  url: string;
  reportsShardStats: boolean;
  framesIn: number;
  framesOut: number;
  protocolErrors: number;
  lastProtocolError: ProtocolErrorEvent | null;
  interactions: number;
  unknownEvents: number;
  pingsSent: number;
  pingsLost: number;
  lateAnswers: number;
  lastRttMs: number | null;
  /** Automatic retries and `reconnectNow()` calls started. */
  reconnects: number;
  /** Consecutive failed attempts (drives the backoff). */
  attempt: number;
  retryAt: number | null;
  hello: HelloInfo | null;
  ready: PublicReadyInfo | null;
  shards: ShardStats[] | null;
  shardsSource: ShardsSource | null;
  shardsAt: number | null;
  lastServerMessage: ServerMessageEvent | null;
  /** Exceptions thrown by event listeners (caught so they cannot break the state machine). */
  listenerErrors: number;
}

/** Handle returned by {@link createGatewayConnection}. */
export interface GatewayConnection extends Subscribable<GatewayEvents> {
  /** Start connecting. No-op while connecting or ready; resets the backoff otherwise. Throws after `dispose()`. */
  connect(): void;
  /** User stop: close the socket, cancel retries, state `closed`. No-op after `dispose()`. */
  disconnect(): void;
  /** Drop the current socket (if any) and connect again at once, resetting the backoff. Throws after `dispose()`. */
  reconnectNow(): void;
  /** Release every timer, socket and listener. The handle is unusable afterwards. */
  dispose(): void;
  readonly state: GatewayState;
  snapshot(): GatewaySnapshot;
  /** The counters alone: cheap enough to read on every status push (no shard list, no copy). */
  counters(): GatewayCounters;
}

/** The counters of a snapshot (test doubles of a connection use it for `counters()`). */
export function countersOf(s: GatewaySnapshot): GatewayCounters {
  return {
    framesIn: s.framesIn,
    framesOut: s.framesOut,
    protocolErrors: s.protocolErrors,
    interactions: s.interactions,
    unknownEvents: s.unknownEvents,
    pingsSent: s.pingsSent,
    pingsLost: s.pingsLost,
    lateAnswers: s.lateAnswers,
    reconnects: s.reconnects,
    lastProtocolError: s.lastProtocolError?.reason ?? null,
  };
}

/** The numeric part of {@link GatewaySnapshot}. */
export type GatewayCounters = Pick<
  GatewaySnapshot,
  | 'framesIn'
  | 'framesOut'
  | 'protocolErrors'
  | 'interactions'
  | 'unknownEvents'
  | 'pingsSent'
  | 'pingsLost'
  | 'lateAnswers'
  | 'reconnects'
> & { lastProtocolError: string | null };

/**
 * Frames up to this size are read by `ws` and then refused by the codec
 * (counted, connection kept); bigger ones make `ws` drop the connection
 * rather than buffer them.
 */
export const WIRE_MAX_PAYLOAD = 4 * MAX_FRAME_BYTES;
/** Bound on an HTTP error body read from a refused upgrade. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** How long a graceful close may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 1000;

const AUTH_REFUSED_DETAIL =
  'The server refused these credentials (id, secret or public key). Check them in the profile; ' +
  'Shardwatch will not retry until you change them or press Reconnect.';

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the gateway running on that port?)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset before the upgrade finished',
};

type RetryPolicy = 'backoff' | 'max' | 'none';

interface SocketInfo {
  openedAt: number | null;
  messages: number;
  lastError: (Error & { code?: string }) | null;
  /** Set once an HTTP error response took over the outcome of this attempt. */
  httpFailure: boolean;
  /** The last `message` a `possible_error` frame carried, shown if the server then closes. */
  serverSaid: string | null;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}` : s.toFixed(1);
}

/**
 * Create a connection to a shard gateway. Validates `options` at once and
 * throws {@link GatewayOptionsError} when they are wrong; nothing is opened
 * until `connect()`.
 *
 * Secrets (`identity.secret`, `identity.publicKey`) go on the wire only in the
 * upgrade headers and the register frame; every emitted payload is scrubbed of
 * them, and no error message contains them.
 */
export function createGatewayConnection(options: GatewayConnectionOptions): GatewayConnection {
  const opts = resolveGatewayOptions(options);
  const { clock, identity } = opts;
  const spec = dialectSpec(opts.dialect);
  const urlText = displayUrl(opts.url);
  const secrets = [identity.secret, identity.publicKey].filter((s) => s.length > 0);

  let listenerErrors = 0;
  const emitter = createEmitter<GatewayEvents>(() => {
    listenerErrors++;
  });

  let state: GatewayState = 'idle';
  let detail = 'Not connected yet.';
  let kind: StateKind | null = null;
  let httpStatus: number | null = null;
  let retryAt: number | null = null;

  let socket: WebSocket | null = null;
  let info: SocketInfo = newSocketInfo();
  let phaseTimer: TimerHandle | null = null;
  let retryTimer: TimerHandle | null = null;
  let pinger: PingScheduler | null = null;
  const retiring = new Map<WebSocket, TimerHandle | null>();
  let disposed = false;

  let attempt = 0;
  let readyAt: number | null = null;

  let framesIn = 0;
  let framesOut = 0;
  let protocolErrors = 0;
  let lastProtocolError: ProtocolErrorEvent | null = null;
  let interactions = 0;
  let unknownEvents = 0;
  let pingsSent = 0;
  let pingsLost = 0;
  let lateAnswers = 0;
  let lastRttMs: number | null = null;
  let reconnects = 0;
  let hello: HelloInfo | null = null;
  let ready: ReadyInfo | null = null;
  let shards: ShardStats[] | null = null;
  let shardsSource: ShardsSource | null = null;
  let shardsAt: number | null = null;
  let lastServerMessage: ServerMessageEvent | null = null;

  function newSocketInfo(): SocketInfo {
    return { openedAt: null, messages: 0, lastError: null, httpFailure: false, serverSaid: null };
  }

  // ---- secrets -----------------------------------------------------------

  const { scrub, scrubString } = createSecretScrubber(secrets);

  /**
   * `secretFree` is only ever set for payloads built from a frame the codec
   * proved holds no secret (`mayHoldWatched` false: no escape sequence in its
   * text and no secret in it), which spares walking a 5,000-shard snapshot
   * twice (the frame and its shard list) on every report.
   */
  function emit<K extends keyof GatewayEvents>(
    event: K,
    payload: GatewayEvents[K],
    secretFree = false,
  ): void {
    // Skipping unheard events also skips the deep copy of large frames.
    if (disposed || !emitter.has(event)) return;
    emitter.emit(event, secretFree ? payload : scrub(payload));
  }

  // ---- state -------------------------------------------------------------

  function setState(
    next: GatewayState,
    nextDetail: string,
    nextKind: StateKind | null = null,
    extra: { httpStatus?: number | null; retryAt?: number | null } = {},
  ): void {
    state = next;
    detail = scrubString(nextDetail);
    kind = nextKind;
    httpStatus = extra.httpStatus ?? null;
    retryAt = extra.retryAt ?? null;
    emit('state', { state, detail, kind, at: clock.wallNow(), httpStatus, retryAt });
  }

  function publicReady(r: ReadyInfo): PublicReadyInfo {
    const { sessionId, ...rest } = r;
    return { ...rest, sessionIdShort: shortSessionId(sessionId) };
  }

  // ---- timers ------------------------------------------------------------

  function clearPhase(): void {
    clock.clearTimeout(phaseTimer);
    phaseTimer = null;
  }

  function startPhase(phase: 'connecting' | 'handshaking' | 'registering'): void {
    clearPhase();
    const s = seconds(opts.phaseTimeoutMs);
    phaseTimer = clock.setTimeout(() => {
      phaseTimer = null;
      const why =
        phase === 'connecting'
          ? `No answer to the WebSocket upgrade from ${urlText} within ${s} s.`
          : phase === 'handshaking'
            ? `Connected, but the gateway sent no HELLO within ${s} s.`
            : `The gateway did not answer the register request within ${s} s.`;
      connectionLost('timeout', why, 'backoff');
    }, opts.phaseTimeoutMs);
  }

  function stopPinger(): void {
    pinger?.stop();
    pinger = null;
  }

  function clearRetry(): void {
    clock.clearTimeout(retryTimer);
    retryTimer = null;
  }

  // ---- sockets -----------------------------------------------------------

  /**
   * Detach a socket from the state machine and close it. A graceful close
   * sends a close frame, which is a control frame: never in a dialect that
   * forbids them (0.2.2's reader dies on them, PROTOCOL.md §2 "Framing"), so
   * there the TCP connection is simply destroyed.
   */
  function retireSocket(ws: WebSocket, graceful: boolean): void {
    ws.removeAllListeners();
    // Late errors (e.g. the abort of a pending upgrade) belong to nobody now.
    ws.on('error', () => {});
    if (graceful && spec.allowsControlFrames && ws.readyState === WebSocket.OPEN) {
      ws.close(1000, 'client stop');
      const timer = clock.setTimeout(() => {
        retiring.delete(ws);
        ws.terminate();
      }, CLOSE_GRACE_MS);
      retiring.set(ws, timer);
      ws.once('close', () => {
        clock.clearTimeout(timer);
        retiring.delete(ws);
      });
    } else {
      ws.terminate();
    }
  }

  function dropSocket(graceful: boolean): void {
    stopPinger();
    clearPhase();
    const ws = socket;
    socket = null;
    if (ws) retireSocket(ws, graceful);
  }

  /** The one place frames go out: enforces the dialect's forbidden opcodes via `encodeFrame`. */
  function send(frame: OutgoingFrame): boolean {
    const ws = socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    let encoded: string | Buffer;
    try {
      encoded = encodeFrame(spec, frame);
    } catch (err) {
      const reason =
        err instanceof ForbiddenOpcodeError ? err.message : 'A frame could not be encoded.';
      recordProtocolError({ kind: 'forbidden-opcode', reason, at: clock.wallNow() });
      return false;
    }
    ws.send(encoded);
    framesOut++;
    emit('frame', {
      direction: 'out',
      at: clock.wallNow(),
      bytes: typeof encoded === 'string' ? Buffer.byteLength(encoded) : encoded.length,
      encoding: typeof encoded === 'string' ? 'text' : 'gzip',
      type: frame.type,
      event: null,
      raw: redactOutgoing(frame),
      error: null,
    });
    return true;
  }

  function redactOutgoing(frame: OutgoingFrame): GatewayMessage {
    const copy = JSON.parse(JSON.stringify(frame)) as GatewayMessage;
    const d = copy['d'];
    if (isRecord(d) && 'public_key' in d) d['public_key'] = REDACTED;
    return copy;
  }

  function redactIncoming(message: GatewayMessage): GatewayMessage {
    const copy: GatewayMessage = { ...message };
    if (message.type === 8 || message.event === GATEWAY_EVENTS.INTERACTION) {
      copy.data = '[interaction payload not kept]';
    } else if (isRecord(message.data) && typeof message.data['session_id'] === 'string') {
      copy.data = { ...message.data, session_id: shortSessionId(message.data['session_id']) };
    }
    return copy;
  }

  function startAttempt(): void {
    clearRetry();
    dropSocket(false);
    info = newSocketInfo();
    setState('connecting', `Connecting to ${urlText}…`);
    if (disposed || state !== 'connecting') return;

    let ws: WebSocket;
    try {
      ws = new WebSocket(opts.url, {
        headers: {
          [IDENTIFICATION_HEADERS.id]: identity.botId,
          [IDENTIFICATION_HEADERS.secret]: identity.secret,
          [IDENTIFICATION_HEADERS.publicKey]: identity.publicKey,
          [IDENTIFICATION_HEADERS.shardIn]: String(identity.shardIn),
          [IDENTIFICATION_HEADERS.shardTotal]: String(identity.shardTotal),
        },
        perMessageDeflate: false,
        // A pong is a control frame; 0.2.2 dies on it (PROTOCOL.md §2 "Framing").
        autoPong: spec.allowsControlFrames,
        // UTF-8 is checked by the codec, which counts a bad frame instead of
        // letting `ws` close the connection over it.
        skipUTF8Validation: true,
        maxPayload: WIRE_MAX_PAYLOAD,
        followRedirects: false,
      });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      connectionLost('network', `Could not start a connection to ${urlText}: ${msg}`, 'backoff');
      return;
    }
    socket = ws;
    startPhase('connecting');

    ws.on('open', () => {
      if (ws === socket) onOpen();
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (ws === socket) onMessage(data, isBinary);
    });
    ws.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      if (ws === socket) onUnexpectedResponse(ws, req, res);
    });
    ws.on('error', (err: Error) => {
      if (ws === socket) info.lastError = err;
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (ws === socket) onClose(code, reason.toString('utf8'));
    });
  }

  // ---- phases ------------------------------------------------------------

  function onOpen(): void {
    info.openedAt = clock.now();
    clearPhase();
    if (spec.sendsHello) {
      setState('handshaking', "Connected; waiting for the gateway's HELLO.");
      if (state === 'handshaking') startPhase('handshaking');
    } else {
      sendRegister();
    }
  }

  function sendRegister(): void {
    setState('registering', 'Registering with the gateway…');
    if (state !== 'registering') return;
    startPhase('registering');
    // Exactly typed for 0.2.2 (PROTOCOL.md §2 "Framing"): public_key a
    // string, flags a non-negative integer (validated in the options).
    send({
      type: spec.registerOpcode,
      d: { public_key: identity.publicKey, shard_in: identity.shardIn, flags: opts.flags },
    });
  }

  function onRegistered(message: GatewayMessage, event: string, secretFree: boolean): void {
    clearPhase();
    ready = parseReady(event, message.data);
    readyAt = clock.now();
    const mySocket = socket;
    setState('ready', `Registered with the gateway (${event}).`);
    emit('ready', publicReady(ready), secretFree);
    updateShards(ready.shards, 'ready', secretFree);
    if (socket !== mySocket || state !== 'ready') return;
    startPinger();
  }

  function startPinger(): void {
    stopPinger();
    const p = createPingScheduler({
      clock,
      intervalMs: opts.pingIntervalMs,
      timeoutMs: opts.pingTimeoutMs,
      lostPingsToDead: opts.lostPingsToDead,
      send: () => {
        const ok = send({ type: spec.pingOpcode });
        if (ok) pingsSent++;
        return ok;
      },
      onOutcome: (o) => {
        if (o.lost) pingsLost++;
        else lastRttMs = o.rttMs;
        emit('ping', o);
      },
      onLate: (late) => {
        lateAnswers++;
        emit('ping-late', late);
      },
      onDead: (n, reason) => {
        connectionLost(
          'dead',
          reason === 'lost'
            ? `No answer to ${n} pings in a row; the connection is presumed dead.`
            : `${n} ping answers in a row arrived while an older ping was still unanswered, so they cannot be matched to their pings; reconnecting to measure again.`,
          'backoff',
        );
      },
    });
    pinger = p;
    p.start();
  }

  function updateShards(list: ShardStats[], source: ShardsSource, secretFree: boolean): void {
    shards = list;
    shardsSource = source;
    shardsAt = clock.wallNow();
    emit(
      'shards',
      {
        shards: list,
        source,
        at: shardsAt,
        reportsShardStats: spec.reportsShardStats,
      },
      secretFree,
    );
  }

  // ---- incoming ----------------------------------------------------------

  function recordProtocolError(e: ProtocolErrorEvent): void {
    protocolErrors++;
    lastProtocolError = e;
    emit('protocol-error', e);
  }

  function onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    framesIn++;
    info.messages++;
    const result = decodeFrame(data, isBinary, { watch: secrets });
    const at = clock.wallNow();
    if (!result.ok) {
      emit('frame', {
        direction: 'in',
        at,
        bytes: result.bytes,
        encoding: result.encoding,
        type: null,
        event: null,
        raw: null,
        error: result.error,
      });
      // A bad frame is counted and shown, never fatal (docs/architecture.md §3.3).
      recordProtocolError({ ...result.error, at });
      return;
    }
    const message = result.message;
    // Everything emitted below is built from this message's own values.
    const secretFree = !result.mayHoldWatched;
    emit(
      'frame',
      {
        direction: 'in',
        at,
        bytes: result.bytes,
        encoding: result.encoding,
        type: message.type,
        event: typeof message.event === 'string' ? message.event : null,
        raw: redactIncoming(message),
        error: null,
      },
      secretFree,
    );
    dispatch(message, secretFree);
  }

  function dispatch(message: GatewayMessage, secretFree: boolean): void {
    const event = message.event ?? null;
    const at = clock.wallNow();
    const flagged = message.possible_error === true || event === GATEWAY_EVENTS.ERROR;
    if (flagged) {
      const text = message.message ?? '(the gateway reported an error without a message)';
      info.serverSaid = text;
      lastServerMessage = { message: text, event, type: message.type, at };
      emit('server-message', lastServerMessage);
    }

    switch (event) {
      case GATEWAY_EVENTS.NO_IDENTIFIED: {
        const said = message.message ? ` The gateway said: "${message.message}".` : '';
        connectionLost('auth-refused', `${AUTH_REFUSED_DETAIL}${said}`, 'none');
        return;
      }
      case GATEWAY_EVENTS.HELLO:
        hello = parseHello(message.data);
        emit('hello', hello);
        if (state === 'handshaking') sendRegister();
        return;
      case GATEWAY_EVENTS.PING:
        if (pinger) pinger.answer();
        else {
          lateAnswers++;
          emit('ping-late', { at, sinceSentMs: null, unsolicited: true });
        }
        return;
      case GATEWAY_EVENTS.SHARD_INFO:
        updateShards(flattenShardsStats(message.data), 'shard-info', secretFree);
        return;
      case GATEWAY_EVENTS.ERROR:
        return;
      default:
        break;
    }

    if (event === GATEWAY_EVENTS.INTERACTION || message.type === 8) {
      interactions++;
      const d = message.data;
      const shardId = isRecord(d) && typeof d['shard_id'] === 'number' ? d['shard_id'] : null;
      emit('interaction', { at, shardId });
      return;
    }

    // The register answer "can return in various event types" (PROTOCOL.md
    // §1): any type-1 event while registering is the answer, unless it is an
    // error report.
    if (
      state === 'registering' &&
      message.type === spec.registerOpcode &&
      typeof event === 'string' &&
      !flagged
    ) {
      onRegistered(message, event, secretFree);
      return;
    }
    if (event === GATEWAY_EVENTS.READY || event === GATEWAY_EVENTS.RESUME) {
      // A fresh READY/RESUME outside registering: keep the newest facts.
      ready = parseReady(event, message.data);
      emit('ready', publicReady(ready), secretFree);
      updateShards(ready.shards, 'ready', secretFree);
      return;
    }
    if (flagged) return;
    unknownEvents++;
    emit('unknown-event', { message, at });
  }

  // ---- failures ----------------------------------------------------------

  function onUnexpectedResponse(ws: WebSocket, req: ClientRequest, res: IncomingMessage): void {
    info.httpFailure = true;
    const status = res.statusCode ?? 0;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      res.removeAllListeners('data');
      req.destroy();
      if (ws !== socket) return;
      const body = Buffer.concat(chunks).toString('utf8');
      onHttpError(status, res.statusMessage ?? '', body);
    };
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = MAX_ERROR_BODY_BYTES - size;
      chunks.push(chunk.subarray(0, Math.max(0, room)));
      size += chunk.length;
      if (size >= MAX_ERROR_BODY_BYTES) finish();
    });
    res.on('end', finish);
    res.on('error', finish);
    res.on('aborted', finish);
    res.on('close', finish);
  }

  function onHttpError(status: number, statusText: string, body: string): void {
    let serverMessage: string | null = null;
    try {
      const parsed: unknown = JSON.parse(body);
      if (isRecord(parsed) && typeof parsed['message'] === 'string')
        serverMessage = parsed['message'];
    } catch {
      // Not JSON: fall back to the status line (PROTOCOL.md §2 promises JSON, others may not).
    }
    const said = serverMessage ? `: ${serverMessage}` : '.';
    const base = `The gateway refused the WebSocket upgrade with HTTP ${status}${statusText ? ` ${statusText}` : ''}${said}`;
    if (status < 500 && status !== 408 && status !== 429) {
      // Headers, path or credentials are wrong (or a redirect, which is not
      // followed); retrying cannot fix that, so no loop: stay failed until
      // the user connects again.
      connectionLost('http-error', `${base} Fix the profile and press Reconnect.`, 'none', status);
      return;
    }
    // 408/429 are the server asking for patience: wait the longest backoff.
    const policy: RetryPolicy = status === 408 || status === 429 ? 'max' : 'backoff';
    connectionLost('http-error', base, policy, status);
  }

  function onClose(code: number, reason: string): void {
    if (info.httpFailure) return;
    const err = info.lastError;
    if (info.openedAt === null) {
      const code2 = err?.code ?? '';
      const known = UNREACHABLE_CODES[code2];
      if (known) {
        connectionLost('unreachable', `Cannot reach ${urlText}: ${known} (${code2}).`, 'backoff');
      } else {
        const msg = err ? err.message : `closed with code ${code}`;
        connectionLost('network', `Could not connect to ${urlText}: ${msg}.`, 'backoff');
      }
      return;
    }
    if (info.messages === 0 && spec.silentCloseMeansAuthRefused) {
      // 0.2.2 authenticates by accepting the upgrade and closing at once
      // without a word (PROTOCOL.md §2 "Connecting").
      connectionLost('auth-refused', AUTH_REFUSED_DETAIL, 'none');
      return;
    }
    const why = err
      ? `The connection broke: ${err.message}.`
      : `The gateway closed the connection (code ${code}${reason ? `, "${reason}"` : ''}).`;
    const said = info.serverSaid ? ` It said: "${info.serverSaid}".` : '';
    connectionLost(err ? 'network' : 'server-closed', `${why}${said}`, 'backoff');
  }

  /** Tear down the current socket and decide what comes next. */
  function connectionLost(
    why: StateKind,
    text: string,
    policy: RetryPolicy,
    status: number | null = null,
  ): void {
    dropSocket(false);
    if (readyAt !== null && clock.now() - readyAt >= opts.backoff.resetAfterReadyMs) attempt = 0;
    readyAt = null;
    if (why === 'auth-refused') {
      setState('auth-refused', text, why, { httpStatus: status });
      return;
    }
    if (policy === 'none' || !opts.autoReconnect) {
      setState('failed', text, why, { httpStatus: status });
      return;
    }
    const delay = backoffDelay(policy === 'max' ? Infinity : attempt, opts.backoff, opts.random);
    attempt++;
    const at = clock.wallNow() + delay;
    retryTimer = clock.setTimeout(() => {
      retryTimer = null;
      reconnects++;
      startAttempt();
    }, delay);
    setState('reconnecting', `${text} Retrying in ${seconds(delay)} s.`, why, {
      httpStatus: status,
      retryAt: at,
    });
  }

  // ---- handle ------------------------------------------------------------

  function assertUsable(): void {
    if (disposed) throw new Error('This gateway connection has been disposed.');
  }

  return {
    on: (event, listener) => emitter.on(event, listener),
    connect() {
      assertUsable();
      if (
        state === 'connecting' ||
        state === 'handshaking' ||
        state === 'registering' ||
        state === 'ready'
      )
        return;
      attempt = 0;
      startAttempt();
    },
    disconnect() {
      // Tolerant of teardown order: stopping a disposed connection is a no-op.
      if (disposed) return;
      clearRetry();
      stopPinger();
      clearPhase();
      const ws = socket;
      socket = null;
      if (ws) retireSocket(ws, true);
      readyAt = null;
      setState('closed', 'Stopped by the user.', 'user');
    },
    reconnectNow() {
      assertUsable();
      if (state !== 'idle') reconnects++;
      attempt = 0;
      startAttempt();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearRetry();
      dropSocket(false);
      for (const [ws, timer] of retiring) {
        clock.clearTimeout(timer);
        ws.terminate();
      }
      retiring.clear();
      emitter.clear();
    },
    get state() {
      return state;
    },
    counters() {
      return {
        framesIn,
        framesOut,
        protocolErrors,
        interactions,
        unknownEvents,
        pingsSent,
        pingsLost,
        lateAnswers,
        reconnects,
        lastProtocolError: lastProtocolError ? scrubString(lastProtocolError.reason) : null,
      };
    },
    snapshot() {
      return scrub({
        state,
        detail,
        kind,
        httpStatus,
        dialect: spec.id,
        url: urlText,
        reportsShardStats: spec.reportsShardStats,
        framesIn,
        framesOut,
        protocolErrors,
        lastProtocolError,
        interactions,
        unknownEvents,
        pingsSent,
        pingsLost,
        lateAnswers,
        lastRttMs,
        reconnects,
        attempt,
        retryAt,
        hello,
        ready: ready ? publicReady(ready) : null,
        shards,
        shardsSource,
        shardsAt,
        lastServerMessage,
        listenerErrors,
      });
    },
  };
}
