/**
 * Frame codec for the shard gateway (docs/protocol.md §1 "Framing", §2 "Framing").
 *
 * Everything that arrives from a gateway is hostile until proven otherwise
 * (docs/architecture.md §3.3), so {@link decodeFrame} never throws: it returns a typed
 * result, and every refusal carries a sentence a user can read. The limits are
 * checked before the expensive step they protect (size before inflate, inflate
 * output capped by zlib itself, nesting depth before `JSON.parse`).
 */
import { isUtf8 } from 'node:buffer';
import { gunzipSync, gzipSync, inflateSync, deflateSync } from 'node:zlib';
import type { DialectSpec } from '../../../shared/dialects';
import { frameTooLarge } from '../../../shared/connection-text';
import type { Say } from '../../../shared/i18n/translator';
import { sayEnglish } from '../../../shared/i18n/translator';
import type { GatewayMessage } from '../../../shared/protocol';

/**
 * Largest frame accepted off the wire, before any decompression, when the
 * caller names no limit (1 MiB). A connection passes its profile's "Largest
 * frame" instead (`shared/frame-limit.ts`, default 16 MiB).
 */
export const MAX_FRAME_BYTES = 1024 * 1024;
/**
 * Largest decompressed payload accepted (8 MiB, or the frame limit when that
 * is larger); a zlib bomb stops here.
 */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;
/** Deepest array/object nesting accepted, so hostile nests cannot overflow the stack. */
export const MAX_JSON_DEPTH = 512;

/** How an incoming frame was carried. */
export type FrameEncoding = 'text' | 'binary-json' | 'zlib' | 'gzip';

/** Why a frame was refused. */
export type DecodeErrorKind =
  | 'too-large'
  | 'inflate-failed'
  | 'inflate-too-large'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'not-an-object'
  | 'bad-type'
  | 'too-deep';

/** A refused frame: `reason` is a sentence saying what is wrong, fit to show a user. */
export interface DecodeError {
  kind: DecodeErrorKind;
  reason: string;
}

/**
 * Result of {@link decodeFrame}. `bytes` is the size on the wire.
 *
 * `mayHoldWatched` is false only when no key or string anywhere in `message`
 * can contain any of {@link DecodeOptions.watch}: the JSON text had no escape
 * sequence (so every decoded string is a literal slice of it) and held none of
 * them. True whenever that was not proven (always when nothing is watched).
 */
export type DecodeResult =
  | {
      ok: true;
      message: GatewayMessage;
      bytes: number;
      encoding: FrameEncoding;
      mayHoldWatched: boolean;
    }
  | { ok: false; error: DecodeError; bytes: number; encoding: FrameEncoding | null };

/** Options of {@link decodeFrame}. */
export interface DecodeOptions {
  /**
   * Non-empty strings (a connection's secrets) to look for in the frame's
   * text, once, so callers can skip walking a large decoded message for them
   * (see `mayHoldWatched`); or a {@link FrameWatch} that looks for them in its
   * own way (fragments and encodings of the secrets, see secret-scrub.ts).
   */
  watch?: readonly string[] | FrameWatch;
  /** Largest frame accepted (bytes); default {@link MAX_FRAME_BYTES}. */
  maxFrameBytes?: number;
  /** Words a refusal's `reason` in the user's language; English by default. */
  say?: Say;
  /**
   * This compressed frame's payload, already inflated under the same limit
   * (the shard-info decoder's, when it declined the frame): read as it is,
   * not inflated a second time. Ignored for a frame that is not compressed.
   */
  inflated?: Buffer;
}

/** Looks for secrets in a frame's JSON text (given as UTF-8 bytes too when the frame came as bytes). */
export interface FrameWatch {
  /** False only when no string decoded from `text` can hold what is watched. */
  mayAppearIn(text: string, utf8: Uint8Array | null): boolean;
}

/** Raw frame data as `ws` hands it over (any `binaryType`) or as a string. */
export type FrameData = Buffer | ArrayBuffer | Buffer[] | string;

/** What a client puts on the wire: a string is sent as a text frame, a Buffer as binary. */
export type EncodedFrame = string | Buffer;

/** A frame the client is about to send. Only `type` is required. */
export interface OutgoingFrame {
  type: number;
  [key: string]: unknown;
}

