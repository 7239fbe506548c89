// @vitest-environment happy-dom
/**
 * The profile-list controls: the overview's order choice, "Move up" /
 * "Move down", "Duplicate", bringing the Demo back (overview empty state and
 * Settings), and the editor's note on a fresh copy. Errors appear where the
 * user acted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Pinia } from 'pinia';
import type { Component } from 'vue';
import type { AppSnapshot } from '../../../shared/app-state';
import type { ProfileView } from '../../../shared/profile-model';
import { setApi } from '../../../renderer/src/ipc/client';
import { useAppStore } from '../../../renderer/src/stores/app';
import Overview from '../../../renderer/src/views/Overview.vue';
import ProfileEditor from '../../../renderer/src/views/ProfileEditor.vue';
import Settings from '../../../renderer/src/views/Settings.vue';
import { createFakeApi, makeProfile, makeSnapshot, makeStatus } from './fake-api';
import type { FakeApi } from './fake-api';

/** The Pinia of the last mounted view, to mount a second view on the same store. */
let pinia: Pinia;

async function mountView(
  view: Component,
  snapshot: AppSnapshot,
  api: FakeApi,
  props: Record<string, unknown> = {},
): Promise<VueWrapper> {
  pinia = createPinia();
  setActivePinia(pinia);
  api.handlers['query:snapshot'] = () => ({ ok: true, value: snapshot });
  setApi(api);
  await useAppStore().start();
  const wrapper = mount(view, { props, global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

function rowNames(wrapper: VueWrapper): Array<string | undefined> {
  return wrapper
    .findAll('[data-testid="profile-row"]')
    .map((r) => r.attributes('data-profile-name'));
}

function button(wrapper: VueWrapper, label: string) {
  const b = wrapper
    .findAll('button')
    .find((x) => x.attributes('aria-label') === label || x.text() === label);
  if (!b) throw new Error(`no button "${label}"`);
  return b;
}

/** Three healthy-looking profiles except Bravo, which is down (trouble first puts it on top). */
function threeProfiles(sort: 'trouble' | 'manual'): AppSnapshot {
  return makeSnapshot({
    profiles: [
      makeProfile({ id: 'a', name: 'Alpha', order: 0 }),
      makeProfile({ id: 'b', name: 'Bravo', order: 1 }),
      makeProfile({ id: 'c', name: 'Charlie', order: 2 }),
    ],
    status: {
      a: makeStatus('a'),
      b: makeStatus('b', { state: 'failed' }),
      c: makeStatus('c'),
    },
    settings: { ...makeSnapshot().settings, overviewSort: sort },
  });
}

/** A fake reorder that answers with the profiles in the asked order. */
function reorderAs(snapshot: AppSnapshot) {
  return (ids: string[]) => ({
    ok: true as const,
    value: ids.map((id, order): ProfileView => {
      const p = snapshot.profiles.find((x) => x.id === id);
      if (!p) throw new Error(`unknown ${id}`);
      return { ...p, order };
    }),
  });
}

describe('Overview: order', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    setApi(null);
    document.body.innerHTML = '';
  });

  it('"Trouble first" ranks by health and offers no move buttons; "Your order" is saved and shows them', async () => {
    const snap = threeProfiles('trouble');
    const api = createFakeApi({
      'command:update-settings': (patch) => ({
        ok: true,
        value: { ...snap.settings, ...patch },
      }),
    });
    const wrapper = await mountView(Overview, snap, api);
    expect(rowNames(wrapper)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(wrapper.findAll('button[data-move]')).toHaveLength(0);
    const trouble = wrapper.find<HTMLInputElement>('#sort-trouble');
    expect(trouble.element.checked).toBe(true);
    expect(wrapper.find('label[for="sort-manual"]').text()).toBe('Your order');

    await wrapper.find('#sort-manual').setValue(true);
    await flushPromises();
    expect(api.callsTo('command:update-settings')[0]?.args).toEqual([{ overviewSort: 'manual' }]);
    expect(rowNames(wrapper)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(wrapper.findAll('button[data-move]')).toHaveLength(6);
    expect(button(wrapper, 'Move Alpha up').attributes('aria-disabled')).toBe('true');
    expect(button(wrapper, 'Move Charlie down').attributes('aria-disabled')).toBe('true');
    expect(button(wrapper, 'Move Bravo up').attributes('aria-disabled')).toBeUndefined();
    expect(wrapper.find('caption').text()).toBe('Profiles, in your order');
  });

  it('keeps the saved order choice and says so when saving a new one fails', async () => {
    const api = createFakeApi({
      'command:update-settings': () => ({
        ok: false,
        error: { code: 'internal', message: 'Could not save your profiles (EROFS).' },
      }),
    });
    const wrapper = await mountView(Overview, threeProfiles('trouble'), api);
    await wrapper.find('#sort-manual').setValue(true);
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'Could not change the order: Could not save your profiles (EROFS). The previous order is kept.',
    );
    expect(wrapper.find<HTMLInputElement>('#sort-trouble').element.checked).toBe(true);
    expect(rowNames(wrapper)).toEqual(['Bravo', 'Alpha', 'Charlie']);
  });

  it('"Move up" sends the new order, moves the row, keeps the focus and says where it went', async () => {
    const snap = threeProfiles('manual');
    const api = createFakeApi({ 'command:reorder-profiles': reorderAs(snap) });
    const wrapper = await mountView(Overview, snap, api);
    expect(rowNames(wrapper)).toEqual(['Alpha', 'Bravo', 'Charlie']);

    const up = button(wrapper, 'Move Bravo up');
    (up.element as HTMLButtonElement).focus();
    await up.trigger('click');
    await flushPromises();
    expect(api.callsTo('command:reorder-profiles')[0]?.args).toEqual([['b', 'a', 'c']]);
    expect(rowNames(wrapper)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(wrapper.find('[role="status"]').text()).toBe('Bravo moved up, now 1 of 3.');
    // Bravo is first now, so its "up" is off; the focus went to its "down".
    const active = document.activeElement as HTMLElement | null;
    expect(active?.getAttribute('aria-label')).toBe('Move Bravo down');
    expect(button(wrapper, 'Move Bravo up').attributes('aria-disabled')).toBe('true');

    // An "off" button does nothing.
    await button(wrapper, 'Move Bravo up').trigger('click');
    await flushPromises();
    expect(api.callsTo('command:reorder-profiles')).toHaveLength(1);

    await button(wrapper, 'Move Alpha down').trigger('click');
    await flushPromises();
    expect(api.callsTo('command:reorder-profiles')[1]?.args).toEqual([['b', 'c', 'a']]);
    expect(rowNames(wrapper)).toEqual(['Bravo', 'Charlie', 'Alpha']);
  });

  it('a refused move is explained in the row, and the order stays', async () => {
    const api = createFakeApi({
      'command:reorder-profiles': () => ({
        ok: false,
        error: {
          code: 'validation',
          message: 'The new order must list every profile exactly once.',
          fieldErrors: {
            order:
              'The list of profiles changed meanwhile (one was added or removed); look at it again and retry.',
          },
        },
      }),
    });
    const wrapper = await mountView(Overview, threeProfiles('manual'), api);
    await button(wrapper, 'Move Charlie up').trigger('click');
    await flushPromises();
    expect(rowNames(wrapper)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    const alert = wrapper.find('.error-row [role="alert"]');
    expect(alert.text()).toBe(
      'Could not move Charlie: The list of profiles changed meanwhile (one was added or removed); look at it again and retry.',
    );
    // The error row sits under Charlie's row.
    const rows = wrapper.findAll('tbody tr');
    const charlie = rows.findIndex((r) => r.attributes('data-profile-name') === 'Charlie');
    expect(rows[charlie + 1]?.classes()).toContain('error-row');
  });
});

describe('Overview: duplicate', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    location.hash = '#/';
  });
  afterEach(() => {
    setApi(null);
    document.body.innerHTML = '';
  });

  it('duplicates in the core and opens the copy in the editor', async () => {
    const snap = threeProfiles('trouble');
    const copy = makeProfile({ id: 'a2', name: 'Alpha (copy)', order: 1, enabled: false });
    const api = createFakeApi({ 'command:duplicate-profile': () => ({ ok: true, value: copy }) });
    const wrapper = await mountView(Overview, snap, api);
    await button(wrapper, 'Duplicate Alpha').trigger('click');
    await flushPromises();
    expect(api.callsTo('command:duplicate-profile')[0]?.args).toEqual(['a']);
    expect(location.hash).toBe('#/profile/a2/edit');
    const app = useAppStore();
    expect(app.profileById.get('a2')?.name).toBe('Alpha (copy)');
    expect(app.copiedFrom['a2']).toBe('Alpha');
  });

  it('shows a failed duplicate in the row and stays put', async () => {
    const api = createFakeApi({
      'command:duplicate-profile': () => ({
        ok: false,
        error: { code: 'not-found', message: 'This profile no longer exists.' },
      }),
    });
    const wrapper = await mountView(Overview, threeProfiles('trouble'), api);
    await button(wrapper, 'Duplicate Charlie').trigger('click');
    await flushPromises();
    expect(location.hash).toBe('#/');
    expect(wrapper.find('.error-row [role="alert"]').text()).toBe(
      'Could not duplicate Charlie: This profile no longer exists.',
    );
  });
});

