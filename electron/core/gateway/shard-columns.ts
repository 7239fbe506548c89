/**
 * A shard list as columns (docs/architecture.md §3.12): one typed array per
 * field, every `shard_hash` as UTF-8 bytes back to back, and `extra` only for
 * the shards that carry one. This is how a snapshot leaves the decoder
 * (`shard-info-decoder.ts`), crosses from a connection's worker to the main
 * thread (the buffers are transferred, not cloned) and reaches the shard
 * tracker, without one object per shard on the way.
 */
import { giveBackBuffer } from './give-back';
import type { Json, ShardStats } from '../../../shared/protocol';

/** Shard `i`'s fields live at index `i` of each column (counters at `i * COUNTERS`). */
export interface ShardColumns {
  count: number;
  /** `shard_id` (safe integers, so 64-bit floats). */
  ids: Float64Array;
  /** `send_ping`, `receibe_ping`, `sending`, `received`: {@link COUNTERS} values per shard. */
  counters: Float64Array;
  /** Bit 0 `development`, bit 1 `disconnected`. */
  flags: Uint8Array;
  /** Every shard's `shard_hash` as UTF-8, back to back. */
  hashBytes: Uint8Array;
  /** Where shard `i`'s hash ends in `hashBytes` (it starts where shard `i − 1`'s ends). */
  hashEnds: Uint32Array;
  /** Indices (ascending) and values of the non-empty `extra` objects. */
  extras: Array<[number, Record<string, Json>]>;
}

/** Counters per shard in {@link ShardColumns.counters}. */
export const COUNTERS = 4;
export const FLAG_DEVELOPMENT = 1;
export const FLAG_DISCONNECTED = 2;

