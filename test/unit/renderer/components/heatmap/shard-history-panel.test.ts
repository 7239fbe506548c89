// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardHistoryPanel from '../../../../../renderer/src/components/heatmap/ShardHistoryPanel.vue';
import { formatExact } from '../../../../../renderer/src/format';
import { createSliceBuilder, heatCode } from '../../../../../shared/shard-heatmap';
import { frame, installFakeCanvas } from './fake-canvas';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const HOUR = 3_600_000;

/** 64 shards, identify bucket 3 (max_concurrency 16) down from 01:00 to 02:00. */
function slice() {
  const b = createSliceBuilder(T0, T0 + 4 * HOUR, 0, 64);
  for (let s = 0; s < 64; s++) {
    b.setInitial(s, heatCode('up'));
    if (s % 16 === 3) {
      b.push(s, T0 + HOUR, heatCode('down'));
      b.push(s, T0 + 2 * HOUR, heatCode('up'));
    }
  }
  return b.finish();
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ShardHistoryPanel', () => {
  it('replays the grid where the scrubber points and draws the moment on the heatmap', async () => {
    installFakeCanvas();
    const w = mount(ShardHistoryPanel, {
      props: { slice: slice(), maxConcurrency: 16 },
      attachTo: document.body,
    });
    await frame();
    const summary = (): string => w.find('[data-testid="moment-summary"]').text();
    expect(summary()).toContain('64 up');
    expect(w.find('[data-testid="heatmap-cursor"]').exists()).toBe(false);
    await w.find('input[type="range"]').setValue(String(T0 + 1.5 * HOUR));
    await frame();
    expect(summary()).toBe(`At ${formatExact(T0 + 1.5 * HOUR)}: 4 down, 60 up`);
    expect(w.find('[data-testid="heatmap-cursor"]').exists()).toBe(true);
    w.unmount();
  });

  it('offers grouping by identify bucket only when the bot has buckets, and passes clicks on', async () => {
    installFakeCanvas();
    const plain = mount(ShardHistoryPanel, { props: { slice: slice() }, attachTo: document.body });
    expect(plain.text()).not.toContain('by identify bucket');
    plain.unmount();
    const w = mount(ShardHistoryPanel, {
      props: { slice: slice(), maxConcurrency: 16, clusterSize: 16 },
      attachTo: document.body,
    });
    await frame();
    const bucket = w.findAll('button').find((b) => b.text() === 'by identify bucket');
    expect(bucket).toBeDefined();
    await bucket?.trigger('click');
    expect(bucket?.attributes('aria-pressed')).toBe('true');
    expect(w.findAll('button').some((b) => b.text() === 'by cluster')).toBe(true);
    await frame();
    // 16 buckets of 4 shards fit 480 px as 7 px rows with 2 px gaps; bucket 3 starts at row 12.
    const grid = w.find('[role="grid"]');
    await grid.trigger('click', { clientX: 76 + 400, clientY: 12 * 7 + 3 * 2 + 2 });
    const [id] = w.emitted('open-shard-timeline')?.[0] ?? [];
    expect((id as number) % 16).toBe(3);
    w.unmount();
  });
});
