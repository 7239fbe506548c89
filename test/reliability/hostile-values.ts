/**
 * Arbitrary values an attacker can put in a request (docs/reliability.md,
 * "Hostile requests at every entry point"): any JSON value, and the shapes
 * that break code which trusts a value to behave like an object — own keys
 * named `toString`, `valueOf`, `then`, `__proto__`, `constructor`,
 * `prototype` (made with `JSON.parse`, so they are own keys, as a request
 * arriving over a wire has them), nested prototypes, huge and tiny numbers,
 * long strings, deep nesting.
 */
import fc from 'fast-check';
import type { ApiChannel } from '../../shared/api';
import { API_CHANNELS } from '../../shared/api';

/** Keys that change how an object behaves when code treats it as a plain one. */
export const BEHAVIOUR_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'toJSON',
  'then',
  'hasOwnProperty',
  'length',
  'id',
  'channel',
  'args',
] as const;

const json = (text: string): unknown => JSON.parse(text) as unknown;

/** Fixed hostile values, each a known way to break naive code. */
export const HOSTILE_CONSTANTS: unknown[] = [
  json('{"toString":1}'),
  json('{"valueOf":{}}'),
  json('{"toString":"x","valueOf":null}'),
  json('{"__proto__":{"polluted":true}}'),
  json('{"__proto__":{"__proto__":{"toString":1,"valueOf":1}}}'),
  json('{"constructor":{"prototype":{"polluted":true}}}'),
  json('{"prototype":{"toString":1}}'),
  json('{"then":1}'),
  json('{"then":{"toString":1}}'),
  json('{"toJSON":1}'),
  json('{"hasOwnProperty":1,"length":-1}'),
  json('{"length":1e308,"0":{"toString":1}}'),
  [],
  [[[]]],
  [{ toString: 1 }],
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  5e-324,
  0,
  -1,
  '',
  '\u0000',
  '\ud800',
  'query:snapshot\u0000',
  ' query:snapshot',
  'QUERY:SNAPSHOT',
  'x'.repeat(100_000),
  json(`${'['.repeat(3000)}${']'.repeat(3000)}`),
  json(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`),
  null,
  true,
];

/** Any hostile value: JSON of every shape, with behaviour keys mixed in at any depth. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(...HOSTILE_CONSTANTS),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...BEHAVIOUR_KEYS), fc.string({ maxLength: 12 })),
          tie('value'),
        ),
        { maxLength: 5 },
      )
      // Through JSON text, so `__proto__` is an own key as it is off the wire.
      .map((entries) => {
        const text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
        return JSON.parse(text) as unknown;
      }),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).value;

/** A channel name: a real one, a prototype name, or anything at all. */
export const channelValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<ApiChannel>(...API_CHANNELS),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'event:delta'),
  hostileValue,
);
