/**
 * The incoming side of a gateway connection: every frame read from the
 * socket is admitted against the budgets, decoded, and dispatched to the
 * state machine in `connection.ts` (docs/protocol.md §1, §2). Kept apart
 * from the phases and the handle; it reaches the connection only through
 * {@link IncomingContext}.
 */
import type WebSocket from 'ws';
import type { Clock } from '../../../shared/clock';
import { chooseDialectInProfile } from '../../../shared/connection-text';
import type { DialectSpec } from '../../../shared/dialects';
import type { Say } from '../../../shared/i18n/translator';
import type { Dialect, GatewayMessage, ReadyInfo, ShardStats } from '../../../shared/protocol';
import {
  GATEWAY_EVENTS,
  flattenShardsStats,
  parseHello,
  parseReady,
} from '../../../shared/protocol';
import type { FrameEncoding, FrameWatch } from './codec';
import { decodeFrame } from './codec';
import type { ConnectionFacts } from './connection-facts';
import type {
  GatewayEvents,
  GatewayState,
  ProtocolErrorEvent,
  ShardsSource,
} from './connection-types';
import type { Failure } from './failures';
import { authRefusedDetail, failure } from './failures';
import { publicReady, rejectedShardsReason } from './frames';
import { classifyIncoming, flaggedText, incomingFrameEvent } from './incoming';
import type { PingLoop } from './ping-loop';
import type { SecretScrubber } from './secret-scrub';
import type { SocketInfo } from './socket';
import type { ConnectionBudget } from './budget';
import { createThrottle, rawBytes } from './throttle';
import type { ShardColumns } from './shard-columns';
import { decodeShardInfo } from './shard-info-decoder';
import { giveBack } from './give-back';

/** What the incoming side needs from its connection. */
export interface IncomingContext {
  spec: DialectSpec;
  clock: Clock;
  say: Say;
  maxFrameBytes: number;
  scrubber: SecretScrubber;
  budget: ConnectionBudget;
  f: ConnectionFacts;
  info: () => SocketInfo;
  state: () => GatewayState;
  socket: () => WebSocket | null;
  pinger: () => PingLoop | null;
  emit: <K extends keyof GatewayEvents>(
    event: K,
    payload: GatewayEvents[K],
    secretFree?: boolean,
  ) => void;
  recordProtocolError: (e: ProtocolErrorEvent) => void;
  connectionLost: (f: Failure) => void;
  afterHello: () => void;
  clearPhase: () => void;
  setState: (next: GatewayState, detail: string) => void;
  startPinger: () => void;
  /** The connection counts as up from now (backoff reset). */
  markReady: () => void;
  updateShards: (list: ShardStats[], source: ShardsSource, secretFree: boolean) => void;
  /**
   * Where set, `GATEWAY_SHARD_INFO` frames are read by the shard-info
   * decoder into columns and handed here (a connection in a worker, whose
   * lists cross the port as columns anyway); null: every frame takes the
   * general path.
   */
  updateShardColumns: ((columns: ShardColumns) => void) | null;
}

/** Frames up to this many characters are remembered as found secret-free. */
const CLEAN_TEXT_KEPT = 256;

/**
 * The scrubber's check of a frame, which remembers the last short frame it
 * found could hold no secret: a gateway's ping answers are the same text
 * every time, and reading each again for fragments of the secrets showed in
 * profiles of 100 bots. The same text gets the same answer.
 */
export function repeatAware(scrubber: FrameWatch): FrameWatch {
  let clean: string | null = null;
  return {
    mayAppearIn(text, utf8) {
      if (text === clean) return false;
      const may = scrubber.mayAppearIn(text, utf8);
      if (!may && text.length <= CLEAN_TEXT_KEPT) clean = text;
      return may;
    },
  };
}

