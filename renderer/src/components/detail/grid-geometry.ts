/**
 * Pure layout of the shard grid: cell size for a shard count, column count
 * for a width, and hit-testing (cell index from a point). Kept free of DOM so
 * it is unit-tested directly.
 */

/** Geometry of one laid-out grid. All values in CSS pixels. */
export interface GridLayout {
  /** Distance from one cell's origin to the next (cell + gap). */
  pitch: number;
  /** Columns per row (≥ 1). */
  cols: number;
  /** Rows needed for `count` cells. */
  rows: number;
  /** Number of cells laid out. */
  count: number;
  /** Inner padding around the whole grid. */
  pad: number;
}

/** Cell pitch for a shard count: smaller cells for bigger bots, so 10,000 shards fit a screen. */
export function pitchFor(count: number): number {
  if (count <= 256) return 22;
  if (count <= 1024) return 16;
  if (count <= 4096) return 12;
  return 10;
}

/** Lay out `count` cells in a box `width` CSS pixels wide. */
export function layoutGrid(
  count: number,
  width: number,
  pitch = pitchFor(count),
  pad = 2,
): GridLayout {
  const usable = Math.max(0, width - pad * 2);
  const cols = Math.max(1, Math.floor(usable / pitch));
  const rows = count === 0 ? 0 : Math.ceil(count / cols);
  return { pitch, cols, rows, count, pad };
}

/** Total CSS height of a layout. */
export function gridHeight(layout: GridLayout): number {
  return layout.rows * layout.pitch + layout.pad * 2;
}

/** CSS width actually used by a layout. */
export function gridWidth(layout: GridLayout): number {
  return layout.cols * layout.pitch + layout.pad * 2;
}

/** Top-left corner of cell `index` (its pitch box). */
export function cellOrigin(index: number, layout: GridLayout): { x: number; y: number } {
  const col = index % layout.cols;
  const row = Math.floor(index / layout.cols);
  return { x: layout.pad + col * layout.pitch, y: layout.pad + row * layout.pitch };
}

/**
 * The cell under a point (CSS pixels relative to the canvas), or -1 for
 * padding, points past the last cell, or outside the grid.
 */
export function cellAt(x: number, y: number, layout: GridLayout): number {
  const gx = x - layout.pad;
  const gy = y - layout.pad;
  if (gx < 0 || gy < 0) return -1;
  const col = Math.floor(gx / layout.pitch);
  const row = Math.floor(gy / layout.pitch);
  if (col >= layout.cols || row >= layout.rows) return -1;
  const index = row * layout.cols + col;
  return index < layout.count ? index : -1;
}

/** Keyboard movement of the focus cursor; returns the new index (clamped). */
export function moveFocus(index: number, key: string, layout: GridLayout): number {
  const last = layout.count - 1;
  if (last < 0) return -1;
  const from = index < 0 ? 0 : index;
  let to = from;
  switch (key) {
    case 'ArrowLeft':
      to = from - 1;
      break;
    case 'ArrowRight':
      to = from + 1;
      break;
    case 'ArrowUp':
      to = from - layout.cols >= 0 ? from - layout.cols : from;
      break;
    case 'ArrowDown':
      to = from + layout.cols <= last ? from + layout.cols : from;
      break;
    case 'PageUp':
      to = from - layout.cols * 10;
      break;
    case 'PageDown':
      to = from + layout.cols * 10;
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = last;
      break;
    default:
      return index;
  }
  return Math.min(last, Math.max(0, to));
}

/** Tallest the grid's scroll viewport gets, in CSS pixels (the rest scrolls). */
export const GRID_VIEW_MAX = 480;

/** CSS height a canvas tile aims for: about half the viewport. */
export const TILE_TARGET_HEIGHT = 256;

/** Rows of cells per canvas tile. */
export function tileRows(layout: GridLayout): number {
  return Math.max(1, Math.floor(TILE_TARGET_HEIGHT / layout.pitch));
}

/** Number of canvas tiles a layout needs (0 for an empty grid). */
export function tileCount(layout: GridLayout): number {
  return Math.ceil(layout.rows / tileRows(layout));
}

/**
 * Tile `k` of a layout: the CSS band `[y0, y1)` its canvas covers and the
 * cells `[start, end)` it holds. Tiles split between rows (in the gaps
 * between cells); the first tile takes the top padding, the last the bottom.
 */
export function tileSpan(
  layout: GridLayout,
  k: number,
): { y0: number; y1: number; start: number; end: number } {
  const per = tileRows(layout);
  const count = tileCount(layout);
  const row0 = k * per;
  const row1 = Math.min(layout.rows, row0 + per);
  return {
    y0: k === 0 ? 0 : layout.pad + row0 * layout.pitch,
    y1: k >= count - 1 ? gridHeight(layout) : layout.pad + row1 * layout.pitch,
    start: Math.min(layout.count, row0 * layout.cols),
    end: Math.min(layout.count, row1 * layout.cols),
  };
}

/** Tiles `[first, last]` that touch a viewport `height` px tall scrolled to `scrollTop`. */
export function tilesInView(
  layout: GridLayout,
  scrollTop: number,
  height: number,
): { first: number; last: number } {
  const count = tileCount(layout);
  if (count === 0) return { first: 0, last: -1 };
  const band = tileRows(layout) * layout.pitch;
  const at = (y: number): number =>
    Math.min(count - 1, Math.max(0, Math.floor((y - layout.pad) / band)));
  return { first: at(scrollTop), last: at(scrollTop + Math.max(0, height) - 1) };
}

/** The tile holding cell `i` of a layout. */
export function tileOfCell(i: number, layout: GridLayout): number {
  return Math.floor(Math.floor(i / Math.max(1, layout.cols)) / tileRows(layout));
}
