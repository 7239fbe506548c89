/**
 * Columns of the shard table: every field of docs/protocol.md's shard object
 * under its wire name, then the derived ones. Pure, so sorting is tested
 * without a DOM.
 */
import type { ShardView } from '../../../../shared/model';

/** A sortable column key. */
export type ShardColumnKey =
  | 'shard_id'
  | 'shard_hash'
  | 'development'
  | 'disconnected'
  | 'send_ping'
  | 'receibe_ping'
  | 'sending'
  | 'received'
  | 'send_rate'
  | 'recv_rate'
  | 'ping_gap'
  | 'state'
  | 'stalled'
  | 'last_change'
  | 'restarts'
  | 'extra';

/** One column: header text, tooltip and how to read a sortable value. */
export interface ShardColumn {
  key: ShardColumnKey;
  label: string;
  title: string;
  numeric: boolean;
  value: (s: ShardView) => number | string;
}

const STATE_RANK: Record<ShardView['state'], number> = {
  down: 0,
  degraded: 1,
  'no-data': 2,
  dev: 3,
  up: 4,
};

const nullLast = (v: number | null): number => (v === null ? Number.NEGATIVE_INFINITY : v);

/** All columns in display order. */
export const SHARD_COLUMNS: readonly ShardColumn[] = [
  { key: 'shard_id', label: 'shard_id', title: 'Shard number', numeric: true, value: (s) => s.id },
  {
    key: 'state',
    label: 'state',
    title: 'Health derived by Shardwatch',
    numeric: false,
    value: (s) => STATE_RANK[s.state],
  },
  {
    key: 'shard_hash',
    label: 'shard_hash',
    title: 'Id the gateway gave this registration',
    numeric: false,
    value: (s) => s.hash,
  },
  {
    key: 'development',
    label: 'development',
    title: 'Runs in development mode',
    numeric: false,
    value: (s) => (s.development ? 1 : 0),
  },
  {
    key: 'disconnected',
    label: 'disconnected',
    title: 'The gateway sees it disconnected',
    numeric: false,
    value: (s) => (s.disconnected ? 1 : 0),
  },
  {
    key: 'send_ping',
    label: 'send_ping',
    title: 'Pings sent to this shard (counter)',
    numeric: true,
    value: (s) => s.sendPing,
  },
  {
    key: 'receibe_ping',
    label: 'receibe_ping',
    title: 'Pings received from this shard (counter; wire spelling)',
    numeric: true,
    value: (s) => s.receibePing,
  },
  {
    key: 'sending',
    label: 'sending',
    title: 'Messages sent to this shard (counter)',
    numeric: true,
    value: (s) => s.sending,
  },
  {
    key: 'received',
    label: 'received',
    title: 'Messages received from this shard (counter)',
    numeric: true,
    value: (s) => s.received,
  },
  {
    key: 'send_rate',
    label: 'send rate',
    title: 'Messages per second sent (derived)',
    numeric: true,
    value: (s) => nullLast(s.sendRate),
  },
  {
    key: 'recv_rate',
    label: 'recv rate',
    title: 'Messages per second received (derived)',
    numeric: true,
    value: (s) => nullLast(s.recvRate),
  },
  {
    key: 'ping_gap',
    label: 'ping gap',
    title: 'send_ping − receibe_ping',
    numeric: true,
    value: (s) => s.pingGap,
  },
  {
    key: 'stalled',
    label: 'stalled',
    title: 'Counters frozen while connected',
    numeric: false,
    value: (s) => (s.stalled ? 1 : 0),
  },
  {
    key: 'last_change',
    label: 'last change',
    title: 'Last state change',
    numeric: true,
    value: (s) => s.lastChangeAt,
  },
  {
    key: 'restarts',
    label: 'restarts',
    title: 'Times the shard hash changed',
    numeric: true,
    value: (s) => s.restarts,
  },
  {
    key: 'extra',
    label: 'extra',
    title: 'Fields not in the protocol, kept raw',
    numeric: true,
    value: (s) => Object.keys(s.extra).length,
  },
];

/** Sort shards by a column; ties (and equal values) fall back to shard id. Returns a new array. */
export function sortShards(
  list: Iterable<ShardView>,
  key: ShardColumnKey,
  dir: 'asc' | 'desc',
): ShardView[] {
  const col = SHARD_COLUMNS.find((c) => c.key === key) ?? SHARD_COLUMNS[0]!;
  const sign = dir === 'asc' ? 1 : -1;
  const rows = [...list];
  // Decorate once: reading the value inside the comparator would call it 2·n·log n times.
  const keyed = rows.map((s) => ({ s, v: col.value(s) }));
  keyed.sort((a, b) => {
    const av = a.v;
    const bv = b.v;
    let c = 0;
    if (typeof av === 'number' && typeof bv === 'number') c = av - bv;
    else c = String(av) < String(bv) ? -1 : String(av) > String(bv) ? 1 : 0;
    return c !== 0 ? c * sign : a.s.id - b.s.id;
  });
  return keyed.map((k) => k.s);
}

/** First and last (exclusive) row to render for a scroll position. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
  overscan = 10,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(viewport, rowHeight) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end };
}
