// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardGrid from '../../../../renderer/src/components/detail/ShardGrid.vue';
import type { ShardView } from '../../../../shared/model';
import { shard } from './fake-api';

const frame = (): Promise<void> => new Promise((r) => setTimeout(r, 40));

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
    const canvas = w.find('canvas');
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
    const canvas = w.find('canvas');
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
    const canvas = w.find('canvas');
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
});
