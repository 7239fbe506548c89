/**
 * The shard grid's cells waiting for a repaint after updates. An update's
 * changed cells are repainted in slices of {@link CELL_SLICE}, one slice per
 * frame, so 5,000 changed shards never hold one frame; and a cell is never
 * more than one update behind: when an update arrives while cells of an older
 * one still wait, those are repainted in full in the next frame.
 */
import { tileOfCell } from './grid-geometry';
import type { GridLayout } from './grid-geometry';
import { paintCells } from './grid-paint';
import type { GridPalette } from './grid-paint';
import type { GridTiles } from './grid-tiles';

/** Cells repainted per frame at most (unless an older update's cells still wait). */
export const CELL_SLICE = 1_500;

/** Display indices of cells that may show an older code than the shard's. */
export class PendingCells {
  private cells = new Set<number>();
  /** Some waiting cells are from an update before the newest. */
  private behind = false;

  /** The cells of a new update. */
  add(indices: Iterable<number>): void {
    if (this.cells.size > 0) this.behind = true;
    for (const i of indices) this.cells.add(i);
  }

  /** The next slice to repaint (every waiting cell when some are an update behind). */
  take(): number[] {
    const out: number[] = [];
    const all = this.behind;
    for (const i of this.cells) {
      if (!all && out.length >= CELL_SLICE) break;
      out.push(i);
    }
    for (const i of out) this.cells.delete(i);
    if (this.cells.size === 0) this.behind = false;
    return out;
  }

  clear(): void {
    this.cells.clear();
    this.behind = false;
  }

  get size(): number {
    return this.cells.size;
  }
}

/**
 * Repaint `cells` whose code in `codes` (filled by `fill` for one cell)
 * differs from `drawn`, batched per painted tile; cells on tiles without a
 * bitmap are skipped (such a tile is painted in full from the codes when it
 * comes near the view). Returns the cells repainted.
 */
export function repaintCells(
  cells: readonly number[],
  tiles: GridTiles,
  layout: GridLayout,
  drawn: Uint8Array,
  codeOf: (i: number) => number,
  palette: GridPalette,
): number {
  const byTile = new Map<number, number[]>();
  for (const i of cells) {
    if (i < 0 || i >= drawn.length) continue;
    const k = tileOfCell(i, layout);
    const t = tiles.at(k);
    if (!t?.painted || !t.ctx) continue;
    const code = codeOf(i);
    if (drawn[i] === code) continue;
    drawn[i] = code;
    let list = byTile.get(k);
    if (!list) byTile.set(k, (list = []));
    list.push(i);
  }
  let n = 0;
  for (const [k, list] of byTile) {
    const ctx = tiles.at(k)?.ctx;
    if (!ctx) continue;
    paintCells(ctx, drawn, list, layout, palette);
    n += list.length;
  }
  return n;
}