/** Thrown by {@link encodeFrame} when asked to send an opcode the dialect forbids. */
export class ForbiddenOpcodeError extends Error {
  constructor(
    readonly opcode: number,
    readonly dialect: string,
  ) {
    super(`Opcode ${opcode} must never be sent in the ${dialect} dialect.`);
    this.name = 'ForbiddenOpcodeError';
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BACKSLASH = 0x5c;
const QUOTE = 0x22;

function fail(
  kind: DecodeErrorKind,
  reason: string,
  bytes: number,
  encoding: FrameEncoding | null,
): DecodeResult {
  return { ok: false, error: { kind, reason }, bytes, encoding };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** The stream a binary frame's leading bytes announce: zlib (0x78), gzip (0x1f 0x8b), or neither. */
function compressionOf(bytes: Uint8Array): 'zlib' | 'gzip' | null {
  if (bytes[0] === 0x78) return 'zlib';
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? 'gzip' : null;
}

function byteLengthOf(data: FrameData): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (Array.isArray(data)) return data.reduce((sum, b) => sum + b.length, 0);
  return data.byteLength;
}

/**
 * The frame's bytes as one Buffer, without copying a single Buffer or an
 * ArrayBuffer; fragments are joined, only their first `upTo` bytes when given.
 */
function toBuffer(data: Exclude<FrameData, string>, upTo?: number): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data, upTo);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return data;
}

/**
 * Nesting depth check without recursion: a linear scan that skips string
 * contents. Returns true when the text nests deeper than `max`.
 *
 * It runs before `JSON.parse` on purpose: V8 parses deep nests without
 * overflowing, but at about 0.35 µs a level, so an 8 MiB inflated nest would
 * hold the main thread for seconds before a check on the parsed value could
 * refuse it.
 */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const x = text.charCodeAt(i);
        if (x === BACKSLASH) i++;
        else if (x === QUOTE) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** What {@link scanBytes} learnt about a frame's bytes (that nest no deeper than allowed). */
interface ByteScan {
  /** Some string holds an escape sequence. */
  escaped: boolean;
  /**
   * Some string may decode to `__proto__`, `constructor` or `prototype`: one
   * is spelt literally, or an escape could spell one.
   */
  mayHoldForbiddenKey: boolean;
}

/** True when bytes[start, end) spell exactly `word` (ASCII). */
function spells(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[start + k] !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * {@link nestsDeeperThan} over UTF-8 bytes, so the check needs no string.
 * Multi-byte sequences never contain ASCII bytes, so structure reads the same
 * as in the decoded text. The same pass notes escapes and the three
 * prototype-reaching names (by length first: 9 or 11 bytes), so the parsed
 * value is walked for them only when one can be there.
 */
function scanBytes(bytes: Uint8Array, max: number): ByteScan | 'too-deep' {
  let depth = 0;
  let escaped = false;
  let forbidden = false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const start = i + 1;
      for (i++; i < n; i++) {
        const x = bytes[i];
        if (x === BACKSLASH) {
          escaped = true;
          i++;
        } else if (x === QUOTE) break;
      }
      const len = i - start;
      if (
        (len === 9 || len === 11) &&
        !forbidden &&
        (spells(bytes, start, i, '__proto__') ||
          spells(bytes, start, i, 'prototype') ||
          spells(bytes, start, i, 'constructor'))
      ) {
        forbidden = true;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return 'too-deep';
    } else if (c === 0x5d || c === 0x7d) depth--;
    // A backslash outside a string makes the JSON invalid: JSON.parse refuses it.
  }
  return { escaped, mayHoldForbiddenKey: forbidden || escaped };
}

/**
 * Delete keys that could reach an object prototype if a consumer later
 * merges or assigns the parsed value, at any depth. `JSON.parse` defines them
 * as plain own properties (it never sets a prototype), so deleting them after
 * parsing leaves exactly what the former `JSON.parse` reviver left, without
 * a reviver call per value. Iterative; the depth was checked before parsing.
 */
