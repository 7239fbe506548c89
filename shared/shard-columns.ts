/**
 * The compact form shards travel in from the core to the renderer
 * (docs/architecture.md §3.2, "Shard pushes"): one array per field instead
 * of one object per shard, so a 50,000-shard page does not repeat 16 keys
 * 50,000 times. States are indexes into {@link SHARD_STATES}, the three
 * booleans one bit field, the two wall times offsets from `base`, `pingGap`
 * is left out (it is `sendPing − receibePing`) and `extra` is listed only
 * for the shards that have any. The core makes the number columns as typed
 * arrays (`Float64Array`, `Uint8Array` for states and flags): their
 * elements live outside the JavaScript heap, so a 5,000-shard counters push
 * leaves nothing for the garbage collector to copy or promote (as plain
 * arrays it promoted ~0.6 MB a push, and the old generation filled), and
 * structured clone (Electron IPC) copies each column as one block. JSON
 * (the browser-mode bridge) has no typed arrays: it sends them as plain
 * lists ({@link shardColumnsAsLists}), so a reader takes either.
 */
import type { Json } from './protocol';
import type { ShardState, ShardView } from './live-status';
import { SHARD_STATES } from './live-status';

/** Most shards one push or one `query:shards` page carries (about 0.5 MB of JSON). */
export const SHARD_CHUNK = 5000;

/** A column of numbers: a typed array as the core makes it, a list once it went through JSON. */
export type NumberColumn = Float64Array | number[];
/** A column of small whole numbers (states, flag bits): `Uint8Array` from the core, a list after JSON. */
export type ByteColumn = Uint8Array | number[];
/** A column of rates: NaN for no rate in the core's `Float64Array`, null after JSON (which writes NaN so). */
export type RateColumn = Float64Array | Array<number | null>;

/** Shards in columns; position `i` of every array is one shard. */
export interface ShardColumns {
  /** Wall ms `lastChangeAt` and `lastSeenAt` count from. */
  base: number;
  id: NumberColumn;
  hash: string[];
  /** Index into SHARD_STATES. */
  state: ByteColumn;
  /** Bit 1 `development`, bit 2 `disconnected`, bit 4 `stalled`. */
  flags: ByteColumn;
  sendPing: NumberColumn;
  receibePing: NumberColumn;
  sending: NumberColumn;
  received: NumberColumn;
  /** Messages per second (NaN or null for none, see {@link RateColumn}). */
  sendRate: RateColumn;
  recvRate: RateColumn;
  restarts: NumberColumn;
  /** `lastChangeAt − base`. */
  changeAt: NumberColumn;
  /** `lastSeenAt − base`. */
  seenAt: NumberColumn;
  /** `[position, extra]` of the shards whose `extra` is not empty. */
  extra: Array<[number, Record<string, Json>]>;
}

/** One profile's part of a delta (`AppDelta.shards`). */
export interface ShardPush {
  profileId: string;
  /** Shards that appeared or whose view changed. */
  shards: ShardColumns;
  /** Ids no longer reported. */
  removed: number[];
  /** This push starts the whole set again: drop every shard held before applying it. */
  replace: boolean;
  /** More of this change follows in the next deltas (a change over SHARD_CHUNK shards is split). */
  more: boolean;
}

/** One page of `query:shards`, ascending by id. */
export interface ShardPage {
  /** `seq` of the newest delta pushed when the page was read. */
  seq: number;
  shards: ShardColumns;
  /** Ask again with this `after` for the next page; null on the last page. */
  next: number | null;
}

/** Bits of {@link ShardColumns.flags}. */
export const SHARD_FLAG_DEVELOPMENT = 1;
export const SHARD_FLAG_DISCONNECTED = 2;
export const SHARD_FLAG_STALLED = 4;

const STATE_INDEX = new Map<ShardState, number>(SHARD_STATES.map((s, i) => [s, i]));

/**
 * Columns with room for `n` shards, filled by position with {@link putShard}
 * (and cut with {@link keepShards} when fewer came): typed arrays, rates NaN
 * (none) until put.
 */
