/**
 * The Shardwatch app icon, drawn from code: the one source of every icon
 * file (`build/make-icons.ts` writes build/icons/*.png, icon.ico and
 * icon.icns from it) and of the window and notification icon at run time. A
 * grid of shards on a dark tile: most up (green), one degraded (amber), one
 * down (vermillion) — the Okabe-Ito colours of the tray.
 */
import type { RgbaImage } from './png';
import type { Rgba } from './pixel-canvas';
import { createPixelCanvas, roundedRect } from './pixel-canvas';
import { TRAY_COLORS } from './tray-icon';

const BACKGROUND: Rgba = [0x14, 0x21, 0x3d, 255];

/** Tile colours, row by row. */
const GRID: ReadonlyArray<ReadonlyArray<Rgba>> = [
  [TRAY_COLORS.ok, TRAY_COLORS.ok, TRAY_COLORS.degraded],
  [TRAY_COLORS.ok, TRAY_COLORS.ok, TRAY_COLORS.ok],
  [TRAY_COLORS.ok, TRAY_COLORS.down, TRAY_COLORS.ok],
];

/** Draw the app icon at `size` × `size` px. */
export function renderAppIcon(size: number): RgbaImage {
  const canvas = createPixelCanvas(size, 16);
  canvas.paint(roundedRect(0.5, 0.5, 15, 15, 3.4), BACKGROUND);
  const tile = 3.2;
  const gap = 0.9;
  const start = (16 - (3 * tile + 2 * gap)) / 2;
  GRID.forEach((row, r) =>
    row.forEach((color, c) => {
      canvas.paint(
        roundedRect(start + c * (tile + gap), start + r * (tile + gap), tile, tile, 0.7),
        color,
      );
    }),
  );
  return canvas.image();
}
