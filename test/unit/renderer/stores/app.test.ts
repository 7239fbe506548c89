// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ApiResult } from '../../../../shared/api';
import type { AppSnapshot } from '../../../../shared/app-state';
import { setApi } from '../../../../renderer/src/ipc/client';
import { useAppStore } from '../../../../renderer/src/stores/app';
import { client } from '../../../../renderer/src/stores/client';
import {
  createFakeApi,
  deferred,
  makeProfile,
  makeSnapshot,
  makeStatus,
  shardPush,
} from '../fake-api';

describe('app store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => setApi(null));

  it('subscribes to deltas before asking for the snapshot', async () => {
    const api = createFakeApi({ 'query:snapshot': () => ({ ok: true, value: makeSnapshot() }) });
    setApi(api);
    await useAppStore().start();
    expect(api.log.indexOf('on:event:delta')).toBeGreaterThanOrEqual(0);
    expect(api.log.indexOf('on:event:delta')).toBeLessThan(
      api.log.indexOf('invoke:query:snapshot'),
    );
  });

  it('keeps a delta newer than the snapshot and drops stale ones received while loading', async () => {
    const answer = deferred<ApiResult<AppSnapshot>>();
    const api = createFakeApi({ 'query:snapshot': () => answer.promise });
    setApi(api);
    const store = useAppStore();
    const started = store.start();

    const p1 = makeProfile({ id: 'p1', name: 'One' });
    // Arrives before the snapshot answer: seq 4 is older than the snapshot (5), seq 6 newer.
    api.emit('event:delta', { seq: 4, status: [makeStatus('p1', { state: 'failed' })] });
    api.emit('event:delta', { seq: 6, status: [makeStatus('p1', { lastRttMs: 42 })] });
    answer.resolve({
      ok: true,
      value: makeSnapshot({
        seq: 5,
        profiles: [p1],
        status: { p1: makeStatus('p1', { state: 'reconnecting', lastRttMs: null }) },
      }),
    });
    await started;

    expect(store.seq).toBe(6);
    expect(store.status['p1']?.lastRttMs).toBe(42);
    expect(store.status['p1']?.state).toBe('ready');
    expect(store.loadState).toBe('ready');
  });

  it('ignores deltas whose seq is not newer than what it holds', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({
        ok: true,
        value: makeSnapshot({ seq: 10, profiles: [makeProfile({ id: 'p1', name: 'Snap' })] }),
      }),
    });
    setApi(api);
    const store = useAppStore();
    await store.start();

    api.emit('event:delta', { seq: 9, profiles: [makeProfile({ id: 'p1', name: 'Stale' })] });
    api.emit('event:delta', { seq: 10, profiles: [makeProfile({ id: 'p1', name: 'Same seq' })] });
    expect(store.profiles[0]?.name).toBe('Snap');

    api.emit('event:delta', { seq: 11, profiles: [makeProfile({ id: 'p1', name: 'Fresh' })] });
    expect(store.profiles[0]?.name).toBe('Fresh');
    expect(store.seq).toBe(11);
  });

  it('applies delta fields: status by id, incidents upserted, the rest replaced', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({
        ok: true,
        value: makeSnapshot({
          seq: 1,
          profiles: [makeProfile({ id: 'a' }), makeProfile({ id: 'b', name: 'B', order: 1 })],
          status: { a: makeStatus('a'), b: makeStatus('b', { lastRttMs: 7 }) },
          incidents: [
            {
              id: 'i1',
              profileId: 'a',
              rule: 'loss',
              severity: 'warning',
              title: 'Loss',
              body: '',
              shardIds: [],
              openedAt: 1,
              updatedAt: 1,
              clearedAt: null,
              acknowledged: false,
              suppressed: false,
            },
          ],
          notices: [{ id: 'n1', level: 'info', message: 'hello', at: 0 }],
        }),
      }),
    });
    setApi(api);
    const store = useAppStore();
    await store.start();
    const first = store.incidents[0];
    if (!first) throw new Error('no incident');

    api.emit('event:delta', {
      seq: 2,
      status: [makeStatus('a', { state: 'reconnecting' })],
      incidents: [
        { ...first, clearedAt: 5, updatedAt: 5 },
        { ...first, id: 'i2', title: 'Second' },
      ],
      snooze: { until: 99, paused: true },
      notices: [],
    });
    expect(store.status['a']?.state).toBe('reconnecting');
    expect(store.status['b']?.lastRttMs).toBe(7);
    expect(store.incidents.map((i) => [i.id, i.clearedAt])).toEqual([
      ['i1', 5],
      ['i2', null],
    ]);
    expect(store.openIncidents.map((i) => i.id)).toEqual(['i2']);
    expect(store.snooze).toEqual({ until: 99, paused: true });
    expect(store.notices).toEqual([]);
    expect(store.profiles.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('forwards shard deltas and event:open to listeners', async () => {
    const api = createFakeApi({ 'query:snapshot': () => ({ ok: true, value: makeSnapshot() }) });
    setApi(api);
    const store = useAppStore();
    await store.start();
    const shards: string[] = [];
    const opens: Array<number | null> = [];
    store.onShards((d) => shards.push(d.profileId));
    store.onOpen((t) => opens.push(t.shardId));
    api.emit('event:delta', {
      seq: 2,
      shards: [shardPush('p1', [], [], true)],
    });
    api.emit('event:open', { profileId: 'p1', shardId: 3 });
    expect(shards).toEqual(['p1']);
    expect(opens).toEqual([3]);
    expect(store.openTarget).toEqual({ profileId: 'p1', shardId: 3 });
  });

  it('reports a failed snapshot and loads again on reload', async () => {
    let fail = true;
    const api = createFakeApi({
      'query:snapshot': () =>
        fail
          ? { ok: false, error: { code: 'unavailable', message: 'The bridge is down.' } }
          : { ok: true, value: makeSnapshot({ seq: 3 }) },
    });
    setApi(api);
    const store = useAppStore();
    await store.start();
    expect(store.loadState).toBe('error');
    expect(store.loadError).toBe('The bridge is down.');
    fail = false;
    await store.reload();
    expect(store.loadState).toBe('ready');
    expect(store.seq).toBe(3);
    // One subscription only, however often it loads.
    api.emit('event:delta', { seq: 4, snooze: { until: null, paused: true } });
    expect(store.snooze.paused).toBe(true);
  });

  it('returns command results so the caller can show errors, and reflects successes', async () => {
    const api = createFakeApi({
      'query:snapshot': () => ({ ok: true, value: makeSnapshot() }),
      'command:create-profile': (input) => ({
        ok: true,
        value: makeProfile({ id: 'new', name: input.name }),
      }),
      'command:connect': () => ({
        ok: false,
        error: { code: 'not-found', message: 'That profile no longer exists.' },
      }),
    });
    setApi(api);
    const store = useAppStore();
    await store.start();
    const created = await store.createProfile({ ...makeProfile(), name: 'Made' });
    expect(created.ok).toBe(true);
    expect(store.profiles.map((p) => p.name)).toEqual(['Made']);
    const r = await client.connect('gone');
    expect(r).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That profile no longer exists.' },
    });
  });
});
