// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardMomentGrid from '../../../../../renderer/src/components/heatmap/ShardMomentGrid.vue';
import { formatExact } from '../../../../../renderer/src/format';
import { createSliceBuilder, heatCode } from '../../../../../shared/shard-heatmap';
import { frame, installFakeCanvas } from './fake-canvas';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const HOUR = 3_600_000;

/** 100 shards; 10 down from 01:00 to 02:00, shard 50 one-way from 03:00. */
function slice() {
  const b = createSliceBuilder(T0, T0 + 4 * HOUR, 0, 100);
  for (let s = 0; s < 100; s++) b.setInitial(s, heatCode('up'));
  for (let s = 0; s < 100; s++) {
    if (s >= 20 && s < 30) {
      b.push(s, T0 + HOUR, heatCode('down'));
      b.push(s, T0 + 2 * HOUR, heatCode('up'));
    }
    if (s === 50) b.push(s, T0 + 3 * HOUR, heatCode('one-way'));
  }
  return b.finish();
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ShardMomentGrid', () => {
  it('replays every shard at the scrubbed moment and repaints only what changed', async () => {
    const seen = installFakeCanvas();
    const s = slice();
    const w = mount(ShardMomentGrid, {
      props: { slice: s, at: T0 + 30 * 60_000 },
      attachTo: document.body,
    });
    await frame();
    const summary = (): string => w.find('[data-testid="moment-summary"]').text();
    expect(summary()).toBe(`At ${formatExact(T0 + 30 * 60_000)}: 100 up`);
    const fills = (): number => [...seen.values()].reduce((n, r) => n + r.cellFills, 0);
    const before = fills();
    await w.setProps({ at: T0 + 90 * 60_000 });
    await frame();
    expect(summary()).toBe(`At ${formatExact(T0 + 90 * 60_000)}: 10 down, 90 up`);
    // Ten shards changed: ten cells repainted, not a hundred.
    expect(fills() - before).toBe(10);
    await w.setProps({ at: T0 + 3.5 * HOUR });
    await frame();
    expect(summary()).toContain('1 one-way, 99 up');
    w.unmount();
  });

  it('names the shard under the pointer and opens its timeline at that moment', async () => {
    installFakeCanvas();
    const at = T0 + 3.5 * HOUR;
    const w = mount(ShardMomentGrid, { props: { slice: slice(), at }, attachTo: document.body });
    await frame();
    // 100 shards: 22 px pitch, 2 px padding; shard 50 is in column 50 % cols.
    const stack = w.find('[role="img"]');
    const cols = Math.floor((640 - 4) / 22);
    const x = 2 + (50 % cols) * 22 + 5;
    const y = 2 + Math.floor(50 / cols) * 22 + 5;
    await stack.trigger('mousemove', { clientX: x, clientY: y });
    expect(w.find('[data-testid="moment-hover"]').text()).toBe(
      `Shard 50 at ${formatExact(at)}: one-way`,
    );
    await stack.trigger('click', { clientX: x, clientY: y });
    expect(w.emitted('open-shard-timeline')?.[0]).toEqual([50, at]);
    w.unmount();
  });
});
