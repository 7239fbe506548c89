/**
 * Columns of the shard table: every field of docs/protocol.md's shard object,
 * then the derived ones. Titles are friendly words from the message
 * catalogues (`shards.col.<key>`); a protocol field's wire name (`receibe_ping`)
 * is shown in its tooltip. Pure, so sorting is tested without a DOM.
 */
import type { ShardView } from '../../../../shared/live-status';

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

/** One column: whether it is a protocol field (its key is then the wire name) and how to read a sortable value. */
export interface ShardColumn {
  key: ShardColumnKey;
  wire: boolean;
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
  { key: 'shard_id', wire: true, numeric: true, value: (s) => s.id },
  {
    key: 'state',
    wire: false,
    numeric: false,
    value: (s) => STATE_RANK[s.state],
  },
  {
    key: 'shard_hash',
    wire: true,
    numeric: false,
    value: (s) => s.hash,
  },
  {
    key: 'development',
    wire: true,
    numeric: false,
    value: (s) => (s.development ? 1 : 0),
  },
  {
    key: 'disconnected',
    wire: true,
    numeric: false,
    value: (s) => (s.disconnected ? 1 : 0),
  },
  {
    key: 'send_ping',
    wire: true,
    numeric: true,
    value: (s) => s.sendPing,
  },
  {
    key: 'receibe_ping',
    wire: true,
    numeric: true,
    value: (s) => s.receibePing,
  },
  {
    key: 'sending',
    wire: true,
    numeric: true,
    value: (s) => s.sending,
  },
  {
    key: 'received',
    wire: true,
    numeric: true,
    value: (s) => s.received,
  },
  {
    key: 'send_rate',
    wire: false,
    numeric: true,
    value: (s) => nullLast(s.sendRate),
  },
  {
    key: 'recv_rate',
    wire: false,
    numeric: true,
    value: (s) => nullLast(s.recvRate),
  },
  {
    key: 'ping_gap',
    wire: false,
    numeric: true,
    value: (s) => s.pingGap,
  },
  {
    key: 'stalled',
    wire: false,
    numeric: false,
    value: (s) => (s.stalled ? 1 : 0),
  },
  {
    key: 'last_change',
    wire: false,
    numeric: true,
    value: (s) => s.lastChangeAt,
  },
  {
    key: 'restarts',
    wire: false,
    numeric: true,
    value: (s) => s.restarts,
  },
  {
    key: 'extra',
    wire: false,
    numeric: true,
    value: (s) => Object.keys(s.extra).length,
  },
];

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
