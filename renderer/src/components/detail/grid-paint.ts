/**
 * Canvas painting of shard cells. Each state has its own SHAPE as well as
 * its colour, so the grid reads without colour vision: up = filled square,
 * degraded = square with a diagonal, down = ✕ cross, no data = hollow
 * outline, dev = dot, missing = dashed hollow outline.
 */
import type { ShardState, ShardView } from '../../../../shared/live-status';

/** What a cell shows. `missing` is an expected id the server did not report. */
export type CellKind = ShardState | 'missing';

/** Cell kinds in code order (index = code). */
export const CELL_KINDS: readonly CellKind[] = [
  'up',
  'degraded',
  'down',
  'no-data',
  'dev',
  'missing',
];

/** Legend glyph of a kind (text fallback of the canvas shape). */
export const CELL_GLYPHS: Record<CellKind, string> = {
  up: '■',
  degraded: '◩',
  down: '✕',
  'no-data': '□',
  dev: '•',
  missing: '⬚',
};

/** Bit flags OR-ed onto the kind code of a drawn cell. */
export const FLAG_FOCUS = 8;
export const FLAG_SELECTED = 16;
export const FLAG_HIGHLIGHT = 32;
export const FLAG_STALLED = 64;
/** One-way, silent, restart loop or held by a deploy (docs/analytics.md): the cell's words say which. */
export const FLAG_FINDING = 128;
/** Legend glyph of {@link FLAG_FINDING} (text fallback of its corner triangle). */
export const FINDING_GLYPH = '◣';

/** Code of a cell kind. */
export function kindCode(kind: CellKind): number {
  return CELL_KINDS.indexOf(kind);
}

/** Kind of a shard slot: the shard's state, or `missing` when not reported. */
export function cellKind(shard: ShardView | undefined): CellKind {
  return shard ? shard.state : 'missing';
}

/** Colours read from the theme's CSS variables (with Okabe-Ito fallbacks). */
export interface GridPalette {
  kinds: Record<CellKind, string>;
  background: string;
  focus: string;
  text: string;
}

function cssVar(style: CSSStyleDeclaration | null, name: string, fallback: string): string {
  const v = style?.getPropertyValue(name).trim();
  return v ? v : fallback;
}

/** Read the palette from an element's computed style. */
export function readPalette(el: Element | null): GridPalette {
  let style: CSSStyleDeclaration | null = null;
  try {
    style = el ? getComputedStyle(el) : null;
  } catch {
    style = null;
  }
  return {
    kinds: {
      up: cssVar(style, '--ok', '#009E73'),
      degraded: cssVar(style, '--warn', '#E69F00'),
      down: cssVar(style, '--bad', '#D55E00'),
      'no-data': cssVar(style, '--muted', '#7f7f7f'),
      dev: cssVar(style, '--info', '#0072B2'),
      missing: cssVar(style, '--muted', '#7f7f7f'),
    },
    background: cssVar(style, '--surface', '#ffffff'),
    focus: cssVar(style, '--focus', '#0072B2'),
    text: cssVar(style, '--text', '#16181d'),
  };
}

/** Inset, shape size and line width of a cell for a pitch. */
function cellMetrics(pitch: number): { inset: number; s: number; line: number } {
  const inset = pitch >= 16 ? 3 : 2;
  return { inset, s: pitch - inset * 2, line: pitch >= 16 ? 2 : 1.5 };
}

/**
 * Paint every cell of a grid at once. Cells of one kind go into one path and
 * one fill/stroke call (10,000 cells cost six draw calls instead of 10,000);
 * cells with focus/selection/stall marks are painted one by one after.
 * `codes[i]` is cell i's code; cell i sits at column `i % cols`. Only cells
 * `[start, end)` are painted (the rows in view).
 */
export function paintAll(
  ctx: CanvasRenderingContext2D,
  codes: Uint8Array,
  cols: number,
  pitch: number,
  pad: number,
  palette: GridPalette,
  start = 0,
  end = codes.length,
): void {
  const n = Math.min(end, codes.length);
  paintBatch(ctx, codes, { cols, pitch, pad }, palette, false, (visit) => {
    for (let i = Math.max(0, start); i < n; i++) visit(i);
  });
}

/**
 * Repaint the cells `cells` (indices into `codes`) in a few draw calls: their
 * pitch boxes cleared in one path, then their shapes by kind as
 * {@link paintAll} does. What a partial redraw of many cells uses: one
 * {@link paintCell} per cell is several canvas calls each, and 5,000 of them
 * took 180 ms in software rendering.
 */
export function paintCells(
  ctx: CanvasRenderingContext2D,
  codes: Uint8Array,
  cells: readonly number[],
  grid: { cols: number; pitch: number; pad: number },
  palette: GridPalette,
): void {
  paintBatch(ctx, codes, grid, palette, true, (visit) => {
    for (const i of cells) if (i >= 0 && i < codes.length) visit(i);
  });
}

