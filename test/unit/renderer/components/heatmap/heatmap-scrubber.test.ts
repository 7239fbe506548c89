// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import HeatmapScrubber from '../../../../../renderer/src/components/heatmap/HeatmapScrubber.vue';
import { formatExact } from '../../../../../renderer/src/format';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('HeatmapScrubber', () => {
  it('picks a moment with the slider and goes back to now', async () => {
    const w = mount(HeatmapScrubber, { props: { from: T0, to: T0 + DAY, modelValue: null } });
    expect(w.find('[data-testid="scrubber-time"]').text()).toBe(
      `now (${formatExact(T0 + DAY - 1)})`,
    );
    const input = w.find('input[type="range"]');
    expect(input.attributes('aria-valuetext')).toContain('now');
    await input.setValue(String(T0 + DAY / 2));
    expect(w.emitted('update:modelValue')?.[0]).toEqual([T0 + DAY / 2]);
    await w.setProps({ modelValue: T0 + DAY / 2 });
    expect(w.find('[data-testid="scrubber-time"]').text()).toBe(formatExact(T0 + DAY / 2));
    await w
      .findAll('button')
      .find((b) => b.text() === 'Now')
      ?.trigger('click');
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([null]);
  });

  it('plays through the window and stops at its end', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
    const w = mount(HeatmapScrubber, {
      props: { from: T0, to: T0 + DAY, modelValue: null, playMs: 1000 },
    });
    await w
      .findAll('button')
      .find((b) => b.text() === 'Play')
      ?.trigger('click');
    // From "now", playing starts over at the beginning.
    expect(w.emitted('update:modelValue')?.[0]).toEqual([T0]);
    await w.setProps({ modelValue: T0 });
    vi.advanceTimersByTime(100);
    const moved = w.emitted('update:modelValue') ?? [];
    const values = moved.slice(1).map((e) => e[0] as number);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v > T0 && v < T0 + DAY)).toBe(true);
    // A second of play covers the window: it ends at "now".
    await w.setProps({ modelValue: T0 + DAY - 1000 });
    vi.advanceTimersByTime(200);
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([null]);
    await w.vm.$nextTick();
    expect(w.findAll('button').find((b) => b.text() === 'Play')).toBeDefined();
  });
});
