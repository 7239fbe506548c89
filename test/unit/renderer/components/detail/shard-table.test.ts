// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ShardTable from '../../../../../renderer/src/components/detail/ShardTable.vue';
import { visibleRange } from '../../../../../renderer/src/components/detail/shard-columns';
import { sortedIds } from '../../../../../renderer/src/components/detail/shard-order';
import type { ShardState, ShardView } from '../../../../../shared/live-status';
import { shard } from '../../fake-api';
import { i18n } from '../../../../../renderer/src/i18n';

function bigMap(n: number): Map<number, ShardView> {
  const m = new Map<number, ShardView>();
  for (let i = 0; i < n; i++) {
    m.set(
      i,
      shard(i, i % 37 === 0 ? 'down' : 'up', {
        received: (i * 7919) % 10_007,
        extra: i === 5 ? { shard_zone: 'eu' } : {},
      }),
    );
  }
  return m;
}

function ids(w: ReturnType<typeof mount>): number[] {
  return w.findAll('[data-testid="shard-row"]').map((r) => Number(r.find('td').text()));
}

describe('ShardTable', () => {
  it('renders only a window of rows for 10,000 shards', () => {
    const w = mount(ShardTable, { props: { shards: bigMap(10_000), version: 1 } });
    const rows = w.findAll('[data-testid="shard-row"]');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(ids(w).slice(0, 3)).toEqual([0, 1, 2]);
    expect(w.find('table').attributes('aria-rowcount')).toBe('10001');
    expect(w.text()).toContain('10,000 shards');
  });

  it('renders a later window after scrolling', async () => {
    const w = mount(ShardTable, { props: { shards: bigMap(10_000), version: 1 } });
    const body = w.find('.st-scroll');
    (body.element as HTMLElement).scrollTop = 28 * 5000;
    await body.trigger('scroll');
    const shown = ids(w);
    expect(shown).toContain(5000);
    expect(shown).not.toContain(0);
    expect(shown.length).toBeLessThanOrEqual(60);
  });

  it('sorts by a column when its header is clicked, toggling direction', async () => {
    const w = mount(ShardTable, { props: { shards: bigMap(200), version: 1 } });
    const header = w.find('th button[data-wire="shard_id"]');
    await header?.trigger('click');
    expect(ids(w)[0]).toBe(199);
    expect(w.find('th[aria-sort="descending"]').exists()).toBe(true);
    const state = w.findAll('th button').find((b) => b.text().startsWith('Health'));
    await state?.trigger('click');
    // Down shards sort first; ties by id.
    expect(ids(w).slice(0, 3)).toEqual([0, 37, 74]);
  });

  it("titles columns in words and keeps every protocol field's wire name in its tooltip", () => {
    const w = mount(ShardTable, { props: { shards: bigMap(3), version: 1 } });
    const headers = w.findAll('th button');
    const texts = headers.map((h) => h.text().replace(/[▲▼]/g, '').trim());
    for (const field of [
      'shard_id',
      'shard_hash',
      'development',
      'disconnected',
      'send_ping',
      'receibe_ping',
      'sending',
      'received',
    ]) {
      const header = w.find(`th button[data-wire="${field}"]`);
      expect(header.exists(), field).toBe(true);
      expect(header.attributes('title')).toContain(`Protocol field: ${field}`);
      // The wire name is never the visible title.
      expect(texts).not.toContain(field);
    }
    expect(w.find('th button[data-wire="receibe_ping"]').text()).toContain('Pings received');
  });

  it('opens unknown fields in a raw view', async () => {
    const w = mount(ShardTable, { props: { shards: bigMap(10), version: 1 } });
    const button = w.findAll('button').find((b) => b.text().includes('1 field'));
    await button?.trigger('click');
    expect(w.find('[data-testid="shard-raw"]').text()).toContain('"shard_zone": "eu"');
  });

  it('keeps rows in order through updates of changed shards, and scrolls to a found shard', async () => {
    const map = bigMap(50_000);
    let version = 1;
    const log = new Map<number, number[]>();
    const changedSince = (since: number): number[] | null => {
      const out: number[] = [];
      for (let v = since + 1; v <= version; v++) {
        const ids = log.get(v);
        if (!ids) return null;
        out.push(...ids);
      }
      return out;
    };
    const w = mount(ShardTable, { props: { shards: map, version, changedSince } });
    const state = w.findAll('th button').find((b) => b.text().startsWith('Health'));
    await state?.trigger('click');
    const update = async (changes: Array<[number, ShardState]>): Promise<void> => {
      for (const [id, st] of changes) map.set(id, shard(id, st));
      log.set(
        ++version,
        changes.map(([id]) => id),
      );
      await w.setProps({ version });
    };
    // Shard 49,999 goes down: it joins the down shards at the top, in id order.
    await update([
      [49_999, 'down'],
      [0, 'up'],
    ]);
    const top = sortedIds(map, 'state', 'asc');
    expect(ids(w)).toEqual(top.slice(0, ids(w).length));
    expect(ids(w)[0]).toBe(37);
    // 500 more change at once (1 %): the rows shown are still exactly a full sort's.
    await update(Array.from({ length: 500 }, (_, i) => [i * 97, i % 2 ? 'degraded' : 'down']));
    expect(ids(w)).toEqual(sortedIds(map, 'state', 'asc').slice(0, ids(w).length));
    // Find my shard: the table scrolls to its row in the current order.
    (w.vm as unknown as { scrollToShard(id: number): void }).scrollToShard(49_999);
    await w.vm.$nextTick();
    expect(ids(w)).toContain(49_999);
  });

  it('speaks the chosen language in every row, also after a switch', async () => {
    const w = mount(ShardTable, { props: { shards: bigMap(40), version: 1 } });
    const firstState = (): string => w.find('.st-state').text();
    expect(firstState()).toContain('down');
    i18n.global.locale.value = 'pt-BR';
    try {
      await w.vm.$nextTick();
      expect(firstState()).toContain('fora do ar');
      expect(w.findAll('[data-testid="shard-row"]')[1]?.text()).toContain('no ar');
    } finally {
      i18n.global.locale.value = 'en';
    }
  });

  it('emits select when a row is clicked', async () => {
    const w = mount(ShardTable, { props: { shards: bigMap(10), version: 1 } });
    await w.findAll('[data-testid="shard-row"]')[3]?.trigger('click');
    expect(w.emitted('select')?.[0]).toEqual([3]);
  });
});

describe('sortedIds / visibleRange', () => {
  it('sorts numerically with nulls last in descending rate order', () => {
    const list = [
      shard(0, 'up', { sendRate: 2 }),
      shard(1, 'up', { sendRate: null }),
      shard(2, 'up', { sendRate: 10 }),
    ];
    const map = new Map(list.map((s) => [s.id, s]));
    expect(sortedIds(map, 'send_rate', 'desc')).toEqual([2, 0, 1]);
  });

  it('computes a bounded window with overscan', () => {
    expect(visibleRange(0, 480, 28, 10_000)).toEqual({ start: 0, end: 28 });
    expect(visibleRange(28 * 100, 480, 28, 10_000)).toEqual({ start: 90, end: 128 });
    expect(visibleRange(28 * 9_999, 480, 28, 10_000)).toEqual({ start: 9_989, end: 10_000 });
  });
});
