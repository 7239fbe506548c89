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

/** The facts of a snapshot without shards that change only now and then, with the URL. */
export type RareFacts = Pick<
  ReturnType<typeof factsSnapshot>,
  'hello' | 'ready' | 'lastProtocolError' | 'lastServerMessage' | 'shards'
> & { url: string };

/**
 * The facts that change only with a new HELLO, READY, protocol error or
 * server message, scrubbed once for each (the snapshot without shards): a
 * worker's connection is asked for them with every batch, a ping's too, and
 * scrubbing them again each time showed in profiles of 100 bots. These facts
 * are replaced when they change, never changed in place, so the objects they
 * were made from say whether the last copy still holds.
 */
export function rareFactsOf(
  f: ConnectionFacts,
  scrub: <T>(value: T) => T,
  url: string,
): () => RareFacts {
  let kept: { from: readonly unknown[]; facts: RareFacts } | null = null;
  return () => {
    const from = [f.hello, f.ready, f.lastProtocolError, f.lastServerMessage];
    if (kept && from.every((x, i) => x === kept?.from[i])) return kept.facts;
    const { hello, ready, lastProtocolError, lastServerMessage, shards } = factsSnapshot(f, false);
    const facts = scrub({ url, hello, ready, lastProtocolError, lastServerMessage, shards });
    kept = { from, facts };
    return facts;
  };
}
