import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ForbiddenOpcodeError,
  MAX_FRAME_BYTES,
  decodeFrame,
  encodeFrame,
  gzipJson,
  zlibJson,
} from '../../../../electron/core/gateway/codec';
import type { DecodeErrorKind, DecodeResult } from '../../../../electron/core/gateway/codec';
import { DOCUMENTED, HTTP_INTERACTION_022 } from '../../../../shared/dialects';

const PING = { type: 3, service: 'gateway', event: 'GATEWAY_PING', data: {} };

function expectOk(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.reason}`);
  return result;
}

function expectError(result: DecodeResult, kind: DecodeErrorKind): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.kind).toBe(kind);
  expect(result.error.reason).toMatch(/^The .+\.$/);
}

/** After any refusal the codec must still decode a good frame (no state carried over). */
function expectStillDecodes(): void {
  const r = expectOk(decodeFrame(JSON.stringify(PING), false));
  expect(r.message.event).toBe('GATEWAY_PING');
}

describe('decodeFrame: accepted encodings', () => {
  it('decodes a text frame (string and Buffer)', () => {
    const s = expectOk(decodeFrame(JSON.stringify(PING), false));
    expect(s).toMatchObject({ encoding: 'text', message: PING });
    const b = expectOk(decodeFrame(Buffer.from(JSON.stringify(PING)), false));
    expect(b.encoding).toBe('text');
    expect(b.bytes).toBe(Buffer.byteLength(JSON.stringify(PING)));
  });

  it('decodes a binary frame holding raw UTF-8 JSON', () => {
    const r = expectOk(decodeFrame(Buffer.from(JSON.stringify(PING)), true));
    expect(r).toMatchObject({ encoding: 'binary-json', message: PING });
  });

  it('decodes zlib (0x78) and gzip (0x1f 0x8b) binary frames', () => {
    const z = zlibJson(PING);
    expect(z[0]).toBe(0x78);
    expect(expectOk(decodeFrame(z, true))).toMatchObject({ encoding: 'zlib', message: PING });
    const g = gzipJson(PING);
    expect([g[0], g[1]]).toEqual([0x1f, 0x8b]);
    expect(expectOk(decodeFrame(g, true))).toMatchObject({ encoding: 'gzip', message: PING });
  });

  it('accepts ArrayBuffer and fragment arrays as ws delivers them', () => {
    const buf = zlibJson(PING);
    const ab = new ArrayBuffer(buf.length);
    new Uint8Array(ab).set(buf);
    expect(expectOk(decodeFrame(ab, true)).message).toEqual(PING);
    const text = Buffer.from(JSON.stringify(PING));
    expect(expectOk(decodeFrame([text.subarray(0, 5), text.subarray(5)], true)).message).toEqual(
      PING,
    );
  });

  it('keeps unknown fields', () => {
    const r = expectOk(decodeFrame(JSON.stringify({ type: 1, extra: { a: [1, 2] } }), false));
    expect(r.message['extra']).toEqual({ a: [1, 2] });
  });
});

describe('decodeFrame: refusals never throw, and the next frame still decodes', () => {
  it('refuses truncated JSON', () => {
    expectError(decodeFrame('{"type": 3, "event": "GATEWAY_', false), 'invalid-json');
    expectStillDecodes();
  });

  it('refuses a non-integer or missing type', () => {
    expectError(decodeFrame('{"type": 3.5}', false), 'bad-type');
    expectError(decodeFrame('{"type": "3"}', false), 'bad-type');
    expectError(decodeFrame('{"event": "GATEWAY_PING"}', false), 'bad-type');
    expectError(decodeFrame('{"type": 3, "event": 7}', false), 'bad-type');
    expectError(decodeFrame('{"type": 0, "possible_error": "yes"}', false), 'bad-type');
    expectStillDecodes();
  });

  it('refuses a root that is not an object', () => {
    expectError(decodeFrame('[{"type": 3}]', false), 'not-an-object');
    expectError(decodeFrame('null', false), 'not-an-object');
    expectError(decodeFrame('42', false), 'not-an-object');
    expectStillDecodes();
  });

  it('refuses a 100 MB zlib bomb with inflate-too-large', () => {
    const bomb = deflateSync(Buffer.alloc(100 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(MAX_FRAME_BYTES);
    // zlib stops at maxOutputLength, so this never allocates 100 MB (speed is a benchmark matter).
    expectError(decodeFrame(bomb, true), 'inflate-too-large');
    const gzBomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expectError(decodeFrame(gzBomb, true), 'inflate-too-large');
    expectStillDecodes();
  });

  it('refuses a corrupt zlib or gzip stream', () => {
    const z = zlibJson(PING);
    expectError(
      decodeFrame(Buffer.concat([z.subarray(0, 6), Buffer.from([1, 2, 3])]), true),
      'inflate-failed',
    );
    expectError(decodeFrame(Buffer.from([0x1f, 0x8b, 0, 0, 0]), true), 'inflate-failed');
    expectStillDecodes();
  });

  it('refuses 100k nested brackets with too-deep instead of overflowing the stack', () => {
    expectError(decodeFrame('['.repeat(100_000), false), 'too-deep');
    expectError(
      decodeFrame(`{"type":1,"data":${'['.repeat(600)}${']'.repeat(600)}}`, false),
      'too-deep',
    );
    // Brackets inside strings do not count.
    expectOk(decodeFrame(JSON.stringify({ type: 1, data: '['.repeat(10_000) }), false));
    expectStillDecodes();
  });

  it('refuses invalid UTF-8 in text, raw binary and compressed frames', () => {
    const bad = Buffer.concat([
      Buffer.from('{"type":1,"message":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expectError(decodeFrame(bad, false), 'invalid-utf8');
    expectError(decodeFrame(bad, true), 'invalid-utf8');
    expectError(decodeFrame(deflateSync(bad), true), 'invalid-utf8');
    expectStillDecodes();
  });

  it('refuses binary noise', () => {
    let seed = 42;
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed & 0xff;
    }
    noise[0] = 0x05;
    const r = decodeFrame(noise, true);
    expect(r.ok).toBe(false);
    expectStillDecodes();
  });

  it('refuses frames over 1 MiB before looking inside', () => {
    const big = Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20);
    expectError(decodeFrame(big, true), 'too-large');
    expectError(decodeFrame(' '.repeat(MAX_FRAME_BYTES + 1), false), 'too-large');
    expectError(decodeFrame([big.subarray(0, 10), big.subarray(10)], true), 'too-large');
    expectStillDecodes();
  });

  it('tells the user to ask the server for compression when an uncompressed frame is too large', () => {
    const text = decodeFrame(`{"pad":"${'x'.repeat(MAX_FRAME_BYTES)}"}`, false);
    expect(text.ok).toBe(false);
    if (!text.ok) {
      expect(text.error.reason).toMatch(/over the 1\.0 MiB limit/);
      expect(text.error.reason).toContain('Server compresses (zlib)');
    }
    // A compressed frame that is still too large gets no such advice.
    const zlibLike = Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20);
    zlibLike[0] = 0x78;
    const z = decodeFrame(zlibLike, true);
    expect(z.ok).toBe(false);
    if (!z.ok) expect(z.error.reason).not.toContain('compresses');
    // Odd shapes of binary data never throw.
    const tiny = new ArrayBuffer(MAX_FRAME_BYTES + 1);
    expect(decodeFrame(tiny, true).ok).toBe(false);
  });

  it('drops __proto__, constructor and prototype keys so nothing is polluted', () => {
    const text =
      '{"type":1,"__proto__":{"polluted":"yes"},"data":{"constructor":{"prototype":{"polluted":1}},' +
      '"\\u005f_proto__":{"polluted":true},"ok":1}}';
    const r = expectOk(decodeFrame(text, false));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(r.message, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(r.message)).toBe(Object.prototype);
    const data = r.message.data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['ok']);
    // Merging the decoded value into another object stays harmless.
    const merged = Object.assign({}, r.message, r.message.data);
    expect((merged as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expectStillDecodes();
  });
});

describe('encodeFrame', () => {
  it('writes text JSON for the documented dialect', () => {
    const out = encodeFrame(DOCUMENTED, { type: 3 });
    expect(out).toBe('{"type":3}');
  });

  it('writes gzip binary for 0.2.2', () => {
    const out = encodeFrame(HTTP_INTERACTION_022, { type: 2 });
    expect(Buffer.isBuffer(out)).toBe(true);
    const r = expectOk(decodeFrame(out as Buffer, true));
    expect(r.encoding).toBe('gzip');
    expect(r.message).toEqual({ type: 2 });
  });

  it('refuses opcodes the dialect forbids', () => {
    expect(() => encodeFrame(HTTP_INTERACTION_022, { type: 3 })).toThrow(ForbiddenOpcodeError);
    expect(() => encodeFrame(DOCUMENTED, { type: 3 })).not.toThrow();
  });
});
