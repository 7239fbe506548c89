/**
 * Property-based fuzzing of the frame codec (`decodeFrame`), the first thing
 * every hostile byte from a gateway meets (docs/architecture.md §3.3).
 *
 * For every input: nothing is thrown, a refusal is one of the typed kinds
 * with a readable reason, an accepted frame is a plain object with an integer
 * `type` and no prototype-reaching key at any depth, a valid frame decoded
 * right after still decodes to exactly what was sent, and `Object.prototype`
 * is never touched. Sizes: ~300 runs per property in CI, 20 000 in the long
 * run (compression bombs are costlier: 40 / 1 000).
 */
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecodeErrorKind, DecodeResult } from '../../../electron/core/gateway/codec';
import { MAX_FRAME_BYTES, MAX_JSON_DEPTH, decodeFrame } from '../../../electron/core/gateway/codec';
import type { GatewayMessage } from '../../../shared/protocol';
import type { Encoding, Frame } from '../../reliability/arbitraries';
import {
  ENCODINGS,
  anyJson,
  encode,
  fragments,
  hasForbiddenKey,
  mutate,
  mutation,
  validMessage,
} from '../../reliability/arbitraries';
import { size, timeoutFor } from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('codec-fuzz');
const RUNS = size(300, 20_000);
const BOMB_RUNS = size(40, 1000);
const SEED = 20_261_126;
const T = timeoutFor(30_000, 900_000);

const KINDS: ReadonlySet<DecodeErrorKind> = new Set([
  'too-large',
  'inflate-failed',
  'inflate-too-large',
  'invalid-utf8',
  'invalid-json',
  'not-an-object',
  'bad-type',
  'too-deep',
]);
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

const CONTROL: GatewayMessage = {
  type: 3,
  service: 'gateway',
  event: 'GATEWAY_PING',
  data: { n: [1, 2, { ok: true }] },
};
const CONTROL_FRAMES = ENCODINGS.map((e) => encode(JSON.stringify(CONTROL), e));

let tried = 0;
let thrown = 0;

/** Decode, counting a throw as a crash instead of letting it end the property. */
function decode(data: Frame['data'] | ArrayBuffer | Buffer[], binary: boolean): DecodeResult {
  tried++;
  try {
    return decodeFrame(data, binary);
  } catch (err) {
    thrown++;
    throw err;
  }
}

/** The contract every result must meet, plus "a valid frame right after still decodes". */
function checkContract(r: DecodeResult): void {
  if (r.ok) {
    expect(typeof r.message).toBe('object');
    expect(Array.isArray(r.message)).toBe(false);
    expect(Number.isInteger(r.message.type)).toBe(true);
    for (const f of ['service', 'event', 'message'] as const) {
      const v = r.message[f];
      expect(v === undefined || typeof v === 'string').toBe(true);
    }
    expect(hasForbiddenKey(r.message)).toBe(false);
  } else {
    expect(KINDS.has(r.error.kind)).toBe(true);
    expect(typeof r.error.reason).toBe('string');
    expect(r.error.reason.length).toBeGreaterThan(10);
    expect(r.error.reason.length).toBeLessThan(500);
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTO_NAMES);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  for (const f of CONTROL_FRAMES) {
    const next = decodeFrame(f.data, f.binary);
    expect(next.ok && next.message).toEqual(CONTROL);
  }
}

function assertProperty<T>(arb: fc.Arbitrary<T>, check: (t: T) => void, numRuns = RUNS): void {
  fc.assert(fc.property(arb, check), { numRuns, seed: SEED });
}

// ---- arbitraries ------------------------------------------------------------

// ---- properties -------------------------------------------------------------

