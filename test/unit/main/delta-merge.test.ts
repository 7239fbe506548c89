import { describe, expect, it } from 'vitest';
import type { AppDelta, Incident, ProfileStatus, ShardView } from '../../../shared/model';
import { mergeDeltas } from '../../../electron/main/delta-merge';

const status = (profileId: string, detail: string): ProfileStatus =>
  ({ profileId, detail }) as unknown as ProfileStatus;
const incident = (id: string, title: string): Incident => ({ id, title }) as unknown as Incident;
const shard = (id: number, state: ShardView['state']): ShardView =>
  ({ id, state }) as unknown as ShardView;

describe('mergeDeltas', () => {
  it('keeps every ping of both deltas in order, for the live chart', () => {
    const ping = (at: number) => ({ profileId: 'p', at, rttMs: at === 2 ? null : at });
    const m = mergeDeltas({ seq: 1, pings: [ping(1), ping(2)] }, { seq: 2, pings: [ping(3)] });
    expect(m.pings?.map((p) => p.at)).toEqual([1, 2, 3]);
    expect('pings' in mergeDeltas({ seq: 1 }, { seq: 2 })).toBe(false);
  });

  it('keeps the newest seq and whole-value fields from the later delta', () => {
    const a: AppDelta = {
      seq: 4,
      settings: { theme: 'dark' } as AppDelta['settings'],
      notices: [],
    };
    const b: AppDelta = { seq: 5, settings: { theme: 'light' } as AppDelta['settings'] };
    const m = mergeDeltas(a, b);
    expect(m.seq).toBe(5);
    expect(m.settings).toEqual({ theme: 'light' });
    expect(m.notices).toEqual([]);
    expect('tray' in m).toBe(false);
  });

  it('merges status and incidents by id, the later entry winning', () => {
    const m = mergeDeltas(
      { seq: 1, status: [status('p1', 'a'), status('p2', 'b')], incidents: [incident('i1', 'x')] },
      {
        seq: 2,
        status: [status('p1', 'c')],
        incidents: [incident('i2', 'y'), incident('i1', 'z')],
      },
    );
    expect(m.status).toEqual([status('p2', 'b'), status('p1', 'c')]);
    expect(m.incidents).toEqual([incident('i2', 'y'), incident('i1', 'z')]);
  });

  it('merges shard changes per profile: later shard wins, removals and re-additions cancel', () => {
    const m = mergeDeltas(
      {
        seq: 1,
        shards: [
          {
            profileId: 'p',
            shards: [shard(1, 'up'), shard(2, 'up')],
            removed: [5],
            replace: false,
          },
        ],
      },
      {
        seq: 2,
        shards: [
          {
            profileId: 'p',
            shards: [shard(2, 'down'), shard(5, 'up')],
            removed: [1],
            replace: false,
          },
        ],
      },
    );
    expect(m.shards).toEqual([
      { profileId: 'p', shards: [shard(2, 'down'), shard(5, 'up')], removed: [1], replace: false },
    ]);
  });

  it('lets a later replace win, and keeps an earlier replace a replace', () => {
    const replaceLater = mergeDeltas(
      {
        seq: 1,
        shards: [{ profileId: 'p', shards: [shard(1, 'up')], removed: [], replace: false }],
      },
      {
        seq: 2,
        shards: [{ profileId: 'p', shards: [shard(9, 'up')], removed: [], replace: true }],
      },
    );
    expect(replaceLater.shards).toEqual([
      { profileId: 'p', shards: [shard(9, 'up')], removed: [], replace: true },
    ]);
    const replaceEarlier = mergeDeltas(
      {
        seq: 1,
        shards: [
          { profileId: 'p', shards: [shard(1, 'up'), shard(2, 'up')], removed: [], replace: true },
        ],
      },
      {
        seq: 2,
        shards: [{ profileId: 'p', shards: [shard(3, 'up')], removed: [1], replace: false }],
      },
    );
    expect(replaceEarlier.shards).toEqual([
      { profileId: 'p', shards: [shard(2, 'up'), shard(3, 'up')], removed: [], replace: true },
    ]);
  });

  it('does not modify its inputs', () => {
    const a: AppDelta = { seq: 1, status: [status('p1', 'a')] };
    const b: AppDelta = { seq: 2, status: [status('p1', 'b')] };
    const copyA = structuredClone(a);
    const copyB = structuredClone(b);
    mergeDeltas(a, b);
    expect(a).toEqual(copyA);
    expect(b).toEqual(copyB);
  });
});
