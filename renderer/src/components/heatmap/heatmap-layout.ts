/**
 * Pure geometry of the shard × time heatmap: which shard is on which row,
 * where groups start, how tall rows are, and hit-testing (row and time from
 * a point). No DOM, so it is unit-tested directly.
 */
import type { HeatmapSlice } from '../../../../shared/shard-heatmap';

/** The order of the rows and how they are grouped. */
export interface HeatmapRows {
  /** Display row → slice row; null = slice order (ascending shard id). */
  order: Int32Array | null;
  /** First display row of each group, ascending, starting with 0. */
  groupStarts: Int32Array;
  /** One label per group. */
  labels: string[];
}

/** Rows in shard-id order, in groups of `size` consecutive shards. */
export function rowsById(
  slice: Pick<HeatmapSlice, 'shardLo' | 'shardCount'>,
  size: number,
): HeatmapRows {
  const n = slice.shardCount;
  const per = Math.max(1, Math.floor(size));
  const groups = Math.max(1, Math.ceil(n / per));
  const groupStarts = new Int32Array(groups);
  const labels: string[] = [];
  for (let g = 0; g < groups; g++) {
    groupStarts[g] = g * per;
    const lo = slice.shardLo + g * per;
    const hi = slice.shardLo + Math.min(n, (g + 1) * per) - 1;
    labels.push(lo === hi ? `${lo}` : `${lo}–${hi}`);
  }
  return { order: null, groupStarts, labels };
}

/**
 * Rows grouped by identify bucket (`shard_id % maxConcurrency`), ascending
 * ids within a bucket: a bucket outage shows as one solid band.
 */
export function rowsByBucket(
  slice: Pick<HeatmapSlice, 'shardLo' | 'shardCount'>,
  maxConcurrency: number,
): HeatmapRows {
  const m = Math.max(1, Math.floor(maxConcurrency));
  if (m === 1) return rowsById(slice, Math.max(1, slice.shardCount));
  const n = slice.shardCount;
  const order = new Int32Array(n);
  const starts: number[] = [];
  const labels: string[] = [];
  let k = 0;
  for (let b = 0; b < m; b++) {
    const first = (((b - (slice.shardLo % m)) % m) + m) % m;
    if (first >= n) continue;
    starts.push(k);
    labels.push(`bucket ${b}`);
    for (let r = first; r < n; r += m) order[k++] = r;
  }
  return { order, groupStarts: Int32Array.from(starts.length ? starts : [0]), labels };
}

/** A group size that keeps labels readable: 10 for small bots up to 1,000 for huge ones. */
export function autoGroupSize(count: number): number {
  if (count <= 200) return 10;
  if (count <= 20_000) return 100;
  return 1000;
}

/** Geometry of one laid-out heatmap, in CSS pixels. */
export interface HeatmapLayout {
  /** Display rows (shards). */
  rows: number;
  /** Height of one row; below 1 when the whole bot is fitted into the view (rows are merged). */
  rowHeight: number;
  /** Space between groups (0 when fitted and merged). */
  gap: number;
  groupStarts: Int32Array;
  /** Total height of the plot. */
  height: number;
  /** Width of the label column left of the plot. */
  gutter: number;
  /** Width of the plot. */
  plotWidth: number;
  /** Time columns: one per CSS pixel of the plot. */
  columns: number;
  /** Rows are merged: one drawn line holds several shards (the worst of them). */
  merged: boolean;
}

/** Zoom: `fit` shows every shard in the view; a number is CSS pixels per row. */
export type HeatmapZoom = 'fit' | number;

/** Width of the group label column. */
export const HEATMAP_GUTTER = 76;
/** Space between groups when rows are not merged. */
export const GROUP_GAP = 2;

/** Lay out `rows` in a box `width` wide whose viewport is `viewHeight` tall. */
export function layoutHeatmap(
  rows: HeatmapRows,
  count: number,
  width: number,
  zoom: HeatmapZoom,
  viewHeight: number,
): HeatmapLayout {
  const plotWidth = Math.max(1, Math.floor(width - HEATMAP_GUTTER));
  const groups = rows.groupStarts.length;
  const base = {
    rows: count,
    groupStarts: rows.groupStarts,
    gutter: HEATMAP_GUTTER,
    plotWidth,
    columns: plotWidth,
  };
  if (zoom === 'fit') {
    const gaps = Math.max(0, groups - 1) * GROUP_GAP;
    const whole = Math.floor((viewHeight - gaps) / Math.max(1, count));
    if (whole >= 1) {
      const rowHeight = Math.min(16, whole);
      return {
        ...base,
        rowHeight,
        gap: GROUP_GAP,
        height: count * rowHeight + gaps,
        merged: false,
      };
    }
    return {
      ...base,
      rowHeight: viewHeight / Math.max(1, count),
      gap: 0,
      height: viewHeight,
      merged: true,
    };
  }
  const rowHeight = Math.max(1, Math.floor(zoom));
  const gaps = Math.max(0, groups - 1) * GROUP_GAP;
  return { ...base, rowHeight, gap: GROUP_GAP, height: count * rowHeight + gaps, merged: false };
}

