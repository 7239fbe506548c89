/**
 * What is under a point of the heatmap (or the keyboard cursor), in words,
 * and how the keyboard cursor moves. Pure, so it is unit-tested directly.
 */
import { t } from '../../i18n';
import {
  HEAT_CELLS,
  STATE_RANK,
  heatState,
  rowCells,
  rowRestarts,
  rowStateAt,
} from '../../../../shared/shard-heatmap';
import type { HeatmapSlice } from '../../../../shared/shard-heatmap';
import { formatCount, formatExact } from '../../format';
import { columnAt, rowAt, rowsIn, timeAtX } from './heatmap-layout';
import type { HeatmapLayout } from './heatmap-layout';

/** A shard at a moment, named. */
export interface HeatSpot {
  shardId: number;
  at: number;
  text: string;
}

/** Display rows and where the drawn picture puts them. */
export interface SpotSource {
  slice: HeatmapSlice;
  layout: HeatmapLayout;
  /** Display row → slice row; null = identity. */
  order: Int32Array | null;
  /** Scratch of at least `layout.columns` entries. */
  cells: Uint8Array;
}

const sliceRowOf = (src: SpotSource, r: number): number => (src.order ? (src.order[r] ?? -1) : r);

/**
 * The shard and moment at CSS x on display rows `[r0, r1)`. Several shards
 * on one line (a merged picture): the one in the worst state at that moment.
 */
export function describeSpot(src: SpotSource, r0: number, r1: number, x: number): HeatSpot | null {
  const { slice: s, layout: l, cells } = src;
  if (r0 < 0 || r1 <= r0) return null;
  const col = columnAt(l, x);
  if (col < 0) return null;
  const at = timeAtX(l, s, x);
  let best = sliceRowOf(src, r0);
  for (let r = r0 + 1; r < r1; r++) {
    const sr = sliceRowOf(src, r);
    if ((STATE_RANK[rowStateAt(s, sr, at)] ?? 0) > (STATE_RANK[rowStateAt(s, best, at)] ?? 0))
      best = sr;
  }
  const shardId = s.shardLo + best;
  const state = heatState(rowStateAt(s, best, at));
  rowCells(s, best, l.columns, cells);
  const worst = HEAT_CELLS[cells[col] ?? 0] ?? 'unknown';
  const colMs = (s.to - s.from) / l.columns;
  const colFrom = s.from + col * colMs;
  const restarts = rowRestarts(s, best, colFrom, colFrom + colMs);
  const parts = [
    t('heatmap.spot', { id: shardId, time: formatExact(at), state: t(`heatmap.cell.${state}`) }),
  ];
  if (worst !== state && worst !== 'unknown')
    parts.push(t('heatmap.worst', { state: t(`heatmap.cell.${worst}`) }));
  if (restarts > 0) parts.push(t('heatmap.restarts', { n: restarts }, restarts));
  if (r1 - r0 > 1) {
    const lo = s.shardLo + sliceRowOf(src, r0);
    const hi = s.shardLo + sliceRowOf(src, r1 - 1);
    parts.push(
      t('heatmap.line', {
        n: formatCount(r1 - r0),
        lo: Math.min(lo, hi),
        hi: Math.max(lo, hi),
      }),
    );
  }
  return { shardId, at, text: parts.join(' · ') };
}

/** The spot at CSS point (x, y) of the plot, drawn at `dpr`. */
export function spotAtPoint(src: SpotSource, x: number, y: number, dpr: number): HeatSpot | null {
  const l = src.layout;
  if (l.merged) {
    // The device pixel line under the pointer, as painted.
    const py = Math.floor(y * dpr);
    const [r0, r1] = rowsIn(l, py / dpr, (py + 1) / dpr);
    return describeSpot(src, r0, r1, x);
  }
  const r = rowAt(l, y);
  return describeSpot(src, r, r + 1, x);
}

/** The spot of the keyboard cursor (row, column). */
export function spotAtCursor(src: SpotSource, row: number, col: number): HeatSpot | null {
  const l = src.layout;
  if (row < 0 || col < 0) return null;
  const x = l.gutter + ((col + 0.5) / l.columns) * l.plotWidth;
  return describeSpot(src, row, row + 1, x);
}

/**
 * Where a key moves the keyboard cursor: arrows by a row or ~1/48 of the
 * window, Page Up/Down by a view, Home/End to the window's ends. Null for a
 * key that does not move it.
 */
export function moveCursor(
  layout: HeatmapLayout,
  row: number,
  col: number,
  key: string,
  viewHeight: number,
): { row: number; col: number } | null {
  const page = Math.max(1, Math.floor(viewHeight / Math.max(1, layout.rowHeight)));
  const step = Math.max(1, Math.round(layout.columns / 48));
  let r = Math.max(0, row);
  let c = col < 0 ? layout.columns - 1 : col;
  switch (key) {
    case 'ArrowUp':
      r -= 1;
      break;
    case 'ArrowDown':
      r += 1;
      break;
    case 'PageUp':
      r -= page;
      break;
    case 'PageDown':
      r += page;
      break;
    case 'ArrowLeft':
      c -= step;
      break;
    case 'ArrowRight':
      c += step;
      break;
    case 'Home':
      c = 0;
      break;
    case 'End':
      c = layout.columns - 1;
      break;
    default:
      return null;
  }
  return {
    row: Math.min(layout.rows - 1, Math.max(0, r)),
    col: Math.min(layout.columns - 1, Math.max(0, c)),
  };
}