export function shardColumnsFor(n: number): ShardColumns {
  const f64 = (): Float64Array => new Float64Array(n);
  const rates = (): Float64Array => new Float64Array(n).fill(Number.NaN);
  return {
    base: 0,
    id: f64(),
    hash: new Array<string>(n).fill(''),
    state: new Uint8Array(n),
    flags: new Uint8Array(n),
    sendPing: f64(),
    receibePing: f64(),
    sending: f64(),
    received: f64(),
    sendRate: rates(),
    recvRate: rates(),
    restarts: f64(),
    changeAt: f64(),
    seenAt: f64(),
    extra: [],
  };
}

/** The columns of numbers, typed arrays as the core makes them. */
const NUMBER_COLUMNS = [
  'id',
  'state',
  'flags',
  'sendPing',
  'receibePing',
  'sending',
  'received',
  'sendRate',
  'recvRate',
  'restarts',
  'changeAt',
  'seenAt',
] as const;
type AnyNumberColumn = NumberColumn | ByteColumn | RateColumn;

/** A copy of `c` with each column of numbers replaced by `f` of it (same kind in, same kind out). */
function mapNumberColumns(
  c: ShardColumns,
  f: (a: AnyNumberColumn) => AnyNumberColumn,
): ShardColumns {
  const out: Record<string, unknown> = { ...c };
  for (const k of NUMBER_COLUMNS) out[k] = f(c[k]);
  return out as unknown as ShardColumns;
}

/**
 * Cut `c` to its first `n` shards (fewer were put than it had room for). A
 * copy, not a `subarray`: structured clone sends a view's whole buffer.
 */
export function keepShards(c: ShardColumns, n: number): void {
  if (n >= c.id.length) return;
  c.hash.length = n;
  Object.assign(
    c,
    mapNumberColumns(c, (a) => a.slice(0, n)),
  );
}

/**
 * `c` as JSON can carry it: each typed column as a plain list (JSON writes
 * a typed array as an object of indexes), NaN rates becoming null as JSON
 * writes them. A new object; `c` is left as it is (the same push may still
 * go to other readers).
 */
export function shardColumnsAsLists(c: ShardColumns): ShardColumns {
  return mapNumberColumns(c, (a) => (Array.isArray(a) ? a : Array.from(a)));
}

/**
 * Put one shard at position `i` of `c` (positions are filled in order from
 * 0: the first sets `base`). `state` is an index into SHARD_STATES, `flags`
 * the SHARD_FLAG_ bits, a rate NaN for none. Field by field rather than a
 * view, so the shard tracker writes its slots without making an object per
 * shard.
 */
export function putShard(
  c: ShardColumns,
  i: number,
  id: number,
  hash: string,
  state: number,
  flags: number,
  sendPing: number,
  receibePing: number,
  sending: number,
  received: number,
  sendRate: number,
  recvRate: number,
  restarts: number,
  lastChangeAt: number,
  lastSeenAt: number,
  extra: Record<string, Json>,
): void {
  if (i === 0) c.base = lastSeenAt;
  c.id[i] = id;
  c.hash[i] = hash;
  c.state[i] = state;
  c.flags[i] = flags;
  c.sendPing[i] = sendPing;
  c.receibePing[i] = receibePing;
  c.sending[i] = sending;
  c.received[i] = received;
  c.sendRate[i] = sendRate;
  c.recvRate[i] = recvRate;
  c.restarts[i] = restarts;
  c.changeAt[i] = lastChangeAt - c.base;
  c.seenAt[i] = lastSeenAt - c.base;
  for (const _ in extra) {
    c.extra.push([i, extra]);
    break;
  }
}

/** Put view `s` at position `i` of `c` ({@link putShard}). */
export function putShardView(c: ShardColumns, i: number, s: ShardView): void {
  putShard(
    c,
    i,
    s.id,
    s.hash,
    STATE_INDEX.get(s.state) ?? 0,
    (s.development ? SHARD_FLAG_DEVELOPMENT : 0) |
      (s.disconnected ? SHARD_FLAG_DISCONNECTED : 0) |
      (s.stalled ? SHARD_FLAG_STALLED : 0),
    s.sendPing,
    s.receibePing,
    s.sending,
    s.received,
    s.sendRate ?? Number.NaN,
    s.recvRate ?? Number.NaN,
    s.restarts,
    s.lastChangeAt,
    s.lastSeenAt,
    s.extra,
  );
}

