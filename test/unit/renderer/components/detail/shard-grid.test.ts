// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardGrid from '../../../../../renderer/src/components/detail/ShardGrid.vue';
import type { ShardState, ShardView } from '../../../../../shared/live-status';
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

/** What one canvas tile painted: fills, and the cell boxes cleared by batched repaints. */
interface FakeCtx {
  fills: number;
  cleared: number;
}

const BACKGROUND = '#ffffff';

function installFakeCanvas(): Map<HTMLCanvasElement, FakeCtx> {
  const seen = new Map<HTMLCanvasElement, FakeCtx>();
  class FakePath {
    rects = 0;
    rect(): void {
      this.rects++;
    }
    moveTo(): void {}
    lineTo(): void {}
    arc(): void {}
  }
  vi.stubGlobal('Path2D', FakePath);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    const stats: FakeCtx = seen.get(this) ?? { fills: 0, cleared: 0 };
    seen.set(this, stats);
    const noop = (): void => {};
    const ctx = {
      setTransform: noop,
      fill(p?: FakePath) {
        stats.fills++;
        // A repaint clears the pitch boxes of its cells in one background path.
        if (p && ctx.fillStyle === BACKGROUND) stats.cleared += p.rects;
      },
      stroke: noop,
      fillRect: noop,
      strokeRect: noop,
      beginPath: noop,
      closePath: noop,
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

describe('ShardGrid painting of 50,000 shards', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  const TOTAL = 50_000;
  function bigBot(): Map<number, ShardView> {
    const m = new Map<number, ShardView>();
    for (let i = 0; i < TOTAL; i++) m.set(i, shard(i, 'up'));
    return m;
  }
  /** Live canvases (hidden pooled ones excluded). */
  const live = (): HTMLCanvasElement[] =>
    [...document.querySelectorAll('canvas')].filter((c) => c.style.display !== 'none');
  const cleared = (painted: Map<HTMLCanvasElement, FakeCtx>): number =>
    [...painted.values()].reduce((a, p) => a + p.cleared, 0);
  const fills = (painted: Map<HTMLCanvasElement, FakeCtx>): number =>
    [...painted.values()].reduce((a, p) => a + p.fills, 0);

  it('gives canvases only to the tiles in view and their neighbours, also after a scroll', async () => {
    const painted = installFakeCanvas();
    const w = mount(ShardGrid, {
      props: { shards: bigBot(), version: 1, membership: 1, expected: TOTAL },
      attachTo: document.body,
    });
    await frame();
    // The first frame paints the tiles in view (480 px of 10 px rows: two tiles) and no others.
    const first = live();
    expect(first.length).toBe(2);
    expect(first.every((c) => painted.has(c))).toBe(true);
    // Idle time paints the neighbour below; nothing further away ever gets a canvas.
    await vi.waitFor(() => expect(live()).toHaveLength(3), { timeout: 2_000 });
    expect(live().every((c) => (painted.get(c)?.fills ?? 0) > 0)).toBe(true);

    // Far down: the canvases near the top are given back, the tiles now in view painted.
    const sc = w.find('.sg-scroll').element as HTMLElement;
    sc.scrollTop = 4_000;
    await w.find('.sg-scroll').trigger('scroll');
    await frame();
    const tops = live().map((c) => Number.parseFloat(c.style.top));
    expect(Math.min(...tops)).toBeGreaterThan(3_000);
    expect(live().length).toBeLessThanOrEqual(4);
    expect(document.querySelectorAll('canvas').length).toBeLessThanOrEqual(6);
    w.unmount();
    expect(document.querySelectorAll('canvas')).toHaveLength(0);
  });

  it('repaints only changed cells on live tiles, in slices, never an update behind', async () => {
    const painted = installFakeCanvas();
    const map = bigBot();
    let version = 1;
    const log = new Map<number, number[]>();
    const changedSince = (since: number): number[] | null => {
      const out: number[] = [];
      for (let v = since + 1; v <= version; v++) out.push(...(log.get(v) ?? []));
      return out;
    };
    const w = mount(ShardGrid, {
      props: { shards: map, version, membership: 1, expected: TOTAL, changedSince },
      attachTo: document.body,
    });
    await frame();
    await vi.waitFor(() => expect(live()).toHaveLength(3), { timeout: 2_000 });
    const fillsBefore = fills(painted);

    // One shard in view and one far away go down: one cell repainted, no tile painted again.
    const update = async (ids: number[], state: ShardState = 'down'): Promise<void> => {
      for (const id of ids) map.set(id, shard(id, state));
      log.set(++version, ids);
      await w.setProps({ version });
      await frame();
    };
    const summary = (): string => w.find('[data-testid="grid-summary"]').text();
    await update([5, 40_000]);
    expect(cleared(painted)).toBe(1);
    // The legend counts only the changed shards again, and stays exact.
    expect(summary()).toBe('2 of 50000 shards down');
    // Eight draw calls of one batched repaint, not a tile's worth.
    expect(fills(painted) - fillsBefore).toBeLessThan(10);

    // 3,000 shards in view change at once: 1,500 cells this frame, the rest in the next.
    const many = Array.from({ length: 3_000 }, (_, i) => 100 + i);
    await update(many);
    expect(cleared(painted)).toBe(1 + 1_500);
    await frame();
    expect(cleared(painted)).toBe(1 + 3_000);

    // A second big update, then a third before its slices are done: the frame after the third
    // repaints every cell the second left waiting (and the third's), never two updates behind.
    await update(
      Array.from({ length: 3_000 }, (_, i) => 1_000 + i),
      'degraded',
    );
    expect(cleared(painted)).toBe(3_001 + 1_500);
    await update([10]);
    expect(cleared(painted)).toBe(3_001 + 3_000 + 1);
    // 5 and 40,000, then 100–3,099 went down; 1,000–3,999 degraded (2,100 of them were down);
    // shard 10 went down.
    expect(summary()).toBe('903 of 50000 shards down, 3000 degraded');
    // Shard 10 back up, and a membership change recounts in full: the same words.
    map.set(10, shard(10, 'up'));
    log.set(++version, [10]);
    await w.setProps({ version, membership: 2 });
    expect(summary()).toBe('902 of 50000 shards down, 3000 degraded');
    w.unmount();
  });
});
