import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GROUP_GAP,
  HEATMAP_GUTTER,
  cellBox,
  columnAt,
  heatTilesInView,
  layoutHeatmap,
  rowAt,
  rowBox,
  rowTop,
  rowsByBucket,
  rowsById,
  rowsIn,
  timeAtX,
  xOfTime,
} from '../../../../../renderer/src/components/heatmap/heatmap-layout';

describe('heatmap layout', () => {
  it('groups rows by shard id with readable labels', () => {
    const rows = rowsById({ shardLo: 100, shardCount: 25 }, 10);
    expect(Array.from(rows.groupStarts)).toEqual([0, 10, 20]);
    expect(rows.labels).toEqual(['100–109', '110–119', '120–124']);
    expect(rows.order).toBeNull();
  });

  it('groups rows by identify bucket, every shard once', () => {
    const rows = rowsByBucket({ shardLo: 3, shardCount: 10 }, 4);
    // Shard ids 3…12: bucket 0 = 4, 8, 12; bucket 1 = 5, 9; bucket 2 = 6, 10; bucket 3 = 3, 7, 11.
    expect(Array.from(rows.order ?? [], (r) => r + 3)).toEqual([4, 8, 12, 5, 9, 6, 10, 3, 7, 11]);
    expect(Array.from(rows.groupStarts)).toEqual([0, 3, 5, 7]);
    expect(rows.labels).toEqual(['bucket 0', 'bucket 1', 'bucket 2', 'bucket 3']);
  });

  it('finds the row under any point and the point of any row, gaps included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 12 }),
        (count, group, zoom) => {
          const rows = rowsById({ shardLo: 0, shardCount: count }, group);
          const l = layoutHeatmap(rows, count, 900, zoom, 480);
          expect(l.merged).toBe(false);
          for (const r of [0, Math.floor(count / 2), count - 1]) {
            const top = rowTop(l, r);
            expect(rowAt(l, top)).toBe(r);
            expect(rowAt(l, top + l.rowHeight - 0.01)).toBe(r);
          }
          expect(l.height).toBe(count * zoom + (Math.ceil(count / group) - 1) * GROUP_GAP);
          // The gap below a group's last row belongs to no row.
          if (count > group) expect(rowAt(l, rowTop(l, group - 1) + zoom)).toBe(-1);
          expect(rowAt(l, -1)).toBe(-1);
          expect(rowAt(l, l.height)).toBe(-1);
        },
      ),
    );
  });

  it('fits the whole bot in the view, merging rows when there are more rows than pixels', () => {
    const rows = rowsById({ shardLo: 0, shardCount: 10_000 }, 100);
    const fit = layoutHeatmap(rows, 10_000, 1000, 'fit', 480);
    expect(fit).toMatchObject({ merged: true, height: 480, gap: 0 });
    expect(rowsIn(fit, 0, 1)).toEqual([0, 21]);
    expect(rowsIn(fit, 479, 480)).toEqual([9979, 10_000]);
    const few = layoutHeatmap(rowsById({ shardLo: 0, shardCount: 20 }, 10), 20, 1000, 'fit', 480);
    expect(few).toMatchObject({ merged: false, rowHeight: 16 });
  });

  it('maps x to time and back, and tiles to the view', () => {
    const rows = rowsById({ shardLo: 0, shardCount: 10 }, 10);
    const l = layoutHeatmap(rows, 10, HEATMAP_GUTTER + 1000, 2, 480);
    const slice = { from: 0, to: 86_400_000 };
    expect(l.columns).toBe(1000);
    expect(columnAt(l, HEATMAP_GUTTER - 1)).toBe(-1);
    expect(columnAt(l, HEATMAP_GUTTER + 500.5)).toBe(500);
    expect(timeAtX(l, slice, HEATMAP_GUTTER + 500)).toBe(43_200_000);
    expect(xOfTime(l, slice, 43_200_000)).toBe(HEATMAP_GUTTER + 500);
    expect(heatTilesInView(10_000, 300, 480)).toEqual([1, 3]);
    expect(heatTilesInView(0, 0, 480)).toEqual([0, -1]);
  });

  it('outlines a row (its pixel line when merged) and a cell for the overlays', () => {
    const split = layoutHeatmap(
      rowsById({ shardLo: 0, shardCount: 20 }, 10),
      20,
      HEATMAP_GUTTER + 100,
      4,
      480,
    );
    expect(rowBox(split, 12)).toEqual({ top: rowTop(split, 12), height: 4 });
    expect(rowBox(split, 20)).toBeNull();
    expect(rowBox(split, -1)).toBeNull();
    expect(cellBox(split, 0, 10)).toEqual({
      top: 0,
      height: 4,
      left: HEATMAP_GUTTER + 10,
      width: 2,
    });
    expect(cellBox(split, 0, -1)).toBeNull();
    const merged = layoutHeatmap(
      rowsById({ shardLo: 0, shardCount: 10_000 }, 100),
      10_000,
      1000,
      'fit',
      480,
    );
    expect(rowBox(merged, 0)).toEqual({ top: 0, height: 1 });
    expect(rowBox(merged, 9999)).toEqual({ top: 479, height: 1 });
  });
});