/** Columns of `views` (in their order). */
export function encodeShards(views: Iterable<ShardView>): ShardColumns {
  const list = Array.isArray(views) ? (views as readonly ShardView[]) : [...views];
  const c = shardColumnsFor(list.length);
  for (let i = 0; i < list.length; i++) putShardView(c, i, list[i] as ShardView);
  return c;
}

/** How many shards `c` holds. */
export function shardCount(c: ShardColumns): number {
  return c.id.length;
}

/**
 * The view at position `i` of `c`, a new object (views hold on to the old
 * one to notice a change). `extraAt` is its `extra` (from
 * {@link extraByPosition}).
 */
export function shardAt(
  c: ShardColumns,
  i: number,
  extraAt: Record<string, Json> | undefined,
): ShardView {
  const flags = c.flags[i] ?? 0;
  const sendPing = c.sendPing[i] ?? 0;
  const receibePing = c.receibePing[i] ?? 0;
  return {
    id: c.id[i] ?? 0,
    hash: c.hash[i] ?? '',
    state: SHARD_STATES[c.state[i] ?? 0] ?? 'no-data',
    development: (flags & SHARD_FLAG_DEVELOPMENT) !== 0,
    disconnected: (flags & SHARD_FLAG_DISCONNECTED) !== 0,
    sendPing,
    receibePing,
    sending: c.sending[i] ?? 0,
    received: c.received[i] ?? 0,
    sendRate: rateAt(c.sendRate, i),
    recvRate: rateAt(c.recvRate, i),
    pingGap: sendPing - receibePing,
    stalled: (flags & SHARD_FLAG_STALLED) !== 0,
    restarts: c.restarts[i] ?? 0,
    lastChangeAt: c.base + (c.changeAt[i] ?? 0),
    lastSeenAt: c.base + (c.seenAt[i] ?? 0),
    extra: extraAt ?? {},
  };
}

/** A rate column's value at `i`: null for no rate (null, or NaN before JSON). */
function rateAt(rates: RateColumn, i: number): number | null {
  const r = rates[i];
  return r === undefined || r === null || Number.isNaN(r) ? null : r;
}

/** The `extra` of each position that has one. */
export function extraByPosition(c: ShardColumns): Map<number, Record<string, Json>> {
  return new Map(c.extra);
}

/** The views of `c`, in its order. */
export function decodeShards(c: ShardColumns): ShardView[] {
  const extra = extraByPosition(c);
  const out: ShardView[] = [];
  for (let i = 0; i < c.id.length; i++) out.push(shardAt(c, i, extra.get(i)));
  return out;
}

/**
 * The page of `views` (ascending by id) after id `after` (from the first
 * when undefined): at most {@link SHARD_CHUNK} shards, and where to go on.
 */
export function shardPage(
  views: readonly ShardView[],
  seq: number,
  after: number | undefined,
): ShardPage {
  let lo = 0;
  if (after !== undefined) {
    let hi = views.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((views[mid]?.id ?? 0) <= after) lo = mid + 1;
      else hi = mid;
    }
  }
  const end = Math.min(views.length, lo + SHARD_CHUNK);
  const last = views[end - 1];
  return {
    seq,
    shards: encodeShards(views.slice(lo, end)),
    next: end < views.length && last ? last.id : null,
  };
}

/** Put the shards of `c` into `held` by id; true when one of them was not held. */
export function putShards(held: Map<number, ShardView>, c: ShardColumns): boolean {
  let added = false;
  const extra = extraByPosition(c);
  for (let i = 0; i < c.id.length; i++) {
    const view = shardAt(c, i, extra.get(i));
    if (!added && !held.has(view.id)) added = true;
    held.set(view.id, view);
  }
  return added;
}

/**
 * Apply one push to the shards held by id, in place: a `replace` push drops
 * every shard first. Returns true when ids were added or removed (what a
 * layout must follow), false when only views changed.
 */
export function applyShardPush(held: Map<number, ShardView>, push: ShardPush): boolean {
  const before = push.replace ? held.size : -1;
  if (push.replace) held.clear();
  let membership = putShards(held, push.shards) || push.replace;
  for (const id of push.removed) if (held.delete(id)) membership = true;
  return membership && !(before === 0 && held.size === 0);
}
