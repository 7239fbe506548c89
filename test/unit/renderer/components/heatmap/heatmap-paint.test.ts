import { describe, expect, it } from 'vitest';
import {
  paintBand,
  parseColor,
  pixelOf,
} from '../../../../../renderer/src/components/heatmap/heatmap-paint';
import type { HeatPalette } from '../../../../../renderer/src/components/heatmap/heatmap-paint';
import {
  HEATMAP_GUTTER,
  layoutHeatmap,
  rowsById,
} from '../../../../../renderer/src/components/heatmap/heatmap-layout';
import {
  HEAT_CELLS,
  HEAT_CELL_COLORS,
  createSliceBuilder,
  heatCode,
} from '../../../../../shared/shard-heatmap';
import type { HeatCell } from '../../../../../shared/shard-heatmap';

const palette: HeatPalette = {
  cells: Uint32Array.from(HEAT_CELLS, (k) => pixelOf(HEAT_CELL_COLORS[k], '#000')),
  background: pixelOf('#ffffff', '#fff'),
  css: { ...HEAT_CELL_COLORS },
  backgroundCss: '#ffffff',
  textCss: '#000',
};
const px = (k: HeatCell): number => palette.cells[HEAT_CELLS.indexOf(k)] as number;
const BG = palette.background;

/** 4 shards over 100 s: shard 1 down for the middle 50 s, shard 2 silent from 80 s. */
function slice() {
  const b = createSliceBuilder(0, 100_000, 0, 4);
  for (let s = 0; s < 4; s++) b.setInitial(s, heatCode('up'));
  b.push(1, 25_000, heatCode('down'));
  b.push(1, 75_000, heatCode('up'));
  b.push(2, 80_000, heatCode('silent'));
  return b.finish();
}

describe('heatmap painting', () => {
  it('reads the colours a theme may give', () => {
    expect(parseColor('#0af')).toEqual([0, 170, 255]);
    expect(parseColor(' #D55E00 ')).toEqual([213, 94, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('rgba(1 2 3 / 50%)')).toEqual([1, 2, 3]);
    expect(parseColor('hotpink')).toBeNull();
    expect(pixelOf('nonsense', '#000000')).toBe(pixelOf('#000', '#fff'));
  });

  it('paints each shard its own row, gaps and gutter in the background', () => {
    const s = slice();
    // Groups of 2: rows 0–1, gap, rows 2–3. 4 px rows, 100 columns, dpr 1.
    const layout = layoutHeatmap(rowsById(s, 2), 4, HEATMAP_GUTTER + 100, 4, 480);
    const w = HEATMAP_GUTTER + 100;
    const h = layout.height;
    const out = new Uint32Array(w * h);
    paintBand(out, w, h, 1, 0, { slice: s, layout, order: null, palette }, new Uint8Array(100));
    const at = (x: number, y: number): number => out[y * w + HEATMAP_GUTTER + x] as number;
    expect(at(10, 0)).toBe(px('up'));
    expect(at(10, 5)).toBe(px('up'));
    expect(at(30, 5)).toBe(px('down'));
    expect(at(80, 7)).toBe(px('up'));
    // The 2 px gap between the groups, then shard 2 turning silent at 80 %.
    expect([at(50, 8), at(50, 9)]).toEqual([BG, BG]);
    expect([at(79, 10), at(80, 10)]).toEqual([px('up'), px('silent')]);
    expect(out[10 * w + 3]).toBe(BG);
  });

  it('merges shards into one line when fitted, showing the worst of them', () => {
    const s = slice();
    const layout = layoutHeatmap(rowsById(s, 100), 4, HEATMAP_GUTTER + 100, 'fit', 2);
    expect(layout.merged).toBe(true);
    const w = HEATMAP_GUTTER + 100;
    const out = new Uint32Array(w * 2);
    paintBand(out, w, 2, 1, 0, { slice: s, layout, order: null, palette }, new Uint8Array(100));
    const at = (x: number, y: number): number => out[y * w + HEATMAP_GUTTER + x] as number;
    // Line 0 = shards 0–1 (down in the middle), line 1 = shards 2–3 (silent at the end).
    expect([at(10, 0), at(50, 0), at(90, 0)]).toEqual([px('up'), px('down'), px('up')]);
    expect([at(50, 1), at(90, 1)]).toEqual([px('up'), px('silent')]);
  });

  it('follows the row order it is given', () => {
    const s = slice();
    const layout = layoutHeatmap(rowsById(s, 4), 4, HEATMAP_GUTTER + 100, 1, 480);
    const w = HEATMAP_GUTTER + 100;
    const out = new Uint32Array(w * 4);
    const order = Int32Array.from([3, 2, 1, 0]);
    paintBand(out, w, 4, 1, 0, { slice: s, layout, order, palette }, new Uint8Array(100));
    expect(out[2 * w + HEATMAP_GUTTER + 50]).toBe(px('down'));
    expect(out[1 * w + HEATMAP_GUTTER + 90]).toBe(px('silent'));
  });
});
