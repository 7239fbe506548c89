/**
 * One-way and silent shards (docs/analytics.md "One-way and silent
 * failures"), read from the per-shard counters of the documented dialect
 * (docs/protocol.md §1: `send_ping`, `receibe_ping`, `sending`, `received`):
 *
 * - `one-way`: the gateway keeps pinging the shard (`send_ping` rises) but
 *   no answer comes back (`receibe_ping` frozen). The connection is half
 *   open or the shard's read side is stuck.
 * - `silent`: the shard is connected and shows life (it sends, or pings
 *   move) but `received` has not moved while most other shards' has: its
 *   event stream is stuck.
 *
 * Input is columnar (typed arrays or plain arrays of numbers, one entry per
 * reported shard) so a 50,000-shard snapshot costs no object per shard.
 */
import type { ShardView } from '../../../shared/live-status';
import type { Clock } from '../../../shared/clock';
import { COUNTERS, FLAG_DEVELOPMENT, FLAG_DISCONNECTED } from '../gateway/shard-columns';
import type { ShardChange } from '../monitor/shard-tracker-types';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { formatDuration } from '../alerts/text';
import { formatCount, formatIdRanges } from './text';
import { growFloat64, growUint8, isTrackedId } from './shard-slots';

/** Flag bit of {@link ShardCounters.flags}: the gateway sees the shard disconnected. */
export const COUNTER_DISCONNECTED = 1;
/** Flag bit of {@link ShardCounters.flags}: the shard runs in development mode. */
export const COUNTER_DEVELOPMENT = 2;

/** Counters of some shards, one column per field (index i = one shard). */
export interface ShardCounters {
  count: number;
  ids: ArrayLike<number>;
  sendPing: ArrayLike<number>;
  receibePing: ArrayLike<number>;
  sending: ArrayLike<number>;
  received: ArrayLike<number>;
  /** {@link COUNTER_DISCONNECTED} | {@link COUNTER_DEVELOPMENT}. */
  flags: ArrayLike<number>;
}

/** What the watch reads of a shard view. */
export type CounterView = Pick<
  ShardView,
  'id' | 'sendPing' | 'receibePing' | 'sending' | 'received' | 'disconnected' | 'development'
>;

/** Columns from today's shard views (the tracker's `changed` list or `all()`). */
export function countersFromViews(views: readonly CounterView[]): ShardCounters {
  const n = views.length;
  const out = {
    count: n,
    ids: new Int32Array(n),
    sendPing: new Float64Array(n),
    receibePing: new Float64Array(n),
    sending: new Float64Array(n),
    received: new Float64Array(n),
    flags: new Uint8Array(n),
  };
  views.forEach((v, i) => {
    out.ids[i] = v.id;
    out.sendPing[i] = v.sendPing;
    out.receibePing[i] = v.receibePing;
    out.sending[i] = v.sending;
    out.received[i] = v.received;
    out.flags[i] =
      (v.disconnected ? COUNTER_DISCONNECTED : 0) | (v.development ? COUNTER_DEVELOPMENT : 0);
  });
  return out;
}

/** A named failure state of one shard. */
export type NamedState = 'one-way' | 'silent';

/** Options of {@link createCounterWatch}; defaults and reasons in docs/analytics.md. */
export interface CounterWatchOptions {
  clock: Clock;
  /** `receibe_ping` frozen this long while `send_ping` rises → one-way. Default 60 s. */
  oneWayAfterMs?: number;
  /** …and `send_ping` rose by at least this much meanwhile. Default 3. */
  oneWayMinPings?: number;
  /** `received` frozen this long while the shard shows life → silent candidate. Default 120 s. */
  silentAfterMs?: number;
  /** …and at least this share of the other eligible shards received meanwhile. Default 0.5. */
  silentPeerFraction?: number;
  /** …and at least this many of them. Default 2. */
  silentMinPeers?: number;
}

/** Defaults of {@link CounterWatchOptions}. */
export const COUNTER_WATCH_DEFAULTS = {
  oneWayAfterMs: 60_000,
  oneWayMinPings: 3,
  silentAfterMs: 120_000,
  silentPeerFraction: 0.5,
  silentMinPeers: 2,
} as const;