describe('decodeFrame under fuzzing', () => {
  afterAll(() => {
    card.add('inputsTried', tried);
    card.add('crashes', thrown);
    card.detail('decodeFrame calls', tried);
  });

  it(
    'random bytes, in every shape ws delivers (Buffer, ArrayBuffer, fragments, string)',
    () => {
      assertProperty(
        fc.record({
          bytes: fc.uint8Array({ maxLength: 2048 }),
          binary: fc.boolean(),
          shape: fc.constantFrom('buffer', 'arraybuffer', 'fragments', 'latin1', 'utf8'),
          cuts: fc.array(fc.nat(), { maxLength: 4 }),
          magic: fc.constantFrom([], [0x78], [0x78, 0x9c], [0x1f, 0x8b], [0x1f, 0x8b, 0x08]),
        }),
        ({ bytes, binary, shape, cuts, magic }) => {
          const buf = Buffer.concat([Buffer.from(magic), Buffer.from(bytes)]);
          const data =
            shape === 'buffer'
              ? buf
              : shape === 'arraybuffer'
                ? buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)
                : shape === 'fragments'
                  ? fragments(buf, cuts)
                  : buf.toString(shape);
          checkContract(decode(data, binary));
        },
      );
    },
    T,
  );

  it(
    'mutated valid frames in every encoding (text, raw binary, zlib, gzip)',
    () => {
      assertProperty(
        fc.record({
          msg: validMessage,
          encoding: fc.constantFrom(...ENCODINGS),
          mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
        }),
        ({ msg, encoding, mutations }) => {
          const frame = encode(JSON.stringify(msg), encoding);
          const raw = Buffer.isBuffer(frame.data) ? frame.data : Buffer.from(frame.data, 'utf8');
          const broken = mutations.reduce(mutate, raw);
          const r = decode(frame.binary ? broken : broken.toString('utf8'), frame.binary);
          checkContract(r);
          // The unmutated frame decodes to exactly the message.
          const clean = decode(frame.data, frame.binary);
          // As JSON carries it (-0 travels as 0).
          expect(clean.ok && clean.message).toEqual(JSON.parse(JSON.stringify(msg)));
          expect(clean.encoding).toBe(encoding);
        },
      );
    },
    T,
  );

  it(
    'deep nesting: refused past the limit, accepted within it, never a stack overflow',
    () => {
      assertProperty(
        fc.record({
          depth: fc.integer({ min: 1, max: 20_000 }),
          pattern: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
          close: fc.boolean(),
          encoding: fc.constantFrom(...ENCODINGS),
        }),
        ({ depth, pattern, close, encoding }) => {
          let open = '';
          let shut = '';
          for (let i = 0; i < depth; i++) {
            const obj = pattern[i % pattern.length];
            open += obj ? '{"k":' : '[';
            shut = (obj ? '}' : ']') + shut;
          }
          const json = `{"type":1,"data":${open}0${close ? shut : ''}}`;
          const r = decode(encode(json, encoding).data, encoding !== 'text');
          checkContract(r);
          const levels = depth + 1;
          if (levels > MAX_JSON_DEPTH) expect(!r.ok && r.error.kind).toBe('too-deep');
          else if (close) expect(r.ok).toBe(true);
          else expect(!r.ok && r.error.kind).toBe('invalid-json');
        },
      );
    },
    T,
  );

  it(
    'huge numbers and wrong types: exactly the frames with an integer type and string fields pass',
    () => {
      const numberText = fc.oneof(
        fc.constantFrom(
          '1e999',
          '-1e999',
          '-0',
          '1.0',
          '1e2',
          '9007199254740993',
          '123456789012345678901234567890',
          '0.0000000000000000001',
          '1'.repeat(400),
        ),
        fc.double().map((d) => (Number.isFinite(d) ? JSON.stringify(d) : '0')),
        fc.integer().map(String),
      );
      const valueText = fc.oneof(
        numberText,
        anyJson.map((v) => JSON.stringify(v)),
        fc.constant('"3"'),
        fc.constant('null'),
      );
      assertProperty(
        fc.record({
          type: valueText,
          service: fc.option(valueText),
          event: fc.option(valueText),
          message: fc.option(valueText),
          possibleError: fc.option(valueText),
        }),
        (f) => {
          const parts = [`"type":${f.type}`];
          if (f.service !== null) parts.push(`"service":${f.service}`);
          if (f.event !== null) parts.push(`"event":${f.event}`);
          if (f.message !== null) parts.push(`"message":${f.message}`);
          if (f.possibleError !== null) parts.push(`"possible_error":${f.possibleError}`);
          const json = `{${parts.join(',')}}`;
          const r = decode(json, false);
          checkContract(r);
          const parsed = JSON.parse(json) as Record<string, unknown>;
          const str = (k: string) => parsed[k] === undefined || typeof parsed[k] === 'string';
          const expected =
            Number.isInteger(parsed['type']) &&
            str('service') &&
            str('event') &&
            str('message') &&
            (parsed['possible_error'] === undefined ||
              typeof parsed['possible_error'] === 'boolean');
          expect(r.ok).toBe(expected);
          if (!r.ok) expect(r.error.kind).toBe('bad-type');
        },
      );
    },
    T,
  );

  it(
    'duplicate keys: the last one wins, as in JSON.parse, and is checked like any other',
    () => {
      assertProperty(
        fc.record({
          types: fc.array(fc.oneof(fc.integer(), fc.constant('"x"'), fc.constant('null')), {
            minLength: 2,
            maxLength: 5,
          }),
          events: fc.array(fc.constantFrom('"A"', '"B"', '7'), { maxLength: 3 }),
        }),
        ({ types, events }) => {
          const parts = [
            ...types.map((t) => `"type":${t}`),
            ...events.map((e) => `"event":${e}`),
            '"data":{"k":1,"k":2}',
          ];
          const json = `{${parts.join(',')}}`;
          const r = decode(json, false);
          checkContract(r);
          const last = JSON.parse(json) as Record<string, unknown>;
          if (r.ok) {
            expect(r.message.type).toBe(last['type']);
            expect(r.message.event).toBe(last['event']);
            expect(r.message.data).toEqual({ k: 2 });
          } else expect(r.error.kind).toBe('bad-type');
        },
      );
    },
    T,
  );

  it(
    '__proto__, constructor and prototype keys (plain or \\u-escaped, at any depth) are dropped, nothing is polluted',
    () => {
      const spelling = fc.constantFrom(
        '__proto__',
        '\\u005f\\u005fproto\\u005f\\u005f',
        '__pro\\u0074o__',
        'constructor',
        'prototype',
        'constr\\u0075ctor',
      );
      const hostile = fc.letrec<{ node: string }>((tie) => ({
        node: fc.oneof(
          { depthSize: 'small' },
          fc.constant('{"polluted":true,"isAdmin":true}'),
          fc.constant('1'),
          fc
            .record({
              key: fc.oneof(spelling, fc.constantFrom('a', 'b', 'data')),
              child: tie('node'),
              sibling: fc.boolean(),
            })
            .map(
              ({ key, child, sibling }) => `{"${key}":${child}${sibling ? ',"keep":"me"' : ''}}`,
            ),
          tie('node').map((c) => `[${c},${c}]`),
        ),
      })).node;
      assertProperty(
        fc.record({ top: spelling, inner: hostile, encoding: fc.constantFrom(...ENCODINGS) }),
        ({ top, inner, encoding }) => {
          const json = `{"type":1,"${top}":${inner},"data":${inner},"keep":"me"}`;
          const r = decode(encode(json, encoding).data, encoding !== 'text');
          checkContract(r);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.message['keep']).toBe('me');
          expect(Object.getPrototypeOf(r.ok ? r.message : {})).toBe(Object.prototype);
        },
      );
    },
    T,
  );

  it(
    'invalid UTF-8 in a string value is refused in every binary encoding',
    () => {
      const bad = fc.constantFrom(
        [0xc3, 0x28],
        [0xff],
        [0xfe],
        [0xc0, 0xaf],
        [0xe0, 0x80, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0x80],
        [0xe2, 0x82],
      );
      assertProperty(
        fc.record({
          before: fc.string({ maxLength: 20 }).map((s) => s.replace(/["\\]/g, '')),
          bytes: bad,
          encoding: fc.constantFrom<Encoding>('binary-json', 'zlib', 'gzip'),
        }),
        ({ before, bytes, encoding }) => {
          const raw = Buffer.concat([
            Buffer.from(`{"type":1,"message":"${before}`, 'utf8'),
            Buffer.from(bytes),
            Buffer.from('"}', 'utf8'),
          ]);
          const data =
            encoding === 'binary-json'
              ? raw
              : encoding === 'zlib'
                ? deflateSync(raw)
                : gzipSync(raw);
          const r = decode(data, true);
          checkContract(r);
          expect(!r.ok && r.error.kind).toBe('invalid-utf8');
        },
      );
    },
    T,
  );

  it(
    'oversized frames are refused before anything is inflated or parsed',
    () => {
      const big = Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20);
      assertProperty(
        fc.record({ extra: fc.nat({ max: 4096 }), binary: fc.boolean() }),
        ({ extra, binary }) => {
          const r = decode(Buffer.concat([big, Buffer.alloc(extra, 0x20)]), binary);
          checkContract(r);
          expect(!r.ok && r.error.kind).toBe('too-large');
        },
        size(20, 200),
      );
    },
    T,
  );
});

