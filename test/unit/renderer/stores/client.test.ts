// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { API_CHANNELS } from '../../../../shared/api';
import { setApi } from '../../../../renderer/src/ipc/client';
import { client, createApiClient, methodOf } from '../../../../renderer/src/stores/client';
import { createFakeApi, makeProfile } from '../fake-api';

afterEach(() => setApi(null));

describe('the client derived from the contract', () => {
  it('has one method per request channel, named after it', () => {
    expect(methodOf('command:create-profile')).toBe('createProfile');
    expect(methodOf('query:delivery-log')).toBe('deliveryLog');
    expect(methodOf('command:add-simulator-profile')).toBe('addSimulatorProfile');
    const names = Object.keys(createApiClient(async () => ({ ok: true, value: null })));
    expect(names.sort()).toEqual(API_CHANNELS.map(methodOf).sort());
    expect(new Set(names).size).toBe(API_CHANNELS.length);
  });

  it('sends the channel with its arguments and gives back the answer as it came', async () => {
    const api = createFakeApi({
      'command:update-profile': (id, input) => ({
        ok: true,
        value: makeProfile({ id, name: input.name }),
      }),
      'command:connect': () => ({
        ok: false,
        error: { code: 'not-found', message: 'That profile no longer exists.' },
      }),
    });
    setApi(api);
    const input = { ...makeProfile(), name: 'Renamed' };
    const r = await client.updateProfile('p9', input);
    expect(r).toMatchObject({ ok: true, value: { id: 'p9', name: 'Renamed' } });
    expect(api.calls).toEqual([{ channel: 'command:update-profile', args: ['p9', input] }]);
    expect(await client.connect('gone')).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That profile no longer exists.' },
    });
  });

  it('turns a transport that throws into an error result in the user language', async () => {
    const api = createFakeApi();
    api.invoke = () => Promise.reject(new Error('socket closed'));
    setApi(api);
    const r = await client.frames('p1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('unavailable');
      expect(r.error.message).toBe('Shardwatch did not answer. Try again in a moment.');
    }
  });
});
