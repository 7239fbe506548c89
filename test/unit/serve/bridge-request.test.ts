// The envelope check of a browser-mode bridge message (electron/serve/bridge-request.ts):
// what a page (or anyone holding the session token) is told when a message is
// not a request, and which request ids the answer can still carry.
import { describe, expect, it } from 'vitest';
import { bridgeRequestId, checkBridgeRequest } from '../../../electron/serve/bridge-request';

const SHAPE = 'send {"id": <number>, "channel": "<request name>", "args": [...]} as JSON text';

function errorOf(msg: unknown): string {
  const checked = checkBridgeRequest(msg);
  if (checked.ok) throw new Error(`expected a refusal, got ${JSON.stringify(checked.value)}`);
  return checked.error;
}

describe('bridgeRequestId: the id an answer carries', () => {
  it('is the whole, non-negative id of an object message', () => {
    expect(bridgeRequestId({ id: 0 })).toBe(0);
    expect(bridgeRequestId({ id: 7, channel: 'x' })).toBe(7);
    expect(bridgeRequestId({ id: Number.MAX_SAFE_INTEGER })).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('is null for anything that is not an object with a usable id', () => {
    expect(bridgeRequestId(null)).toBeNull();
    expect(bridgeRequestId(5)).toBeNull();
    expect(bridgeRequestId('{"id":1}')).toBeNull();
    expect(bridgeRequestId([1])).toBeNull();
    // An array with an own "id" property is still not a request.
    expect(bridgeRequestId(Object.assign([], { id: 3 }))).toBeNull();
    expect(bridgeRequestId({})).toBeNull();
    expect(bridgeRequestId({ id: -1 })).toBeNull();
    expect(bridgeRequestId({ id: 1.5 })).toBeNull();
    expect(bridgeRequestId({ id: '1' })).toBeNull();
    expect(bridgeRequestId({ id: Number.MAX_SAFE_INTEGER + 1 })).toBeNull();
    expect(bridgeRequestId({ id: Number.NaN })).toBeNull();
  });

  it('reads only an own id, never one inherited from the prototype', () => {
    const inherited: unknown = Object.create({ id: 4 });
    expect(bridgeRequestId(inherited)).toBeNull();
  });
});

describe('checkBridgeRequest: a sound envelope', () => {
  it('passes id, channel and args through unchanged', () => {
    const args = [{ a: 1 }, 'two'];
    const checked = checkBridgeRequest({ id: 3, channel: 'profiles:list', args });
    expect(checked).toEqual({ ok: true, value: { id: 3, channel: 'profiles:list', args } });
    if (checked.ok) expect(checked.value.args).toBe(args);
  });

  it('takes a missing "args" as no arguments', () => {
    expect(checkBridgeRequest({ id: 0, channel: 'c' })).toEqual({
      ok: true,
      value: { id: 0, channel: 'c', args: [] },
    });
  });

  it('accepts a channel of 1 and of 100 characters, and 8 arguments', () => {
    expect(checkBridgeRequest({ id: 1, channel: 'c', args: [] }).ok).toBe(true);
    expect(checkBridgeRequest({ id: 1, channel: 'c'.repeat(100), args: [] }).ok).toBe(true);
    const eight = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(checkBridgeRequest({ id: 1, channel: 'c', args: eight })).toEqual({
      ok: true,
      value: { id: 1, channel: 'c', args: eight },
    });
  });
});

describe('checkBridgeRequest: refusals say what is wrong and how to send it', () => {
  it('refuses what is not a JSON object', () => {
    for (const msg of [null, 1, 'text', true, [], [{ id: 1, channel: 'c' }]]) {
      expect(errorOf(msg)).toBe(`The message is not a JSON object; ${SHAPE}.`);
    }
  });

  it('names an unknown field, cut to 40 characters', () => {
    expect(errorOf({ id: 1, channel: 'c', args: [], extra: 1 })).toBe(
      `The message has an unknown field "extra"; ${SHAPE}.`,
    );
    const long = 'k'.repeat(60);
    expect(errorOf({ id: 1, channel: 'c', [long]: 1 })).toBe(
      `The message has an unknown field "${'k'.repeat(40)}"; ${SHAPE}.`,
    );
  });

  it('accepts each known field on its own without calling it unknown', () => {
    // Only "id" is missing a channel: the refusal is about the channel, not a field.
    expect(errorOf({ id: 1 })).toBe(
      `The message's "channel" must be the name of a request; ${SHAPE}.`,
    );
    expect(errorOf({ channel: 'c' })).toBe(
      `The message has no usable "id" (a whole number ≥ 0); ${SHAPE}.`,
    );
    expect(errorOf({ args: [] })).toBe(
      `The message has no usable "id" (a whole number ≥ 0); ${SHAPE}.`,
    );
  });

  it('refuses a missing, negative, fractional or text id', () => {
    for (const id of [undefined, -1, 0.5, '1', null]) {
      expect(errorOf({ id, channel: 'c', args: [] })).toBe(
        `The message has no usable "id" (a whole number ≥ 0); ${SHAPE}.`,
      );
    }
  });

  it('refuses a channel that is not a name, empty or over 100 characters', () => {
    const message = `The message's "channel" must be the name of a request; ${SHAPE}.`;
    for (const channel of [undefined, 5, '', 'c'.repeat(101), ['c']]) {
      expect(errorOf({ id: 1, channel, args: [] })).toBe(message);
    }
  });

  it('refuses args that are not a list', () => {
    for (const args of [null, 'a', { 0: 'a' }, 3]) {
      expect(errorOf({ id: 1, channel: 'c', args })).toBe(
        `The message's "args" must be a list; ${SHAPE}.`,
      );
    }
  });

  it('refuses more than 8 arguments, saying how many came', () => {
    expect(errorOf({ id: 1, channel: 'c', args: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(
      'The message has 9 arguments; no request takes more than 8.',
    );
  });
});
