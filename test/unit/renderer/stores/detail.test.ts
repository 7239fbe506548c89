// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../renderer/src/ipc/client';
import { useDetailStore } from '../../../../renderer/src/stores/detail';
import { createFakeApi, deferred, flush, shard, shardPageOf, shardPush } from '../fake-api';
import type { FakeApi } from '../fake-api';

let api: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api = createFakeApi();
  setApi(api);
});

describe('detail store', () => {
  it('subscribes to event:delta before querying shards', async () => {
    api.handle('query:shards', () => shardPageOf(5, [shard(0), shard(1)]));
    const store = useDetailStore();
    await store.open('p1');
    expect(api.log.slice(0, 2)).toEqual(['on:event:delta', 'invoke:query:shards']);
    expect([...store.shards.keys()]).toEqual([0, 1]);
    expect(store.seq).toBe(5);
    expect(store.loaded).toBe(true);
  });

  it('upserts changed shards, deletes removed ones and bumps version / membership', async () => {
    api.handle('query:shards', () => shardPageOf(5, [shard(0), shard(1), shard(2)]));
    const store = useDetailStore();
    await store.open('p1');
    const v0 = store.version;
    const m0 = store.membership;

    api.emit('event:delta', {
      seq: 6,
      shards: [shardPush('p1', [shard(1, 'down')], [], false)],
    });
    expect(store.shards.get(1)?.state).toBe('down');
    expect(store.version).toBe(v0 + 1);
    expect(store.membership).toBe(m0);

    api.emit('event:delta', {
      seq: 7,
      shards: [shardPush('p1', [shard(3)], [0], false)],
    });
    expect([...store.shards.keys()].sort()).toEqual([1, 2, 3]);
    expect(store.membership).toBe(m0 + 1);
  });

  it('names the shards each update changed, and says it cannot once ids came or went', async () => {
    api.handle('query:shards', () => shardPageOf(5, [shard(0), shard(1), shard(2)]));
    const store = useDetailStore();
    await store.open('p1');
    const v0 = store.version;
    expect(store.changedSince(v0)).toEqual([]);
    api.emit('event:delta', { seq: 6, shards: [shardPush('p1', [shard(1, 'down')])] });
    api.emit('event:delta', { seq: 7, shards: [shardPush('p1', [shard(2, 'degraded')])] });
    expect(store.changedSince(v0)).toEqual([1, 2]);
    expect(store.changedSince(v0 + 1)).toEqual([2]);
    api.emit('event:delta', { seq: 8, shards: [shardPush('p1', [shard(9)])] });
    expect(store.changedSince(v0)).toBeNull();
    expect(store.changedSince(store.version)).toEqual([]);
  });

  it('loads every page of a big profile before showing it', async () => {
    const all = Array.from({ length: 12 }, (_, i) => shard(i));
    const argCounts: number[] = [];
    api.handle('query:shards', (...args) => {
      argCounts.push(args.length);
      const after = args[1];
      const from = after === undefined ? 0 : after + 1;
      const page = all.slice(from, from + 5);
      const last = page[page.length - 1];
      return shardPageOf(3, page, from + 5 < all.length && last ? last.id : null);
    });
    const store = useDetailStore();
    await store.open('p1');
    expect([...store.shards.keys()]).toEqual(all.map((s) => s.id));
    // The first page is asked with the profile id alone (over JSON an absent `after` would be null).
    expect(argCounts).toEqual([1, 2, 2]);
  });

  it('replaces the whole set when replace is true', async () => {
    api.handle('query:shards', () => shardPageOf(1, [shard(0), shard(1)]));
    const store = useDetailStore();
    await store.open('p1');
    api.emit('event:delta', {
      seq: 2,
      shards: [shardPush('p1', [shard(7), shard(8)], [], true)],
    });
    expect([...store.shards.keys()]).toEqual([7, 8]);
  });

  it('ignores deltas for other profiles', async () => {
    api.handle('query:shards', () => shardPageOf(1, [shard(0)]));
    const store = useDetailStore();
    await store.open('p1');
    api.emit('event:delta', {
      seq: 2,
      shards: [shardPush('other', [shard(0, 'down')], [], false)],
    });
    expect(store.shards.get(0)?.state).toBe('up');
  });

  it('ignores stale deltas (seq not newer than the state shown)', async () => {
    api.handle('query:shards', () => shardPageOf(10, [shard(0)]));
    const store = useDetailStore();
    await store.open('p1');
    api.emit('event:delta', {
      seq: 10,
      shards: [shardPush('p1', [shard(0, 'down')], [], false)],
    });
    api.emit('event:delta', {
      seq: 9,
      shards: [shardPush('p1', [], [0], false)],
    });
    expect(store.shards.get(0)?.state).toBe('up');
    api.emit('event:delta', {
      seq: 12,
      shards: [shardPush('p1', [shard(0, 'degraded')], [], false)],
    });
    api.emit('event:delta', {
      seq: 11,
      shards: [shardPush('p1', [shard(0, 'down')], [], false)],
    });
    expect(store.shards.get(0)?.state).toBe('degraded');
    expect(store.seq).toBe(12);
  });

  it('keeps deltas that raced the snapshot only when newer than it', async () => {
    const answer = deferred<ReturnType<typeof shardPageOf>>();
    api.handle('query:shards', () => answer.promise);
    const store = useDetailStore();
    const opening = store.open('p1');
    await flush();
    // Arrives while the snapshot is in flight: seq 4 is already in the snapshot (seq 5), seq 6 is not.
    api.emit('event:delta', {
      seq: 6,
      shards: [shardPush('p1', [shard(1, 'down')], [], false)],
    });
    api.emit('event:delta', {
      seq: 4,
      shards: [shardPush('p1', [], [0], false)],
    });
    answer.resolve(shardPageOf(5, [shard(0), shard(1)]));
    await opening;
    expect(store.shards.has(0)).toBe(true);
    expect(store.shards.get(1)?.state).toBe('down');
    expect(store.seq).toBe(6);
  });

  it('unsubscribes on close and when another profile opens', async () => {
    api.handle('query:shards', () => shardPageOf(1, []));
    const store = useDetailStore();
    await store.open('p1');
    expect(api.listenerCount('event:delta')).toBe(1);
    await store.open('p2');
    expect(api.listenerCount('event:delta')).toBe(1);
    store.close();
    expect(api.listenerCount('event:delta')).toBe(0);
  });

  it('reports a failed snapshot as an error, not as zero shards', async () => {
    api.handle('query:shards', () => ({
      ok: false,
      error: { code: 'not-found', message: 'No such profile.' },
    }));
    const store = useDetailStore();
    await store.open('gone');
    expect(store.shardsError).toBe('No such profile.');
    expect(store.loaded).toBe(false);
  });

  it('loads history with a zoomed range, timeline and frames', async () => {
    api.handle('query:shards', () => shardPageOf(1, []));
    api.handle('query:history', (q) => ({
      ok: true,
      value: {
        profileId: q.profileId,
        window: q.window,
        resolutionMs: 0,
        from: q.from ?? 0,
        to: q.to ?? 1,
        points: [],
        restarts: [],
        incidents: [],
      },
    }));
    api.handle('query:timeline', () => ({
      ok: true,
      value: { events: [{ at: 1, kind: 'state', text: 'ready', shardId: null }], until: null },
    }));
    api.handle('query:frames', () => ({
      ok: true,
      value: [{ at: 1, direction: 'in', type: 3, event: 'GATEWAY_PING', text: '{}', error: null }],
    }));
    const store = useDetailStore();
    await store.open('p1');
    await store.loadHistory('24h', { from: 100, to: 200 });
    expect(api.calls.at(-1)).toEqual({
      channel: 'query:history',
      args: [{ profileId: 'p1', window: '24h', from: 100, to: 200 }],
    });
    expect(store.history?.window).toBe('24h');
    expect(store.historyRange).toEqual({ from: 100, to: 200 });
    await store.loadTimeline({ limit: 50 });
    expect(store.timeline).toHaveLength(1);
    await store.loadFrames();
    expect(store.frames[0]?.event).toBe('GATEWAY_PING');
    expect(store.framesAt).not.toBeNull();
  });
});
