/**
 * The codec's cheap paths for large frames: bytes checked before any string
 * is made, prototype-reaching keys looked for by the byte scan, and the
 * "no secret can be in here" answer (`mayHoldWatched`) that lets the
 * connection skip walking a 5,000-shard snapshot for its secrets. Each
 * answer is compared with what the plain, slow way gives.
 */
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../../electron/core/gateway/codec';
import type { DecodeResult } from '../../../../electron/core/gateway/codec';

const SECRET = 'SECRET-canary-5e1f07';
const KEY = 'PUBKEY-canary-0b9d44';
const WATCH = [SECRET, KEY];

function expectOk(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.reason}`);
  return result;
}

function shardInfo(count: number, patch: (i: number) => Record<string, unknown> = () => ({})) {
  const shards = Array.from({ length: count }, (_, i) => ({
    development: false,
    disconnected: i % 97 === 0,
    receibe_ping: 10 + i,
    received: 5000 + i,
    send_ping: 10 + i,
    sending: 7000 + i,
    shard_hash: `h${i.toString(36).padStart(34, 'x')}`,
    shard_id: i,
    ...patch(i),
  }));
  return { type: 1, service: 'gateway', event: 'GATEWAY_SHARD_INFO', data: [[[[shards]]]] };
}

/** Every shape the codec takes a frame in, for one JSON text. */
function shapes(text: string): Array<{ name: string; data: string | Buffer; binary: boolean }> {
  const buf = Buffer.from(text, 'utf8');
  return [
    { name: 'text string', data: text, binary: false },
    { name: 'text Buffer', data: buf, binary: false },
    { name: 'binary JSON', data: buf, binary: true },
    { name: 'zlib', data: deflateSync(buf), binary: true },
  ];
}

describe('decodeFrame on large frames', () => {
  it('decodes a 5,000-shard snapshot in every shape to exactly what JSON.parse gives', () => {
    const text = JSON.stringify(shardInfo(5000));
    expect(text.length).toBeGreaterThan(512 * 1024);
    const expected: unknown = JSON.parse(text);
    for (const s of shapes(text)) {
      const r = expectOk(decodeFrame(s.data, s.binary, { watch: WATCH }));
      expect(r.message, s.name).toEqual(expected);
      expect(r.mayHoldWatched, s.name).toBe(false);
    }
  });

  it('drops prototype-reaching keys deep inside a large frame, spelt plainly or escaped', () => {
    for (const key of [
      '__proto__',
      'constructor',
      'prototype',
      '\\u005f_proto__',
      'constr\\u0075ctor',
    ]) {
      const frame = shardInfo(3000);
      const text = JSON.stringify(frame).replace(
        '"shard_id":1500}',
        `"shard_id":1500,"${key}":{"polluted":true}}`,
      );
      for (const s of shapes(text)) {
        const r = expectOk(decodeFrame(s.data, s.binary));
        const shard = (r.message.data as unknown[][][][][])[0]![0]![0]![0]![1500] as Record<
          string,
          unknown
        >;
        expect(Object.keys(shard), `${key} ${s.name}`).not.toContain('__proto__');
        expect(Object.keys(shard)).not.toContain('constructor');
        expect(Object.keys(shard)).not.toContain('prototype');
        expect(shard['shard_id']).toBe(1500);
        expect(Object.getPrototypeOf(shard)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }
    }
  });

  it('keeps keys that merely resemble the forbidden ones', () => {
    const text = JSON.stringify({
      type: 1,
      data: { __proto_: 1, constructors: 2, prototypes: 3, send_ping: 4, _proto__x: 5 },
    });
    for (const s of shapes(text)) {
      const r = expectOk(decodeFrame(s.data, s.binary));
      expect(r.message.data, s.name).toEqual(JSON.parse(text).data);
    }
  });

  it('accepts and drops a UTF-8 byte order mark, as a fatal TextDecoder did', () => {
    const body = Buffer.from('{"type":3,"event":"GATEWAY_PING","data":{"x":"é"}}', 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    for (const binary of [false, true]) {
      const r = expectOk(decodeFrame(withBom, binary));
      expect(r.message).toEqual({ type: 3, event: 'GATEWAY_PING', data: { x: 'é' } });
    }
    expect(expectOk(decodeFrame(deflateSync(withBom), true)).message.type).toBe(3);
  });

  it('refuses invalid UTF-8 in a large frame before checking its depth', () => {
    const text = `{"type":1,"data":${'['.repeat(600)}${']'.repeat(600)},"pad":"${'x'.repeat(200_000)}"}`;
    const bad = Buffer.from(text, 'utf8');
    bad[bad.length - 10] = 0xff;
    const r = decodeFrame(bad, true);
    expect(!r.ok && r.error.kind).toBe('invalid-utf8');
    const deep = decodeFrame(Buffer.from(text, 'utf8'), true);
    expect(!deep.ok && deep.error.kind).toBe('too-deep');
  });
});

describe('mayHoldWatched: may a decoded string contain a watched string?', () => {
  it('is false for a frame whose text holds neither an escape nor a watched string', () => {
    const r = expectOk(decodeFrame(JSON.stringify(shardInfo(10)), false, { watch: WATCH }));
    expect(r.mayHoldWatched).toBe(false);
  });

  it('is true whenever nothing is watched', () => {
    const r = expectOk(decodeFrame(JSON.stringify(shardInfo(10)), false));
    expect(r.mayHoldWatched).toBe(true);
    expect(expectOk(decodeFrame('{"type":3}', false, { watch: [] })).mayHoldWatched).toBe(true);
  });

  it('is true when a watched string is in a value or a key, in every shape', () => {
    const inValue = JSON.stringify(
      shardInfo(2000, (i) => (i === 1234 ? { shard_hash: SECRET } : {})),
    );
    const inKey = JSON.stringify(shardInfo(2000, (i) => (i === 7 ? { [`x${KEY}y`]: 1 } : {})));
    for (const text of [inValue, inKey]) {
      for (const s of shapes(text)) {
        expect(expectOk(decodeFrame(s.data, s.binary, { watch: WATCH })).mayHoldWatched).toBe(true);
      }
    }
  });

  it('is true when any escape sequence could spell a watched string', () => {
    const escaped = SECRET.replace('S', '\\u0053');
    const text = `{"type":1,"data":{"shard_hash":"${escaped}"}}`;
    expect(text).not.toContain(SECRET);
    for (const s of shapes(text)) {
      const r = expectOk(decodeFrame(s.data, s.binary, { watch: WATCH }));
      expect((r.message.data as Record<string, unknown>)['shard_hash']).toBe(SECRET);
      expect(r.mayHoldWatched, s.name).toBe(true);
    }
    // Any escape at all, even one that spells nothing of interest.
    const other = expectOk(decodeFrame('{"type":1,"message":"a\\nb"}', false, { watch: WATCH }));
    expect(other.mayHoldWatched).toBe(true);
  });

  it('never says false when a decoded key or string contains a watched string (fuzzed)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        SECRET,
        KEY,
        SECRET.slice(0, 9),
        KEY.slice(3),
        'plain',
        'é',
        '"',
        '\\',
        '\u2028',
      ),
      fc.string({ maxLength: 6 }),
    );
    const str = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        str,
        fc.integer(),
        fc.boolean(),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(str, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const holds = (v: unknown): boolean => {
      if (typeof v === 'string') return WATCH.some((w) => v.includes(w));
      if (Array.isArray(v)) return v.some(holds);
      if (typeof v === 'object' && v !== null)
        return Object.entries(v).some(([k, x]) => holds(k) || holds(x));
      return false;
    };
    fc.assert(
      fc.property(json, fc.boolean(), (value, asBuffer) => {
        const text = JSON.stringify({ type: 1, data: value });
        const r = decodeFrame(asBuffer ? Buffer.from(text, 'utf8') : text, false, {
          watch: WATCH,
        });
        if (!r.ok) return;
        if (holds(r.message)) expect(r.mayHoldWatched).toBe(true);
      }),
      { numRuns: 500, seed: 20_261_126 },
    );
  });
});
