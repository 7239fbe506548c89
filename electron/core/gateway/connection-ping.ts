/**
 * The ping side of a gateway connection: the ping loop (`ping-loop.ts`)
 * wired to the connection's counters, states and events. Ping only, the
 * first answer is what makes the connection `ready`; unanswered pings before
 * it are the `waiting` state (docs/protocol.md §2).
 */
import type { Say } from '../../../shared/i18n/translator';
import type { DialectSpec } from '../../../shared/dialects';
import type { OutgoingFrame } from './codec';
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
  spec: DialectSpec;
  say: Say;
  /** Lost pings count from the start (register mode), not only after the first answer. */
  armed: boolean;
  f: ConnectionFacts;
  send: (frame: OutgoingFrame) => boolean;
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
  const p = createPingLoop({
    clock: opts.clock,
    intervalMs: opts.pingIntervalMs,
    timeoutMs: opts.pingTimeoutMs,
    lostPingsToDead: opts.lostPingsToDead,
    armed: c.armed,
    probe: opts.probe,
    send: () => {
      const ok = c.send({ type: c.spec.pingOpcode });
      if (ok) n.pingsSent++;
      return ok;
    },
    // The gateway answered: it is alive (and, pinging only, the bot has registered).
    onFirstAnswer: () => {
      c.markReady();
      c.setState('ready', say('connection.pingsAnsweredMeaning'));
    },
    onUnanswered: () => {
      n.pingsUnanswered++;
      if (c.state() !== 'waiting') c.setState('waiting', say('connection.waitingForBot'));
    },
    onOutcome: (o) => {
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
  return p;
}
