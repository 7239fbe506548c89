// @vitest-environment happy-dom
import { PINGS_ANSWERED_MEANING, PING_ONLY_NO_STATS } from '../../../../../shared/connection-text';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { setApi } from '../../../../../renderer/src/ipc/client';
import ProfileDetail from '../../../../../renderer/src/views/ProfileDetail.vue';
import { createFakeApi, flush, shard, shardPageOf } from '../../fake-api';
import type { FakeApi } from '../../fake-api';
import { profile, status } from './fixtures';
import type { ProfileStatus } from '../../../../../shared/live-status';
import type { ProfileView } from '../../../../../shared/profile-model';

let api: FakeApi;
let wrapper: VueWrapper | null = null;

beforeEach(() => {
  api = createFakeApi();
  api.handle('query:shards', () => shardPageOf(1, [shard(0), shard(1, 'down'), shard(2)]));
  api.handle('command:reconnect', () => ({ ok: true, value: null }));
  setApi(api);
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  setApi(null);
});

function mountDetail(props: {
  profile: ProfileView;
  status: ProfileStatus | undefined;
  focusShard?: number | null;
}): VueWrapper {
  wrapper = mount(ProfileDetail, {
    props,
    global: { plugins: [createPinia()], stubs: { LatencyChart: true } },
    attachTo: document.body,
  });
  return wrapper;
}

describe('ProfileDetail', () => {
  it('shows the 0.2.2 panel instead of the grid when the server does not report shard stats', async () => {
    const w = mountDetail({
      profile: profile({ dialect: 'http-interaction-0.2.2', shardTotal: 1 }),
      status: status({}, false),
    });
    await flush();
    const panel = w.find('[data-testid="no-shard-stats"]');
    expect(panel.exists()).toBe(true);
    expect(panel.text()).toContain(
      'This server (http-interaction 0.2.2) does not report shard stats to a monitor. Shardwatch still measures gateway latency and connection health.',
    );
    // What answered pings prove, in exactly these words (docs/protocol.md §2).
    expect(panel.text()).toContain(`Answered pings mean: ${PINGS_ANSWERED_MEANING}`);
    expect(w.find('[role="grid"]').exists()).toBe(false);
    expect(w.find('[data-testid="shard-row"]').exists()).toBe(false);
    expect(w.text()).not.toMatch(/\b0 shards\b/);
  });

  it('a documented profile that pings only says why there are no shard stats', async () => {
    const w = mountDetail({
      profile: profile({ monitorMode: 'ping-only' }),
      status: status({}, false),
    });
    await flush();
    expect(w.find('[data-testid="no-shard-stats"]').text()).toContain(PING_ONLY_NO_STATS);
  });

  it('shows the grid with a live summary when the server reports shard stats', async () => {
    const w = mountDetail({ profile: profile(), status: status() });
    await flush();
    expect(w.find('[data-testid="no-shard-stats"]').exists()).toBe(false);
    const grid = w.find('[role="grid"]');
    expect(grid.exists()).toBe(true);
    expect(grid.attributes('aria-label')).toContain('4 shards');
    // Shard 3 is expected (shard_total 4) but not reported: missing.
    expect(w.find('[data-testid="grid-summary"]').text()).toBe('1 of 4 shards down, 1 missing');
  });

  it('tells "no data" apart from figures, with units and two decimals below 10 ms', async () => {
    const w = mountDetail({ profile: profile(), status: status() });
    await flush();
    expect(w.find('[data-testid="lat-15m"]').text()).toContain('no data');
    const row = w.find('[data-testid="lat-1m"]').text();
    expect(row).toContain('4.26 ms');
    expect(row).toContain('12 ms');
    expect(row).toContain('150 ms');
    expect(row).toContain('9.1%');
  });

  it('shows the READY summary and the server detail', async () => {
    const w = mountDetail({
      profile: profile(),
      status: status({ state: 'failed', detail: 'Missing header Shard-Total' }),
    });
    await flush();
    expect(w.find('[data-testid="detail-state"]').text()).toContain('Failed');
    expect(w.find('[data-testid="detail-state"]').text()).toContain('Missing header Shard-Total');
    expect(w.text()).toContain('abcd…wxyz');
  });

  it('emits edit and back, and reconnects through the API', async () => {
    const w = mountDetail({ profile: profile(), status: status() });
    await flush();
    const button = (label: string) => w.findAll('button').find((b) => b.text().includes(label));
    await button('Edit')?.trigger('click');
    await button('Back')?.trigger('click');
    await button('Reconnect')?.trigger('click');
    await flush();
    expect(w.emitted('edit')).toHaveLength(1);
    expect(w.emitted('back')).toHaveLength(1);
    expect(api.calls.some((c) => c.channel === 'command:reconnect' && c.args[0] === 'p1')).toBe(
      true,
    );
  });

  it('selects the focused shard from the route and finds a shard by guild id', async () => {
    const w = mountDetail({ profile: profile(), status: status(), focusShard: 1 });
    await flush();
    expect(w.find('[data-testid="shard-details"]').text()).toContain('Shard 1');
    await w.find('#fs-guild').setValue('41771983423143937');
    await w.find('form.fs').trigger('submit');
    await flush();
    // (41771983423143937 >> 22) % 4 = 9959216934 % 4 = 2
    expect(w.find('[data-testid="find-shard-result"]').text()).toContain('shard 2');
    expect(w.find('[data-testid="shard-details"]').text()).toContain('Shard 2');
    await w.find('#fs-guild').setValue('not a number');
    await w.find('form.fs').trigger('submit');
    expect(w.find('[data-testid="find-shard-result"]').text()).toContain('digits only');
  });

  it('loads the frame log when its tab opens, not before', async () => {
    api.handle('query:frames', () => ({
      ok: true,
      value: [
        {
          at: Date.now(),
          direction: 'in',
          type: 3,
          event: 'GATEWAY_PING',
          text: '{"type":3}',
          error: null,
        },
      ],
    }));
    const w = mountDetail({ profile: profile(), status: status() });
    await flush();
    expect(api.calls.some((c) => c.channel === 'query:frames')).toBe(false);
    await w.find('#pd-tab-frames').trigger('click');
    await flush();
    expect(api.calls.filter((c) => c.channel === 'query:frames')).toHaveLength(1);
    expect(w.text()).toContain('GATEWAY_PING');
  });
});