describe('the editor of a fresh copy', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    setApi(null);
    document.body.innerHTML = '';
  });

  it('says what it is a copy of and that it is paused', async () => {
    const copy = makeProfile({ id: 'a2', name: 'Alpha (copy)', order: 1, enabled: false });
    const api = createFakeApi({ 'command:duplicate-profile': () => ({ ok: true, value: copy }) });
    const snap = makeSnapshot({ profiles: [makeProfile({ id: 'a', name: 'Alpha' })] });
    const overview = await mountView(Overview, snap, api);
    await button(overview, 'Duplicate Alpha').trigger('click');
    await flushPromises();
    overview.unmount();

    const editor = mount(ProfileEditor, {
      props: { profileId: 'a2' },
      global: { plugins: [pinia] },
      attachTo: document.body,
    });
    await flushPromises();
    const note = editor.find('[data-testid="copy-note"]');
    expect(note.text()).toContain('This is a copy of “Alpha”');
    expect(note.text()).toContain('It is paused');
    expect(editor.find<HTMLInputElement>('#f-name').element.value).toBe('Alpha (copy)');
    // Secrets are shown as stored, never as values.
    expect(editor.html()).not.toMatch(/value="[^"]*secret/i);

    const other = mount(ProfileEditor, {
      props: { profileId: 'a' },
      global: { plugins: [pinia] },
    });
    await flushPromises();
    expect(other.find('[data-testid="copy-note"]').exists()).toBe(false);
  });
});

