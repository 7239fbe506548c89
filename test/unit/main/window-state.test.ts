import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_WINDOW_SIZE,
  parseWindowState,
  saveWindowState,
} from '../../../electron/main/window-state';
import { useTempDirs } from '../../support/temp-dir-per-test';

const tempDir = useTempDirs('shardwatch-winstate-');
function tempFile(): string {
  return join(tempDir(), 'window-state.json');
}

const single = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
const dual = [...single, { workArea: { x: 1920, y: 0, width: 1280, height: 1024 } }];

describe('window state', () => {
  it('validates what it reads', () => {
    expect(parseWindowState({ width: 1000, height: 700, maximized: false })).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(
      parseWindowState({ x: 5, y: 6, width: 1000, height: 700, maximized: true }),
    ).toMatchObject({ x: 5, y: 6 });
    for (const bad of [
      null,
      [],
      'x',
      { width: '1000', height: 700, maximized: false },
      { width: 1000.5, height: 700, maximized: false },
      { width: 1e9, height: 700, maximized: false },
      { width: 0, height: 700, maximized: false },
      { width: 1000, height: 700 },
      { x: 5, width: 1000, height: 700, maximized: false },
    ]) {
      expect(parseWindowState(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('keeps a position that is on a display', () => {
    const s = fitToDisplays({ x: 2000, y: 100, width: 1000, height: 700, maximized: false }, dual);
    expect(s).toEqual({ x: 2000, y: 100, width: 1000, height: 700, maximized: false });
  });

  it('drops a position on a display that is gone, and a title bar out of reach', () => {
    expect(
      fitToDisplays({ x: 2000, y: 100, width: 1000, height: 700, maximized: false }, single).x,
    ).toBeUndefined();
    expect(
      fitToDisplays({ x: 100, y: -600, width: 1000, height: 700, maximized: false }, single).x,
    ).toBeUndefined();
    expect(
      fitToDisplays({ x: 1900, y: 100, width: 1000, height: 700, maximized: false }, single).x,
    ).toBeUndefined();
  });

  it('clamps the size between the minimum and the largest work area', () => {
    const small = fitToDisplays({ width: 10, height: 10, maximized: false }, single);
    expect(small).toMatchObject(MIN_WINDOW_SIZE);
    const huge = fitToDisplays({ width: 9000, height: 9000, maximized: false }, single);
    expect(huge).toMatchObject({ width: 1920, height: 1040 });
  });

  it('falls back to defaults for a missing or damaged file, and round-trips a saved one', () => {
    const file = tempFile();
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{not json');
    const lines: string[] = [];
    expect(loadWindowState(file, (l) => lines.push(l))).toEqual(DEFAULT_WINDOW_STATE);
    expect(lines[0]).toMatch(/not valid/);
    saveWindowState(file, { x: 10, y: 20, width: 900, height: 600, maximized: true });
    expect(loadWindowState(file)).toEqual({
      x: 10,
      y: 20,
      width: 900,
      height: 600,
      maximized: true,
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 900 });
  });
});