describe('compression bombs', () => {
  // Built once: inflating them is the cost being tested, not compressing them.
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  const jsonBomb = Buffer.from(`{"type":1,"data":"${'A'.repeat(9 * 1024 * 1024)}"}`);
  const halfLimit = Buffer.alloc(5 * 1024 * 1024, 0x20);
  const bombs: Array<{ name: string; data: Buffer }> = [
    { name: 'zlib zeros', data: deflateSync(zeros, { level: 9 }) },
    { name: 'gzip zeros', data: gzipSync(zeros, { level: 9 }) },
    { name: 'zlib json', data: deflateSync(jsonBomb, { level: 9 }) },
    { name: 'gzip json', data: gzipSync(jsonBomb, { level: 9 }) },
    {
      // Two gzip members, each under the limit, together over it.
      name: 'gzip multi-member',
      data: Buffer.concat([gzipSync(halfLimit), gzipSync(halfLimit)]),
    },
  ];

  it(
    'every bomb, whole, truncated or with a tail, is refused without inflating past the limit',
    () => {
      for (const b of bombs) expect(b.data.length).toBeLessThan(MAX_FRAME_BYTES);
      assertProperty(
        fc.record({
          bomb: fc.constantFrom(...bombs),
          cut: fc.option(fc.nat()),
          tail: fc.uint8Array({ maxLength: 16 }),
        }),
        ({ bomb, cut, tail }) => {
          const base =
            cut === null ? bomb.data : bomb.data.subarray(0, 2 + (cut % bomb.data.length));
          const r = decode(Buffer.concat([base, Buffer.from(tail)]), true);
          checkContract(r);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(['inflate-too-large', 'inflate-failed']).toContain(r.error.kind);
          if (cut === null && tail.length === 0 && !r.ok)
            expect(r.error.kind).toBe('inflate-too-large');
        },
        BOMB_RUNS,
      );
      card.detail('compression bombs tried', BOMB_RUNS);
    },
    timeoutFor(60_000, 900_000),
  );
});
