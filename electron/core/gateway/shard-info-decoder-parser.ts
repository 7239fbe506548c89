/**
 * The byte-level parse of a `GATEWAY_SHARD_INFO` frame for
 * `shard-info-decoder.ts` (which decides which frames get here and says
 * what it takes and leaves; see its comment): the shard loop straight into
 * {@link ShardColumns}, the frame log's copy, and the secret check of the
 * bytes whose strings leave the decoder.
 */
import type { GatewayMessage, Json } from '../../../shared/protocol';
import { GATEWAY_EVENTS, SHARD_STATS_FIELDS, parseShard } from '../../../shared/protocol';
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  JsonBytesReader,
  NOT_MINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-bytes';
import type { ShardColumns } from './shard-columns';
import {
  COUNTERS,
  FLAG_DEVELOPMENT,
  FLAG_DISCONNECTED,
  ShardColumnsBuilder,
} from './shard-columns';

/** Looks for secrets in a frame's bytes (`SecretScrubber` has it). */
export interface BytesWatch {
  mayAppearInBytes(utf8: Uint8Array): boolean;
}

/** What the parse of one frame gives. */
export interface ParsedShardInfo {
  type: number;
  columns: ShardColumns;
  /** Items that were not shard objects with a usable id (the general path reports them too). */
  rejected: number;
  /** The frame for the frame log: its first ~16 KiB of `data`, parsed, arrays closed after it. */
  raw: GatewayMessage;
}

/** `flattenShardsStats`'s cap on items; more and the general path decides. */
const MAX_ITEMS = 1_000_000;
/** How much of `data` the frame log's copy keeps. */
const RAW_KEEP_BYTES = 16 * 1024;
export const EVENT = Buffer.from(`"${GATEWAY_EVENTS.SHARD_INFO}"`);
/** Field numbers of the known shard keys (0: unknown). */
const F_ID = 1;
const F_HASH = 2;
const F_DEV = 3;
const F_DISC = 4;
const F_SEND_PING = 5;
const F_RECV_PING = 6;
const F_SENDING = 7;
const F_RECEIVED = 8;

/** The known keys' bytes, by field number (the F_ numbers follow SHARD_STATS_FIELDS' order). */
const KEY_BYTES: Uint8Array[] = ['', ...SHARD_STATS_FIELDS].map((k) => Buffer.from(k, 'latin1'));

/**
 * A byte string read as little-endian 32-bit words, for comparing it at any
 * position with a few `DataView` reads instead of a byte at a time: the words
 * at 0, 4, 8, … and one more ending at its last byte (overlapping the one
 * before it when the length is not a multiple of 4). A string shorter than 4
 * bytes has no words.
 */
interface Words {
  /** Byte offsets of the words. */
  at: Uint32Array;
  words: Uint32Array;
  length: number;
}

