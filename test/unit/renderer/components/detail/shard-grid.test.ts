// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardGrid from '../../../../../renderer/src/components/detail/ShardGrid.vue';
import type { ShardView } from '../../../../../shared/live-status';
import { shard } from '../../fake-api';
import { frame } from '../heatmap/fake-canvas';

function shards(): Map<number, ShardView> {
  const m = new Map<number, ShardView>();
  for (let i = 0; i < 128; i++)
    if (i !== 100) m.set(i, shard(i, i < 37 ? 'down' : i < 40 ? 'degraded' : 'up'));
  return m;
}

describe('ShardGrid', () => {
  it('announces counts and labels the canvas as a grid', async () => {
    const w = mount(ShardGrid, {
      props: { shards: shards(), version: 1, membership: 1, expected: 128 },
      attachTo: document.body,
    });
    await frame();
    expect(w.find('[data-testid="grid-summary"]').text()).toBe(
      '37 of 128 shards down, 3 degraded, 1 missing',
    );
    const canvas = w.find('[role="grid"]');
    expect(canvas.attributes('role')).toBe('grid');
    expect(canvas.attributes('tabindex')).toBe('0');
    expect(w.find('.sg-legend').text()).toContain('down 37');
    expect(w.find('.sg-legend').text()).toContain('missing 1');
    w.unmount();
  });

  it('moves a focus cursor with arrow keys and selects with Enter', async () => {
    const w = mount(ShardGrid, {
      props: { shards: shards(), version: 1, membership: 1, expected: 128 },
      attachTo: document.body,
    });
    await frame();
    const canvas = w.find('[role="grid"]');
    await canvas.trigger('focus');
    await canvas.trigger('keydown', { key: 'ArrowRight' });
    await canvas.trigger('keydown', { key: 'ArrowRight' });
    await canvas.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('select')?.[0]).toEqual([2]);
    await canvas.trigger('keydown', { key: 'End' });
    await canvas.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('select')?.[1]).toEqual([127]);
    w.unmount();
  });

  it('filters to missing shards and goes to a shard by id', async () => {
    const w = mount(ShardGrid, {
      props: { shards: shards(), version: 1, membership: 1, expected: 128 },
      attachTo: document.body,
    });
    await frame();
    await w
      .findAll('button')
      .find((b) => b.text() === 'Missing')
      ?.trigger('click');
    await frame();
    const canvas = w.find('[role="grid"]');
    await canvas.trigger('focus');
    await canvas.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('select')?.[0]).toEqual([100]);
    await w.find('#sg-search-input').setValue('12');
    await w.find('form.sg-search').trigger('submit');
    expect(w.emitted('select')?.[1]).toEqual([12]);
    await w.find('#sg-search-input').setValue('999');
    await w.find('form.sg-search').trigger('submit');
    expect(w.text()).toContain('There is no shard 999');
    w.unmount();
  });

  it('labels the grid element, not the canvas tiles, for assistive technology', async () => {
    const w = mount(ShardGrid, {
      props: { shards: shards(), version: 1, membership: 1, expected: 128 },
      attachTo: document.body,
    });
    await frame();
    expect(w.findAll('[role="grid"]')).toHaveLength(1);
    for (const c of w.findAll('canvas')) expect(c.attributes('aria-hidden')).toBe('true');
    w.unmount();
  });
});

/** A 2D context that counts what each canvas tile painted. */
interface FakeCtx {
  fills: number;
  cellRects: number;
}

function installFakeCanvas(): Map<HTMLCanvasElement, FakeCtx> {
  const seen = new Map<HTMLCanvasElement, FakeCtx>();
  class FakePath {
    rect(): void {}
    moveTo(): void {}
    lineTo(): void {}
    arc(): void {}
  }
  vi.stubGlobal('Path2D', FakePath);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    const stats: FakeCtx = { fills: 0, cellRects: 0 };
    seen.set(this, stats);
    const noop = (): void => {};
    const ctx = {
      setTransform: noop,
      fill: () => void stats.fills++,
      stroke: noop,
      // Background clears cover the whole tile; single-cell repaints are pitch-sized.
      fillRect: (_x: number, _y: number, w: number) => {
        if (w <= 22) stats.cellRects++;
      },
      strokeRect: noop,
      beginPath: noop,
      moveTo: noop,
      lineTo: noop,
      arc: noop,
      setLineDash: noop,
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
    };
    return ctx as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return seen;
}

describe('ShardGrid painting of 10,000 shards', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  function bigBot(): Map<number, ShardView> {
    const m = new Map<number, ShardView>();
    for (let i = 0; i < 10_000; i++) m.set(i, shard(i, 'up'));
    return m;
  }

  it('paints the tiles in view first, the rest in idle time, then only changed cells', async () => {
    const painted = installFakeCanvas();
    const map = bigBot();
    const w = mount(ShardGrid, {
      props: { shards: map, version: 1, membership: 1, expected: 10_000 },
      attachTo: document.body,
    });
    const tiles = (): HTMLCanvasElement[] =>
      w.findAll('canvas').map((c) => c.element as HTMLCanvasElement);
    // First frame: the grid is cut into tiles, and only those in view are painted.
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await new Promise((r) => setTimeout(r, 0));
    const all = tiles();
    expect(all.length).toBeGreaterThan(2);
    const firstFrame = all.filter((c) => painted.has(c));
    expect(firstFrame.length).toBeGreaterThan(0);
    expect(firstFrame.length).toBeLessThan(all.length);
    // Idle time paints the others, one at a time.
    await vi.waitFor(() => expect(all.every((c) => painted.has(c))).toBe(true), {
      timeout: 2_000,
    });
    for (const c of all) expect(painted.get(c)?.fills).toBeGreaterThan(0);
    const fillsBefore = [...painted.values()].reduce((a, p) => a + p.fills, 0);

    // One shard goes down: one cell repainted on the tile that holds it, no full paint.
    map.set(9_999, shard(9_999, 'down'));
    await w.setProps({ version: 2 });
    await frame();
    const last = all[all.length - 1] as HTMLCanvasElement;
    expect(painted.get(last)?.cellRects).toBe(1);
    const others = all.slice(0, -1).reduce((a, c) => a + (painted.get(c)?.cellRects ?? 0), 0);
    expect(others).toBe(0);
    expect([...painted.values()].reduce((a, p) => a + p.fills, 0)).toBe(fillsBefore);
    w.unmount();
    expect(document.querySelectorAll('canvas')).toHaveLength(0);
  });
});