describe('bringing the Demo back', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    setApi(null);
    document.body.innerHTML = '';
  });

  const demo = makeProfile({ id: 'demo', name: 'Demo', demo: true });

  it('from the empty overview: the Demo row appears and takes the focus', async () => {
    const api = createFakeApi({ 'command:restore-demo': () => ({ ok: true, value: demo }) });
    const wrapper = await mountView(Overview, makeSnapshot({ profiles: [] }), api);
    const restore = wrapper.find('[data-testid="restore-demo"]');
    expect(restore.text()).toBe('Bring back the Demo profile');
    await restore.trigger('click');
    await flushPromises();
    expect(api.callsTo('command:restore-demo')).toHaveLength(1);
    expect(wrapper.find('[data-testid="empty-state"]').exists()).toBe(false);
    expect(rowNames(wrapper)).toEqual(['Demo']);
    expect((document.activeElement as HTMLElement | null)?.textContent).toBe('Demo');
  });

  it('says why it could not, next to the button', async () => {
    const api = createFakeApi({
      'command:restore-demo': () => ({
        ok: false,
        error: {
          code: 'unavailable',
          message:
            'This Shardwatch runs without its demo gateway (it was started with --no-demo), so the Demo profile cannot be added. Start Shardwatch without --no-demo to get it back.',
        },
      }),
    });
    const wrapper = await mountView(Overview, makeSnapshot({ profiles: [] }), api);
    await wrapper.find('[data-testid="restore-demo"]').trigger('click');
    await flushPromises();
    const alert = wrapper.find('[data-testid="empty-state"] [role="alert"]');
    expect(alert.text()).toMatch(
      /^Could not bring back the Demo: This Shardwatch runs without its demo gateway .* Start Shardwatch without --no-demo to get it back\.$/,
    );
  });

  it('from Settings: offered only while there is no Demo; success and failure said in place', async () => {
    const mine = makeProfile({ id: 'm', name: 'Mine' });
    let answer: 'ok' | 'fail' = 'fail';
    const api = createFakeApi({
      'command:restore-demo': () =>
        answer === 'ok'
          ? { ok: true, value: { ...demo, order: 1 } }
          : {
              ok: false,
              error: { code: 'conflict', message: 'The Demo profile is already in your list.' },
            },
    });
    const wrapper = await mountView(Settings, makeSnapshot({ profiles: [mine] }), api);
    const section = () => wrapper.find('[data-testid="demo-settings"]');
    await section().find('[data-testid="restore-demo"]').trigger('click');
    await flushPromises();
    expect(section().find('[role="alert"]').text()).toBe(
      'Could not bring back the Demo: The Demo profile is already in your list.',
    );

    answer = 'ok';
    await section().find('[data-testid="restore-demo"]').trigger('click');
    await flushPromises();
    expect(section().find('[role="alert"]').exists()).toBe(false);
    expect(section().find('[role="status"]').text()).toContain('The Demo profile is back.');
    expect(section().find('[data-testid="restore-demo"]').exists()).toBe(false);
    expect(section().text()).toContain('It is in your overview as “Demo”');
  });
});
