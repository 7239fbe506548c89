import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ShardView } from '../../../shared/live-status';
import { SHARD_STATES } from '../../../shared/live-status';
import type { ShardPush } from '../../../shared/shard-columns';
import {
  applyShardPush,
  decodeShards,
  encodeShards,
  SHARD_CHUNK,
  shardPage,
} from '../../../shared/shard-columns';

const T0 = 1_760_000_000_000;

function view(id: number, over: Partial<ShardView> = {}): ShardView {
  const v: ShardView = {
    id,
    hash: `h${id}`,
    state: 'up',
    development: false,
    disconnected: false,
    sendPing: 1000 + id,
    receibePing: 990 + id,
    sending: id * 3,
    received: id * 2,
    sendRate: 1.5,
    recvRate: null,
    pingGap: 0,
    stalled: false,
    restarts: 0,
    lastChangeAt: T0 - id,
    lastSeenAt: T0,
    extra: {},
    ...over,
  };
  v.pingGap = v.sendPing - v.receibePing;
  return v;
}

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

/** A push as it crosses the browser-mode bridge (JSON text). */
function overJson(push: ShardPush): ShardPush {
  return JSON.parse(JSON.stringify(push)) as ShardPush;
}

function push(views: ShardView[], removed: number[] = [], replace = false): ShardPush {
  return overJson({ profileId: 'p', shards: encodeShards(views), removed, replace, more: false });
}

describe('shard columns', () => {
  it('decode what was encoded, field for field and in order, after JSON', () => {
    fc.assert(
      fc.property(fc.array(arbView, { maxLength: 40 }), (views) => {
        const wire = JSON.parse(JSON.stringify(encodeShards(views)));
        expect(decodeShards(wire)).toEqual(views);
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

  it('are far smaller than one object per shard', () => {
    const views = Array.from({ length: 5000 }, (_, i) => view(i));
    const columns = JSON.stringify(encodeShards(views)).length;
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
    expect(shardPage(views, 1, 6).shards.id).toEqual([10]);
    expect(shardPage(views, 1, 10)).toMatchObject({ next: null, shards: { id: [] } });
  });
});