function dropForbiddenKeys(root: object): void {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    // JSON.parse makes every object and array in this realm: `instanceof
    // Object` is exactly "not a primitive and not null" for what it returns.
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (item instanceof Object) stack.push(item);
    } else {
      const record = value as Record<string, unknown>;
      // for…in is the allocation-free way over a parsed object's keys (and
      // deleting the key just visited is safe in it); a parsed object
      // inherits only from Object.prototype, so hasOwn guards against an
      // enumerable property someone else added there.
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        if (FORBIDDEN_KEYS.has(key)) Reflect.deleteProperty(record, key);
        else {
          const item = record[key];
          if (item instanceof Object) stack.push(item);
        }
      }
    }
  }
}

/** UTF-8 byte order mark: `TextDecoder` dropped it, so the codec still does. */
function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

const STRING_FIELDS = ['service', 'event', 'message'] as const;

type Checked = { ok: true; message: GatewayMessage } | { ok: false; error: DecodeError };

function validateMessage(value: unknown, say: Say): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const reason = Array.isArray(value)
      ? say('frame.holdsArray')
      : value === null
        ? say('frame.holdsNull')
        : say('frame.holds', { type: typeof value });
    return { ok: false, error: { kind: 'not-an-object', reason } };
  }
  const record = value as Record<string, unknown>;
  const type = record['type'];
  if (type === undefined) {
    return { ok: false, error: { kind: 'bad-type', reason: say('frame.noType') } };
  }
  if (!Number.isInteger(type)) {
    const got = typeof type === 'number' ? String(type) : typeof type;
    return {
      ok: false,
      error: { kind: 'bad-type', reason: say('frame.typeNotInteger', { got }) },
    };
  }
  for (const field of STRING_FIELDS) {
    const v = record[field];
    if (v !== undefined && typeof v !== 'string') {
      return {
        ok: false,
        error: { kind: 'bad-type', reason: say('frame.notString', { field, got: typeof v }) },
      };
    }
  }
  const possibleError = record['possible_error'];
  if (possibleError !== undefined && typeof possibleError !== 'boolean') {
    return {
      ok: false,
      error: {
        kind: 'bad-type',
        reason: say('frame.notBoolean', { field: 'possible_error', got: typeof possibleError }),
      },
    };
  }
  return { ok: true, message: record as GatewayMessage };
}

/**
 * Decode one WebSocket frame from a gateway.
 *
 * Binary frames may hold raw UTF-8 JSON, a zlib stream (first byte `0x78`) or
 * a gzip stream (`0x1f 0x8b`), told apart by their leading bytes
 * (docs/protocol.md §1 "Framing"). Never throws.
 *
 * @param data the frame payload as `ws` delivered it
 * @param isBinary whether it arrived as a binary frame (text frames are never decompressed)
 * @param options strings to look for once in the frame's text (see {@link DecodeOptions})
 */
