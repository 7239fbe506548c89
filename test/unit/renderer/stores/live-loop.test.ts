// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../../shared/api';
import type { AppDelta } from '../../../../shared/app-state';
import { setApi } from '../../../../renderer/src/ipc/client';
import { createLiveLoop } from '../../../../renderer/src/stores/live-loop';
import { createFakeApi, deferred } from '../fake-api';
import type { FakeApi } from '../fake-api';

afterEach(() => setApi(null));

interface Snap {
  seq: number | null;
  name: string;
}

/** A loop whose state is a name: snapshots set it, deltas carry it in `notices[0].message`. */
function setup(answers: Array<Promise<ApiResult<Snap>> | ApiResult<Snap>>) {
  const api: FakeApi = createFakeApi();
  setApi(api);
  const shown: string[] = [];
  const loop = createLiveLoop<Snap>({
    load: async () => {
      api.log.push('load');
      const next = answers.shift();
      if (!next) throw new Error('no answer left');
      return next;
    },
    snapshot: (s) => shown.push(`snap:${s.name}`),
    delta: (d) => shown.push(`delta:${d.seq}`),
  });
  const delta = (seq: number): AppDelta => ({ seq });
  return { api, loop, shown, delta };
}

describe('the live loop', () => {
  it('subscribes before it loads, replays only newer deltas, then ignores stale ones', async () => {
    const answer = deferred<ApiResult<Snap>>();
    const { api, loop, shown, delta } = setup([answer.promise]);
    const started = loop.start();
    expect(api.log).toEqual(['on:event:delta', 'load']);
    api.emit('event:delta', delta(6));
    api.emit('event:delta', delta(4));
    answer.resolve({ ok: true, value: { seq: 5, name: 'a' } });
    await started;
    expect(shown).toEqual(['snap:a', 'delta:6']);
    api.emit('event:delta', delta(6));
    api.emit('event:delta', delta(3));
    api.emit('event:delta', delta(9));
    expect(shown).toEqual(['snap:a', 'delta:6', 'delta:9']);
    expect(loop.seq()).toBe(9);
  });

  it('applies nothing before a snapshot, and nothing of a failed one', async () => {
    const { api, loop, shown, delta } = setup([
      { ok: false, error: { code: 'unavailable', message: 'down' } },
    ]);
    const r = await loop.start();
    expect(r.ok).toBe(false);
    api.emit('event:delta', delta(2));
    expect(shown).toEqual([]);
    expect(loop.seq()).toBe(-1);
  });

  it('reload replaces what is held even when the engine counts seq from zero again', async () => {
    const { api, loop, shown, delta } = setup([
      { ok: true, value: { seq: 40, name: 'before' } },
      { ok: true, value: { seq: 2, name: 'restarted' } },
    ]);
    await loop.start();
    await loop.reload();
    api.emit('event:delta', delta(3));
    expect(shown).toEqual(['snap:before', 'snap:restarted', 'delta:3']);
    // However often it starts, it listens once.
    expect(api.listenerCount('event:delta')).toBe(1);
  });

  it('takes state without a seq as containing every delta received before its answer', async () => {
    const answer = deferred<ApiResult<Snap>>();
    const { api, loop, shown, delta } = setup([answer.promise]);
    const started = loop.start();
    api.emit('event:delta', delta(7));
    answer.resolve({ ok: true, value: { seq: null, name: 'lists' } });
    await started;
    api.emit('event:delta', delta(7));
    api.emit('event:delta', delta(8));
    expect(shown).toEqual(['snap:lists', 'delta:8']);
  });

  it('drops an answer that arrives after stop, and stops listening', async () => {
    const answer = deferred<ApiResult<Snap>>();
    const { api, loop, shown, delta } = setup([answer.promise]);
    const started = loop.start();
    loop.stop();
    answer.resolve({ ok: true, value: { seq: 1, name: 'late' } });
    await started;
    api.emit('event:delta', delta(2));
    expect(shown).toEqual([]);
    expect(api.listenerCount('event:delta')).toBe(0);
  });
});
