// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellOrigin,
  gridHeight,
  layoutGrid,
  moveFocus,
  pitchFor,
  tileCount,
  tileRows,
  tileSpan,
  tilesInView,
} from '../../../../../renderer/src/components/detail/grid-geometry';

describe('grid geometry', () => {
  it('picks smaller cells for bigger bots', () => {
    expect(pitchFor(16)).toBe(22);
    expect(pitchFor(1000)).toBe(16);
    expect(pitchFor(4000)).toBe(12);
    expect(pitchFor(10_000)).toBe(10);
  });

  it('lays 10,000 shards in a 1,004 px wide box as 100 columns × 100 rows', () => {
    const l = layoutGrid(10_000, 1004);
    expect(l).toEqual({ pitch: 10, cols: 100, rows: 100, count: 10_000, pad: 2 });
    expect(gridHeight(l)).toBe(1004);
  });

  it('hit-tests a point to a cell index', () => {
    const l = layoutGrid(25, 10 * 22 + 4, 22, 2); // 10 columns of 22 px, 3 rows (last partial)
    expect(l.cols).toBe(10);
    expect(cellAt(2, 2, l)).toBe(0);
    expect(cellAt(2 + 21.9, 2 + 21.9, l)).toBe(0);
    expect(cellAt(2 + 22, 2, l)).toBe(1);
    expect(cellAt(2 + 22 * 9 + 5, 2 + 22 + 5, l)).toBe(19);
    expect(cellAt(2 + 22 * 4 + 1, 2 + 44 + 1, l)).toBe(24);
  });

  it('returns -1 outside the cells', () => {
    const l = layoutGrid(25, 224, 22, 2);
    expect(cellAt(1, 10, l)).toBe(-1); // left padding
    expect(cellAt(10, 1, l)).toBe(-1); // top padding
    expect(cellAt(2 + 22 * 5 + 1, 2 + 44 + 1, l)).toBe(-1); // past the last cell on the last row
    expect(cellAt(2 + 22 * 10 + 1, 10, l)).toBe(-1); // right of the last column
    expect(cellAt(10, 2 + 22 * 3 + 1, l)).toBe(-1); // below the last row
  });

  it('round-trips cellOrigin and cellAt', () => {
    const l = layoutGrid(10_000, 777);
    for (const i of [0, 1, 76, 77, 5000, 9999]) {
      const { x, y } = cellOrigin(i, l);
      expect(cellAt(x + l.pitch / 2, y + l.pitch / 2, l)).toBe(i);
    }
  });

  it('moves the keyboard cursor within bounds', () => {
    const l = layoutGrid(25, 224, 22, 2); // 10 columns
    expect(moveFocus(-1, 'ArrowRight', l)).toBe(1);
    expect(moveFocus(0, 'ArrowLeft', l)).toBe(0);
    expect(moveFocus(3, 'ArrowDown', l)).toBe(13);
    expect(moveFocus(13, 'ArrowDown', l)).toBe(23);
    expect(moveFocus(17, 'ArrowDown', l)).toBe(17); // no cell below in the partial last row
    expect(moveFocus(5, 'ArrowUp', l)).toBe(5);
    expect(moveFocus(24, 'ArrowRight', l)).toBe(24);
    expect(moveFocus(7, 'Home', l)).toBe(0);
    expect(moveFocus(7, 'End', l)).toBe(24);
    expect(moveFocus(7, 'a', l)).toBe(7);
  });

  it('splits a 10,000-shard grid into canvas tiles of whole rows', () => {
    const l = layoutGrid(10_000, 1004); // 100 columns of 10 px, 100 rows
    expect(tileRows(l)).toBe(25);
    expect(tileCount(l)).toBe(4);
    expect(tileSpan(l, 0)).toEqual({ y0: 0, y1: 252, start: 0, end: 2_500 });
    expect(tileSpan(l, 1)).toEqual({ y0: 252, y1: 502, start: 2_500, end: 5_000 });
    // The last tile ends with the grid (bottom padding included).
    expect(tileSpan(l, 3)).toEqual({ y0: 752, y1: gridHeight(l), start: 7_500, end: 10_000 });
    // Tiles cover every cell exactly once.
    let covered = 0;
    for (let k = 0; k < tileCount(l); k++) covered += tileSpan(l, k).end - tileSpan(l, k).start;
    expect(covered).toBe(10_000);
    // A small bot is one tile; an empty grid has none.
    expect(tileCount(layoutGrid(128, 1004))).toBe(1);
    expect(tileCount(layoutGrid(0, 1004))).toBe(0);
  });

  it('finds the tiles a scrolled viewport shows', () => {
    const l = layoutGrid(10_000, 1004);
    expect(tilesInView(l, 0, 480)).toEqual({ first: 0, last: 1 });
    expect(tilesInView(l, 300, 480)).toEqual({ first: 1, last: 3 });
    expect(tilesInView(l, gridHeight(l) - 480, 480)).toEqual({ first: 2, last: 3 });
    expect(tilesInView(l, 0, 0)).toEqual({ first: 0, last: 0 });
    expect(tilesInView(layoutGrid(0, 1004), 0, 480)).toEqual({ first: 0, last: -1 });
  });
});
