/**
 * The public shapes of a gateway connection: its states, events, snapshot
 * and counters. The state machine itself is in `connection.ts`.
 */
import type { ShardColumns } from './shard-columns';
import type { DialectSpec } from '../../../shared/dialects';
import type {
  Dialect,
  GatewayMessage,
  HelloInfo,
  MonitorMode,
  ReadyInfo,
  ShardStats,
} from '../../../shared/protocol';
import type { BudgetExceeded } from './budget';
import type { DecodeError, DecodeErrorKind, FrameEncoding } from './codec';
import type { Subscribable } from './emitter';
import type { LatePingAnswer } from './ping-scheduler';

/**
 * Connection states:
 * - `idle`: created, `connect()` not called yet.
 * - `connecting`: TCP connect and HTTP upgrade in progress.
 * - `handshaking`: upgraded; waiting for `GATEWAY_HELLO` (when the dialect
 *   sends one), then, in ping-only mode, for the first ping's answer.
 * - `registering`: register mode: register frame sent, waiting for its answer.
 * - `waiting`: ping-only mode: the gateway accepted the credentials but
 *   answers no ping: the bot has not registered with it since it started
 *   (docs/protocol.md §2). Pings go on; the first answer makes it `ready`.
 * - `ready`: registered (register mode) or pings answered (ping-only mode).
 * - `reconnecting`: the connection failed or died; a retry is scheduled.
 * - `auth-refused`: the gateway refused the credentials; no retry until
 *   `connect()` / `reconnectNow()`.
 * - `failed`: a failure retrying cannot fix (HTTP 4xx, a gateway of the
 *   other dialect, a register answer over the frame limit, or any failure
 *   with `autoReconnect` off); no retry until `connect()` / `reconnectNow()`.
 * - `closed`: stopped by the user (`disconnect()`).
 */
export type GatewayState =
  | 'idle'
  | 'connecting'
  | 'handshaking'
  | 'registering'
  | 'waiting'
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
  /** Dropped without a close frame before any message (1006 / reset). */
  | 'dropped'
  /** The gateway behaves like the other dialect (see `suggestedDialect`). */
  | 'wrong-dialect'
  /** A frame the connection needed was over the frame limit. */
  | 'too-large'
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
  /** The dialect the gateway seems to speak when it is not the configured one. */
  suggestedDialect: Dialect | null;
}

/** {@link ReadyInfo} as emitted: the session id is kept internal, only its short form leaves. */
export type PublicReadyInfo = Omit<ReadyInfo, 'sessionId'> & { sessionIdShort: string | null };

/** Where a shard list came from. */
export type ShardsSource = 'ready' | 'shard-info';

/** Payload of the `shards` event. */
export interface ShardsEvent {
  /**
   * The list as objects. Where the list came as {@link columns} (a
   * connection in a worker), made from them when first read.
   */
  shards: ShardStats[];
  /**
   * The same list as columns, when it came that way (`shard-info-decoder.ts`,
   * or across a worker's port): what the shard tracker reads, without an
   * object per shard. Columns from a worker are read during the event (the
   * tracker may keep them until the next one): once the connection's next
   * snapshot has been handed out, their memory is given back
   * (`give-back.ts`) and they read empty; `shards` then throws unless it was
   * read before.
   */
  columns?: ShardColumns;
  source: ShardsSource;
  at: number;
  /**
   * False when no shard stats will come: the dialect's server never reports
   * them (0.2.2) or the connection pings only. Show why, not "0 shards".
   */
  reportsShardStats: boolean;
}

/** Payload of the `ping` event: one per ping outcome once the gateway has answered one. */
export interface PingEvent {
  rttMs: number | null;
  lost: boolean;
  at: number;
  /**
   * The RTT may hold time the answer waited unread (`timing-probe.ts`): not a
   * measurement to count. Absent means false.
   */
  disturbed?: boolean;
}

/** Payload of the `protocol-error` event. */
export interface ProtocolErrorEvent {
  kind: DecodeErrorKind | 'forbidden-opcode' | 'bad-shard' | 'throttled';
  reason: string;
  at: number;
  /** The budget a `throttled` error went over (counted by the metrics). */
  budget?: BudgetExceeded;
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
   * interaction payloads dropped; null when the frame could not be decoded,
   * and from a worker connection, which sends {@link FrameEvent.text} instead.
   */
  raw: GatewayMessage | null;
  /**
   * The frame log's text of `raw` (`frame-text.ts`), made in a worker
   * connection's thread; absent from an in-process connection's frames.
   */
  text?: string;
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
  suggestedDialect: Dialect | null;
  dialect: DialectSpec['id'];
  mode: MonitorMode;
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
  /** Pings left unanswered while waiting for the bot to register (not counted as lost). */
  pingsUnanswered: number;
  lateAnswers: number;
  /** Frames dropped unread because the connection was over its budget (`budget.ts`). */
  framesThrottled: number;
  /** Times the connection went over a budget and was throttled. */
  throttles: number;
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

/** Handle returned by `createGatewayConnection`. */
export interface GatewayConnection extends Subscribable<GatewayEvents> {
  /** Start connecting. No-op while connecting or connected; resets the backoff otherwise. Throws after `dispose()`. */
  connect(): void;
  /** User stop: close the socket, cancel retries, state `closed`. No-op after `dispose()`. */
  disconnect(): void;
  /** Drop the current socket (if any) and connect again at once, resetting the backoff. Throws after `dispose()`. */
  reconnectNow(): void;
  /** Release every timer, socket and listener. The handle is unusable afterwards. */
  dispose(): void;
  readonly state: GatewayState;
  /**
   * Counters and last-known facts. `shards: false` leaves the shard lists out
   * (`shards` null, `ready.shards` empty): cheap enough to take often.
   */
  snapshot(o?: { shards?: boolean }): GatewaySnapshot;
  /** The counters alone: cheap enough to read on every status push (no shard list, no copy). */
  counters(): GatewayCounters;
}

/** The counters of a connection: the numeric fields of its snapshot. */
export type ConnectionCounts = Pick<
  GatewaySnapshot,
  | 'framesIn'
  | 'framesOut'
  | 'protocolErrors'
  | 'interactions'
  | 'unknownEvents'
  | 'pingsSent'
  | 'pingsLost'
  | 'pingsUnanswered'
  | 'lateAnswers'
  | 'reconnects'
  | 'framesThrottled'
  | 'throttles'
>;

/** Every counter at zero: a new connection, or a snapshot of one that never ran. */
export function zeroCounts(): ConnectionCounts {
  return {
    framesIn: 0,
    framesOut: 0,
    protocolErrors: 0,
    interactions: 0,
    unknownEvents: 0,
    pingsSent: 0,
    pingsLost: 0,
    pingsUnanswered: 0,
    lateAnswers: 0,
    reconnects: 0,
    framesThrottled: 0,
    throttles: 0,
  };
}

/** What `counters()` returns: cheap to read on every status push. */
export type GatewayCounters = Omit<
  ConnectionCounts,
  'pingsUnanswered' | 'framesThrottled' | 'throttles'
> & {
  lastProtocolError: string | null;
};
