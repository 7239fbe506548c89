/**
 * The compact form shards travel in from the core to the renderer
 * (docs/architecture.md §3.2, "Shard pushes"): one array per field instead
 * of one object per shard, so a 50,000-shard page does not repeat 16 keys
 * 50,000 times. States are indexes into {@link SHARD_STATES}, the three
 * booleans one bit field, the two wall times offsets from `base`, `pingGap`
 * is left out (it is `sendPing − receibePing`) and `extra` is listed only
 * for the shards that have any. Plain arrays of numbers and strings, so the
 * same value crosses Electron IPC (structured clone) and the browser-mode
 * WebSocket (JSON) unchanged.
 */
import type { Json } from './protocol';
import type { ShardState, ShardView } from './live-status';
import { SHARD_STATES } from './live-status';

/** Most shards one push or one `query:shards` page carries (about 0.5 MB of JSON). */
export const SHARD_CHUNK = 5000;

/** Shards in columns; position `i` of every array is one shard. */
export interface ShardColumns {
  /** Wall ms `lastChangeAt` and `lastSeenAt` count from. */
  base: number;
  id: number[];
  hash: string[];
  /** Index into SHARD_STATES. */
  state: number[];
  /** Bit 1 `development`, bit 2 `disconnected`, bit 4 `stalled`. */
  flags: number[];
  sendPing: number[];
  receibePing: number[];
  sending: number[];
  received: number[];
  sendRate: Array<number | null>;
  recvRate: Array<number | null>;
  restarts: number[];
  /** `lastChangeAt − base`. */
  changeAt: number[];
  /** `lastSeenAt − base`. */
  seenAt: number[];
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

const DEVELOPMENT = 1;
const DISCONNECTED = 2;
const STALLED = 4;

const STATE_INDEX = new Map<ShardState, number>(SHARD_STATES.map((s, i) => [s, i]));

/** Columns of `views` (in their order). */
export function encodeShards(views: Iterable<ShardView>): ShardColumns {
  const c: ShardColumns = {
    base: 0,
    id: [],
    hash: [],
    state: [],
    flags: [],
    sendPing: [],
    receibePing: [],
    sending: [],
    received: [],
    sendRate: [],
    recvRate: [],
    restarts: [],
    changeAt: [],
    seenAt: [],
    extra: [],
  };
  let i = 0;
  for (const s of views) {
    if (i === 0) c.base = s.lastSeenAt;
    c.id.push(s.id);
    c.hash.push(s.hash);
    c.state.push(STATE_INDEX.get(s.state) ?? 0);
    c.flags.push(
      (s.development ? DEVELOPMENT : 0) |
        (s.disconnected ? DISCONNECTED : 0) |
        (s.stalled ? STALLED : 0),
    );
    c.sendPing.push(s.sendPing);
    c.receibePing.push(s.receibePing);
    c.sending.push(s.sending);
    c.received.push(s.received);
    c.sendRate.push(s.sendRate);
    c.recvRate.push(s.recvRate);
    c.restarts.push(s.restarts);
    c.changeAt.push(s.lastChangeAt - c.base);
    c.seenAt.push(s.lastSeenAt - c.base);
    for (const _ in s.extra) {
      c.extra.push([i, s.extra]);
      break;
    }
    i++;
  }
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
    development: (flags & DEVELOPMENT) !== 0,
    disconnected: (flags & DISCONNECTED) !== 0,
    sendPing,
    receibePing,
    sending: c.sending[i] ?? 0,
    received: c.received[i] ?? 0,
    sendRate: c.sendRate[i] ?? null,
    recvRate: c.recvRate[i] ?? null,
    pingGap: sendPing - receibePing,
    stalled: (flags & STALLED) !== 0,
    restarts: c.restarts[i] ?? 0,
    lastChangeAt: c.base + (c.changeAt[i] ?? 0),
    lastSeenAt: c.base + (c.seenAt[i] ?? 0),
    extra: extraAt ?? {},
  };
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
