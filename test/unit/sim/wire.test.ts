import { gunzipSync, gzipSync, inflateSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFrame, detectBinaryEncoding, encodeFrame } from '../../../electron/sim/wire';

const value = { type: 3, service: 'gateway', event: 'GATEWAY_PING', data: {} };

describe('sim wire codec', () => {
  it('encodes text, raw binary, zlib and gzip as node:zlib reads them', () => {
    const text = encodeFrame(value, 'text');
    expect(text).toEqual({ data: JSON.stringify(value), binary: false });
    const raw = encodeFrame(value, 'binary');
    expect(raw.binary).toBe(true);
    expect(JSON.parse(raw.data.toString())).toEqual(value);
    const z = encodeFrame(value, 'zlib').data as Buffer;
    expect(z[0]).toBe(0x78);
    expect(JSON.parse(inflateSync(z).toString())).toEqual(value);
    const g = encodeFrame(value, 'gzip').data as Buffer;
    expect([g[0], g[1]]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(g).toString())).toEqual(value);
  });

  it('detects the binary encoding by its leading bytes', () => {
    expect(detectBinaryEncoding(gzipSync('{}'))).toBe('gzip');
    expect(detectBinaryEncoding(deflateSync('{}'))).toBe('zlib');
    expect(detectBinaryEncoding(Buffer.from('{}'))).toBe('binary');
    expect(detectBinaryEncoding(Buffer.alloc(0))).toBe('binary');
  });

  it('decodes every encoding, including fragmented buffers', () => {
    const json = JSON.stringify(value);
    expect(decodeFrame(Buffer.from(json), false)).toMatchObject({
      ok: true,
      value,
      encoding: 'text',
    });
    expect(decodeFrame(gzipSync(json), true)).toMatchObject({ ok: true, encoding: 'gzip' });
    expect(decodeFrame(deflateSync(json), true)).toMatchObject({ ok: true, encoding: 'zlib' });
    const g = gzipSync(json);
    expect(decodeFrame([g.subarray(0, 5), g.subarray(5)], true)).toMatchObject({ ok: true, value });
  });

  it('refuses anything but the required encoding (the 0.2.2 reader)', () => {
    const json = JSON.stringify(value);
    expect(decodeFrame(Buffer.from(json), false, 'gzip')).toMatchObject({ ok: false });
    expect(decodeFrame(deflateSync(json), true, 'gzip')).toMatchObject({ ok: false });
    expect(decodeFrame(Buffer.from(json), true, 'gzip')).toMatchObject({ ok: false });
    expect(decodeFrame(gzipSync(json), true, 'gzip')).toMatchObject({ ok: true, value });
  });

  it('reports truncated streams and non-JSON as errors instead of throwing', () => {
    expect(decodeFrame(gzipSync('{"a":1}').subarray(0, 8), true)).toMatchObject({ ok: false });
    expect(decodeFrame(gzipSync('not json'), true)).toMatchObject({ ok: false, error: 'not JSON' });
  });
});
