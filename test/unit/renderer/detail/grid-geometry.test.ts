// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellOrigin,
  gridHeight,
  layoutGrid,
  moveFocus,
  pitchFor,
} from '../../../../renderer/src/components/detail/grid-geometry';

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
});
