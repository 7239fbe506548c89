/**
 * The main window's size and position, remembered in a small JSON file in
 * userData. The file is untrusted input (docs/architecture.md §3.3): anything malformed
 * falls back to defaults, and a position that is no longer on any display
 * (a monitor was unplugged) is dropped so the window opens centred.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What is remembered. `x`/`y` absent means "let the system centre it". */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A rectangle in screen coordinates (an Electron `Rectangle`). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of a display a window may use (an Electron `Display`'s `workArea`). */
export interface DisplayArea {
  workArea: Rect;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
/** How much of the window's top edge (the title bar) must be on a display. */
const VISIBLE = { width: 96, height: 32 } as const;
const LIMIT = 100_000;

const isCoord = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= LIMIT;

/** Validate parsed JSON; null when it is not a window state. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const { width, height, x, y, maximized } = r;
  if (!isCoord(width) || !isCoord(height) || width < 1 || height < 1) return null;
  if (typeof maximized !== 'boolean') return null;
  const state: WindowState = { width, height, maximized };
  if (x !== undefined || y !== undefined) {
    if (!isCoord(x) || !isCoord(y)) return null;
    state.x = x;
    state.y = y;
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Make a remembered state usable on the current displays: size clamped
 * between the minimum and the largest work area, and the position dropped
 * when the title bar would not be reachable on any display.
 */
export function fitToDisplays(state: WindowState, displays: readonly DisplayArea[]): WindowState {
  const maxW = Math.max(MIN_WINDOW_SIZE.width, ...displays.map((d) => d.workArea.width));
  const maxH = Math.max(MIN_WINDOW_SIZE.height, ...displays.map((d) => d.workArea.height));
  const out: WindowState = {
    width: Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), maxW),
    height: Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), maxH),
    maximized: state.maximized,
  };
  if (state.x === undefined || state.y === undefined) return out;
  const titleBar: Rect = { x: state.x, y: state.y, width: out.width, height: VISIBLE.height };
  const reachable = displays.some((d) => {
    const o = overlap(titleBar, d.workArea);
    return o.width >= Math.min(VISIBLE.width, out.width) && o.height >= VISIBLE.height;
  });
  if (reachable) {
    out.x = state.x;
    out.y = state.y;
  }
  return out;
}

/** Read the state file; defaults when missing or invalid. */
export function loadWindowState(file: string, log: (line: string) => void = () => {}): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  try {
    const parsed = parseWindowState(JSON.parse(text));
    if (parsed) return parsed;
  } catch {
    // fall through
  }
  log(`window state in ${file} is not valid; using the default size`);
  return { ...DEFAULT_WINDOW_STATE };
}

/** Write the state file atomically (temp file + rename). Never throws. */
export function saveWindowState(
  file: string,
  state: WindowState,
  log: (line: string) => void = () => {},
): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    log(`window state could not be saved: ${err instanceof Error ? err.message : String(err)}`);
  }
}