/** Index of the group holding display row `r`. */
export function groupOf(layout: HeatmapLayout, r: number): number {
  const s = layout.groupStarts;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((s[mid] as number) <= r) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** CSS y of the top of display row `r`. */
export function rowTop(layout: HeatmapLayout, r: number): number {
  return r * layout.rowHeight + groupOf(layout, r) * layout.gap;
}

/** The display row at CSS y, or -1 in a gap or outside. */
export function rowAt(layout: HeatmapLayout, y: number): number {
  if (y < 0 || y >= layout.height || layout.rows === 0) return -1;
  if (layout.gap === 0) return Math.min(layout.rows - 1, Math.floor(y / layout.rowHeight));
  const s = layout.groupStarts;
  // The group whose top is at or above y.
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((s[mid] as number) * layout.rowHeight + mid * layout.gap <= y) lo = mid;
    else hi = mid - 1;
  }
  const top = (s[lo] as number) * layout.rowHeight + lo * layout.gap;
  const r = (s[lo] as number) + Math.floor((y - top) / layout.rowHeight);
  const end = lo + 1 < s.length ? (s[lo + 1] as number) : layout.rows;
  return r < end ? r : -1;
}

/** Display rows `[r0, r1)` drawn in the CSS band `[y0, y1)` of a merged layout. */
export function rowsIn(layout: HeatmapLayout, y0: number, y1: number): [number, number] {
  const r0 = Math.max(0, Math.floor(y0 / layout.rowHeight));
  const r1 = Math.min(layout.rows, Math.ceil(y1 / layout.rowHeight));
  return [r0, Math.max(r0, r1)];
}

/** The time column at CSS x, or -1 outside the plot. */
export function columnAt(layout: HeatmapLayout, x: number): number {
  const px = x - layout.gutter;
  if (px < 0 || px >= layout.plotWidth) return -1;
  return Math.min(layout.columns - 1, Math.floor((px / layout.plotWidth) * layout.columns));
}

/** Wall ms at CSS x (clamped to the window). */
export function timeAtX(
  layout: HeatmapLayout,
  slice: Pick<HeatmapSlice, 'from' | 'to'>,
  x: number,
): number {
  const f = Math.min(1, Math.max(0, (x - layout.gutter) / layout.plotWidth));
  return Math.min(slice.to - 1, slice.from + f * (slice.to - slice.from));
}

/** CSS x of a wall time. */
export function xOfTime(
  layout: HeatmapLayout,
  slice: Pick<HeatmapSlice, 'from' | 'to'>,
  t: number,
): number {
  return layout.gutter + ((t - slice.from) / (slice.to - slice.from)) * layout.plotWidth;
}

/** CSS height of a canvas tile of the heatmap. */
export const HEAT_TILE_HEIGHT = 256;

/** Tiles `[first, last]` touching the viewport `[top, top + height)`, for a layout `total` tall. */
export function heatTilesInView(total: number, top: number, height: number): [number, number] {
  const count = Math.ceil(total / HEAT_TILE_HEIGHT);
  if (count === 0) return [0, -1];
  const first = Math.min(count - 1, Math.max(0, Math.floor(top / HEAT_TILE_HEIGHT)));
  const last = Math.min(
    count - 1,
    Math.max(0, Math.floor((top + Math.max(1, height) - 1) / HEAT_TILE_HEIGHT)),
  );
  return [first, last];
}

/** Time-axis ticks for a window: a round step giving about `target` labels. */
export function timeTicks(from: number, to: number, target = 6): number[] {
  const span = Math.max(1, to - from);
  const steps = [
    60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
    86_400_000,
  ];
  const step =
    steps.find((s) => span / s <= target) ?? 86_400_000 * Math.ceil(span / target / 86_400_000);
  const out: number[] = [];
  // Ticks on round local times: offset by the zone so 2 h ticks fall on even hours.
  const offset = new Date(from).getTimezoneOffset() * 60_000;
  for (let t = Math.ceil((from - offset) / step) * step + offset; t < to; t += step) out.push(t);
  return out;
}

/** A box around a display row (merged layouts: its pixel line); null outside the layout. */
export function rowBox(layout: HeatmapLayout, r: number): { top: number; height: number } | null {
  if (!Number.isInteger(r) || r < 0 || r >= layout.rows) return null;
  return layout.merged
    ? { top: Math.floor(r * layout.rowHeight), height: 1 }
    : { top: rowTop(layout, r), height: layout.rowHeight };
}

/** A box around one cell (display row, column) for the keyboard cursor; null outside the layout. */
export function cellBox(
  layout: HeatmapLayout,
  r: number,
  col: number,
): { top: number; height: number; left: number; width: number } | null {
  const b = rowBox(layout, r);
  if (!b || !Number.isInteger(col) || col < 0) return null;
  const colW = layout.plotWidth / layout.columns;
  return { ...b, left: layout.gutter + col * colW, width: Math.max(2, colW) };
}
