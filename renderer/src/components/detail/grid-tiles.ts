/**
 * The shard grid's canvas, cut into horizontal tiles of whole rows.
 *
 * One canvas for 10,000 cells is a 2,000 × 2,000 bitmap at 2×: allocating and
 * rasterising it all before the first frame is what made the first render
 * slow. Tiles let the grid paint only the ones in view for the first frame and
 * their neighbours in idle time. Only the tiles within {@link TILE_KEEP} of
 * the view hold a canvas: a tile leaving that range gives its canvas back to
 * a small pool, so 50,000 shards cost a handful of bitmaps instead of twenty
 * (each ~4 MB at 2×, and painting a fresh one is a long frame), and a tile
 * coming back is repainted into a pooled canvas, whose memory is warm.
 */
import type { GridLayout } from './grid-geometry';
import { gridWidth, tileCount, tileSpan } from './grid-geometry';
import { paintAll } from './grid-paint';
import type { GridPalette } from './grid-paint';

/** Tiles kept alive on each side of the ones in view. */
export const TILE_KEEP = 1;
/** Canvases kept for reuse beyond the live ones. */
const POOL_MAX = 2;

/** One canvas tile: the CSS band `[y0, y1)` of the grid and its cells `[start, end)`. */
export interface GridTile {
  /** Null while the tile is far from the view (it has no bitmap then). */
  canvas: HTMLCanvasElement | null;
  ctx: CanvasRenderingContext2D | null;
  y0: number;
  y1: number;
  start: number;
  end: number;
  /** Its pixels show the codes in `drawn[start, end)`. */
  painted: boolean;
}

/** The tiles of one grid; the live ones are canvases inside `host`. */
export class GridTiles {
  private tiles: GridTile[] = [];
  private pool: HTMLCanvasElement[] = [];
  private cssWidth = 0;
  private dpr = 1;

  constructor(private readonly host: HTMLElement) {}

  /** Fit the tiles to a layout; every tile needs a repaint, canvases are kept where they fit. */
  setLayout(layout: GridLayout, dpr: number): void {
    const count = tileCount(layout);
    this.cssWidth = gridWidth(layout);
    this.dpr = dpr;
    while (this.tiles.length > count) {
      const t = this.tiles.pop();
      if (t) this.release(t);
    }
    for (let k = 0; k < count; k++) {
      const span = tileSpan(layout, k);
      const tile = this.tiles[k];
      if (!tile) {
        this.tiles.push({ canvas: null, ctx: null, ...span, painted: false });
        continue;
      }
      Object.assign(tile, span, { painted: false });
      if (tile.canvas) this.fit(tile);
    }
  }

  /** Mark every tile for a full repaint (theme change, new focus styles). */
  invalidate(): void {
    for (const t of this.tiles) t.painted = false;
  }

  /** Tile `k`. */
  at(k: number): GridTile | undefined {
    return this.tiles[k];
  }

  get length(): number {
    return this.tiles.length;
  }

  /** Canvases alive now (the benchmark and tests check that only those near the view exist). */
  get live(): number {
    let n = 0;
    for (const t of this.tiles) if (t.canvas) n++;
    return n;
  }

  /** Give back the canvases of tiles further than {@link TILE_KEEP} from `[first, last]`. */
  retain(first: number, last: number): void {
    for (let k = 0; k < this.tiles.length; k++) {
      const t = this.tiles[k] as GridTile;
      if (t.canvas && (k < first - TILE_KEEP || k > last + TILE_KEEP)) this.release(t);
    }
  }

  /** The unpainted tile nearest to the tiles `[first, last]` in view, within reach; -1 if none. */
  nextUnpainted(first: number, last: number): number {
    const lo = Math.max(0, first - TILE_KEEP);
    const hi = Math.min(this.tiles.length - 1, last + TILE_KEEP);
    let best = -1;
    let bestDistance = Infinity;
    for (let k = lo; k <= hi; k++) {
      if (this.tiles[k]?.painted) continue;
      const d = k < first ? first - k : k > last ? k - last : 0;
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Paint tile `k` in full from `codes` (giving it a canvas if it has none). */
  paint(k: number, codes: Uint8Array, layout: GridLayout, palette: GridPalette, dpr: number): void {
    const t = this.tiles[k];
    if (!t) return;
    const canvas = t.canvas ?? this.acquire(t);
    t.ctx ??= canvas.getContext('2d');
    const ctx = t.ctx;
    t.painted = true;
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, canvas.width / dpr, canvas.height / dpr);
    // Grid coordinates from here on, for this paint and later single cells.
    ctx.setTransform(dpr, 0, 0, dpr, 0, -t.y0 * dpr);
    paintAll(ctx, codes, layout.cols, layout.pitch, layout.pad, palette, t.start, t.end);
  }

  /** Remove every canvas. */
  destroy(): void {
    for (const t of this.tiles) t.canvas?.remove();
    for (const c of this.pool) c.remove();
    this.tiles = [];
    this.pool = [];
  }

  private acquire(t: GridTile): HTMLCanvasElement {
    let canvas = this.pool.pop();
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      canvas.style.cssText = 'position:absolute;left:0;display:block';
      this.host.appendChild(canvas);
    }
    canvas.style.display = 'block';
    t.canvas = canvas;
    // A pooled canvas keeps its context (and the context its last transform).
    t.ctx = null;
    this.fit(t);
    return canvas;
  }

  private release(t: GridTile): void {
    const c = t.canvas;
    t.canvas = null;
    t.ctx = null;
    t.painted = false;
    if (!c) return;
    if (this.pool.length < POOL_MAX) {
      c.style.display = 'none';
      this.pool.push(c);
    } else c.remove();
  }

  /** Size `t`'s canvas to its band (resizing reallocates the bitmap: only when it changed). */
  private fit(t: GridTile): void {
    const c = t.canvas;
    if (!c) return;
    const h = t.y1 - t.y0;
    const width = Math.round(this.cssWidth * this.dpr);
    const height = Math.round(h * this.dpr);
    if (c.width !== width || c.height !== height) {
      c.width = width;
      c.height = height;
    }
    c.style.width = `${this.cssWidth}px`;
    c.style.height = `${h}px`;
    c.style.top = `${t.y0}px`;
  }
}
