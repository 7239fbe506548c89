/**
 * The shard grid's canvas, cut into horizontal tiles of whole rows.
 *
 * One canvas for 10,000 cells is a 2,000 × 2,000 bitmap at 2×: allocating and
 * rasterising it all before the first frame is what made the first render
 * slow. Tiles let the grid paint only the ones in view for the first frame and
 * the rest in idle time, while scrolling stays the compositor's job (every
 * tile stays painted, so a scroll repaints nothing).
 */
import type { GridLayout } from './grid-geometry';
import { gridWidth, tileCount, tileSpan } from './grid-geometry';
import { paintAll } from './grid-paint';
import type { GridPalette } from './grid-paint';

/** One canvas tile: the CSS band `[y0, y1)` of the grid and its cells `[start, end)`. */
export interface GridTile {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  y0: number;
  y1: number;
  start: number;
  end: number;
  /** Its pixels show the codes in `drawn[start, end)`. */
  painted: boolean;
}

/** The tiles of one grid, kept as canvases inside `host`. */
export class GridTiles {
  private tiles: GridTile[] = [];

  constructor(private readonly host: HTMLElement) {}

  /**
   * Fit the tiles to a layout. A canvas whose size did not change is kept
   * (resizing a canvas reallocates its bitmap); every tile needs a repaint.
   */
  setLayout(layout: GridLayout, dpr: number): void {
    const count = tileCount(layout);
    const cssW = gridWidth(layout);
    while (this.tiles.length > count) this.tiles.pop()?.canvas.remove();
    for (let k = 0; k < count; k++) {
      const span = tileSpan(layout, k);
      let tile = this.tiles[k];
      if (!tile) {
        const canvas = document.createElement('canvas');
        canvas.setAttribute('aria-hidden', 'true');
        canvas.style.cssText = 'position:absolute;left:0;display:block';
        this.host.appendChild(canvas);
        tile = { canvas, ctx: null, ...span, painted: false };
        this.tiles.push(tile);
      }
      const h = span.y1 - span.y0;
      const width = Math.round(cssW * dpr);
      const height = Math.round(h * dpr);
      const c = tile.canvas;
      if (c.width !== width || c.height !== height) {
        c.width = width;
        c.height = height;
        c.style.width = `${cssW}px`;
        c.style.height = `${h}px`;
      }
      c.style.top = `${span.y0}px`;
      Object.assign(tile, span, { painted: false });
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

  /** The unpainted tile nearest to the tiles `[first, last]` in view, if any. */
  nextUnpainted(first: number, last: number): number {
    let best = -1;
    let bestDistance = Infinity;
    for (let k = 0; k < this.tiles.length; k++) {
      if (this.tiles[k]?.painted) continue;
      const d = k < first ? first - k : k > last ? k - last : 0;
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Paint tile `k` in full from `codes`. */
  paint(k: number, codes: Uint8Array, layout: GridLayout, palette: GridPalette, dpr: number): void {
    const t = this.tiles[k];
    if (!t) return;
    t.ctx ??= t.canvas.getContext('2d');
    const ctx = t.ctx;
    t.painted = true;
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, t.canvas.width / dpr, t.canvas.height / dpr);
    // Grid coordinates from here on, for this paint and later single cells.
    ctx.setTransform(dpr, 0, 0, dpr, 0, -t.y0 * dpr);
    paintAll(ctx, codes, layout.cols, layout.pitch, layout.pad, palette, t.start, t.end);
  }

  /** Remove every canvas. */
  destroy(): void {
    for (const t of this.tiles) t.canvas.remove();
    this.tiles = [];
  }
}
