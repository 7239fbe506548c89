/**
 * Tray icons drawn from code: one shape per state (so the state reads
 * without colour), Okabe-Ito colours (the app theme's colour-blind-safe
 * palette), and the number of down shards in a badge. macOS gets template
 * variants (black + alpha), which the menu bar tints for light and dark.
 */
import type { TrayState } from '../../../shared/tray';
import type { RgbaImage } from './png';
import type { PixelCanvas, Rgba, Shape } from './pixel-canvas';
import {
  circle,
  createPixelCanvas,
  dashedRing,
  drawText,
  FONT,
  minus,
  octagon,
  ring,
  segment,
  textWidth,
  triangle,
  union,
} from './pixel-canvas';

/** Logical icon sizes: 16 px (Windows, macOS) and 22 px (Linux panels). */
export type TrayIconBase = 16 | 22;

/** Options of {@link renderTrayIcon}. */
export interface TrayIconOptions {
  /** Logical size in px at scale 1 (default 16). */
  base?: TrayIconBase;
  /** macOS template image: black and alpha only. */
  template?: boolean;
}

/** Okabe-Ito colours per state. */
export const TRAY_COLORS: Record<TrayState, Rgba> = {
  ok: [0x00, 0x9e, 0x73, 255],
  degraded: [0xe6, 0x9f, 0x00, 255],
  down: [0xd5, 0x5e, 0x00, 255],
  offline: [0x99, 0x99, 0x99, 255],
  snoozed: [0x00, 0x72, 0xb2, 255],
  'no-profiles': [0x99, 0x99, 0x99, 255],
};

const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [0x1a, 0x1a, 0x1a, 255];
const BLACK: Rgba = [0, 0, 0, 255];

/** The shape (design space 16 × 16) and the glyph drawn inside it, per state. */
interface StateArt {
  body: Shape;
  /** Cut out in template mode, painted in `glyphColor` otherwise. */
  glyph: Shape | null;
  glyphColor: Rgba;
}

const ART: Record<TrayState, StateArt> = {
  // Circle with a check mark.
  ok: {
    body: circle(8, 8, 7.2),
    glyph: union(segment(4.6, 8.3, 7, 10.7, 1.9), segment(7, 10.7, 11.6, 5.6, 1.9)),
    glyphColor: WHITE,
  },
  // Warning triangle with "!".
  degraded: {
    body: triangle(8, 0.6, 15.6, 14.8, 0.4, 14.8),
    glyph: union(segment(8, 5.6, 8, 9.6, 1.9), circle(8, 12.3, 1.1)),
    glyphColor: INK,
  },
  // Stop-sign octagon with "×".
  down: {
    body: octagon(8, 8, 7.4),
    glyph: union(segment(5.2, 5.2, 10.8, 10.8, 2), segment(10.8, 5.2, 5.2, 10.8, 2)),
    glyphColor: WHITE,
  },
  // Empty ring, struck through: no connection.
  offline: {
    body: union(ring(8, 8, 7.2, 5.3), segment(3, 13, 13, 3, 1.9)),
    glyph: null,
    glyphColor: WHITE,
  },
  // Crescent moon: alerts are asleep.
  snoozed: {
    body: minus(circle(8, 8, 7.2), circle(11.4, 5.2, 5.6)),
    glyph: null,
    glyphColor: WHITE,
  },
  // Dashed ring with "+": add a profile.
  'no-profiles': {
    body: union(
      dashedRing(8, 8, 7.4, 5.8, 12),
      segment(8, 4.8, 8, 11.2, 1.8),
      segment(4.8, 8, 11.2, 8, 1.8),
    ),
    glyph: null,
    glyphColor: WHITE,
  },
};

/** The count as drawn: `1`…`99`, then `99+`; empty for none. */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count < 1) return '';
  const n = Math.floor(count);
  return n > 99 ? '99+' : String(n);
}

function drawBadge(canvas: PixelCanvas, text: string, template: boolean): void {
  const size = canvas.size;
  const f = Math.max(1, Math.round(size / 16));
  const w = textWidth(text, f) + 2 * f;
  const h = FONT.height * f + 2 * f;
  const x = size - w;
  const y = size - h;
  // A transparent margin keeps the badge legible over any shape.
  canvas.fillPixels(x - f, y - f, w + f, h + f, null);
  canvas.fillPixels(x, y, w, h, template ? BLACK : INK);
  drawText(canvas, text, x + f, y + f, f, template ? null : WHITE);
}

/**
 * Draw the tray icon for `state` with `count` (down shards, plus lost
 * connections) in a badge at the bottom right when it is at least 1.
 * `scale` 2 gives the high-DPI representation of the same icon.
 */
export function renderTrayIcon(
  state: TrayState,
  count: number,
  scale: 1 | 2,
  opts: TrayIconOptions = {},
): RgbaImage {
  const size = (opts.base ?? 16) * scale;
  const template = opts.template ?? false;
  const canvas = createPixelCanvas(size, 16);
  const art = ART[state];
  canvas.paint(art.body, template ? BLACK : TRAY_COLORS[state]);
  if (art.glyph) {
    if (template) canvas.knock(art.glyph);
    else canvas.paint(art.glyph, art.glyphColor);
  }
  const text = badgeText(count);
  if (text) drawBadge(canvas, text, template);
  return canvas.image();
}
