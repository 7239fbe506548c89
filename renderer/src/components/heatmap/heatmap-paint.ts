/**
 * Pixels of the shard × time heatmap, written straight into an ImageData
 * buffer: one `Uint32Array.fill` per run of equal cells on a row, and rows
 * that repeat (a shard several device pixels tall) copied, never redrawn.
 * A band of 10,000 merged shards or of 128 rows costs a few milliseconds
 * and no canvas path at all.
 */
import { HEAT_CELLS, HEAT_CELL_COLORS, rowCells } from '../../../../shared/shard-heatmap';
import type { HeatCell, HeatmapSlice } from '../../../../shared/shard-heatmap';
import type { HeatmapLayout } from './heatmap-layout';
import { rowAt, rowTop, rowsIn } from './heatmap-layout';

/** Colours as ImageData pixels (`Uint32` in the platform's byte order). */
export interface HeatPalette {
  /** One pixel per {@link HEAT_CELLS} rank. */
  cells: Uint32Array;
  background: number;
  /** CSS colours, for the legend and labels. */
  css: Record<HeatCell, string>;
  backgroundCss: string;
  textCss: string;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)` as RGB bytes; null for anything else. */
export function parseColor(css: string): [number, number, number] | null {
  const s = css.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    const h = m[1] as string;
    return [0, 1, 2].map((i) => parseInt(h.charAt(i) + h.charAt(i), 16)) as [
      number,
      number,
      number,
    ];
  }
  m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) {
    const h = m[1] as string;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(s);
  if (m)
    return [Number(m[1]), Number(m[2]), Number(m[3])].map((v) => Math.min(255, v)) as [
      number,
      number,
      number,
    ];
  return null;
}

/** An opaque pixel of a CSS colour (`fallback` when it cannot be read). */
export function pixelOf(css: string, fallback: string): number {
  const [r, g, b] = parseColor(css) ?? parseColor(fallback) ?? [0, 0, 0];
  return LITTLE_ENDIAN
    ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/**
 * The palette from an element's CSS variables (`--heat-down`, … and
 * `--surface`, `--text`), falling back to the shared defaults.
 */
export function readHeatPalette(el: Element | null): HeatPalette {
  let style: CSSStyleDeclaration | null = null;
  try {
    style = el ? getComputedStyle(el) : null;
  } catch {
    style = null;
  }
  const v = (name: string, fallback: string): string => {
    const x = style?.getPropertyValue(name).trim();
    return x ? x : fallback;
  };
  const css = {} as Record<HeatCell, string>;
  const cells = new Uint32Array(HEAT_CELLS.length);
  HEAT_CELLS.forEach((k, i) => {
    css[k] = v(`--heat-${k}`, HEAT_CELL_COLORS[k]);
    cells[i] = pixelOf(css[k], HEAT_CELL_COLORS[k]);
  });
  const backgroundCss = v('--surface', '#ffffff');
  return {
    cells,
    background: pixelOf(backgroundCss, '#ffffff'),
    css,
    backgroundCss,
    textCss: v('--text', '#16181d'),
  };
}

/** What {@link paintBand} draws. */
export interface BandSource {
  slice: HeatmapSlice;
  layout: HeatmapLayout;
  /** Display row → slice row (null = identity). */
  order: Int32Array | null;
  palette: HeatPalette;
}

/**
 * Paint the CSS band starting at `top` into `out` (`pxWidth × pxHeight`
 * device pixels at `dpr`): the gutter and gaps in the background colour,
 * each row's cells in the colour of their rank. `cells` is scratch space of
 * at least `layout.columns` entries.
 */
export function paintBand(
  out: Uint32Array,
  pxWidth: number,
  pxHeight: number,
  dpr: number,
  top: number,
  src: BandSource,
  cells: Uint8Array,
): void {
  const { slice, layout, order, palette } = src;
  const cols = layout.columns;
  const gutterPx = Math.round(layout.gutter * dpr);
  const colPx = (layout.plotWidth * dpr) / cols;
  const bg = palette.background;
  let prevKey = -1;
  let prevBase = -1;
  for (let py = 0; py < pxHeight; py++) {
    const base = py * pxWidth;
    const y = top + py / dpr;
    // Which shard rows this device row shows: a key so repeats are copied.
    let r0 = -1;
    let r1 = -1;
    if (layout.merged) {
      [r0, r1] = rowsIn(layout, y, y + 1 / dpr);
    } else {
      r0 = rowAt(layout, y + 0.5 / dpr);
      r1 = r0 + 1;
    }
    if (r0 < 0 || r1 <= r0) {
      out.fill(bg, base, base + pxWidth);
      prevKey = -1;
      continue;
    }
    const key = r0 * 2_097_152 + r1;
    if (key === prevKey && prevBase >= 0) {
      out.copyWithin(base, prevBase, prevBase + pxWidth);
      prevBase = base;
      continue;
    }
    for (let r = r0; r < r1; r++)
      rowCells(slice, order ? (order[r] as number) : r, cols, cells, r > r0);
    out.fill(bg, base, base + gutterPx);
    let c = 0;
    while (c < cols) {
      const rank = cells[c] as number;
      let e = c + 1;
      while (e < cols && cells[e] === rank) e++;
      out.fill(
        palette.cells[rank] ?? bg,
        base + gutterPx + Math.round(c * colPx),
        base + gutterPx + Math.round(e * colPx),
      );
      c = e;
    }
    const used = gutterPx + Math.round(cols * colPx);
    if (used < pxWidth) out.fill(bg, base + used, base + pxWidth);
    prevKey = key;
    prevBase = base;
  }
}

/**
 * Paint the CSS band `[y0, y1)` into a canvas tile of `w × h` device pixels:
 * the cells through one ImageData (`image`, reused while its size fits:
 * fresh memory is slow to touch), then the group labels in the gutter, no
 * closer than a line of text. Returns the ImageData to keep for next time.
 */
export function paintHeatTile(
  ctx: CanvasRenderingContext2D,
  band: { y0: number; y1: number; w: number; h: number; dpr: number },
  src: BandSource & { labels: readonly string[] },
  cells: Uint8Array,
  image: ImageData | null,
): ImageData {
  const { y0, y1, w, h, dpr } = band;
  const img = image && image.width === w && image.height === h ? image : ctx.createImageData(w, h);
  const pixels = new Uint32Array(img.data.buffer, img.data.byteOffset, w * h);
  paintBand(pixels, w, h, dpr, y0, src, cells);
  ctx.putImageData(img, 0, 0);
  const l = src.layout;
  ctx.setTransform(dpr, 0, 0, dpr, 0, -y0 * dpr);
  ctx.fillStyle = src.palette.textCss;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  let lastY = -Infinity;
  for (let g = 0; g < l.groupStarts.length; g++) {
    const y = rowTop(l, l.groupStarts[g] as number);
    if (y - lastY < 13) continue;
    lastY = y;
    if (y < y0 - 12 || y >= y1) continue;
    ctx.fillText(src.labels[g] ?? '', l.gutter - 6, y);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return img;
}