function wordsOf(bytes: Uint8Array): Words {
  const n = bytes.length;
  const at: number[] = [];
  for (let k = 0; k + 4 <= n; k += 4) at.push(k);
  if (n > 4 && n % 4 !== 0) at.push(n - 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  return {
    at: Uint32Array.from(at),
    words: Uint32Array.from(at, (k) => view.getUint32(k, true)),
    length: n,
  };
}

/** Each known key with its closing quote, as {@link Words}, by field number (0 is never read). */
const KEY_WORDS: Words[] = KEY_BYTES.map((k) => wordsOf(Buffer.concat([k, Buffer.from([QUOTE])])));
/** `true` and `false` as little-endian words (`false` is its first four bytes and an `e`). */
const TRUE_WORD = 0x65757274;
const FALS_WORD = 0x736c6166;

/** One frame's parse; throws {@link NOT_MINE} on anything it does not take. */
export class ShardInfoParser extends JsonBytesReader {
  private items = 0;
  private rejected = 0;
  private readonly out: ShardColumnsBuilder;
  /** End of the last element of `data` that fits the frame log's copy, and arrays open there. */
  private cutAt = -1;
  private cutOpen = 0;
  private dataStart = -1;
  private dataEnd = -1;

  /** The frame's bytes for word reads (see {@link Words}). */
  private readonly view: DataView;

  constructor(
    b: Uint8Array,
    private readonly watch: BytesWatch,
  ) {
    super(b);
    this.out = new ShardColumnsBuilder(b.length);
    this.view = new DataView(b.buffer, b.byteOffset, b.length);
  }

  /** Done with this frame: the builder's working columns go back for the next one. */
  release(): void {
    this.out.release();
  }

  /** Throws {@link NOT_MINE} when `b[start, end)` may hold a secret or a fragment of one. */
  private check(start: number, end: number): void {
    if (end <= start) return;
    const b = this.b;
    if (this.watch.mayAppearInBytes(new Uint8Array(b.buffer, b.byteOffset + start, end - start)))
      throw NOT_MINE;
  }

  /**
   * The secret check of every string that leaves the decoder, but for the
   * slow shards' slices (checked as they are read); see `shard-info-decoder.ts`'s comment.
   */
  private checkStrings(): void {
    const out = this.out;
    if (this.watch.mayAppearInBytes(out.hashBytes.subarray(0, out.hashLen))) throw NOT_MINE;
    // The frame log's copy: the fields before `data`, its start, and every field after it.
    this.check(0, Math.max(this.cutAt, this.dataStart + 1));
    this.check(this.dataEnd, this.b.length);
  }

  frame(): ParsedShardInfo {
    const b = this.b;
    this.ws();
    if (b[this.i] !== OPEN_OBJECT) throw NOT_MINE;
    this.i++;
    this.enter();
    let type: number | null = null;
    let event = false;
    let sawData = false;
    /** Every top-level field in order: its name and, but for `data`, its value's bytes. */
    const fields: Array<[string, number, number]> = [];
    this.ws();
    if (b[this.i] === CLOSE_OBJECT) throw NOT_MINE;
    for (;;) {
      this.ws();
      const [ks, ke] = this.string();
      if (ke - ks === 9 || ke - ks === 11) this.forbidden(ks, ke);
      const name = this.text(ks, ke);
      if (fields.some(([f]) => f === name)) throw NOT_MINE;
      this.ws();
      if (b[this.i++] !== COLON) throw NOT_MINE;
      this.ws();
      const start = this.i;
      const c = b[start];
      if (name === 'type') {
        type = this.number();
        if (!Number.isInteger(type)) throw NOT_MINE;
      } else if (name === 'event') {
        const [s, e] = this.string();
        if (!this.spells(s - 1, e + 1, EVENT)) throw NOT_MINE;
        event = true;
      } else if (name === 'data') {
        if (c !== OPEN_ARRAY) throw NOT_MINE;
        this.dataStart = start;
        this.data();
        this.dataEnd = this.i;
        sawData = true;
      } else if (name === 'service' || name === 'message') {
        // What `validateMessage` checks: a string, or the general path says what is wrong.
        this.string();
      } else if (name === 'possible_error') {
        // `true` makes the frame an error report: the general path shows it.
        this.literal('false');
      } else {
        // Another field (`rate_limit`): kept for the frame log, never read; a small one only.
        this.skip();
        if (this.i - start > RAW_KEEP_BYTES) throw NOT_MINE;
      }
      fields.push([name, start, this.i]);
      this.ws();
      const d = b[this.i++];
      if (d === CLOSE_OBJECT) break;
      if (d !== COMMA) throw NOT_MINE;
    }
    this.ws();
    if (this.i !== b.length || type === null || !event || !sawData) throw NOT_MINE;
    this.checkStrings();
    const raw: Record<string, unknown> = {};
    for (const [name, start, end] of fields)
      raw[name] = name === 'data' ? this.rawData() : JSON.parse(this.text(start, end));
    return {
      type,
      columns: this.out.finish(),
      rejected: this.rejected,
      raw: raw as GatewayMessage,
    };
  }

  /** The start of `data` for the frame log, closed after its last whole element that fits. */
  private rawData(): Json {
    const text =
      this.cutAt < 0
        ? '[]'
        : Buffer.from(
            this.b.buffer,
            this.b.byteOffset + this.dataStart,
            this.cutAt - this.dataStart,
          ).toString('utf8') + ']'.repeat(this.cutOpen);
    return JSON.parse(text) as Json;
  }

  /** `data`: arrays nested any way, their items shard objects (anything else is rejected). */
  private data(): void {
    const b = this.b;
    // b[i] is the `[` that opens `data`.
    let open = 0;
    for (;;) {
      // A value is expected here.
      this.ws();
      if (b[this.i] === OPEN_ARRAY) {
        this.i++;
        this.enter();
        open++;
        this.ws();
        if (b[this.i] !== CLOSE_ARRAY) continue;
        this.i++;
        this.depth--;
        open--;
        if (open === 0) return this.noteEnd(0);
      } else this.item();
      // After a value: `,` for the next one, or `]` closing one array or more.
      for (;;) {
        this.noteEnd(open);
        this.ws();
        const d = b[this.i++];
        if (d === COMMA) break;
        if (d !== CLOSE_ARRAY) throw NOT_MINE;
        this.depth--;
        open--;
        if (open === 0) return this.noteEnd(0);
      }
    }
  }

  /** Remember where the frame log's copy of `data` may end (`open` arrays still open). */
  private noteEnd(open: number): void {
    if (this.i - this.dataStart <= RAW_KEEP_BYTES) {
      this.cutAt = this.i;
      this.cutOpen = open;
    }
  }

  /** One non-array item of `data`. */
  private item(): void {
    if (++this.items > MAX_ITEMS) throw NOT_MINE;
    if (this.b[this.i] !== OPEN_OBJECT) {
      this.skip();
      this.rejected++;
      return;
    }
    this.shard();
  }

  /**
   * A shard object: the known fields straight into the columns; anything
   * else via {@link slowShard}. The hot loop of the decoder, so it keeps its
   * position in a local and calls out only for what is rare.
   */
  private shard(): void {
    const b = this.b;
    const out = this.out;
    const objStart = this.i;
    this.enter();
    const k = out.begin();
    const o = k * COUNTERS;
    const { ids, counters, flags } = out;
    let hashStart = 0;
    let hashEnd = 0;
    let hasId = false;
    let slow = false;
    let i = objStart + 1;
    let c = b[i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
    if (c === CLOSE_OBJECT) {
      this.i = i + 1;
      this.depth--;
      this.rejected++;
      return;
    }
    for (;;) {
      // The key (no backslash anywhere in the frame: checked before parsing).
      if (c !== QUOTE) throw NOT_MINE;
      const ks = i + 1;
      let field = slow ? 0 : this.knownKey(ks);
      let ke: number;
      if (field !== 0) ke = ks + (KEY_BYTES[field] as Uint8Array).length;
      else {
        c = b[(i = ks)];
        while (c !== QUOTE) {
          if (c === undefined || c < 0x20) throw NOT_MINE;
          c = b[++i];
        }
        ke = i;
        field = 0;
      }
      i = ke;
      c = b[++i];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
      if (c !== COLON) throw NOT_MINE;
      c = b[++i];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
      if (field === F_HASH && c === QUOTE) {
        hashStart = i + 1;
        c = b[++i];
        while (c !== QUOTE) {
          if (c === undefined || c < 0x20) throw NOT_MINE;
          c = b[++i];
        }
        hashEnd = i;
        i++;
      } else if ((field === F_DEV || field === F_DISC) && (c === 0x74 || c === 0x66)) {
        const bit = field === F_DEV ? FLAG_DEVELOPMENT : FLAG_DISCONNECTED;
        // `true` or `false` (read as a word when it fits; the reader says what is wrong else).
        const word = i + 4 <= b.length ? this.view.getUint32(i, true) : -1;
        if (c === 0x74) {
          if (word !== TRUE_WORD) throw NOT_MINE;
          flags[k] = (flags[k] as number) | bit;
          i += 4;
        } else {
          if (word !== FALS_WORD || b[i + 4] !== 0x65) throw NOT_MINE;
          flags[k] = (flags[k] as number) & ~bit;
          i += 5;
        }
      } else if (
        (field === F_ID || field >= F_SEND_PING) &&
        (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39))
      ) {
        // A plain whole number inline; anything else (fraction, exponent, 16+ digits) the long way.
        let v = 0;
        let j = i;
        if (c !== 0x2d && c !== 0x30) {
          while (c !== undefined && c >= 0x30 && c <= 0x39) {
            v = v * 10 + (c - 0x30);
            c = b[++j];
          }
        }
        if (j > i && j - i <= 15 && c !== 0x2e && c !== 0x65 && c !== 0x45) i = j;
        else {
          this.i = i;
          v = this.number();
          i = this.i;
        }
        if (field === F_ID) {
          ids[k] = v;
          hasId = true;
        } else counters[o + field - F_SEND_PING] = Number.isFinite(v) ? v : 0;
      } else {
        if (field === 0 && (ke - ks === 9 || ke - ks === 11)) this.forbidden(ks, ke);
        slow = true;
        this.i = i;
        this.skip();
        i = this.i;
      }
      c = b[i];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
      i++;
      if (c === CLOSE_OBJECT) break;
      if (c !== COMMA) throw NOT_MINE;
      c = b[i];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++i];
    }
    this.i = i;
    this.depth--;
    if (slow) return this.slowShard(k, objStart);
    const id = ids[k] as number;
    if (!hasId || !Number.isSafeInteger(id) || id < 0) {
      this.rejected++;
      return;
    }
    out.commit(b, hashStart, hashEnd);
  }

  /**
   * The known field whose key starts at `ks` (the byte after the quote),
   * closing quote included; 0 for any other key. Told apart by one or two
   * bytes, then compared whole.
   */
  private knownKey(ks: number): number {
    const b = this.b;
    let f = 0;
    switch (b[ks]) {
      case 0x64: // d
        f = b[ks + 1] === 0x65 ? F_DEV : F_DISC;
        break;
      case 0x72: // r
        f = b[ks + 5] === 0x62 ? F_RECV_PING : F_RECEIVED;
        break;
      case 0x73: // s
        if (b[ks + 1] === 0x65) f = b[ks + 4] === 0x5f ? F_SEND_PING : F_SENDING;
        else f = b[ks + 6] === 0x68 ? F_HASH : F_ID;
        break;
      default:
        return 0;
    }
    // The whole key and its closing quote, a word at a time.
    const key = KEY_WORDS[f] as Words;
    if (ks + key.length > b.length) return 0;
    const { at, words } = key;
    const view = this.view;
    for (let w = 0; w < at.length; w++)
      if (view.getUint32(ks + (at[w] as number), true) !== words[w]) return 0;
    return f;
  }

  /**
   * A shard object with unknown fields or odd values: its slice through
   * `JSON.parse` and `parseShard`, as the general path reads it. Safe: the
   * frame has no escapes and no prototype-reaching key (checked on the way).
   */
  private slowShard(k: number, objStart: number): void {
    const b = this.b;
    // Its keys and values may reach the renderer as `extra`.
    this.check(objStart, this.i);
    const text = Buffer.from(b.buffer, b.byteOffset + objStart, this.i - objStart).toString('utf8');
    const s = parseShard(JSON.parse(text));
    if (s === null) {
      this.rejected++;
      return;
    }
    const out = this.out;
    const o = k * COUNTERS;
    out.ids[k] = s.shard_id;
    out.counters[o] = s.send_ping;
    out.counters[o + 1] = s.receibe_ping;
    out.counters[o + 2] = s.sending;
    out.counters[o + 3] = s.received;
    out.flags[k] =
      (s.development ? FLAG_DEVELOPMENT : 0) | (s.disconnected ? FLAG_DISCONNECTED : 0);
    for (const _ in s.extra) {
      out.extras.push([k, s.extra]);
      break;
    }
    const hash = Buffer.from(s.shard_hash, 'utf8');
    out.commit(hash, 0, hash.length);
  }
}
