/**
 * Reading one browser-mode bridge message (docs/architecture.md §3.3): the
 * text a WebSocket client sends is `unknown` until this says it is a
 * `{ id, channel, args }` request. Anyone holding the session token can send
 * anything, so nothing here calls a method of, converts or walks the value
 * beyond what the checks need.
 */
import type { Checked } from '../../shared/validate';
import { fail, ok } from '../../shared/validate';

/** Longest channel name looked at; every real one is far shorter. */
const MAX_CHANNEL_LENGTH = 100;
/** More arguments than any request of the contract takes. */
const MAX_ARGS = 8;

/** A request whose envelope is sound; `channel` is not yet known to be in the contract. */
export interface BridgeEnvelope {
  id: number;
  channel: string;
  args: unknown[];
}

/** The request id, when the message has a usable one (to answer even a broken request). */
export function bridgeRequestId(msg: unknown): number | null {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null;
  const id: unknown = Object.prototype.hasOwnProperty.call(msg, 'id')
    ? (msg as Record<string, unknown>)['id']
    : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/** Check the envelope of a parsed bridge message. */
export function checkBridgeRequest(msg: unknown): Checked<BridgeEnvelope> {
  const shape = 'send {"id": <number>, "channel": "<request name>", "args": [...]} as JSON text';
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    return fail(`The message is not a JSON object; ${shape}.`);
  const keys = Object.keys(msg);
  const extra = keys.find((k) => k !== 'id' && k !== 'channel' && k !== 'args');
  if (extra !== undefined)
    return fail(`The message has an unknown field "${extra.slice(0, 40)}"; ${shape}.`);
  const rec = msg as Partial<Record<'id' | 'channel' | 'args', unknown>>;
  const id = bridgeRequestId(msg);
  if (id === null) return fail(`The message has no usable "id" (a whole number ≥ 0); ${shape}.`);
  const channel = rec.channel;
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH)
    return fail(`The message's "channel" must be the name of a request; ${shape}.`);
  const args = rec.args === undefined ? [] : rec.args;
  if (!Array.isArray(args)) return fail(`The message's "args" must be a list; ${shape}.`);
  if (args.length > MAX_ARGS)
    return fail(
      `The message has ${args.length} arguments; no request takes more than ${MAX_ARGS}.`,
    );
  return ok({ id, channel, args });
}