/** The one empty `extra` (frozen, as `parseShard` gives). */
export const NO_EXTRA: Record<string, Json> = Object.freeze({}) as Record<string, Json>;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A shard list as columns (an in-process connection, READY's list, tests). */
export function toColumns(list: readonly ShardStats[]): ShardColumns {
  const count = list.length;
  const ids = new Float64Array(count);
  const counters = new Float64Array(count * COUNTERS);
  const flags = new Uint8Array(count);
  const hashEnds = new Uint32Array(count);
  const extras: Array<[number, Record<string, Json>]> = [];
  const hashes: Uint8Array[] = new Array<Uint8Array>(count);
  let end = 0;
  for (let i = 0; i < count; i++) {
    const s = list[i] as ShardStats;
    const o = i * COUNTERS;
    ids[i] = s.shard_id;
    counters[o] = s.send_ping;
    counters[o + 1] = s.receibe_ping;
    counters[o + 2] = s.sending;
    counters[o + 3] = s.received;
    flags[i] = (s.development ? FLAG_DEVELOPMENT : 0) | (s.disconnected ? FLAG_DISCONNECTED : 0);
    const h = encoder.encode(s.shard_hash);
    hashes[i] = h;
    end += h.length;
    hashEnds[i] = end;
    // for…in without allocating the key array: is `extra` non-empty?
    for (const _ in s.extra) {
      extras.push([i, s.extra]);
      break;
    }
  }
  const hashBytes = new Uint8Array(end);
  for (let i = 0; i < count; i++)
    hashBytes.set(hashes[i] as Uint8Array, i === 0 ? 0 : hashEnds[i - 1]);
  return { count, ids, counters, flags, hashBytes, hashEnds, extras };
}

/** The buffers of `c`, for a transfer list. */
export function columnBuffers(c: ShardColumns): ArrayBuffer[] {
  const all = [c.ids, c.counters, c.flags, c.hashBytes, c.hashEnds].map(
    (a) => a.buffer as ArrayBuffer,
  );
  // Two columns never share a buffer, but a transfer list must not name one twice.
  return [...new Set(all)];
}

/**
 * Give back the memory of columns that arrived across a port (`give-back.ts`):
 * only their holder may, once nothing reads them any more.
 */
export function giveBackColumns(c: ShardColumns): void {
  for (const b of columnBuffers(c)) giveBackBuffer(b);
}

/**
 * Whether any of `c`'s columns has been given back (a column under the
 * size {@link giveBackBuffer} takes may be left while a bigger one went).
 */
export function columnsGivenBack(c: ShardColumns): boolean {
  return columnBuffers(c).some((b) => b.detached);
}

/** Shard `i`'s hash as a string. */
export function hashAt(c: ShardColumns, i: number): string {
  const start = i === 0 ? 0 : (c.hashEnds[i - 1] ?? 0);
  const end = c.hashEnds[i] ?? start;
  return start === end ? '' : decoder.decode(c.hashBytes.subarray(start, end));
}

/** Whether shard `i`'s hash is `text`, without making a string in the usual (ASCII) case. */
export function hashIs(c: ShardColumns, i: number, text: string): boolean {
  const start = i === 0 ? 0 : (c.hashEnds[i - 1] ?? 0);
  const end = c.hashEnds[i] ?? start;
  if (end - start !== text.length) {
    // UTF-8 is never shorter than its UTF-16 length; longer only with non-ASCII.
    return end - start > text.length && hashAt(c, i) === text;
  }
  for (let k = start; k < end; k++) {
    const b = c.hashBytes[k] as number;
    if (b >= 0x80) return hashAt(c, i) === text;
    if (b !== text.charCodeAt(k - start)) return false;
  }
  return true;
}

/** Whether shard `i`'s hash is empty. */
export function hashEmpty(c: ShardColumns, i: number): boolean {
  return (c.hashEnds[i] ?? 0) === (i === 0 ? 0 : (c.hashEnds[i - 1] ?? 0));
}

/** The shard list back from its columns (a consumer that wants objects). */
export function fromColumns(c: ShardColumns): ShardStats[] {
  const out = new Array<ShardStats>(c.count);
  const { ids, counters, flags } = c;
  for (let i = 0; i < c.count; i++) {
    const o = i * COUNTERS;
    const fl = flags[i] ?? 0;
    out[i] = {
      shard_id: ids[i] ?? 0,
      shard_hash: hashAt(c, i),
      development: (fl & FLAG_DEVELOPMENT) !== 0,
      disconnected: (fl & FLAG_DISCONNECTED) !== 0,
      send_ping: counters[o] ?? 0,
      receibe_ping: counters[o + 1] ?? 0,
      sending: counters[o + 2] ?? 0,
      received: counters[o + 3] ?? 0,
      extra: NO_EXTRA,
    };
  }
  for (const [i, extra] of c.extras) {
    const s = out[i];
    if (s) s.extra = extra;
  }
  return out;
}

/** A builder's working columns, kept between frames (see {@link ShardColumnsBuilder}). */
interface Scratch {
  ids: Float64Array;
  counters: Float64Array;
  flags: Uint8Array;
  hashEnds: Uint32Array;
  hashBytes: Uint8Array;
}

/** The working columns of the last builder, for the next one (a thread decodes one frame at a time). */
let spare: Scratch | null = null;

/**
 * Columns grown shard by shard (the shard-info decoder), each trimmed to fit
 * at the end. The working columns are sized from the frame and reused by the
 * next builder in this thread when they are large enough: a 50,000-shard
 * snapshot otherwise allocated (and zeroed) ~6 MB every second only to copy
 * the part it used. {@link begin} and {@link commit} write every field of a
 * shard, so nothing left from an earlier frame is read.
 */
export class ShardColumnsBuilder {
  count = 0;
  ids: Float64Array;
  counters: Float64Array;
  flags: Uint8Array;
  hashEnds: Uint32Array;
  hashBytes: Uint8Array;
  hashLen = 0;
  extras: Array<[number, Record<string, Json>]> = [];

  /** `frameBytes`: a shard takes ~180 bytes of text, so this guess rarely has to grow. */
  constructor(frameBytes: number) {
    const n = Math.max(1024, Math.ceil(frameBytes / 128));
    const kept = spare;
    // Taken, so a second builder alive at the same time never shares it.
    spare = null;
    const fits = kept !== null && kept.ids.length >= n && kept.hashBytes.length >= n * 40;
    this.ids = fits ? kept.ids : new Float64Array(n);
    this.counters = fits ? kept.counters : new Float64Array(n * COUNTERS);
    this.flags = fits ? kept.flags : new Uint8Array(n);
    this.hashEnds = fits ? kept.hashEnds : new Uint32Array(n);
    this.hashBytes = fits ? kept.hashBytes : new Uint8Array(n * 40);
  }

  /** Start shard `count` with the defaults of `parseShard`; returns its index. */
  begin(): number {
    const i = this.count;
    if (i === this.ids.length) this.grow();
    this.ids[i] = -1;
    const o = i * COUNTERS;
    this.counters[o] = 0;
    this.counters[o + 1] = 0;
    this.counters[o + 2] = 0;
    this.counters[o + 3] = 0;
    this.flags[i] = 0;
    return i;
  }

  /** Keep shard `i` (begun last) with the hash bytes `src[start, end)`. */
  commit(src: Uint8Array, start: number, end: number): void {
    this.appendHash(src, start, end);
    this.hashEnds[this.count] = this.hashLen;
    this.count++;
  }

  appendHash(src: Uint8Array, start: number, end: number): void {
    const need = this.hashLen + (end - start);
    if (need > this.hashBytes.length) {
      const next = new Uint8Array(Math.max(need, this.hashBytes.length * 2));
      next.set(this.hashBytes.subarray(0, this.hashLen));
      this.hashBytes = next;
    }
    const dst = this.hashBytes;
    // A loop, not set(subarray()): a hash is ~35 bytes, and a view per shard costs more.
    for (let k = start, at = this.hashLen; k < end; k++, at++) dst[at] = src[k] as number;
    this.hashLen = need;
  }

  grow(): void {
    const n = this.ids.length * 2;
    const ids = new Float64Array(n);
    ids.set(this.ids);
    this.ids = ids;
    const counters = new Float64Array(n * COUNTERS);
    counters.set(this.counters);
    this.counters = counters;
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
    const ends = new Uint32Array(n);
    ends.set(this.hashEnds);
    this.hashEnds = ends;
  }

  /** The working columns go back for the next builder; this one must not be used after. */
  release(): void {
    const { ids, counters, flags, hashEnds, hashBytes } = this;
    if (spare === null || spare.ids.length <= ids.length)
      spare = { ids, counters, flags, hashEnds, hashBytes };
  }

  /** The columns, each in a buffer of its own sized to fit (so a transfer moves no slack). */
  finish(): ShardColumns {
    const n = this.count;
    return {
      count: n,
      ids: this.ids.slice(0, n),
      counters: this.counters.slice(0, n * COUNTERS),
      flags: this.flags.slice(0, n),
      hashBytes: this.hashBytes.slice(0, this.hashLen),
      hashEnds: this.hashEnds.slice(0, n),
      extras: this.extras,
    };
  }
}
