// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardHeatmap from '../../../../../renderer/src/components/heatmap/ShardHeatmap.vue';
import { HEATMAP_GUTTER } from '../../../../../renderer/src/components/heatmap/heatmap-layout';
import { pixelOf } from '../../../../../renderer/src/components/heatmap/heatmap-paint';
import { formatExact } from '../../../../../renderer/src/format';
import {
  HEAT_CELL_COLORS,
  MARK_RESTART,
  createSliceBuilder,
  heatCode,
} from '../../../../../shared/shard-heatmap';
import { frame, installFakeCanvas } from './fake-canvas';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const DAY = 86_400_000;
/** Plot width when the component cannot measure (happy-dom: 800 px minus the gutter). */
const COLS = 800 - HEATMAP_GUTTER;

/** `count` shards up all day; shard 7 down from 06:00 to 12:00 and restarted at 18:00. */
function daySlice(count: number) {
  const b = createSliceBuilder(T0, T0 + DAY, 0, count);
  for (let s = 0; s < count; s++) b.setInitial(s, heatCode('up'));
  b.push(7, T0 + DAY / 4, heatCode('down'));
  b.push(7, T0 + DAY / 2, heatCode('up'));
  b.push(7, T0 + (3 * DAY) / 4, heatCode('up', MARK_RESTART));
  return b.finish();
}

/** Mouse event at plot column `col` (time) and CSS y `y` (happy-dom puts the element at 0,0). */
function at(col: number, y: number): { clientX: number; clientY: number } {
  return { clientX: HEATMAP_GUTTER + col + 0.5, clientY: y };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ShardHeatmap', () => {
  it('draws every shard row from the slice, each cell in the colour of its state', async () => {
    const seen = installFakeCanvas();
    const w = mount(ShardHeatmap, {
      props: { slice: daySlice(20), zoom: 4, rows: null },
      attachTo: document.body,
    });
    await frame();
    const [rec] = [...seen.values()];
    expect(rec?.pixels).not.toBeNull();
    const dpr = Math.max(1, globalThis.devicePixelRatio || 1);
    const pixel = (col: number, y: number): number =>
      rec?.pixels?.[
        Math.round(y * dpr) * (rec?.width ?? 0) + Math.round((HEATMAP_GUTTER + col) * dpr)
      ] ?? -1;
    // Groups of 10: shard 7 is row 7 at y 28–31; a quarter of the day in, it is down.
    expect(pixel(Math.floor(COLS * 0.3), 29)).toBe(pixelOf(HEAT_CELL_COLORS.down, '#000'));
    expect(pixel(Math.floor(COLS * 0.3), 25)).toBe(pixelOf(HEAT_CELL_COLORS.up, '#000'));
    expect(pixel(Math.floor(COLS * 0.75), 29)).toBe(pixelOf(HEAT_CELL_COLORS.restart, '#000'));
    expect(rec?.texts).toEqual(['0–9', '10–19']);
    w.unmount();
  });

  it('names the shard and the moment under the pointer, and opens its timeline on click', async () => {
    installFakeCanvas();
    const slice = daySlice(20);
    const w = mount(ShardHeatmap, { props: { slice, zoom: 4 }, attachTo: document.body });
    await frame();
    const grid = w.find('[role="grid"]');
    const col = Math.floor(COLS * 0.3);
    const t = T0 + ((col + 0.5) / COLS) * DAY;
    await grid.trigger('mousemove', at(col, 29));
    expect(w.find('[data-testid="heatmap-hover"]').text()).toBe(
      `Shard 7 at ${formatExact(t)}: down`,
    );
    await grid.trigger('click', at(col, 29));
    const [id, when] = w.emitted('open-shard-timeline')?.[0] ?? [];
    expect(id).toBe(7);
    expect(Math.abs((when as number) - t)).toBeLessThan(1);
    // A column holding a restart says so.
    await grid.trigger('mousemove', at(Math.floor(COLS * 0.75), 29));
    expect(w.find('[data-testid="heatmap-hover"]').text()).toContain('1 restart');
    // The gap between groups is no shard.
    await grid.trigger('mousemove', at(col, 40.5));
    expect(w.find('[data-testid="heatmap-hover"]').text()).toBe('');
    w.unmount();
  });

  it('moves a keyboard cursor over shards and time, and Enter opens the timeline', async () => {
    installFakeCanvas();
    const w = mount(ShardHeatmap, {
      props: { slice: daySlice(20), zoom: 4 },
      attachTo: document.body,
    });
    await frame();
    const grid = w.find('[role="grid"]');
    await grid.trigger('focus');
    for (let i = 0; i < 7; i++) await grid.trigger('keydown', { key: 'ArrowDown' });
    await grid.trigger('keydown', { key: 'Home' });
    await grid.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('open-shard-timeline')?.[0]?.[0]).toBe(7);
    expect(w.text()).toContain('Shard 7 at');
    w.unmount();
  });

  it('merges the whole bot into the view, naming the worst shard of a line', async () => {
    installFakeCanvas();
    const w = mount(ShardHeatmap, {
      props: { slice: daySlice(2000), viewHeight: 100 },
      attachTo: document.body,
    });
    await frame();
    // 20 shards per line; the first line holds shard 7.
    await w.find('[role="grid"]').trigger('mousemove', at(Math.floor(COLS * 0.3), 0.5));
    const text = w.find('[data-testid="heatmap-hover"]').text();
    expect(text).toContain('Shard 7 at');
    expect(text).toContain(': down · 20 shards on this line (0–19)');
    w.unmount();
  });

  it('shows the scrubbed moment as a line', async () => {
    installFakeCanvas();
    const slice = daySlice(20);
    const w = mount(ShardHeatmap, {
      props: { slice, cursor: T0 + DAY / 2 },
      attachTo: document.body,
    });
    await frame();
    const line = w.find('[data-testid="heatmap-cursor"]');
    expect(line.attributes('style')).toContain(`left: ${HEATMAP_GUTTER + COLS / 2}px`);
    await w.setProps({ cursor: null });
    expect(w.find('[data-testid="heatmap-cursor"]').exists()).toBe(false);
    w.unmount();
  });

  it('keeps canvases only near the view for 50,000 shards', async () => {
    installFakeCanvas();
    const w = mount(ShardHeatmap, {
      props: { slice: daySlice(50_000), zoom: 6 },
      attachTo: document.body,
    });
    await frame();
    const vm = w.vm as unknown as { tileCount(): number; revealShard(id: number): boolean };
    // 300,000 px of rows; a 480 px view and one tile either side.
    expect(vm.tileCount()).toBeLessThanOrEqual(4);
    expect(
      w.findAll('canvas').filter((c) => c.element.style.display !== 'none').length,
    ).toBeLessThanOrEqual(4);
    expect(vm.revealShard(40_000)).toBe(true);
    expect(vm.revealShard(60_000)).toBe(false);
    w.unmount();
  });
});
