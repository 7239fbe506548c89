import { describe, expect, it } from 'vitest';
import {
  HEATMAP_GUTTER,
  layoutHeatmap,
  rowsById,
} from '../../../../../renderer/src/components/heatmap/heatmap-layout';
import {
  describeSpot,
  moveCursor,
  spotAtCursor,
} from '../../../../../renderer/src/components/heatmap/heatmap-spot';
import { formatExact } from '../../../../../renderer/src/format';
import { MARK_RESTART, createSliceBuilder, heatCode } from '../../../../../shared/shard-heatmap';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);

/** 30 shards over 100 s: shard 12 down 40–60 s and restarted at 70 s. */
function source() {
  const b = createSliceBuilder(T0, T0 + 100_000, 0, 30);
  for (let s = 0; s < 30; s++) b.setInitial(s, heatCode('up'));
  b.push(12, T0 + 40_000, heatCode('down'));
  b.push(12, T0 + 60_000, heatCode('up'));
  b.push(12, T0 + 70_000, heatCode('up', MARK_RESTART));
  const slice = b.finish();
  const layout = layoutHeatmap(rowsById(slice, 10), 30, HEATMAP_GUTTER + 100, 4, 40);
  return { slice, layout, order: null, cells: new Uint8Array(100) };
}

describe('heatmap spots', () => {
  it('names the worst shard of a merged line, the moment, the column and restarts', () => {
    const src = source();
    const x = HEATMAP_GUTTER + 50.5;
    expect(describeSpot(src, 10, 20, x)?.text).toBe(
      `Shard 12 at ${formatExact(T0 + 50_500)}: down · 10 shards on this line (10–19)`,
    );
    // Just before 60 s it is still down.
    expect(describeSpot(src, 12, 13, HEATMAP_GUTTER + 59.99)?.text).toContain(': down');
    expect(describeSpot(src, 12, 13, HEATMAP_GUTTER + 70.5)?.text).toBe(
      `Shard 12 at ${formatExact(T0 + 70_500)}: up · worst in this column: restarted (new shard_hash) · 1 restart`,
    );
    expect(describeSpot(src, 12, 13, 3)).toBeNull();
    expect(spotAtCursor(src, 12, 45)?.shardId).toBe(12);
  });

  it('moves the keyboard cursor by rows, pages and time, and stays inside', () => {
    const { layout } = source();
    expect(moveCursor(layout, -1, -1, 'ArrowDown', 40)).toEqual({ row: 1, col: 99 });
    expect(moveCursor(layout, 0, 50, 'ArrowUp', 40)).toEqual({ row: 0, col: 50 });
    expect(moveCursor(layout, 3, 50, 'PageDown', 40)).toEqual({ row: 13, col: 50 });
    expect(moveCursor(layout, 25, 50, 'PageDown', 40)).toEqual({ row: 29, col: 50 });
    expect(moveCursor(layout, 3, 50, 'ArrowLeft', 40)).toEqual({ row: 3, col: 48 });
    expect(moveCursor(layout, 3, 50, 'Home', 40)).toEqual({ row: 3, col: 0 });
    expect(moveCursor(layout, 3, 50, 'End', 40)).toEqual({ row: 3, col: 99 });
    expect(moveCursor(layout, 3, 50, 'x', 40)).toBeNull();
  });
});