function paintBatch(
  ctx: CanvasRenderingContext2D,
  codes: Uint8Array,
  grid: { cols: number; pitch: number; pad: number },
  palette: GridPalette,
  clear: boolean,
  each: (visit: (i: number) => void) => void,
): void {
  const { cols, pitch, pad } = grid;
  const { inset, s, line } = cellMetrics(pitch);
  const paths: Path2D[] = CELL_KINDS.map(() => new Path2D());
  const boxes = clear ? new Path2D() : null;
  const diagonals = new Path2D();
  const marked: number[] = [];
  each((i) => {
    const code = codes[i] as number;
    const bx = pad + (i % cols) * pitch;
    const by = pad + Math.floor(i / cols) * pitch;
    if (code >= FLAG_FOCUS) {
      marked.push(i);
      return;
    }
    boxes?.rect(bx, by, pitch, pitch);
    const x = bx + inset;
    const y = by + inset;
    const p = paths[code & 7];
    if (!p) return;
    switch (code & 7) {
      case 0: // up
        p.rect(x, y, s, s);
        break;
      case 1: // degraded
        p.rect(x, y, s, s);
        diagonals.moveTo(x, y + s);
        diagonals.lineTo(x + s, y);
        break;
      case 2: // down
        p.moveTo(x, y);
        p.lineTo(x + s, y + s);
        p.moveTo(x + s, y);
        p.lineTo(x, y + s);
        break;
      case 4: {
        // dev
        const r = Math.max(1.5, s / 3);
        p.moveTo(x + s / 2 + r, y + s / 2);
        p.arc(x + s / 2, y + s / 2, r, 0, Math.PI * 2);
        break;
      }
      default: // no-data, missing
        p.rect(x + 0.5, y + 0.5, s - 1, s - 1);
    }
  });
  if (boxes) {
    ctx.fillStyle = palette.background;
    ctx.fill(boxes);
  }
  const k = palette.kinds;
  ctx.fillStyle = k.up;
  ctx.fill(paths[0] as Path2D);
  ctx.fillStyle = k.degraded;
  ctx.fill(paths[1] as Path2D);
  ctx.strokeStyle = palette.background;
  ctx.lineWidth = line;
  ctx.stroke(diagonals);
  ctx.strokeStyle = k.down;
  ctx.lineWidth = line + 0.5;
  ctx.stroke(paths[2] as Path2D);
  ctx.lineWidth = 1;
  ctx.strokeStyle = k['no-data'];
  ctx.stroke(paths[3] as Path2D);
  ctx.fillStyle = k.dev;
  ctx.fill(paths[4] as Path2D);
  ctx.strokeStyle = k.missing;
  ctx.setLineDash([2, 2]);
  ctx.stroke(paths[5] as Path2D);
  ctx.setLineDash([]);
  for (const i of marked) {
    paintCell(
      ctx,
      pad + (i % cols) * pitch,
      pad + Math.floor(i / cols) * pitch,
      pitch,
      codes[i] as number,
      palette,
    );
  }
}

/**
 * Paint one cell whose pitch box starts at (x, y). Clears the whole pitch box
 * first, so a cell can be repainted alone (partial redraws).
 */
export function paintCell(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  pitch: number,
  code: number,
  palette: GridPalette,
): void {
  const kind = CELL_KINDS[code & 7] ?? 'no-data';
  const color = palette.kinds[kind];
  ctx.fillStyle = palette.background;
  ctx.fillRect(x, y, pitch, pitch);

  const { inset, s, line } = cellMetrics(pitch);
  const cx = x + inset;
  const cy = y + inset;

  switch (kind) {
    case 'up':
      ctx.fillStyle = color;
      ctx.fillRect(cx, cy, s, s);
      break;
    case 'degraded':
      ctx.fillStyle = color;
      ctx.fillRect(cx, cy, s, s);
      ctx.strokeStyle = palette.background;
      ctx.lineWidth = line;
      ctx.beginPath();
      ctx.moveTo(cx, cy + s);
      ctx.lineTo(cx + s, cy);
      ctx.stroke();
      break;
    case 'down':
      ctx.strokeStyle = color;
      ctx.lineWidth = line + 0.5;
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.lineTo(cx + s, cy + s);
      ctx.moveTo(cx + s, cy);
      ctx.lineTo(cx, cy + s);
      ctx.stroke();
      break;
    case 'no-data':
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.strokeRect(cx + 0.5, cy + 0.5, s - 1, s - 1);
      break;
    case 'dev':
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(cx + s / 2, cy + s / 2, Math.max(1.5, s / 3), 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'missing':
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 2]);
      ctx.strokeRect(cx + 0.5, cy + 0.5, s - 1, s - 1);
      ctx.setLineDash([]);
      break;
  }

  if (code & FLAG_STALLED) {
    // A small corner notch: stalled shards look "frozen" without a new colour.
    ctx.fillStyle = palette.text;
    ctx.fillRect(x + pitch - inset - 2, y + inset - 1, 2, 2);
  }
  if (code & FLAG_FINDING) {
    // A corner triangle in the text colour: a named state on top of the health shape.
    const k = Math.max(4, Math.round(pitch / 3));
    ctx.fillStyle = palette.text;
    ctx.beginPath();
    ctx.moveTo(x + 1, y + pitch - 1);
    ctx.lineTo(x + 1, y + pitch - 1 - k);
    ctx.lineTo(x + 1 + k, y + pitch - 1);
    ctx.closePath();
    ctx.fill();
  }
  if (code & (FLAG_SELECTED | FLAG_HIGHLIGHT | FLAG_FOCUS)) {
    ctx.strokeStyle = code & FLAG_FOCUS ? palette.focus : palette.text;
    ctx.lineWidth = code & (FLAG_SELECTED | FLAG_HIGHLIGHT) ? 2 : 1.5;
    if (code & FLAG_HIGHLIGHT && !(code & FLAG_SELECTED)) ctx.setLineDash([3, 2]);
    const w = ctx.lineWidth;
    ctx.strokeRect(x + w / 2, y + w / 2, pitch - w, pitch - w);
    ctx.setLineDash([]);
  }
}
