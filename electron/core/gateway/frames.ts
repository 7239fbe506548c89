/**
 * Copies of frames fit to leave the connection: the public key redacted from
 * what is sent, the session id shortened and interaction payloads dropped
 * from what arrives (docs/architecture.md §3.7).
 */
import type { GatewayMessage, ReadyInfo } from '../../../shared/protocol';
import { GATEWAY_EVENTS, shortSessionId } from '../../../shared/protocol';
import { isRecord } from '../../../shared/validate';
import type { DialectSpec } from '../../../shared/dialects';
import type { EncodedFrame, OutgoingFrame } from './codec';
import { ForbiddenOpcodeError, encodeFrame } from './codec';
import type { FrameEvent, PublicReadyInfo } from './connection-types';
import { REDACTED } from './secret-scrub';

/** A READY's facts without the session id, which never leaves the connection whole. */
export function publicReady(r: ReadyInfo): PublicReadyInfo {
  const { sessionId, ...rest } = r;
  return { ...rest, sessionIdShort: shortSessionId(sessionId) };
}

/** An outgoing frame as the frame log may show it. */
export function redactOutgoing(frame: OutgoingFrame): GatewayMessage {
  const copy = JSON.parse(JSON.stringify(frame)) as GatewayMessage;
  const d = copy['d'];
  if (isRecord(d) && 'public_key' in d) d['public_key'] = REDACTED;
  return copy;
}

/** An incoming frame as the frame log may show it. */
export function redactIncoming(message: GatewayMessage): GatewayMessage {
  const copy: GatewayMessage = { ...message };
  if (message.type === 8 || message.event === GATEWAY_EVENTS.INTERACTION) {
    copy.data = '[interaction payload not kept]';
  } else if (isRecord(message.data) && typeof message.data['session_id'] === 'string') {
    copy.data = { ...message.data, session_id: shortSessionId(message.data['session_id']) };
  }
  return copy;
}

/**
 * Encode a frame the way the dialect requires, with its frame-log entry; or
 * why it must not go out (an opcode the dialect forbids).
 */
export function encodeOutgoing(
  spec: DialectSpec,
  frame: OutgoingFrame,
  at: number,
): { ok: true; encoded: EncodedFrame; event: FrameEvent } | { ok: false; reason: string } {
  let encoded: EncodedFrame;
  try {
    encoded = encodeFrame(spec, frame);
  } catch (err) {
    return {
      ok: false,
      reason: err instanceof ForbiddenOpcodeError ? err.message : 'A frame could not be encoded.',
    };
  }
  const text = typeof encoded === 'string';
  return {
    ok: true,
    encoded,
    event: {
      direction: 'out',
      at,
      bytes: text ? Buffer.byteLength(encoded) : encoded.length,
      encoding: text ? 'text' : 'gzip',
      type: frame.type,
      event: null,
      raw: redactOutgoing(frame),
      error: null,
    },
  };
}

/** The protocol error of shard entries dropped for lack of a usable `shard_id`. */
export function rejectedShardsReason(count: number): string {
  const one = count === 1;
  return `${count} shard ${one ? 'entry has' : 'entries have'} no usable shard_id (a whole number from 0 to 2^53 − 1) and ${one ? 'was' : 'were'} ignored.`;
}
