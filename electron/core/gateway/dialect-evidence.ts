/**
 * What the gateway's own behaviour says about its dialect (docs/protocol.md
 * §5 "Detection"). Both the connection (to name the other dialect when a
 * failure fits it) and dialect detection read these, so the two never
 * disagree.
 */
import type { Dialect, GatewayMessage } from '../../../shared/protocol';
import { GATEWAY_EVENTS } from '../../../shared/protocol';
import type { FrameEncoding } from './codec';
import { serverMessageOf } from './failures';

/**
 * The HELLO of the 0.2.2 server: a zlib binary frame carrying, besides
 * `type`/`service`/`event`/`data`, the empty `message`, `possible_error` and
 * `rate_limit` of its message envelope (measured on the real server).
 */
export function is022Hello(message: GatewayMessage, encoding: FrameEncoding): boolean {
  return (
    encoding === 'zlib' &&
    message.event === GATEWAY_EVENTS.HELLO &&
    'rate_limit' in message &&
    'possible_error' in message
  );
}

/**
 * The dialect a HELLO proves, or null. The 0.2.2 server frames everything
 * as zlib binary, so a HELLO in any other framing cannot come from it; a
 * zlib HELLO with the 0.2.2 envelope can only come from it (a documented
 * gateway compresses only after a register asked for it).
 */
export function dialectOfHello(message: GatewayMessage, encoding: FrameEncoding): Dialect | null {
  if (message.event !== GATEWAY_EVENTS.HELLO) return null;
  if (is022Hello(message, encoding)) return 'http-interaction-0.2.2';
  return encoding === 'zlib' ? null : 'documented';
}

/** The 0.2.2 server's JSON error body (`code`, `code_error`, `message`, `error`) on a refused upgrade. */
export function is022ErrorBody(body: string): boolean {
  if (serverMessageOf(body) === null) return false;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return typeof parsed['code_error'] === 'string' && parsed['error'] === true;
  } catch {
    return false;
  }
}
