/**
 * The ping side of a gateway connection: the ping loop (`ping-loop.ts`)
 * wired to the connection's counters, states and events. Ping only, the
 * first answer is what makes the connection `ready`; unanswered pings before
 * it are the `waiting` state (docs/protocol.md §2).
 */
import type { Say } from '../../../shared/i18n/translator';
import type { ConnectionFacts } from './connection-facts';
import type { GatewayEvents, GatewayState } from './connection-types';
import type { Failure } from './failures';
import { failure } from './failures';
import type { ResolvedGatewayOptions } from './options';
import type { PingLoop } from './ping-loop';
import { createPingLoop } from './ping-loop';

/** What the ping side needs from its connection. */
export interface PingContext {
  opts: ResolvedGatewayOptions;
  say: Say;
  /** Lost pings count from the start (register mode), not only after the first answer. */
  armed: boolean;
  f: ConnectionFacts;
  /**
   * Put the dialect's ping on the wire; false when it could not be sent.
   * `beforeSend` runs, then the frame log's entry is emitted, then `stamp`
   * (the round trip starts) and the send, with nothing after it.
   */
  sendPing: (beforeSend: () => void, stamp: () => void) => boolean;
  /** Told true when a ping goes out, false when it is answered or lost or the loop stops. */
  pingInFlight: ((inFlight: boolean) => void) | null;
  emit: <K extends keyof GatewayEvents>(event: K, payload: GatewayEvents[K]) => void;
  state: () => GatewayState;
  setState: (next: GatewayState, detail: string) => void;
  /** The gateway answered a ping: the connection counts as up from now (backoff reset). */
  markReady: () => void;
  connectionLost: (f: Failure) => void;
}

/** Start a ping loop for the connection; the caller stops it. */
export function startConnectionPing(c: PingContext): PingLoop {
  const { opts, say, f } = c;
  const n = f.n;
  const flight = c.pingInFlight ?? (() => undefined);
  const p = createPingLoop({
    clock: opts.clock,
    intervalMs: opts.pingIntervalMs,
    timeoutMs: opts.pingTimeoutMs,
    lostPingsToDead: opts.lostPingsToDead,
    armed: c.armed,
    probe: opts.probe,
    say,
    send: (stamp) => {
      // In flight before the frame-log entry is emitted: the worker holds that entry's batch.
      let flew = false;
      const ok = c.sendPing(() => {
        flew = true;
        flight(true);
      }, stamp);
      if (ok) n.pingsSent++;
      // A frame-log listener closed the socket before the send.
      else if (flew) flight(false);
      return ok;
    },
    // The gateway answered: it is alive (and, pinging only, the bot has registered).
    onFirstAnswer: () => {
      c.markReady();
      c.setState('ready', say('connection.pingsAnsweredMeaning'));
    },
    onUnanswered: () => {
      flight(false);
      n.pingsUnanswered++;
      if (c.state() !== 'waiting') c.setState('waiting', say('connection.waitingForBot'));
    },
    onOutcome: (o) => {
      flight(false);
      if (o.lost) n.pingsLost++;
      else f.lastRttMs = o.rttMs;
      c.emit('ping', o);
    },
    onLate: (late) => {
      n.lateAnswers++;
      c.emit('ping-late', late);
    },
    onDead: (text) => c.connectionLost(failure('dead', text, 'backoff')),
  });
  p.start();
  return {
    start: p.start,
    answer: p.answer,
    stop() {
      p.stop();
      flight(false);
    },
  };
}
