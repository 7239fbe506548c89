// @vitest-environment happy-dom
/**
 * The latency chart's legend names the pings the app could not time honestly
 * (disturbed, docs/architecture.md §3.11) and says why they are in no figure;
 * its summary counts them as answered (they were), in no RTT figure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import LatencyChart from '../../../../../renderer/src/components/detail/LatencyChart.vue';
import type { HistoryPoint, HistorySeries } from '../../../../../shared/history-model';

const NOW = Date.UTC(2026, 11, 3, 2, 0, 0);
let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

const point = (t: number, over: Partial<HistoryPoint> = {}): HistoryPoint => ({
  t,
  p5: 10,
  p50: 12,
  p95: 15,
  min: 9,
  max: 16,
  count: 5,
  lost: 0,
  disturbed: 0,
  ...over,
});

function series(points: HistoryPoint[]): HistorySeries {
  return {
    profileId: 'p1',
    window: '15m',
    resolutionMs: 1000,
    from: NOW - 15 * 60_000,
    to: NOW,
    points,
    restarts: [],
    incidents: [],
  };
}

describe('the latency chart and disturbed pings', () => {
  it('names the disturbed pings in the legend, with why, and counts them as answered in the summary', () => {
    wrapper = mount(LatencyChart, {
      props: {
        window: '15m',
        series: series([
          point(NOW - 3000),
          point(NOW - 2000, { count: 4, disturbed: 2 }),
          point(NOW - 1000, { count: 0, disturbed: 1, p5: null, p50: null, p95: null }),
        ]),
      },
    });
    const legend = wrapper.find('[data-testid="chart-disturbed"]');
    expect(legend.exists()).toBe(true);
    expect(legend.text()).toContain('not timed honestly (3)');
    expect(legend.attributes('title')).toMatch(/left out of the line, the band, every figure/);
    expect(wrapper.find('.lc-summary').text()).toMatch(/^12 pings answered, 0 lost/);
  });

  it('shows no disturbed entry when every ping was timed', () => {
    wrapper = mount(LatencyChart, {
      props: { window: '15m', series: series([point(NOW - 1000)]) },
    });
    expect(wrapper.find('[data-testid="chart-disturbed"]').exists()).toBe(false);
  });
});
