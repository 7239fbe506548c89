/**
 * A tiny anti-aliased raster for icons we draw ourselves (tray icons and the
 * app icon, see `build/make-icons.ts`). Shapes are predicates in a square
 * design space of `units` × `units`; each pixel is sampled 4 × 4 times, so
 * the same drawing renders cleanly at any size. Text uses a 3 × 5 pixel font
 * at an integer scale so digits stay crisp.
 */
import type { RgbaImage } from './png';

/** A point test in design units: true when (x, y) is inside the shape. */
export type Shape = (x: number, y: number) => boolean;

/** An RGBA colour, components 0–255. */
export type Rgba = readonly [number, number, number, number];

const SUB = 4;

/** A square RGBA canvas. */
export interface PixelCanvas {
  readonly size: number;
  /** Paint `color` over the shape ("source over"), weighted by pixel coverage. */
  paint(shape: Shape, color: Rgba): void;
  /** Make the shape transparent, weighted by coverage (cuts holes for template icons). */
  knock(shape: Shape): void;
  /** Fill whole pixels (no anti-aliasing), pixel coordinates. */
  fillPixels(x: number, y: number, w: number, h: number, color: Rgba | null): void;
  image(): RgbaImage;
}

/** Create a transparent canvas of `size` px showing a design space of `units` units. */
export function createPixelCanvas(size: number, units: number): PixelCanvas {
  const rgba = Buffer.alloc(size * size * 4);
  const k = units / size;

  function coverage(shape: Shape, px: number, py: number): number {
    let hit = 0;
    for (let j = 0; j < SUB; j++) {
      for (let i = 0; i < SUB; i++) {
        if (shape((px + (i + 0.5) / SUB) * k, (py + (j + 0.5) / SUB) * k)) hit++;
      }
    }
    return hit / (SUB * SUB);
  }

  function over(o: number, color: Rgba, cov: number): void {
    const sa = (color[3] / 255) * cov;
    if (sa <= 0) return;
    const da = (rgba[o + 3] as number) / 255;
    const outA = sa + da * (1 - sa);
    for (let c = 0; c < 3; c++) {
      const s = color[c] as number;
      const d = rgba[o + c] as number;
      rgba[o + c] = Math.round((s * sa + d * da * (1 - sa)) / outA);
    }
    rgba[o + 3] = Math.round(outA * 255);
  }

  return {
    size,
    paint(shape, color) {
      for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
          const cov = coverage(shape, px, py);
          if (cov > 0) over((py * size + px) * 4, color, cov);
        }
      }
    },
    knock(shape) {
      for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
          const cov = coverage(shape, px, py);
          if (cov <= 0) continue;
          const o = (py * size + px) * 4 + 3;
          rgba[o] = Math.round((rgba[o] as number) * (1 - cov));
        }
      }
    },
    fillPixels(x, y, w, h, color) {
      for (let py = Math.max(0, y); py < Math.min(size, y + h); py++) {
        for (let px = Math.max(0, x); px < Math.min(size, x + w); px++) {
          const o = (py * size + px) * 4;
          if (color === null) rgba.fill(0, o, o + 4);
          else for (let c = 0; c < 4; c++) rgba[o + c] = color[c] as number;
        }
      }
    },
    image: () => ({ width: size, height: size, rgba: Buffer.from(rgba) }),
  };
}

// ---- shapes ----------------------------------------------------------------

/** Filled circle. */
export const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Annulus between two radii. */
export const ring =
  (cx: number, cy: number, rOut: number, rIn: number): Shape =>
  (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= rOut * rOut && d >= rIn * rIn;
  };

/** A ring drawn as `segments` dashes (every other segment is empty). */
export const dashedRing =
  (cx: number, cy: number, rOut: number, rIn: number, segments: number): Shape =>
  (x, y) => {
    if (!ring(cx, cy, rOut, rIn)(x, y)) return false;
    const turn = (Math.atan2(y - cy, x - cx) + Math.PI) / (2 * Math.PI);
    return Math.floor(turn * segments) % 2 === 0;
  };

/** Axis-aligned rectangle with optional corner radius. */
export const roundedRect =
  (x0: number, y0: number, w: number, h: number, r = 0): Shape =>
  (x, y) => {
    if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x0 + w - r));
    const dy = Math.max(y0 + r - y, 0, y - (y0 + h - r));
    return dx * dx + dy * dy <= r * r;
  };

/** Filled triangle. */
export const triangle =
  (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape =>
  (x, y) => {
    const e1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    const e2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
    const e3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
    return (e1 >= 0 && e2 >= 0 && e3 >= 0) || (e1 <= 0 && e2 <= 0 && e3 <= 0);
  };

/** Regular-ish octagon (a stop sign) centred at (cx, cy). */
export const octagon =
  (cx: number, cy: number, half: number): Shape =>
  (x, y) => {
    const dx = Math.abs(x - cx);
    const dy = Math.abs(y - cy);
    return dx <= half && dy <= half && dx + dy <= half * 1.42;
  };

/** A line segment of the given width with round caps. */
export const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const len2 = vx * vx + vy * vy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / len2));
    const dx = x - (ax + t * vx);
    const dy = y - (ay + t * vy);
    return dx * dx + dy * dy <= (width / 2) ** 2;
  };

/** Points in any of the shapes. */
export const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** Points in `a` but not in `b`. */
export const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

// ---- pixel font --------------------------------------------------------------

/** 3 × 5 glyphs for the digits and "+", one string of 0/1 per row. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/** Glyph width and height in font pixels, and the gap between glyphs. */
export const FONT = { width: 3, height: 5, gap: 1 } as const;

/** Width in pixels of `text` drawn at integer `scale`. */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * (FONT.width + FONT.gap) - FONT.gap) * scale;
}

/**
 * Draw `text` (digits and "+") with its top-left corner at pixel (x, y).
 * `color` null cuts the glyph pixels out (transparent). Throws on a
 * character the font lacks, so a new label cannot silently vanish.
 */
export function drawText(
  canvas: PixelCanvas,
  text: string,
  x: number,
  y: number,
  scale: number,
  color: Rgba | null,
): void {
  let cx = x;
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new RangeError(`the tray font has no glyph for "${ch}"`);
    glyph.forEach((row, gy) => {
      for (let gx = 0; gx < row.length; gx++) {
        if (row[gx] === '1')
          canvas.fillPixels(cx + gx * scale, y + gy * scale, scale, scale, color);
      }
    });
    cx += (FONT.width + FONT.gap) * scale;
  }
}