/** Shards whose named state changed, with their new state (null = none any more). */
export interface NamedStateChange {
  ids: number[];
  states: Array<NamedState | null>;
}

/** Handle returned by {@link createCounterWatch}. */
export interface CounterWatch {
  /** New counters of some shards (shards not listed did not change); then re-classify every shard. */
  observe(counters: ShardCounters, atWall?: number): NamedStateChange;
  /**
   * {@link CounterWatch.observe} for a tracker change: its views as they are
   * (`changed`) and the shards whose counters alone moved, read from the
   * snapshot's columns (`moved`), so a busy bot's report builds no columns
   * and costs no object per shard.
   */
  observeChange(change: Pick<ShardChange, 'changed' | 'moved'>, atWall?: number): NamedStateChange;
  /** Re-classify every shard as of `atWall` (time alone can make a shard one-way or silent). */
  evaluate(atWall?: number): NamedStateChange;
  /** Our view of the gateway went away: clear every named state and start every clock afresh on the next report. */
  markNoData(): NamedStateChange;
  /** Forget shards no longer reported. */
  remove(ids: ArrayLike<number>): NamedStateChange;
  stateOf(shardId: number): NamedState | null;
  /** Ids in each named state, ascending. */
  named(): { oneWay: number[]; silent: number[] };
  dispose(): void;
}

const NAMED: readonly (NamedState | null)[] = [null, 'one-way', 'silent'];

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

const F64_COLUMNS = [
  'sendPing',
  'recvPing',
  'sending',
  'received',
  'recvPingMovedAt',
  'sendPingMovedAt',
  'sendPingAtRecvMove',
  'receivedMovedAt',
  'lifeAt',
] as const;
const U8_COLUMNS = ['seen', 'flags', 'named', 'cls', 'dirty'] as const;
type Columns = Record<(typeof F64_COLUMNS)[number], Float64Array<ArrayBuffer>> &
  Record<(typeof U8_COLUMNS)[number], Uint8Array<ArrayBuffer>>;

function emptyColumns(): Columns {
  const out: Partial<Columns> = {};
  for (const k of F64_COLUMNS) out[k] = new Float64Array(0);
  for (const k of U8_COLUMNS) out[k] = new Uint8Array(0);
  return out as Columns;
}

