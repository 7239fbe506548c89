/**
 * Prototype-reaching keys (`__proto__`, `constructor`, `prototype`) are
 * dropped wherever they sit in a decoded frame, in every shape a frame
 * arrives in, while everything else is kept exactly; and the "may this frame
 * hold a secret" answer (`mayHoldWatched`) asks the connection's watcher with
 * the frame's own text and bytes and never says no when it cannot be sure.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../../electron/core/gateway/codec';
import type { DecodeResult, FrameData, FrameWatch } from '../../../../electron/core/gateway/codec';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;

function expectOk(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.reason}`);
  return result;
}

/** Every shape a frame of JSON text reaches the codec in. */
function shapes(text: string): Array<{ name: string; data: FrameData; binary: boolean }> {
  const buf = Buffer.from(text);
  return [
    { name: 'text string', data: text, binary: false },
    { name: 'text Buffer', data: buf, binary: false },
    { name: 'binary JSON', data: buf, binary: true },
    { name: 'zlib', data: deflateSync(buf), binary: true },
  ];
}

describe('prototype-reaching keys', () => {
  it('are dropped at the top, in objects inside arrays and deep inside, with no escape in the frame', () => {
    for (const key of FORBIDDEN) {
      // No backslash anywhere: the byte scan must find the key itself.
      const text =
        `{"type":1,"${key}":{"polluted":true},"event":"E",` +
        `"data":[1,"s",null,{"shard_id":4,"${key}":{"polluted":true}},[{"a":{"${key}":7,"b":2}}]]}`;
      expect(text).not.toContain('\\');
      for (const s of shapes(text)) {
        const r = expectOk(decodeFrame(s.data, s.binary));
        const where = `${key} ${s.name}`;
        expect(Object.keys(r.message), where).toEqual(['type', 'event', 'data']);
        expect(r.message.data, where).toEqual([1, 's', null, { shard_id: 4 }, [{ a: { b: 2 } }]]);
        expect(Object.getPrototypeOf(r.message)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }
    }
  });

  it('are found after other strings of the same lengths (9 and 11 bytes)', () => {
    for (const key of FORBIDDEN) {
      const text = `{"type":1,"abcdefghi":"abcdefghijk","data":{"x":"123456789","${key}":1,"y":"12345678901"}}`;
      for (const s of shapes(text)) {
        const r = expectOk(decodeFrame(s.data, s.binary));
        expect(r.message.data, `${key} ${s.name}`).toEqual({ x: '123456789', y: '12345678901' });
        expect(r.message['abcdefghi']).toBe('abcdefghijk');
      }
    }
  });

  it('are keys only: the same words as values, and near misses as keys, are kept', () => {
    const text =
      '{"type":1,"message":"__proto__","event":"constructor","service":"prototype",' +
      '"data":["__proto__",{"__proto_x":1,"constructorr":2,"prototyp":3,"_proto__":4}]}';
    for (const s of shapes(text)) {
      const r = expectOk(decodeFrame(s.data, s.binary));
      expect(r.message, s.name).toEqual(JSON.parse(text));
    }
  });

  it('are dropped, and nothing else, when a library has added an enumerable property to Object.prototype', () => {
    const text = '{"type":1,"data":{"a":{"b":[{"c":1}]},"__proto__":{"polluted":true}}}';
    const results: DecodeResult[] = [];
    Object.defineProperty(Object.prototype, 'shardwatchInherited', {
      value: { inherited: true },
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      for (const s of shapes(text)) results.push(decodeFrame(s.data, s.binary));
    } finally {
      Reflect.deleteProperty(Object.prototype, 'shardwatchInherited');
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    for (const result of results) {
      const r = expectOk(result);
      expect(r.message.data).toEqual({ a: { b: [{ c: 1 }] } });
    }
  });
});

describe('mayHoldWatched with a list of watched strings', () => {
  it('is true when any one of them is in the text, false when none is', () => {
    const watch = ['SECRET-one-1a2b', 'KEY-two-3c4d'];
    for (const present of watch) {
      const text = JSON.stringify({ type: 1, data: { shard_hash: `x${present}x` } });
      for (const s of shapes(text)) {
        expect(expectOk(decodeFrame(s.data, s.binary, { watch })).mayHoldWatched, s.name).toBe(
          true,
        );
      }
    }
    const clean = JSON.stringify({ type: 1, data: { shard_hash: 'SECRET-one-1a2' } });
    for (const s of shapes(clean)) {
      expect(expectOk(decodeFrame(s.data, s.binary, { watch })).mayHoldWatched, s.name).toBe(false);
    }
  });
});

describe('mayHoldWatched with a FrameWatch', () => {
  /** A watcher that records what it was asked and answers `answer`. */
  function watcher(answer: boolean) {
    const asked: Array<{ text: string; utf8: string | null }> = [];
    const watch: FrameWatch = {
      mayAppearIn(text, utf8) {
        asked.push({ text, utf8: utf8 === null ? null : Buffer.from(utf8).toString('hex') });
        return answer;
      },
    };
    return { watch, asked };
  }

  it("passes on the watcher's answer for a frame without escapes", () => {
    const text = '{"type":1,"data":{"shard_hash":"abc"}}';
    for (const answer of [false, true]) {
      for (const s of shapes(text)) {
        const { watch } = watcher(answer);
        expect(expectOk(decodeFrame(s.data, s.binary, { watch })).mayHoldWatched, s.name).toBe(
          answer,
        );
      }
    }
  });

  it('gives it the JSON text, and the bytes it was made from (without a byte order mark)', () => {
    const text = '{"type":1,"data":{"who":"ação"}}';
    const hex = Buffer.from(text).toString('hex');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const cases: Array<[string, FrameData, boolean, string | null]> = [
      ['text string', text, false, null],
      ['text Buffer', Buffer.from(text), false, hex],
      ['binary with a byte order mark', withBom, true, hex],
      ['zlib', deflateSync(withBom), true, hex],
    ];
    for (const [name, data, binary, utf8] of cases) {
      const { watch, asked } = watcher(false);
      expectOk(decodeFrame(data, binary, { watch }));
      expect(asked, name).toEqual([{ text, utf8 }]);
    }
  });

  it('is true for a frame with an escape sequence, whatever the watcher says', () => {
    const text = '{"type":1,"data":{"shard_hash":"a\\u0062c"}}';
    for (const s of shapes(text)) {
      const { watch } = watcher(false);
      const r = expectOk(decodeFrame(s.data, s.binary, { watch }));
      expect(r.mayHoldWatched, s.name).toBe(true);
      expect((r.message.data as { shard_hash: string }).shard_hash).toBe('abc');
    }
  });
});
