// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { ProfileInput } from '../../../../shared/profile-model';
import { setApi } from '../../../../renderer/src/ipc/client';
import { useAppStore } from '../../../../renderer/src/stores/app';
import ProfileEditor from '../../../../renderer/src/views/ProfileEditor.vue';
import { createFakeApi, makeProfile, makeSnapshot } from '../fake-api';
import { MONITOR_MODE_CHOICES, NEVER_REGISTERS_022 } from '../../../../shared/dialects';
import { PINGS_ANSWERED_MEANING, WAITING_FOR_BOT } from '../../../../shared/connection-text';
import type { FakeApi } from '../fake-api';

async function mountEditor(
  profileId: string | null,
  api: FakeApi,
  profiles = [makeProfile({ id: 'p1', name: 'Existing' })],
): Promise<VueWrapper> {
  const pinia = createPinia();
  setActivePinia(pinia);
  api.handlers['query:snapshot'] = () => ({ ok: true, value: makeSnapshot({ profiles }) });
  setApi(api);
  await useAppStore().start();
  const wrapper = mount(ProfileEditor, {
    props: { profileId },
    global: { plugins: [pinia] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

/** Fill the fields a new profile needs, so local validation passes. */
async function fillValidForm(wrapper: VueWrapper): Promise<void> {
  await wrapper.find('#f-name').setValue('New bot');
  await wrapper.find('#f-botId').setValue('42');
  await wrapper.find('[data-testid="f-publicKey-input"]').setValue('pk');
  await wrapper.find('[data-testid="f-secret-input"]').setValue('sec');
}

function errorText(wrapper: VueWrapper, id: string): string | null {
  const el = wrapper.find(`#${id}-error`);
  return el.exists() ? el.text() : null;
}

describe('ProfileEditor', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    setApi(null);
    document.body.innerHTML = '';
  });

  it('shows field errors and sends nothing when the form is invalid', async () => {
    const api = createFakeApi({
      'command:create-profile': () => ({ ok: true, value: makeProfile({ id: 'x' }) }),
    });
    const wrapper = await mountEditor(null, api, []);
    // Untouched fields show no error before the first save.
    expect(wrapper.findAll('[data-testid="field-error"]')).toHaveLength(0);

    await wrapper.find('#f-url').setValue('http://example.com');
    await wrapper.find('#f-shardTotal').setValue('0');
    await wrapper.find('form').trigger('submit');
    await flushPromises();

    expect(errorText(wrapper, 'f-name')).toContain('Enter a name');
    expect(errorText(wrapper, 'f-url')).toContain('ws:// or wss://');
    expect(errorText(wrapper, 'f-botId')).toContain('application id');
    expect(errorText(wrapper, 'f-shardTotal')).toContain('between 1 and');
    expect(errorText(wrapper, 'f-publicKey')).toContain('public key');
    expect(errorText(wrapper, 'f-secret')).toContain('secret');
    expect(wrapper.find('#f-name').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('[data-testid="save-error"]').text()).toContain('Nothing was saved');
    expect(api.callsTo('command:create-profile')).toHaveLength(0);
    // Focus goes to the first invalid control.
    expect(document.activeElement?.id).toBe('f-name');
  });

  it('saves in one request and shows what the engine refused next to the field', async () => {
    const api = createFakeApi({
      'command:create-profile': () => ({
        ok: false,
        error: {
          code: 'validation',
          message: 'Some fields need attention',
          fieldErrors: { botId: 'This bot id is already monitored.' },
        },
      }),
    });
    const wrapper = await mountEditor(null, api, []);
    await wrapper.find('#f-name').setValue('New bot');
    await wrapper.find('#f-botId').setValue('42');
    await wrapper.find('#f-publicKey-input, [data-testid="f-publicKey-input"]').setValue('pk');
    await wrapper.find('[data-testid="f-secret-input"]').setValue('sec');
    await wrapper.find('form').trigger('submit');
    await flushPromises();

    // The secrets cross to the engine once: no separate validation request.
    expect(api.calls.map((c) => c.channel)).toEqual(['query:snapshot', 'command:create-profile']);
    expect(errorText(wrapper, 'f-botId')).toBe('This bot id is already monitored.');
    expect(wrapper.find('[data-testid="save-error"]').text()).toContain(
      'Shardwatch found problems in the fields marked',
    );
  });

  it('shows fieldErrors from a failed save by field', async () => {
    const api = createFakeApi({
      'command:update-profile': () => ({
        ok: false,
        error: {
          code: 'validation',
          message: 'Some fields need attention.',
          fieldErrors: { url: 'The gateway refused this path; use /gateway.' },
        },
      }),
    });
    const wrapper = await mountEditor('p1', api);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.callsTo('command:update-profile')).toHaveLength(1);
    expect(errorText(wrapper, 'f-url')).toBe('The gateway refused this path; use /gateway.');
    expect(wrapper.find('[data-testid="save-error"]').text()).toContain(
      'Shardwatch found problems in the fields marked',
    );
  });

  it('never pre-fills secrets and keeps stored ones by sending undefined', async () => {
    const api = createFakeApi({
      'command:update-profile': (_id, input) => ({
        ok: true,
        value: makeProfile({ id: 'p1', name: input.name }),
      }),
    });
    const wrapper = await mountEditor('p1', api);
    expect(wrapper.findAll('input[type="password"]')).toHaveLength(0);
    expect(wrapper.find('[data-testid="f-publicKey-status"]').text()).toContain('Set');
    expect(wrapper.find('[data-testid="f-secret-status"]').text()).toContain('Set');

    await wrapper.find('#f-secret-replace').trigger('click');
    await flushPromises();
    const input = wrapper.find<HTMLInputElement>('[data-testid="f-secret-input"]');
    expect(input.exists()).toBe(true);
    expect(input.element.value).toBe('');
    expect(input.attributes('value')).toBeUndefined();

    await input.setValue('new-secret');
    // What is typed only flows out; it is never written back into the markup.
    expect(wrapper.html()).not.toContain('new-secret');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const sent = api.callsTo('command:update-profile')[0]?.args[1] as ProfileInput;
    expect(sent.publicKey).toBeUndefined();
    expect(sent.secret).toBe('new-secret');
  });

  it('says the secrets must be entered again as soon as the URL names another address', async () => {
    const api = createFakeApi({});
    const wrapper = await mountEditor('p1', api, [
      makeProfile({ id: 'p1', name: 'Existing', url: 'wss://gw.example.com/gateway' }),
    ]);
    const url = wrapper.find<HTMLInputElement>('#f-url');
    expect(wrapper.find('[data-testid="address-moved"]').exists()).toBe(false);
    expect(wrapper.findAll('input[type="password"]')).toHaveLength(0);

    // Only the query string: the same address, nothing to enter.
    await url.setValue('wss://gw.example.com/gateway?v=2');
    expect(wrapper.find('[data-testid="address-moved"]').exists()).toBe(false);

    await url.setValue('wss://gw.example.com:8443/gateway');
    const note = wrapper.find('[data-testid="address-moved"]');
    expect(note.text()).toContain('enter the public key and secret again');
    expect(note.text()).toContain('wss://gw.example.com/gateway');
    // Both inputs open, empty, and required.
    expect(wrapper.findAll('input[type="password"]')).toHaveLength(2);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(errorText(wrapper, 'f-secret')).toMatch(/Enter the gateway's shared secret/);
    expect(api.callsTo('command:update-profile')).toHaveLength(0);

    // Back to the saved address: the stored values fit again.
    await url.setValue('wss://gw.example.com/gateway');
    expect(wrapper.find('[data-testid="address-moved"]').exists()).toBe(false);
    expect(wrapper.findAll('input[type="password"]')).toHaveLength(0);
  });

  it('offers register or ping only with their consequences; 0.2.2 says it never registers', async () => {
    const api = createFakeApi();
    const wrapper = await mountEditor(null, api, []);
    const mode = wrapper.find('[data-testid="monitor-mode"]');
    // New profiles ping only; both choices carry their consequence next to them.
    expect((wrapper.find('#f-monitorMode-ping-only').element as HTMLInputElement).checked).toBe(
      true,
    );
    for (const c of MONITOR_MODE_CHOICES) expect(mode.text()).toContain(c.consequence);
    expect(mode.text()).toContain(`Answered pings mean: ${PINGS_ANSWERED_MEANING}`);
    await wrapper.find('#f-monitorMode-register').setValue(true);
    expect((wrapper.find('#f-monitorMode-register').element as HTMLInputElement).checked).toBe(
      true,
    );

    // 0.2.2: no choice, the reason instead, and the form falls back to ping only.
    await wrapper.find('#f-dialect-http-interaction-0\\.2\\.2').setValue(true);
    expect(wrapper.find('#f-monitorMode-register').exists()).toBe(false);
    expect(wrapper.find('[data-testid="never-registers"]').text()).toBe(NEVER_REGISTERS_022);
    expect(wrapper.find('[data-testid="takeover-warning"]').exists()).toBe(false);
    await wrapper.find('#f-dialect-documented').setValue(true);
    expect((wrapper.find('#f-monitorMode-ping-only').element as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('asks for the unencrypted-URL acknowledgement', async () => {
    const api = createFakeApi();
    const wrapper = await mountEditor(null, api, []);
    expect(wrapper.find('#f-allowInsecure').exists()).toBe(false);
    await wrapper.find('#f-url').setValue('ws://gateway.example.com/gateway');
    expect(errorText(wrapper, 'f-url')).toContain('unencrypted');
    const ack = wrapper.find('#f-allowInsecure');
    expect(ack.exists()).toBe(true);
    await ack.setValue(true);
    expect(errorText(wrapper, 'f-url')).toBeNull();
  });

  it('"Detect" asks the core without registering, shows the evidence and applies the dialect', async () => {
    const api = createFakeApi({
      'command:detect-dialect': () => ({
        ok: true,
        value: {
          dialect: 'http-interaction-0.2.2',
          summary: 'This is an http-interaction 0.2.2 gateway.',
          evidence: ['Its HELLO came as a zlib-compressed binary frame.'],
          credentialsAccepted: true,
          botRegistered: true,
        },
      }),
    });
    const wrapper = await mountEditor(null, api, []);
    await wrapper.find('[data-testid="detect"]').trigger('click');
    await flushPromises();
    const report = wrapper.find('[data-testid="detect-report"]');
    expect(report.text()).toContain('This is an http-interaction 0.2.2 gateway.');
    expect(report.text()).toContain('zlib-compressed binary frame');
    expect(api.callsTo('command:detect-dialect')).toHaveLength(1);
    await wrapper.find('[data-testid="use-detected"]').trigger('click');
    expect(
      (wrapper.find('#f-dialect-http-interaction-0\\.2\\.2').element as HTMLInputElement).checked,
    ).toBe(true);
    expect(wrapper.find('[data-testid="use-detected"]').exists()).toBe(false);
  });

  it('a test that finds the bot unregistered says so as a warning, not a failure', async () => {
    const api = createFakeApi({
      'command:test-connection': () => ({
        ok: true,
        value: {
          ok: false,
          waitingForBot: true,
          steps: [],
          ready: null,
          shardsReported: null,
          reportsShardStats: false,
          error: WAITING_FOR_BOT,
        },
      }),
    });
    const wrapper = await mountEditor(null, api, []);
    await fillValidForm(wrapper);
    await wrapper.find('[data-testid="test-connection"]').trigger('click');
    await flushPromises();
    const w = wrapper.find('[data-testid="test-waiting"]');
    expect(w.text()).toContain(WAITING_FOR_BOT);
    expect(w.classes()).toContain('tone-warn');
  });

  it('keeps unknown flag bits when a named flag is toggled', async () => {
    const api = createFakeApi();
    const wrapper = await mountEditor(null, api, []);
    await wrapper.find('#f-flags').setValue('65');
    await wrapper.find('#f-flags-SEND_BINARY').setValue(true);
    expect((wrapper.find('#f-flags').element as HTMLInputElement).value).toBe('69');
    expect((wrapper.find('#f-flags-ENCODE_ZLIB').element as HTMLInputElement).checked).toBe(true);
  });
});