export function decodeFrame(
  data: FrameData,
  isBinary: boolean,
  options: DecodeOptions = {},
): DecodeResult {
  const bytes = byteLengthOf(data);
  const limit = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const inflateLimit = Math.max(MAX_INFLATED_BYTES, limit);
  const say = options.say ?? sayEnglish;
  if (bytes > limit) {
    // An uncompressed snapshot of a big bot (about 6,000 shards and up) lands
    // here; the server compresses its frames when the client asks (docs/protocol.md §1 "Flags").
    // A string is never decompressed (see below); only two bytes of fragments are joined.
    const compressed =
      isBinary && typeof data !== 'string' && compressionOf(toBuffer(data, 2)) !== null;
    return fail(
      'too-large',
      say(compressed ? 'frame.tooLarge' : 'frame.tooLargeUncompressed', {
        frame: frameTooLarge(bytes, limit, false, say),
        size: formatBytes(bytes),
        limit: formatBytes(limit),
      }),
      bytes,
      null,
    );
  }
  const tooDeep = (encoding: FrameEncoding): DecodeResult =>
    fail('too-deep', say('frame.tooDeep', { depth: MAX_JSON_DEPTH }), bytes, encoding);

  let text: string;
  let encoding: FrameEncoding;
  let escaped: boolean;
  let forbidden: boolean;
  /** The bytes `text` was made from, when the frame came as bytes. */
  let utf8: Uint8Array | null = null;
  if (typeof data === 'string') {
    text = data;
    encoding = isBinary ? 'binary-json' : 'text';
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return tooDeep(encoding);
    escaped = text.includes('\\');
    forbidden = true;
  } else {
    let payload = toBuffer(data);
    // Text frames are never decompressed.
    const compression = isBinary ? compressionOf(payload) : null;
    encoding = compression ?? (isBinary ? 'binary-json' : 'text');
    if (compression !== null && options.inflated !== undefined) {
      payload = options.inflated;
    } else if (compression !== null) {
      try {
        payload =
          compression === 'zlib'
            ? inflateSync(payload, { maxOutputLength: inflateLimit })
            : gunzipSync(payload, { maxOutputLength: inflateLimit });
      } catch (err) {
        // zlib throws Error objects only; a stream past maxOutputLength has this code.
        const { code, message } = err as NodeJS.ErrnoException;
        if (code === 'ERR_BUFFER_TOO_LARGE') {
          return fail(
            'inflate-too-large',
            say('frame.inflateTooLarge', { compression, limit: formatBytes(inflateLimit) }),
            bytes,
            encoding,
          );
        }
        return fail(
          'inflate-failed',
          say('frame.inflateFailed', { compression, why: message }),
          bytes,
          encoding,
        );
      }
    }
    // Validate, then check the depth on the bytes, then make the string: a
    // refused frame never becomes a (possibly multi-megabyte) string, and a
    // valid one is converted by the native decoder without a second check.
    // `isUtf8` accepts exactly what a fatal `TextDecoder` accepts.
    if (!isUtf8(payload)) {
      return fail('invalid-utf8', say('frame.invalidUtf8'), bytes, encoding);
    }
    const scan = scanBytes(payload, MAX_JSON_DEPTH);
    if (scan === 'too-deep') return tooDeep(encoding);
    escaped = scan.escaped;
    forbidden = scan.mayHoldForbiddenKey;
    const body = hasBom(payload) ? payload.subarray(3) : payload;
    utf8 = body;
    text = body.toString();
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // JSON.parse throws SyntaxError objects only.
    const detail = (err as SyntaxError).message;
    // V8's "Unexpected token 'x', "…"... is not valid JSON" quotes the frame
    // itself; a gateway may echo a secret there, and this reason is shown,
    // logged and stored. Every other JSON.parse message names only a position.
    const safe = detail.startsWith('Unexpected token') ? say('frame.unexpectedCharacter') : detail;
    return fail('invalid-json', say('frame.invalidJson', { why: safe }), bytes, encoding);
  }
  const checked = validateMessage(parsed, say);
  if (!checked.ok) return { ok: false, error: checked.error, bytes, encoding };
  // validateMessage reads no prototype-reaching key, so they can go after it.
  if (forbidden) dropForbiddenKeys(checked.message);
  const watch = options.watch ?? [];
  let mayHoldWatched: boolean;
  if ('mayAppearIn' in watch) mayHoldWatched = escaped || watch.mayAppearIn(text, utf8);
  else mayHoldWatched = escaped || watch.length === 0 || watch.some((w) => text.includes(w));
  return { ok: true, message: checked.message, bytes, encoding, mayHoldWatched };
}

/** JSON text as a zlib stream (what the 0.2.2 server sends; docs/protocol.md §2 "Framing"). */
export function zlibJson(obj: unknown): Buffer {
  return deflateSync(Buffer.from(JSON.stringify(obj)));
}

/** JSON text as a gzip stream (what a 0.2.2 client must send; docs/protocol.md §2 "Framing"). */
export function gzipJson(obj: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(obj)));
}

/**
 * Encode a client frame the way the dialect requires: a text JSON string for
 * `text-json`, a gzip Buffer (to be sent as a binary frame) for `gzip-binary`.
 *
 * This is the one choke point every outgoing frame passes, so it also refuses
 * opcodes the dialect forbids (0.2.2: type 3 registers a shard, docs/protocol.md §2
 * "Opcodes").
 *
 * @throws {ForbiddenOpcodeError} when `obj.type` is in `spec.forbiddenOpcodes`
 */
export function encodeFrame(spec: DialectSpec, obj: OutgoingFrame): EncodedFrame {
  if (spec.forbiddenOpcodes.includes(obj.type)) throw new ForbiddenOpcodeError(obj.type, spec.id);
  return spec.clientFraming === 'gzip-binary' ? gzipJson(obj) : JSON.stringify(obj);
}
