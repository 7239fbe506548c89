/**
 * What a connection has learned and counted: the counters, the last HELLO,
 * READY and shard list, the last RTT, error and server message. Kept apart
 * from the state machine so both its snapshot and its cheap counters come
 * from one place.
 */
import type { HelloInfo, ReadyInfo, ShardStats } from '../../../shared/protocol';
import type {
  ConnectionCounts,
  GatewayCounters,
  GatewaySnapshot,
  ProtocolErrorEvent,
  ServerMessageEvent,
  ShardsSource,
} from './connection-types';
import { zeroCounts } from './connection-types';
import { publicReady } from './frames';

/** Everything a connection learned, mutable by its owner only. */
export interface ConnectionFacts {
  n: ConnectionCounts;
  lastProtocolError: ProtocolErrorEvent | null;
  lastRttMs: number | null;
  hello: HelloInfo | null;
  ready: ReadyInfo | null;
  shards: ShardStats[] | null;
  shardsSource: ShardsSource | null;
  shardsAt: number | null;
  lastServerMessage: ServerMessageEvent | null;
}

/** Nothing learned yet. */
export function newFacts(): ConnectionFacts {
  return {
    n: zeroCounts(),
    lastProtocolError: null,
    lastRttMs: null,
    hello: null,
    ready: null,
    shards: null,
    shardsSource: null,
    shardsAt: null,
    lastServerMessage: null,
  };
}

/** Where counters are read from: a connection's facts, or a snapshot. */
export type CounterSource = Omit<
  ConnectionCounts,
  'pingsUnanswered' | 'framesThrottled' | 'throttles'
> & {
  lastProtocolError: ProtocolErrorEvent | null;
};

/**
 * The counters alone (no copies of lists); `scrub` cleans the one free
 * text. Test doubles of a connection pass a snapshot.
 */
export function countersOf(
  n: CounterSource,
  scrub: (s: string) => string = (s) => s,
): GatewayCounters {
  return {
    framesIn: n.framesIn,
    framesOut: n.framesOut,
    protocolErrors: n.protocolErrors,
    interactions: n.interactions,
    unknownEvents: n.unknownEvents,
    pingsSent: n.pingsSent,
    pingsLost: n.pingsLost,
    lateAnswers: n.lateAnswers,
    reconnects: n.reconnects,
    lastProtocolError: n.lastProtocolError ? scrub(n.lastProtocolError.reason) : null,
  };
}

/** The learned part of a snapshot (not yet scrubbed). */
export function factsSnapshot(f: ConnectionFacts, withShards = true) {
  const ready = f.ready ? publicReady(f.ready) : null;
  return {
    ...f.n,
    lastProtocolError: f.lastProtocolError,
    lastRttMs: f.lastRttMs,
    hello: f.hello,
    ready: ready && !withShards ? { ...ready, shards: [] } : ready,
    shards: withShards ? f.shards : null,
    shardsSource: f.shardsSource,
    shardsAt: f.shardsAt,
    lastServerMessage: f.lastServerMessage,
  } satisfies Partial<GatewaySnapshot>;
}
