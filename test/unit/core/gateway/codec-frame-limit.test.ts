/**
 * The frame limit at its exact edge: a frame of exactly the limit is
 * decoded, one byte more is refused, and the limit counts the bytes on the
 * wire (UTF-8), not the UTF-16 units of a JavaScript string, so a text frame
 * of multibyte characters is measured as the gateway sent it. The limit is
 * read from the codec, never written here as a number.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, decodeFrame } from '../../../../electron/core/gateway/codec';
import type { DecodeResult } from '../../../../electron/core/gateway/codec';

const HEAD = '{"type":3,"service":"gateway","event":"GATEWAY_PING","data":{"pad":"';
const TAIL = '"}}';

/**
 * A valid ping frame of exactly `bytes` UTF-8 bytes whose padding is made of
 * `unit` as far as it fits (topped up with ASCII).
 */
function frameOf(bytes: number, unit = 'x'): string {
  const room = bytes - Buffer.byteLength(HEAD + TAIL, 'utf8');
  const unitBytes = Buffer.byteLength(unit, 'utf8');
  const units = Math.floor(room / unitBytes);
  const text = HEAD + unit.repeat(units) + 'x'.repeat(room - units * unitBytes) + TAIL;
  expect(Buffer.byteLength(text, 'utf8')).toBe(bytes);
  return text;
}

/** The shapes `ws` hands a frame to the codec in, for one text. */
function shapes(text: string): Array<[string, string | Buffer | ArrayBuffer | Buffer[], boolean]> {
  const buf = Buffer.from(text, 'utf8');
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return [
    ['text frame as a string', text, false],
    ['text frame as bytes', buf, false],
    ['binary frame', buf, true],
    ['binary frame in fragments', [buf.subarray(0, 7), buf.subarray(7)], true],
    ['binary frame as an ArrayBuffer', ab, true],
  ];
}

function refusedTooLarge(r: DecodeResult, bytes: number): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.kind).toBe('too-large');
  expect(r.bytes).toBe(bytes);
}

describe('decodeFrame: the frame limit at its exact edge', () => {
  it('decodes a frame of exactly the limit, in every shape', () => {
    for (const [name, data, binary] of shapes(frameOf(MAX_FRAME_BYTES))) {
      const r = decodeFrame(data, binary);
      expect(r.ok, name).toBe(true);
      expect(r.bytes, name).toBe(MAX_FRAME_BYTES);
      if (r.ok) expect(r.message.event, name).toBe('GATEWAY_PING');
    }
  });

  it('refuses a frame one byte over the limit, in every shape', () => {
    for (const [name, data, binary] of shapes(frameOf(MAX_FRAME_BYTES + 1))) {
      const r = decodeFrame(data, binary);
      expect(r.ok, name).toBe(false);
      refusedTooLarge(r, MAX_FRAME_BYTES + 1);
    }
  });

  it('measures a text frame of two-byte characters in bytes, not string length', () => {
    // 'é' is one UTF-16 unit and two UTF-8 bytes: this frame is about half
    // the limit long as a string, and one byte over it on the wire.
    const over = frameOf(MAX_FRAME_BYTES + 1, 'é');
    expect(over.length).toBeLessThan(MAX_FRAME_BYTES);
    refusedTooLarge(decodeFrame(over, false), MAX_FRAME_BYTES + 1);

    const exact = frameOf(MAX_FRAME_BYTES, 'é');
    const r = decodeFrame(exact, false);
    expect(r.ok).toBe(true);
    expect(r.bytes).toBe(MAX_FRAME_BYTES);
    if (r.ok) expect(r.message.data).toEqual({ pad: exact.slice(HEAD.length, -TAIL.length) });
  });

  it('measures characters outside the BMP (two UTF-16 units, four bytes) in bytes', () => {
    const over = frameOf(MAX_FRAME_BYTES + 1, '🛰');
    expect(over.length).toBeLessThan(MAX_FRAME_BYTES);
    refusedTooLarge(decodeFrame(over, false), MAX_FRAME_BYTES + 1);
    const exact = decodeFrame(frameOf(MAX_FRAME_BYTES, '🛰'), false);
    expect(exact.ok).toBe(true);
    expect(exact.bytes).toBe(MAX_FRAME_BYTES);
  });

  it('reports the size of an accepted multibyte text frame in bytes', () => {
    const text = '{"type":3,"service":"gateway","event":"GATEWAY_PING","data":{"who":"ação 🛰"}}';
    const r = decodeFrame(text, false);
    expect(r.ok).toBe(true);
    expect(r.bytes).toBe(Buffer.byteLength(text, 'utf8'));
    expect(r.bytes).toBeGreaterThan(text.length);
  });
});
