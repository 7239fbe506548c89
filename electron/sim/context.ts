/**
 * What the simulator's dialect modules share with its core: one accepted
 * connection, the per-bot state and the core's services (sending, ping
 * answers, timers, statistics). Internal to `electron/sim/`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { Clock, TimerHandle } from '../../shared/clock';
import type { SimRandom } from './random';
import type { ShardTable } from './shards';
import type { SimCredentials, SimStats } from './types';

/** Identification headers as received (numbers parsed leniently; 0.2.2 re-checks them strictly). */
export interface Identification {
  id: string | undefined;
  secret: string | undefined;
  publicKey: string | undefined;
  shardIn: string | undefined;
  shardTotal: string | undefined;
}

/** One accepted client connection. */
export interface Conn {
  seq: number;
  ws: WebSocket;
  socket: Duplex;
  ident: Identification;
  botId: string;
  shardIn: number;
  shardTotal: number;
  /** Passed identification and shard checks. */
  accepted: boolean;
  /** A register succeeded on this connection. */
  registered: boolean;
  readerDead: boolean;
  halfOpen: boolean;
  /** Clock time of the last scheduled ping answer, to keep answers in order (docs/protocol.md §1). */
  lastAnswerAt: number;
  lateAnswerMs: number | null;
  duplicateNext: boolean;
  pushTimer: TimerHandle | null;
  timers: Set<TimerHandle>;
  /** Send a real close frame (0.2.2 replaces `ws.close`, see `dialect-022.ts`). */
  closeFrame(code?: number, reason?: string): void;
}

/** Where a bot's interactions go: its last registered connection, the bot outside the simulator, or nowhere. */
export type InteractionTarget = Conn | 'outside' | null;

/** Per bot id. The 0.2.2 server never cleans any of this up on disconnect. */
export interface BotState {
  /** A register succeeded on this bot id since the server started. */
  registered: boolean;
  sessionId: string | null;
  /** The connection that registered last (interactions go there), even once it is gone. */
  lastRegistered: InteractionTarget;
}

/** JSON object as the simulator builds it. */
export type JsonObject = Record<string, unknown>;

/** Mutable counters (the handle adds the derived fields). */
export type MutableStats = Omit<
  SimStats,
  'dialect' | 'scenario' | 'connectionsOpen' | 'lastUpgradeHeaders'
>;

/** The core's services, handed to a dialect module. */
export interface SimContext {
  clock: Clock;
  random: SimRandom;
  credentials: SimCredentials;
  stats: MutableStats;
  shards: ShardTable;
  log(line: string): void;
  bot(id: string): BotState;
  /** Send a message in the dialect's framing; false when the socket cannot take it. */
  send(conn: Conn, message: JsonObject): boolean;
  /** Answer a ping after the configured latency, in order, unless stalled. */
  answerPing(conn: Conn): void;
  /** The server's reader for this connection dies (0.2.2; see `dialect-022.ts`). */
  killReader(conn: Conn, reason: string): void;
  countOpcode(type: number): void;
  /** Every timer goes through here so `stop()` can clear them all. */
  schedule(fn: () => void, ms: number, conn?: Conn): TimerHandle;
}

/** An HTTP answer instead of an upgrade. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** One dialect's server behaviour. */
export interface SimDialect {
  /** Refuse an upgrade with an HTTP answer, or null to accept it. */
  checkUpgrade(req: IncomingMessage, path: string): HttpAnswer | null;
  /** The answer to a plain (non-upgrade) HTTP request. */
  plainRequest(path: string): HttpAnswer;
  /** A new WebSocket connection: authenticate, say HELLO (or close). */
  onConnection(conn: Conn): void;
  onMessage(conn: Conn, data: RawData, isBinary: boolean): void;
  /** A WebSocket ping or pong arrived from the client. */
  onControlFrame(conn: Conn, kind: 'ping' | 'pong'): void;
  /** `documented`: push shard stats to this connection now; false when not sent. */
  pushShardInfo(conn: Conn): boolean;
}

/** The 0.2.2 server's JSON error body (docs/protocol.md §2 "Connecting"). */
export function errorBody(status: number, codeError: string, message: string): string {
  return JSON.stringify({ code: status, code_error: codeError, message, error: true });
}

/** True for a value usable as a count or id: a non-negative safe integer. */
export function isNonNegInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
