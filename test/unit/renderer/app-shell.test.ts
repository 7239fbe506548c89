// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import App from '../../../renderer/src/App.vue';
import { setApi } from '../../../renderer/src/ipc/client';
import { createFakeApi, makeIncident, makeProfile, makeSnapshot, makeStatus } from './fake-api';
import type { FakeApi } from './fake-api';

async function mountApp(api: FakeApi) {
  const pinia = createPinia();
  setActivePinia(pinia);
  setApi(api);
  const wrapper = mount(App, {
    global: { plugins: [pinia], stubs: { ProfileDetail: true } },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

describe('App shell', () => {
  beforeEach(() => {
    location.hash = '#/';
  });
  afterEach(() => {
    setApi(null);
    document.body.innerHTML = '';
  });

  it('counts open incidents from one list: the nav badge, the row, the Incidents page agree', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({
        ok: true,
        value: makeSnapshot({
          profiles: [makeProfile({ id: 'p1', name: 'Prod' })],
          // The status's own count disagrees on purpose: it is not what screens count.
          status: { p1: makeStatus('p1', { openIncidents: 7 }) },
          incidents: [
            makeIncident({ id: 'a', profileId: 'p1' }),
            makeIncident({ id: 'b', profileId: 'p1', rule: 'loss' }),
            makeIncident({ id: 'c', profileId: 'p1', rule: 'latency-p95', clearedAt: 5_000 }),
          ],
        }),
      }),
      'query:incidents': () => ({ ok: true, value: [] }),
    });
    const wrapper = await mountApp(api);
    expect(wrapper.find('[data-testid="nav-incident-count"]').text()).toMatch(/^2\b/);
    expect(wrapper.find('[data-testid="incident-count"]').text()).toBe('2 open');
    location.hash = '#/incidents';
    await flushPromises();
    expect(wrapper.find('[data-testid="open-incident-count"]').text()).toBe('(2)');
    expect(wrapper.findAll('[data-testid="incident"]')).toHaveLength(2);
    // One closes: every count follows.
    api.emit('event:delta', {
      seq: 5,
      incidents: [makeIncident({ id: 'a', profileId: 'p1', clearedAt: 9_000 })],
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="open-incident-count"]').text()).toBe('(1)');
    expect(wrapper.find('[data-testid="nav-incident-count"]').text()).toMatch(/^1\b/);
  });

  it('applies the theme setting to <html data-theme>', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({
        ok: true,
        value: makeSnapshot({ settings: { ...makeSnapshot().settings, theme: 'dark' } }),
      }),
    });
    const wrapper = await mountApp(api);
    expect(document.documentElement.dataset['theme']).toBe('dark');
    api.emit('event:delta', {
      seq: 2,
      settings: { ...makeSnapshot().settings, theme: 'light' },
    });
    await flushPromises();
    expect(document.documentElement.dataset['theme']).toBe('light');
    wrapper.unmount();
  });

  it('navigates to the profile (and shard) on event:open', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({
        ok: true,
        value: makeSnapshot({
          profiles: [makeProfile({ id: 'p1', name: 'One' })],
          status: { p1: makeStatus('p1') },
        }),
      }),
    });
    const wrapper = await mountApp(api);
    api.emit('event:open', { profileId: 'p1', shardId: 4 });
    await flushPromises();
    expect(location.hash).toBe('#/profile/p1?shard=4');
    const detail = wrapper.findComponent({ name: 'ProfileDetail' });
    expect(detail.exists()).toBe(true);
    expect(detail.props('focusShard')).toBe(4);
    wrapper.unmount();
  });

  it('shows notices and dismisses them, with the error in place when that fails', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({
        ok: true,
        value: makeSnapshot({
          notices: [{ id: 'n1', level: 'warning', message: 'Profiles file was repaired.', at: 0 }],
        }),
      }),
      'command:dismiss-notice': () => ({
        ok: false,
        error: { code: 'internal', message: 'The settings file is not writable.' },
      }),
    });
    const wrapper = await mountApp(api);
    const notice = wrapper.find('[data-testid="notice"]');
    expect(notice.text()).toContain('Warning');
    expect(notice.text()).toContain('Profiles file was repaired.');
    await notice.find('button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="notice"] [role="alert"]').text()).toContain(
      'The settings file is not writable.',
    );
    wrapper.unmount();
  });
});
