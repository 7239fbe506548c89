/**
 * What one decoded frame from the gateway is, for the connection to act on
 * (docs/protocol.md §1 "Events", §2 "Opcodes"), and the frame-log entry of
 * any incoming frame. Pure: the connection owns every effect.
 */
import type { DialectSpec } from '../../../shared/dialects';
import type { Dialect, GatewayMessage } from '../../../shared/protocol';
import { GATEWAY_EVENTS } from '../../../shared/protocol';
import { isRecord } from '../../../shared/validate';
import type { DecodeResult, FrameEncoding } from './codec';
import type { FrameEvent } from './connection-types';
import { dialectOfHello } from './dialect-evidence';
import { redactIncoming } from './frames';

/** One incoming message, classified. */
export type Incoming =
  /** The identification was refused (`GATEWAY_NO_IDENTIFIED`). */
  | { kind: 'refused'; said: string | null }
  /** HELLO; `otherDialect` when its framing proves the gateway speaks the other dialect. */
  | { kind: 'hello'; otherDialect: Dialect | null }
  | { kind: 'ping' }
  | { kind: 'shard-info' }
  | { kind: 'interaction'; shardId: number | null }
  /** The answer to a register request in flight. */
  | { kind: 'register-answer'; event: string }
  /** A READY/RESUME outside registering: fresh facts. */
  | { kind: 'ready'; event: string }
  /** An error report, already shown as a server message. */
  | { kind: 'error' }
  | { kind: 'unknown' };

/** The text of a message the gateway flagged as an error, or null. */
export function flaggedText(m: GatewayMessage): string | null {
  if (m.possible_error !== true && m.event !== GATEWAY_EVENTS.ERROR) return null;
  return m.message ?? '(the gateway reported an error without a message)';
}

/**
 * Classify a decoded message. `registering`: a register answer is awaited.
 * `first`: the socket's first message — only a greeting is evidence of the
 * gateway's dialect; a HELLO later on is just an odd frame.
 */
export function classifyIncoming(
  m: GatewayMessage,
  encoding: FrameEncoding,
  spec: DialectSpec,
  registering: boolean,
  first: boolean,
): Incoming {
  const event = m.event ?? null;
  const flagged = flaggedText(m) !== null;
  switch (event) {
    case GATEWAY_EVENTS.NO_IDENTIFIED:
      return { kind: 'refused', said: m.message ?? null };
    case GATEWAY_EVENTS.HELLO: {
      const seems = first ? dialectOfHello(m, encoding) : null;
      return { kind: 'hello', otherDialect: seems !== null && seems !== spec.id ? seems : null };
    }
    case GATEWAY_EVENTS.PING:
      return { kind: 'ping' };
    case GATEWAY_EVENTS.SHARD_INFO:
      return { kind: 'shard-info' };
    case GATEWAY_EVENTS.ERROR:
      return { kind: 'error' };
  }
  if (event === GATEWAY_EVENTS.INTERACTION || m.type === 8) {
    const d = m.data;
    return {
      kind: 'interaction',
      shardId: isRecord(d) && typeof d['shard_id'] === 'number' ? d['shard_id'] : null,
    };
  }
  // The register answer "can return in various event types" (docs/protocol.md
  // §1): any type-1 event while registering is the answer, unless it is an
  // error report.
  if (registering && m.type === spec.registerOpcode && event && !flagged)
    return { kind: 'register-answer', event };
  if (event === GATEWAY_EVENTS.READY || event === GATEWAY_EVENTS.RESUME)
    return { kind: 'ready', event };
  return flagged ? { kind: 'error' } : { kind: 'unknown' };
}

/** The frame-log entry of an incoming frame, decoded or refused. */
export function incomingFrameEvent(result: DecodeResult, at: number): FrameEvent {
  if (!result.ok) {
    return {
      direction: 'in',
      at,
      bytes: result.bytes,
      encoding: result.encoding,
      type: null,
      event: null,
      raw: null,
      error: result.error,
    };
  }
  const m = result.message;
  return {
    direction: 'in',
    at,
    bytes: result.bytes,
    encoding: result.encoding,
    type: m.type,
    event: typeof m.event === 'string' ? m.event : null,
    raw: redactIncoming(m),
    error: null,
  };
}