/** The handlers of {@link createIncoming}. */
export interface Incoming {
  /**
   * A frame read from `ws` (the current socket); `receivedAt` is the clock's
   * reading taken first thing in the socket's `message` event (where a ping
   * answer's RTT ends).
   */
  onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean, receivedAt: number): void;
  /** Parse a READY/RESUME answer, reporting the shard objects it had to drop. */
  readReady(event: string, data: unknown): ReadyInfo;
  /** A new socket: the budgets' window starts again. */
  resetThrottle(): void;
}

export function createIncoming(c: IncomingContext): Incoming {
  const { spec, clock, say, f, emit } = c;
  const n = f.n;
  const watch = repeatAware(c.scrubber);
  const throttle = createThrottle(clock, c.budget, (what, limit) => {
    n.throttles++;
    const key =
      what === 'frames'
        ? 'connection.throttledFrames'
        : what === 'bytes'
          ? 'connection.throttledBytes'
          : 'connection.throttledPingAnswers';
    const reason = say(key, { limit });
    c.recordProtocolError({ kind: 'throttled', reason, at: clock.wallNow(), budget: what });
  });

  /** Shard objects without a usable id are dropped, and said so (docs/protocol.md §1). */
  function reportRejectedShards(count: number): void {
    if (count > 0)
      c.recordProtocolError({
        kind: 'bad-shard',
        reason: rejectedShardsReason(count),
        at: clock.wallNow(),
      });
  }

  function readReady(event: string, data: unknown): ReadyInfo {
    const rejected = { count: 0 };
    const r = parseReady(event, data, rejected);
    reportRejectedShards(rejected.count);
    return r;
  }

  /** The bytes the decoder inflated for the frame being read and then declined; the general path reads them. */
  let declinedInflated: Buffer | undefined;
  const keepDeclined = (payload: Buffer): void => {
    declinedInflated = payload;
  };

  function onMessage(
    ws: WebSocket,
    data: WebSocket.RawData,
    isBinary: boolean,
    receivedAt: number,
  ): void {
    n.framesIn++;
    if (!throttle.admitFrame(ws, rawBytes(data))) {
      n.framesThrottled++;
      return;
    }
    const info = c.info();
    info.messages++;
    if (c.updateShardColumns && shardInfo(data, isBinary)) {
      // Read into columns and handed on: the frame's memory goes back now,
      // not at the thread's next collection (give-back.ts). `ws` keeps no
      // reference to a frame it has emitted.
      if (Buffer.isBuffer(data)) giveBack(data);
      return;
    }
    const inflated = declinedInflated;
    declinedInflated = undefined;
    const result = decodeFrame(data, isBinary, {
      watch,
      maxFrameBytes: c.maxFrameBytes,
      say,
      inflated,
    });
    const at = clock.wallNow();
    // Everything emitted from a frame the codec proved secret-free skips the scrub.
    const secretFree = result.ok && !result.mayHoldWatched;
    emit('frame', incomingFrameEvent(result, at), secretFree);
    if (!result.ok) {
      // A bad frame is counted and shown, never fatal (docs/architecture.md
      // §3.3) — unless it was the register answer, which nothing replaces.
      c.recordProtocolError({ ...result.error, at });
      if (c.state() === 'registering' && result.error.kind === 'too-large') {
        const why = say('frame.registerUnreadable', { reason: result.error.reason });
        c.connectionLost(failure('too-large', why, 'none'));
      }
      return;
    }
    dispatch(result.message, result.encoding, secretFree, at, receivedAt);
  }

  /**
   * A shard-info frame the decoder takes, handled as `dispatch` would handle
   * it (a shard snapshot, neither flagged nor an error: see the decoder);
   * false for any other frame, which then takes the general path (with the
   * bytes the decoder inflated, if it did).
   */
  function shardInfo(data: WebSocket.RawData, isBinary: boolean): boolean {
    const decoded = decodeShardInfo(data, isBinary, {
      watch: c.scrubber,
      maxFrameBytes: c.maxFrameBytes,
      declinedInflated: keepDeclined,
    });
    if (!decoded) return false;
    const at = clock.wallNow();
    const { type, bytes, encoding, raw } = decoded;
    const event = GATEWAY_EVENTS.SHARD_INFO;
    // Proven secret-free by the decoder: no scrub walk.
    emit('frame', { direction: 'in', at, bytes, encoding, type, event, raw, error: null }, true);
    reportRejectedShards(decoded.rejected);
    c.updateShardColumns?.(decoded.columns);
    return true;
  }

  function dispatch(
    m: GatewayMessage,
    encoding: FrameEncoding,
    secretFree: boolean,
    at: number,
    receivedAt: number,
  ) {
    const info = c.info();
    const said = flaggedText(m);
    if (said !== null) {
      info.serverSaid = said;
      f.lastServerMessage = { message: said, event: m.event ?? null, type: m.type, at };
      emit('server-message', f.lastServerMessage);
    }
    const state = c.state();
    const what = classifyIncoming(m, encoding, spec, state === 'registering', info.messages === 1);
    switch (what.kind) {
      case 'refused': {
        const quote = what.said ? ` ${say('connection.serverSaid', { message: what.said })}` : '';
        return c.connectionLost(
          failure('auth-refused', `${authRefusedDetail(say)}${quote}`, 'none'),
        );
      }
      case 'hello':
        f.hello = parseHello(m.data);
        emit('hello', f.hello);
        if (what.otherDialect !== null) return wrongDialect(what.otherDialect, encoding);
        if (state === 'handshaking' && spec.sendsHello && c.pinger() === null) c.afterHello();
        return;
      case 'ping': {
        const socket = c.socket();
        if (socket && !throttle.admitPingAnswer(socket)) {
          n.framesThrottled++;
          return;
        }
        const pinger = c.pinger();
        if (pinger) return pinger.answer(receivedAt);
        n.lateAnswers++;
        return emit('ping-late', { at, sinceSentMs: null, unsolicited: true });
      }
      case 'shard-info': {
        const rejected = { count: 0 };
        const list = flattenShardsStats(m.data, undefined, rejected);
        reportRejectedShards(rejected.count);
        return c.updateShards(list, 'shard-info', secretFree);
      }
      case 'interaction':
        n.interactions++;
        return emit('interaction', { at, shardId: what.shardId });
      case 'register-answer':
        return onRegistered(m, what.event, secretFree);
      case 'ready':
        // A fresh READY/RESUME outside registering: keep the newest facts.
        f.ready = readReady(what.event, m.data);
        emit('ready', publicReady(f.ready), secretFree);
        return c.updateShards(f.ready.shards, 'ready', secretFree);
      case 'error':
        return;
      case 'unknown':
        n.unknownEvents++;
        return emit('unknown-event', { message: m, at });
    }
  }

  function onRegistered(message: GatewayMessage, event: string, secretFree: boolean): void {
    c.clearPhase();
    f.ready = readReady(event, message.data);
    c.markReady();
    const mySocket = c.socket();
    c.setState('ready', say('connection.registered', { event }));
    emit('ready', publicReady(f.ready), secretFree);
    c.updateShards(f.ready.shards, 'ready', secretFree);
    if (c.socket() !== mySocket || c.state() !== 'ready') return;
    c.startPinger();
  }

  function wrongDialect(seems: Dialect, encoding: FrameEncoding): void {
    const framing = encoding === 'zlib' ? 'a zlib-compressed binary frame' : `a ${encoding} frame`;
    const advice = chooseDialectInProfile(seems, say);
    const text = say('connection.helloFraming', { framing, dialect: spec.label, advice });
    c.connectionLost(failure('wrong-dialect', text, 'none', { suggestedDialect: seems }));
  }

  return { onMessage, readReady, resetThrottle: () => throttle.reset() };
}