/** Create the one-way / silent watch of one profile. */
export function createCounterWatch(opts: CounterWatchOptions): CounterWatch {
  const d = COUNTER_WATCH_DEFAULTS;
  const oneWayAfterMs = positive(opts.oneWayAfterMs, d.oneWayAfterMs);
  const oneWayMinPings = positive(opts.oneWayMinPings, d.oneWayMinPings);
  const silentAfterMs = positive(opts.silentAfterMs, d.silentAfterMs);
  const peerFraction = Math.min(1, positive(opts.silentPeerFraction, d.silentPeerFraction));
  const minPeers = positive(opts.silentMinPeers, d.silentMinPeers);

  // Per shard id: 0 = not reported, 1 = reported, 2 = reported, clocks
  // restart on the next report (`seen`); its flags and named state; its
  // last counters and when each last moved; what the last classification
  // counted it as (`cls`: eligible, growing); whether it waits in `dirty`.
  let v = emptyColumns();
  let top = 0;
  let lastAt = -Infinity;
  // Shards reported since the last classification: the only ones that can
  // have changed while no clock crossed a threshold (before `nextAt`).
  let dirty: number[] = [];
  // More shards were reported than walking the dirty ones in order beats
  // classifying all (`evaluate`): the list stopped there, every shard is classified.
  let overflowed = false;
  /** Earliest time a shard's clock crosses a threshold; −∞: classify every shard. */
  let nextAt = -Infinity;
  let evaluatedAt = -Infinity;
  let pool = 0;
  let growing = 0;
  let silentPossible = false;
  const namedCount = [0, 0, 0];

  const grow = (id: number): void => {
    for (const k of F64_COLUMNS) v[k] = growFloat64(v[k], id, 0);
    for (const k of U8_COLUMNS) v[k] = growUint8(v[k], id, 0);
  };

  const restartClocks = (id: number, at: number): void => {
    v.recvPingMovedAt[id] = at;
    v.sendPingMovedAt[id] = at;
    v.sendPingAtRecvMove[id] = v.sendPing[id] as number;
    v.receivedMovedAt[id] = at;
    v.lifeAt[id] = at;
  };

  const INELIGIBLE = COUNTER_DISCONNECTED | COUNTER_DEVELOPMENT;
  const ELIGIBLE = 1;
  const GROWING = 2;

  /** {@link ELIGIBLE} (a peer for silence) and {@link GROWING} (it received lately). */
  const countAs = (id: number, at: number): number => {
    if (v.seen[id] !== 1 || ((v.flags[id] as number) & INELIGIBLE) !== 0) return 0;
    return at - (v.receivedMovedAt[id] as number) < silentAfterMs ? ELIGIBLE | GROWING : ELIGIBLE;
  };

  /** The named state (index into NAMED) of an eligible shard at `at`. */
  const classify = (id: number, at: number): number => {
    if ((v.cls[id] as number) === 0) return 0;
    const oneWay =
      at - (v.recvPingMovedAt[id] as number) >= oneWayAfterMs &&
      at - (v.sendPingMovedAt[id] as number) < oneWayAfterMs &&
      (v.sendPing[id] as number) - (v.sendPingAtRecvMove[id] as number) >= oneWayMinPings;
    const silent =
      !oneWay &&
      silentPossible &&
      at - (v.receivedMovedAt[id] as number) >= silentAfterMs &&
      at - (v.lifeAt[id] as number) < silentAfterMs;
    return oneWay ? 1 : silent ? 2 : 0;
  };

  /** The first time after `at` one of an eligible shard's clocks crosses its threshold. */
  const deadlineOf = (id: number, at: number): number => {
    // No closure here: this runs for every shard of a report.
    const a = (v.recvPingMovedAt[id] as number) + oneWayAfterMs;
    const b = (v.sendPingMovedAt[id] as number) + oneWayAfterMs;
    const c = (v.receivedMovedAt[id] as number) + silentAfterMs;
    const e = (v.lifeAt[id] as number) + silentAfterMs;
    let d = Infinity;
    if (a > at && a < d) d = a;
    if (b > at && b < d) d = b;
    if (c > at && c < d) d = c;
    if (e > at && e < d) d = e;
    return d;
  };

  const setNamed = (id: number, next: number, out: NamedStateChange): void => {
    const prev = v.named[id] as number;
    if (next === prev) return;
    namedCount[prev] = (namedCount[prev] as number) - 1;
    namedCount[next] = (namedCount[next] as number) + 1;
    v.named[id] = next;
    out.ids.push(id);
    out.states.push(NAMED[next] ?? null);
  };

  const peersNeeded = (): number => Math.max(minPeers, Math.ceil(peerFraction * (pool - 1)));

  /** Classify every shard (a clock crossed a threshold, or the pool changed). */
  function evaluateAll(at: number, out: NamedStateChange): void {
    const { cls, dirty: queued } = v;
    pool = 0;
    growing = 0;
    for (let id = 0; id < top; id++) {
      const b = countAs(id, at);
      cls[id] = b;
      queued[id] = 0;
      if (b !== 0) pool++;
      if ((b & GROWING) !== 0) growing++;
    }
    dirty = [];
    overflowed = false;
    // Peers are the other eligible shards; a silent candidate is never one of the growing ones.
    silentPossible = growing >= peersNeeded();
    // The minimum in a local: a double written to `nextAt` (a closure's) is a new heap number each time.
    let next = Infinity;
    for (let id = 0; id < top; id++) {
      setNamed(id, classify(id, at), out);
      if (cls[id] !== 0) next = Math.min(next, deadlineOf(id, at));
    }
    nextAt = next;
  }

  function evaluate(atWall = opts.clock.wallNow()): NamedStateChange {
    const at = Math.max(atWall, lastAt);
    const out: NamedStateChange = { ids: [], states: [] };
    // Until a clock crosses its threshold, a shard not reported since keeps
    // its class and state. Most shards reported: walking them in order beats sorting.
    if (at >= nextAt || at < evaluatedAt || overflowed || dirty.length * 8 > top) {
      evaluatedAt = at;
      evaluateAll(at, out);
      return out;
    }
    evaluatedAt = at;
    if (dirty.length === 0) return out;
    const ids = dirty.sort((a, b) => a - b);
    dirty = [];
    for (const id of ids) {
      v.dirty[id] = 0;
      const before = v.cls[id] as number;
      const b = countAs(id, at);
      v.cls[id] = b;
      pool += (b !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
      growing += ((b & GROWING) !== 0 ? 1 : 0) - ((before & GROWING) !== 0 ? 1 : 0);
    }
    // Whether silence is possible at all changed: every shard's verdict may have.
    if (silentPossible !== growing >= peersNeeded()) {
      evaluateAll(at, out);
      return out;
    }
    let next = nextAt;
    for (const id of ids) {
      setNamed(id, classify(id, at), out);
      if (v.cls[id] !== 0) next = Math.min(next, deadlineOf(id, at));
    }
    nextAt = next;
    return out;
  }

  /** One shard's new counters at `at`. */
  function update(
    id: number,
    sp: number,
    rp: number,
    se: number,
    re: number,
    flags: number,
    at: number,
  ): void {
    if (!isTrackedId(id)) return;
    // Every column has the same length: one check, not one call per column and shard.
    if (id >= v.seen.length) grow(id);
    if (id >= top) top = id + 1;
    const f = flags & (COUNTER_DISCONNECTED | COUNTER_DEVELOPMENT);
    const fresh = v.seen[id] !== 1;
    // A counter going down is a restart or a server reset; coming back from
    // a disconnect starts afresh too: neither says anything about silence.
    const reset =
      fresh ||
      sp < (v.sendPing[id] as number) ||
      rp < (v.recvPing[id] as number) ||
      se < (v.sending[id] as number) ||
      re < (v.received[id] as number) ||
      ((v.flags[id] as number) & COUNTER_DISCONNECTED & ~f) !== 0;
    if (!reset) {
      if (rp > (v.recvPing[id] as number)) {
        v.recvPingMovedAt[id] = at;
        v.sendPingAtRecvMove[id] = sp;
      }
      if (sp > (v.sendPing[id] as number)) v.sendPingMovedAt[id] = at;
      if (re > (v.received[id] as number)) v.receivedMovedAt[id] = at;
      if (
        se > (v.sending[id] as number) ||
        sp > (v.sendPing[id] as number) ||
        rp > (v.recvPing[id] as number)
      ) {
        v.lifeAt[id] = at;
      }
    }
    v.sendPing[id] = sp;
    v.recvPing[id] = rp;
    v.sending[id] = se;
    v.received[id] = re;
    v.flags[id] = f;
    v.seen[id] = 1;
    if (reset) restartClocks(id, at);
    if (v.dirty[id] === 0) {
      v.dirty[id] = 1;
      // A busy bot reports every shard: past an eighth of them the list is
      // not read (`evaluate` classifies all), so it is not grown to 5,000 either.
      if (overflowed) return;
      if (dirty.length * 8 > top) overflowed = true;
      else dirty.push(id);
    }
  }

  /** The time of an observation, or null when it cannot be one. */
  function observedAt(atWall: number): number | null {
    if (!Number.isFinite(atWall)) return null;
    lastAt = Math.max(atWall, lastAt);
    return lastAt;
  }

  function observe(c: ShardCounters, atWall = opts.clock.wallNow()): NamedStateChange {
    const at = observedAt(atWall);
    if (at === null) return { ids: [], states: [] };
    const n = Math.min(
      c.count,
      c.ids.length,
      c.sendPing.length,
      c.receibePing.length,
      c.sending.length,
      c.received.length,
      c.flags.length,
    );
    for (let i = 0; i < n; i++) {
      update(
        c.ids[i] as number,
        c.sendPing[i] as number,
        c.receibePing[i] as number,
        c.sending[i] as number,
        c.received[i] as number,
        c.flags[i] as number,
        at,
      );
    }
    return evaluate(at);
  }

  function observeChange(
    change: Pick<ShardChange, 'changed' | 'moved'>,
    atWall = opts.clock.wallNow(),
  ): NamedStateChange {
    const at = observedAt(atWall);
    if (at === null) return { ids: [], states: [] };
    const views = change.changed;
    // Indexed, not for…of: no iterator result per shard.
    for (let k = 0; k < views.length; k++) {
      const s = views[k] as CounterView;
      const flags =
        (s.disconnected ? COUNTER_DISCONNECTED : 0) | (s.development ? COUNTER_DEVELOPMENT : 0);
      update(s.id, s.sendPing, s.receibePing, s.sending, s.received, flags, at);
    }
    const { count, columns: c, at: index } = change.moved;
    for (let k = 0; k < count; k++) {
      const i = index[k] as number;
      const o = i * COUNTERS;
      const f = c.flags[i] as number;
      update(
        c.ids[i] as number,
        c.counters[o] as number,
        c.counters[o + 1] as number,
        c.counters[o + 2] as number,
        c.counters[o + 3] as number,
        ((f & FLAG_DISCONNECTED) !== 0 ? COUNTER_DISCONNECTED : 0) |
          ((f & FLAG_DEVELOPMENT) !== 0 ? COUNTER_DEVELOPMENT : 0),
        at,
      );
    }
    return evaluate(at);
  }

  const idsIn = (state: number): number[] => {
    const out: number[] = [];
    for (let id = 0; id < top; id++) if (v.named[id] === state) out.push(id);
    return out;
  };

  return {
    observe,
    observeChange,
    evaluate,
    markNoData() {
      const out: NamedStateChange = { ids: [], states: [] };
      for (let id = 0; id < top; id++) {
        if (v.seen[id] === 1) v.seen[id] = 2;
        setNamed(id, 0, out);
      }
      nextAt = -Infinity;
      return out;
    },
    remove(ids) {
      const out: NamedStateChange = { ids: [], states: [] };
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (!isTrackedId(id) || id >= top) continue;
        v.seen[id] = 0;
        setNamed(id, 0, out);
      }
      if (out.ids.length > 0 || ids.length > 0) nextAt = -Infinity;
      return out;
    },
    stateOf: (id) => (isTrackedId(id) && id < top ? (NAMED[v.named[id] as number] ?? null) : null),
    named: () => ({
      oneWay: namedCount[1] === 0 ? [] : idsIn(1),
      silent: namedCount[2] === 0 ? [] : idsIn(2),
    }),
    dispose() {
      v = emptyColumns();
      top = 0;
      dirty = [];
      overflowed = false;
      nextAt = -Infinity;
      namedCount.fill(0);
    },
  };
}

/** Incident title and body for shards in a named state, worded by `say`. */
export function namedStateText(
  state: NamedState,
  ids: readonly number[],
  opts: { oneWayAfterMs?: number; silentAfterMs?: number } = {},
  say: Say = sayEnglish,
): { title: string; body: string } {
  const one = ids.length === 1;
  const words = {
    id: ids[0] ?? 0,
    count: formatCount(ids.length, say),
    ids: formatIdRanges(ids, 5, say),
    span: formatDuration(
      state === 'one-way'
        ? (opts.oneWayAfterMs ?? COUNTER_WATCH_DEFAULTS.oneWayAfterMs)
        : (opts.silentAfterMs ?? COUNTER_WATCH_DEFAULTS.silentAfterMs),
      say,
    ),
  };
  const group = state === 'one-way' ? 'oneWay' : 'silent';
  return {
    title: say(`analytics.${group}.${one ? 'titleOne' : 'titleMany'}`, words),
    body: say(`analytics.${group}.${one ? 'bodyOne' : 'bodyMany'}`, words),
  };
}
