// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/ipc/client';
import { useAppStore } from '../../../../renderer/src/stores/app';
import Overview from '../../../../renderer/src/views/Overview.vue';
import { createFakeApi, makeIncident, makeProfile, makeSnapshot, makeStatus } from '../fake-api';
import type { FakeApi } from '../fake-api';

async function mountWith(snapshot: ReturnType<typeof makeSnapshot>, api?: FakeApi) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = api ?? createFakeApi();
  fake.handlers['query:snapshot'] = () => ({ ok: true, value: snapshot });
  setApi(fake);
  await useAppStore().start();
  const wrapper = mount(Overview, { global: { plugins: [pinia] } });
  await flushPromises();
  return { wrapper, api: fake };
}

describe('Overview', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => setApi(null));

  it('offers "Reconnect now" only for profiles that are switched on', async () => {
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles: [
          makeProfile({ id: 'on', name: 'On', order: 0 }),
          makeProfile({ id: 'off', name: 'Off', order: 1, enabled: false }),
        ],
        status: {
          on: makeStatus('on', { state: 'reconnecting' }),
          off: makeStatus('off', { state: 'idle' }),
        },
      }),
    );
    expect(wrapper.find('[aria-label="Reconnect On now"]').exists()).toBe(true);
    expect(wrapper.find('[aria-label="Reconnect Off now"]').exists()).toBe(false);
    // The switched-off one is started with "Connect" instead.
    expect(wrapper.find('[aria-label="Connect Off"]').exists()).toBe(true);
  });

  it('sorts trouble first, keeping the user order among healthy profiles', async () => {
    const profiles = [
      makeProfile({ id: 'ok1', name: 'Healthy one', order: 0 }),
      makeProfile({ id: 'off', name: 'Switched off', order: 1, enabled: false }),
      makeProfile({ id: 'down', name: 'Shards down', order: 2 }),
      makeProfile({ id: 'ok2', name: 'Healthy two', order: 3 }),
      makeProfile({ id: 'auth', name: 'Refused', order: 4 }),
      makeProfile({ id: 'rec', name: 'Reconnecting', order: 5 }),
      makeProfile({ id: 'inc', name: 'Has incident', order: 6 }),
    ];
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles,
        status: {
          ok1: makeStatus('ok1'),
          off: makeStatus('off', { state: 'idle' }),
          down: makeStatus('down', {}, { up: 3, down: 1 }),
          ok2: makeStatus('ok2'),
          auth: makeStatus('auth', { state: 'auth-refused', lastRttMs: null }),
          rec: makeStatus('rec', { state: 'reconnecting' }),
          inc: makeStatus('inc'),
        },
        incidents: [
          makeIncident({ id: 'i1', profileId: 'inc' }),
          makeIncident({ id: 'i2', profileId: 'inc', rule: 'loss' }),
        ],
      }),
    );
    const names = wrapper
      .findAll('[data-testid="profile-row"]')
      .map((r) => r.attributes('data-profile-name'));
    expect(names).toEqual([
      'Refused',
      'Shards down',
      'Reconnecting',
      'Has incident',
      'Healthy one',
      'Healthy two',
      'Switched off',
    ]);
    const refused = wrapper.find('[data-profile-id="auth"]');
    // Words, not colour alone.
    expect(refused.text()).toContain('Credentials refused');
    expect(refused.find('svg.status-icon').exists()).toBe(true);
  });

  it('never shows a green "Connected" for a profile whose pings all go unanswered', async () => {
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles: [makeProfile({ id: 'q', name: 'Quiet' })],
        status: { q: makeStatus('q', { state: 'ready', recentRtts: [9, null, null, null] }) },
      }),
    );
    const badge = wrapper.find('[data-profile-id="q"] .state-badge');
    expect(badge.text()).toBe('Not answering pings');
    expect(badge.classes()).toContain('tone-bad');
    expect(badge.attributes('data-look')).toBe('unanswered');
  });

  it('says "no shard stats" for servers that do not report them', async () => {
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles: [
          makeProfile({ id: 'a', name: 'Rust server', dialect: 'http-interaction-0.2.2' }),
          makeProfile({ id: 'b', name: 'Documented', order: 1 }),
        ],
        status: {
          a: makeStatus('a', {}, { reportsStats: false, up: 0, expected: 1 }),
          b: makeStatus('b', {}, { up: 3, expected: 4, degraded: 1 }),
        },
      }),
    );
    expect(wrapper.find('[data-profile-id="a"] [data-testid="shards"]').text()).toBe(
      'no shard stats',
    );
    expect(wrapper.find('[data-profile-id="b"] [data-testid="shards"]').text()).toContain('3/4 up');
  });

  it('shows RTT in ms, a sparkline marking lost pings, and "no data" for loss without pings', async () => {
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles: [makeProfile({ id: 'a', name: 'A' })],
        status: {
          a: makeStatus('a', {
            lastRttMs: 3.456,
            recentRtts: [3, null, 4, null],
            latency: {
              ...makeStatus('a').latency,
              '1m': { ...makeStatus('a').latency['1m'], lossPct: null },
            },
          }),
        },
      }),
    );
    const row = wrapper.find('[data-profile-id="a"]');
    expect(row.find('[data-testid="rtt"]').text()).toBe('3.46 ms');
    expect(row.text()).toContain('no data');
    expect(row.findAll('svg.sparkline g.lost')).toHaveLength(2);
    expect(row.find('svg.sparkline').attributes('aria-label')).toContain('2 lost');
  });

  it('does not show the last RTT or shard counts as current while the connection is down', async () => {
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles: [
          makeProfile({ id: 'a', name: 'Down' }),
          makeProfile({ id: 'b', name: 'Up', order: 1 }),
        ],
        status: {
          a: makeStatus(
            'a',
            { state: 'reconnecting', lastRttMs: 6.75 },
            { up: 0, noData: 16, expected: 16 },
          ),
          b: makeStatus('b', { lastRttMs: 6.75 }, { up: 12, down: 4, expected: 16 }),
        },
      }),
    );
    const down = wrapper.find('[data-profile-id="a"]');
    expect(down.find('[data-testid="rtt"]').text()).toBe('—');
    expect(down.find('[data-testid="rtt"]').attributes('title')).toContain('6.75 ms');
    expect(down.find('[data-testid="shards"]').text()).toBe('16 shards, state unknown');
    expect(down.find('[data-testid="shards"]').classes()).toContain('tone-muted');
    const up = wrapper.find('[data-profile-id="b"]');
    expect(up.find('[data-testid="rtt"]').text()).toBe('6.75 ms');
    expect(up.find('[data-testid="rtt"]').attributes('title')).toBeUndefined();
    expect(up.find('[data-testid="shards"]').text().replace(/\s+/g, ' ')).toBe('12/16 up · 4 down');
    expect(up.find('[data-testid="shards"]').classes()).toContain('tone-bad');
  });

  it('explains the empty state and the Demo profile', async () => {
    const { wrapper } = await mountWith(makeSnapshot({ profiles: [] }));
    const empty = wrapper.find('[data-testid="empty-state"]');
    expect(empty.exists()).toBe(true);
    expect(empty.text()).toContain('Demo');
    expect(empty.find('a[href="#/new"]').exists()).toBe(true);
  });

  it('shows a row action error in the row, in words', async () => {
    const api = createFakeApi({
      'command:connect': () => ({
        ok: false,
        error: { code: 'read-only', message: 'Profiles are read-only; update Shardwatch.' },
      }),
    });
    const { wrapper } = await mountWith(
      makeSnapshot({
        profiles: [makeProfile({ id: 'a', name: 'A' }), makeProfile({ id: 'b', name: 'B' })],
        status: { a: makeStatus('a', { state: 'closed' }), b: makeStatus('b') },
      }),
      api,
    );
    const connect = wrapper
      .findAll('button')
      .find((b) => b.attributes('aria-label') === 'Connect A');
    if (!connect) throw new Error('no connect button');
    await connect.trigger('click');
    await flushPromises();
    expect(api.callsTo('command:connect')[0]?.args).toEqual(['a']);
    expect(wrapper.find('[role="alert"]').text()).toContain(
      'Could not connect: Profiles are read-only; update Shardwatch.',
    );
  });
});
