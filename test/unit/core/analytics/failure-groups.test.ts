import { describe, expect, it } from 'vitest';
import { createFailureGrouper } from '../../../../electron/core/analytics/failure-groups';
import { createFakeClock } from '../../../support/fake-clock';

describe('failure grouper', () => {
  it('groups failures within the window of the first and diagnoses the group as it grows', () => {
    const clock = createFakeClock();
    const g = createFailureGrouper({
      clock,
      context: { shardTotal: 256, maxConcurrency: 16 },
      windowMs: 30_000,
    });
    const t0 = clock.wallNow();
    expect(g.failed([3, 19])).toBeNull();
    expect(g.current()?.diagnosis.title).toBe('2 shards down');
    clock.advance(10_000);
    g.failed([35, 51, 19]);
    expect(g.current()?.diagnosis.title).toBe('4 shards down, all in identify bucket 3');
    expect(g.tick(t0 + 30_000)).toBeNull();
    const closed = g.tick(t0 + 30_001);
    expect(closed).toMatchObject({ startedAt: t0, lastAt: t0 + 10_000, closed: true });
    expect(Array.from(closed?.ids ?? [])).toEqual([3, 19, 35, 51]);
    expect(g.current()).toBeNull();
    expect(g.tick(t0 + 60_000)).toBeNull();
  });

  it('closes the previous group when a failure comes after its window', () => {
    const clock = createFakeClock();
    const g = createFailureGrouper({ clock, context: { shardTotal: 100 } });
    g.failed([1, 2, 3]);
    clock.advance(45_000);
    const closed = g.failed([70]);
    expect(closed?.diagnosis.title).toBe('3 shards down, shards 1–3');
    expect(g.current()?.diagnosis.title).toBe('shard 70 down');
    // A layout change re-diagnoses the open group.
    g.setContext({ shardTotal: 1 });
    expect(g.current()?.diagnosis.kind).toBe('single');
    g.dispose();
    expect(g.current()).toBeNull();
  });
});
