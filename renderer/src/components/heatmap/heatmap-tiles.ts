/**
 * Canvas tiles of the heatmap: horizontal bands of `HEAT_TILE_HEIGHT` CSS
 * pixels placed in a tall scroll box. Only the tiles near the viewport
 * exist; a tile leaving that range gives its canvas (and its bitmap) back to
 * a small pool, so 50,000 rows cost a handful of canvases, and scrolling
 * over painted tiles is the compositor's job alone.
 */
import { HEAT_TILE_HEIGHT } from './heatmap-layout';

/** Paints tile `k` (CSS band `[y0, y1)`) into its context; device size is `w × h`. */
export type TilePainter = (
  ctx: CanvasRenderingContext2D,
  y0: number,
  y1: number,
  w: number,
  h: number,
) => void;

interface Tile {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  k: number;
  painted: boolean;
}

/** The live tiles of one heatmap inside `host`. */
export class HeatTiles {
  private live = new Map<number, Tile>();
  private pool: Tile[] = [];
  private cssWidth = 0;
  private total = 0;
  private dpr = 1;

  constructor(private readonly host: HTMLElement) {}

  /** New geometry: every tile needs a repaint; canvases of the right size are reused. */
  setSize(cssWidth: number, totalHeight: number, dpr: number): void {
    this.cssWidth = cssWidth;
    this.total = totalHeight;
    this.dpr = dpr;
    for (const [k, t] of this.live) {
      if (k * HEAT_TILE_HEIGHT >= totalHeight) this.release(k);
      else {
        this.fit(t);
        t.painted = false;
      }
    }
  }

  /** Every tile needs a repaint (new data, new theme). */
  invalidate(): void {
    for (const t of this.live.values()) t.painted = false;
  }

  /** Tiles `[first, last]` exist; others beyond `keep` tiles of them are released. */
  retain(first: number, last: number, keep: number): void {
    for (const k of [...this.live.keys()]) if (k < first - keep || k > last + keep) this.release(k);
    for (let k = first; k <= last; k++) if (!this.live.has(k)) this.acquire(k);
  }

  /** Whether tile `k` exists and is painted. */
  isPainted(k: number): boolean {
    return this.live.get(k)?.painted === true;
  }

  /** Paint tile `k` (creating it if needed). Returns false when no 2D context exists. */
  paint(k: number, painter: TilePainter): boolean {
    const t = this.live.get(k) ?? this.acquire(k);
    t.ctx ??= t.canvas.getContext('2d');
    t.painted = true;
    if (!t.ctx) return false;
    const y0 = k * HEAT_TILE_HEIGHT;
    const y1 = Math.min(this.total, y0 + HEAT_TILE_HEIGHT);
    painter(t.ctx, y0, y1, t.canvas.width, t.canvas.height);
    return true;
  }

  /** Tiles that exist now (for tests and the benchmark). */
  get size(): number {
    return this.live.size;
  }

  destroy(): void {
    for (const t of [...this.live.values(), ...this.pool]) t.canvas.remove();
    this.live.clear();
    this.pool = [];
  }

  private fit(t: Tile): void {
    const y0 = t.k * HEAT_TILE_HEIGHT;
    const h = Math.max(0, Math.min(this.total, y0 + HEAT_TILE_HEIGHT) - y0);
    const w = Math.round(this.cssWidth * this.dpr);
    const hp = Math.round(h * this.dpr);
    const c = t.canvas;
    // Resizing a canvas reallocates its bitmap: only when the size changed.
    if (c.width !== w || c.height !== hp) {
      c.width = w;
      c.height = hp;
    }
    c.style.width = `${this.cssWidth}px`;
    c.style.height = `${h}px`;
    c.style.top = `${y0}px`;
  }

  private acquire(k: number): Tile {
    let t = this.pool.pop();
    if (!t) {
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      canvas.style.cssText = 'position:absolute;left:0;display:block';
      t = { canvas, ctx: null, k, painted: false };
    }
    t.k = k;
    t.painted = false;
    this.fit(t);
    if (t.canvas.parentNode !== this.host) this.host.appendChild(t.canvas);
    t.canvas.style.display = 'block';
    this.live.set(k, t);
    return t;
  }

  private release(k: number): void {
    const t = this.live.get(k);
    if (!t) return;
    this.live.delete(k);
    t.painted = false;
    t.canvas.style.display = 'none';
    if (this.pool.length < 4) this.pool.push(t);
    else t.canvas.remove();
  }
}
