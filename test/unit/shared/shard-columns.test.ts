import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SHARD_STATES } from '../../../shared/live-status';
import type { ShardColumns, ShardPush } from '../../../shared/shard-columns';
import type { ShardView } from '../../../shared/live-status';
import { makeShardView, SHARD_VIEW_T0 } from '../../support/model-builders';
import {
  applyShardPush,
  decodeShards,
  encodeShards,
  SHARD_CHUNK,
  shardPage,
  shardColumnsAsLists,
} from '../../../shared/shard-columns';

const T0 = SHARD_VIEW_T0;
const view = makeShardView;

const arbView = fc
  .record({
    id: fc.integer({ min: 0, max: 100_000 }),
    hash: fc.string({ maxLength: 16 }),
    state: fc.constantFrom(...SHARD_STATES),
    development: fc.boolean(),
    disconnected: fc.boolean(),
    sendPing: fc.integer({ min: 0, max: 2 ** 40 }),
    receibePing: fc.integer({ min: 0, max: 2 ** 40 }),
    sending: fc.integer({ min: 0, max: 2 ** 40 }),
    received: fc.integer({ min: 0, max: 2 ** 40 }),
    sendRate: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
    recvRate: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
    stalled: fc.boolean(),
    restarts: fc.nat(1000),
    lastChangeAt: fc.integer({ min: 0, max: T0 }),
    lastSeenAt: fc.integer({ min: 0, max: T0 }),
    extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), { maxKeys: 2 }),
  })
  .map((r) => ({ ...r, pingGap: r.sendPing - r.receibePing }));

/** Columns as they cross the browser-mode bridge (JSON text, lists as electron/serve/server.ts writes them). */
function overJson(c: ShardColumns): ShardColumns {
  return JSON.parse(JSON.stringify(shardColumnsAsLists(c))) as ShardColumns;
}

function push(views: ShardView[], removed: number[] = [], replace = false): ShardPush {
  return { profileId: 'p', shards: overJson(encodeShards(views)), removed, replace, more: false };
}

describe('shard columns', () => {
  it('decode what was encoded, field for field and in order, after JSON', () => {
    fc.assert(
      fc.property(fc.array(arbView, { maxLength: 40 }), (views) => {
        expect(decodeShards(overJson(encodeShards(views)))).toEqual(views);
      }),
    );
  });

  it('decode what was encoded after structured clone too, a missing rate as null', () => {
    // The Electron bridge clones instead of writing JSON: a missing rate, NaN in the
    // columns, crosses as NaN and must still read as no rate.
    fc.assert(
      fc.property(fc.array(arbView, { maxLength: 40 }), (views) => {
        expect(decodeShards(structuredClone(encodeShards(views)))).toEqual(views);
      }),
    );
    const [none] = decodeShards(structuredClone(encodeShards([view(1, { sendRate: null })])));
    expect(none?.sendRate).toBeNull();
    expect(none?.recvRate).toBeNull();
  });

  it('cross JSON as plain lists, a missing rate as null', () => {
    const c = encodeShards([view(4, { recvRate: null }), view(5)]);
    const back = JSON.parse(JSON.stringify(shardColumnsAsLists(c))) as Record<string, unknown>;
    expect(back['id']).toEqual([4, 5]);
    expect(back['state']).toEqual([0, 0]);
    expect(back['sendRate']).toEqual([1.5, 1.5]);
    expect(back['recvRate']).toEqual([null, null]);
    // The columns themselves are left as they were; JSON alone writes an object of indexes.
    expect(c.id).toBeInstanceOf(Float64Array);
    expect(JSON.parse(JSON.stringify(encodeShards([view(4)])))['id']).toEqual({ '0': 4 });
  });

  it('are far smaller than one object per shard', () => {
    const views = Array.from({ length: 5000 }, (_, i) => view(i));
    const columns = JSON.stringify(shardColumnsAsLists(encodeShards(views))).length;
    const objects = JSON.stringify(views).length;
    expect(columns).toBeLessThan(objects * 0.5);
  });
});

describe('applyShardPush', () => {
  it('patches changed shards in place, removes removed ones and says when ids came or went', () => {
    const held = new Map([0, 1, 2].map((id) => [id, view(id)]));
    const before = held;
    expect(applyShardPush(held, push([view(1, { state: 'down', disconnected: true })]))).toBe(
      false,
    );
    expect(held).toBe(before);
    expect(held.get(1)?.state).toBe('down');
    expect(held.get(1)?.disconnected).toBe(true);
    expect(held.get(0)).toEqual(view(0));

    expect(applyShardPush(held, push([view(3)], [0]))).toBe(true);
    expect([...held.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(held.has(0)).toBe(false);
  });

  it('a replace push drops every shard held before it', () => {
    const held = new Map([0, 1, 2].map((id) => [id, view(id)]));
    expect(applyShardPush(held, push([view(7), view(8)], [], true))).toBe(true);
    expect([...held.keys()]).toEqual([7, 8]);
  });

  it('a change split over several pushes ends where one push would', () => {
    const start = Array.from({ length: 30 }, (_, i) => view(i));
    const next = start.map((v) => (v.id % 3 === 0 ? view(v.id, { state: 'degraded' }) : v));
    const whole = new Map(start.map((v) => [v.id, v]));
    applyShardPush(whole, push(next, [], true));
    const split = new Map(start.map((v) => [v.id, v]));
    applyShardPush(split, push(next.slice(0, 10), [], true));
    applyShardPush(split, push(next.slice(10, 20)));
    applyShardPush(split, push(next.slice(20)));
    expect(split).toEqual(whole);
  });
});

describe('shardPage', () => {
  it('pages ascending ids from after `after`, every shard once, the last page saying so', () => {
    const views = Array.from({ length: SHARD_CHUNK * 2 + 7 }, (_, i) => view(i * 2));
    const seen: number[] = [];
    let after: number | undefined;
    let pages = 0;
    for (;;) {
      const page = shardPage(views, 4, after);
      expect(page.seq).toBe(4);
      expect(page.shards.id.length).toBeLessThanOrEqual(SHARD_CHUNK);
      seen.push(...page.shards.id);
      pages++;
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(views.map((v) => v.id));
  });

  it('an `after` between ids starts at the next id; past the end the page is empty', () => {
    const views = [0, 5, 10].map((id) => view(id));
    expect(Array.from(shardPage(views, 1, 6).shards.id)).toEqual([10]);
    const past = shardPage(views, 1, 10);
    expect(past.next).toBeNull();
    expect(past.shards.id).toHaveLength(0);
  });
});
