/**
 * The simulator's own tiny frame codec (docs/protocol.md §1 "Framing", §2
 * "Framing"). Kept separate from the gateway client's codec on purpose: the
 * simulator must not share code with the thing it tests, or a codec bug would
 * cancel itself out.
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';

/** How a frame is put on the wire. `binary` = raw UTF-8 JSON in a binary frame. */
export type WireEncoding = 'text' | 'binary' | 'zlib' | 'gzip';

/** What `ws` hands to a `message` listener. */
export type RawFrameData = Buffer | ArrayBuffer | Buffer[];

/** A frame ready for `ws.send(data, { binary })`. */
export interface EncodedFrame {
  data: string | Buffer;
  binary: boolean;
}

/** Cap on a decompressed frame: a hostile client must not balloon the simulator's memory. */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/** Encode one JSON value in the given wire encoding. */
export function encodeFrame(value: unknown, encoding: WireEncoding): EncodedFrame {
  const json = JSON.stringify(value);
  switch (encoding) {
    case 'text':
      return { data: json, binary: false };
    case 'binary':
      return { data: Buffer.from(json, 'utf8'), binary: true };
    case 'zlib':
      return { data: deflateSync(json), binary: true };
    case 'gzip':
      return { data: gzipSync(json), binary: true };
  }
}

/** Normalise what `ws` delivers into one Buffer. */
export function toBuffer(data: RawFrameData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** True when the bytes start with the gzip magic `1f 8b`. */
export function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** True when the bytes start like a zlib stream (CMF byte `0x78`). */
export function isZlib(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x78;
}

/** Which binary encoding the leading bytes announce (docs/protocol.md §1 "Framing"). */
export function detectBinaryEncoding(buf: Buffer): 'gzip' | 'zlib' | 'binary' {
  if (isGzip(buf)) return 'gzip';
  if (isZlib(buf)) return 'zlib';
  return 'binary';
}

/** Result of decoding one frame. */
export type DecodeResult =
  | { ok: true; value: unknown; encoding: WireEncoding }
  | { ok: false; error: string; encoding: WireEncoding };

/**
 * Decode a frame. With `only` set, any other encoding is an error (the 0.2.2
 * server reads nothing but gzip, docs/protocol.md §2 "Framing").
 */
export function decodeFrame(
  data: RawFrameData,
  isBinary: boolean,
  only?: WireEncoding,
): DecodeResult {
  const buf = toBuffer(data);
  const encoding: WireEncoding = isBinary ? detectBinaryEncoding(buf) : 'text';
  if (only !== undefined && encoding !== only) {
    return { ok: false, error: `expected a ${only} frame, got ${encoding}`, encoding };
  }
  let text: string;
  try {
    if (encoding === 'gzip')
      text = gunzipSync(buf, { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8');
    else if (encoding === 'zlib')
      text = inflateSync(buf, { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8');
    else text = buf.toString('utf8');
  } catch (err) {
    return { ok: false, error: `bad ${encoding} stream: ${(err as Error).message}`, encoding };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, encoding };
  } catch {
    return { ok: false, error: 'not JSON', encoding };
  }
}
