/**
 * A decoder for `GATEWAY_SHARD_INFO` frames straight into {@link ShardColumns}
 * (docs/architecture.md §3.12): one pass over the frame's UTF-8 bytes, no
 * string for the frame, no object per shard. A 50,000-shard snapshot (about
 * 8 MiB of text) is what it is for; `JSON.parse` plus one object per shard
 * cost more than the rest of the connection together.
 *
 * It takes only the frames it can read exactly as the general path would
 * (`codec.ts` `decodeFrame`, then `flattenShardsStats`) and returns null for
 * every other one, which then takes that path unchanged, with its errors,
 * scrubbing and limits. A compressed binary frame (zlib or gzip) is inflated
 * under the codec's limit ({@link MAX_INFLATED_BYTES} or the frame limit,
 * whichever is larger) and its text read the same way; a stream that fails to
 * inflate or inflates past the limit is left to the general path, which says
 * so. Null, in particular, for: a frame over the size
 * limit, invalid UTF-8, any escape sequence, a key that
 * could reach a prototype, nesting deeper than {@link MAX_JSON_DEPTH}, any
 * top-level field but `type` (an integer), `event` and `data` (an array),
 * invalid JSON, and a frame where a string that leaves the decoder may hold
 * a secret or a fragment of one (`SecretScrubber.mayAppearInBytes`): such a
 * frame is refused or scrubbed exactly as before. A shard object with unknown
 * fields or values of another type is read with `JSON.parse` and `parseShard`
 * (its slice alone), so its `extra` and defaults are the same as on the
 * general path.
 *
 * The secret check reads only the bytes whose text can leave the decoder:
 * every shard's hash (the `hashBytes` column, hashes back to back), the
 * frame log's copy (the frame up to the end of that copy of `data`, and
 * everything after `data`), and the slice of each shard read the slow way
 * (its `extra`). Numbers, `true`/`false` and the known keys of the fast path
 * leave only as numbers and bits, so the other ~80 % of a snapshot's bytes
 * are not read twice. Hashes back to back can make a fragment that no one
 * hash holds: the frame then takes the general path, which only costs time.
 */
import { isUtf8 } from 'node:buffer';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { FrameData, FrameEncoding } from './codec';
import { MAX_FRAME_BYTES, MAX_INFLATED_BYTES } from './codec';
import { giveBack } from './give-back';
import { BACKSLASH, NotMine } from './json-bytes';
import type { BytesWatch, ParsedShardInfo } from './shard-info-decoder-parser';
import { EVENT, ShardInfoParser } from './shard-info-decoder-parser';

export type { BytesWatch } from './shard-info-decoder-parser';

/** Options of {@link decodeShardInfo}. */
export interface ShardInfoOptions {
  watch: BytesWatch;
  /** Largest frame accepted (bytes); default {@link MAX_FRAME_BYTES}. */
  maxFrameBytes?: number;
  /**
   * Called with a compressed frame's inflated bytes when this decoder then
   * declines the frame, so the general path reads them (`DecodeOptions.inflated`)
   * instead of inflating the frame again.
   */
  declinedInflated?: (payload: Buffer) => void;
}

/** A shard-info frame, decoded. */
export interface ShardInfoFrame extends ParsedShardInfo {
  encoding: FrameEncoding;
  /** Size on the wire. */
  bytes: number;
}

/** Frames shorter than this are left to the general path (pings, errors, HELLO). */
const MIN_BYTES = 1024;

/** How a binary frame's bytes are compressed, as the codec tells them apart. */
function compressionOf(b: Uint8Array): 'zlib' | 'gzip' | null {
  if (b[0] === 0x78) return 'zlib';
  return b[0] === 0x1f && b[1] === 0x8b ? 'gzip' : null;
}

/** The inflated bytes, or null when the stream is bad or inflates past `limit`. */
function inflated(payload: Buffer, compression: 'zlib' | 'gzip', limit: number): Buffer | null {
  try {
    return compression === 'zlib'
      ? inflateSync(payload, { maxOutputLength: limit })
      : gunzipSync(payload, { maxOutputLength: limit });
  } catch {
    return null;
  }
}

function toBytes(data: Exclude<FrameData, string>): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return data;
}

/**
 * Decode a `GATEWAY_SHARD_INFO` frame into columns, or null when the frame
 * is anything else or anything this decoder does not read exactly as the
 * general path would (see the file's comment). Never throws.
 */
export function decodeShardInfo(
  data: FrameData,
  isBinary: boolean,
  options: ShardInfoOptions,
): ShardInfoFrame | null {
  if (typeof data === 'string') return null;
  const limit = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const size = Array.isArray(data) ? data.reduce((sum, b) => sum + b.length, 0) : data.byteLength;
  if (size < MIN_BYTES || size > limit) return null;
  let payload = toBytes(data);
  const compression = isBinary ? compressionOf(payload) : null;
  if (compression !== null) {
    const text = inflated(payload, compression, Math.max(MAX_INFLATED_BYTES, limit));
    if (text === null) return null;
    payload = text;
  }
  const taken = readPayload(payload, compression, isBinary, size, options);
  if (compression !== null) {
    // The inflated text is this decoder's own: given back once read into
    // columns (give-back.ts), handed to the general path when declined.
    if (taken === null) options.declinedInflated?.(payload);
    else giveBack(payload);
  }
  return taken;
}

/** The (inflated) payload read into columns, or null; see {@link decodeShardInfo}. */
function readPayload(
  payload: Buffer,
  compression: 'zlib' | 'gzip' | null,
  isBinary: boolean,
  size: number,
  options: ShardInfoOptions,
): ShardInfoFrame | null {
  if (payload.indexOf(EVENT) < 0) return null;
  // An escape sequence anywhere: the general path (decoded strings are then not slices of the text).
  if (payload.indexOf(BACKSLASH) >= 0) return null;
  if (!isUtf8(payload)) return null;
  const hasBom = payload[0] === 0xef && payload[1] === 0xbb && payload[2] === 0xbf;
  const body = hasBom ? payload.subarray(3) : payload;
  // A plain view: element reads on it are cheaper than on a Buffer.
  const parser = new ShardInfoParser(
    new Uint8Array(body.buffer, body.byteOffset, body.length),
    options.watch,
  );
  try {
    const parsed = parser.frame();
    const encoding = compression ?? (isBinary ? 'binary-json' : 'text');
    return { ...parsed, encoding, bytes: size };
  } catch (err) {
    if (err instanceof NotMine) return null;
    // JSON.parse of a shard's slice, or anything unforeseen: the general path decides.
    return null;
  } finally {
    // The columns it returns are copies; its working ones serve the next frame.
    parser.release();
  }
}
