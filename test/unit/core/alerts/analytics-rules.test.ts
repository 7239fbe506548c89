/**
 * The analytics rules (restart budget, restart loops, one-way, silent) and
 * the shards-down rule's use of the analytics (deploy shards held, the
 * diagnosis as the title), through the real alert engine.
 */
import { describe, expect, it } from 'vitest';
import {
  budgetContent,
  budgetVerdict,
  findingContent,
  findingVerdict,
} from '../../../../electron/core/alerts/analytics-rules';
import type { AnalyticsFacts, ShardFinding } from '../../../../electron/core/alerts/types';
import { createHarness, makeShard, range, summaryOf } from './fixtures';

const NONE: AnalyticsFacts = { budget: null, loops: null, oneWay: null, silent: null };

function budget(level: 'ok' | 'warning' | 'critical' | 'exhausted'): AnalyticsFacts {
  return { ...NONE, budget: { level, title: `budget ${level}`, body: 'forecast' } };
}

const oneWay = (ids: number[]): ShardFinding => ({
  shardIds: ids,
  title: `${ids.length} one-way`,
  body: 'pings unanswered',
});

describe('analytics rules (pure)', () => {
  it('the budget is bad from warning on; warning is a warning, critical and exhausted are critical', () => {
    expect(budgetVerdict(NONE)).toBe('neutral');
    expect(budgetVerdict(budget('ok'))).toBe('good');
    for (const l of ['warning', 'critical', 'exhausted'] as const)
      expect(budgetVerdict(budget(l))).toBe('bad');
    expect(budgetContent(budget('warning'))).toMatchObject({
      severity: 'warning',
      title: 'budget warning',
      body: 'forecast',
      shardIds: [],
    });
    expect(budgetContent(budget('critical')).severity).toBe('critical');
    expect(budgetContent(budget('exhausted')).severity).toBe('critical');
  });

  it('a finding is bad while it names a shard, and its incident carries those shards', () => {
    expect(findingVerdict(null)).toBe('good');
    expect(findingVerdict({ ...oneWay([]) })).toBe('good');
    expect(findingVerdict(oneWay([4]))).toBe('bad');
    expect(findingContent(oneWay([4, 9]))).toEqual({
      severity: 'warning',
      title: '2 one-way',
      body: 'pings unanswered',
      shardIds: [4, 9],
    });
  });
});

describe('analytics rules in the engine', () => {
  function analytics(h: ReturnType<typeof createHarness>, facts: AnalyticsFacts): void {
    h.clock.advance(1000);
    h.engine.evaluate(h.profile.id, { kind: 'analytics', profile: h.profile, facts });
  }

  it('a one-way shard raises at once (the analysis already waited) and clears after clearAfter', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 2 });
    analytics(h, { ...NONE, oneWay: oneWay([7]) });
    expect(h.changes('one-way', 'open')).toEqual([
      expect.objectContaining({ title: '1 one-way', shardIds: [7], severity: 'warning' }),
    ]);
    analytics(h, NONE);
    expect(h.engine.openCount()).toBe(1);
    analytics(h, NONE);
    expect(h.changes('one-way', 'close')).toHaveLength(1);
  });

  it('the budget raises after raiseAfter samples and escalates in place', () => {
    const h = createHarness({ raiseAfter: 3 });
    analytics(h, budget('warning'));
    analytics(h, budget('warning'));
    expect(h.engine.openCount()).toBe(0);
    analytics(h, budget('warning'));
    expect(h.changes('restart-budget', 'open')).toEqual([
      expect.objectContaining({ severity: 'warning', title: 'budget warning' }),
    ]);
    analytics(h, budget('critical'));
    expect(h.engine.incidents()).toEqual([
      expect.objectContaining({ rule: 'restart-budget', severity: 'critical' }),
    ]);
  });

  it('each rule has its own switch; switching one off closes its incident', () => {
    const h = createHarness({ silentShards: false, restartLoops: true });
    const facts: AnalyticsFacts = {
      ...NONE,
      silent: { shardIds: [2], title: 'shard 2 silent', body: '' },
      loops: { shardIds: [3], title: 'shard 3 in a restart loop', body: '' },
    };
    analytics(h, facts);
    expect(h.engine.incidents().map((i) => i.rule)).toEqual(['restart-loop']);
    h.profile.alerts = { ...h.profile.alerts, restartLoops: false };
    analytics(h, facts);
    expect(h.engine.openCount()).toBe(0);
  });
});

describe('restart loops of flapping shards', () => {
  const loop = (ids: number[]): AnalyticsFacts => ({
    ...NONE,
    loops: { shardIds: ids, title: `shard ${ids.join(', ')} in a restart loop`, body: '' },
  });
  /** Shard 7 down and up again twice (2 restarts, 4 toggles): flapping. */
  function flap(h: ReturnType<typeof createHarness>): void {
    for (const down of [[7], [], [7], []]) {
      h.snapshot(down);
      h.tick(5);
    }
  }
  function analytics(h: ReturnType<typeof createHarness>, facts: AnalyticsFacts): void {
    h.clock.advance(1000);
    h.engine.evaluate(h.profile.id, { kind: 'analytics', profile: h.profile, facts });
  }

  it('one alert, not two: the loop of a flapping shard opens no second incident', () => {
    // raiseAfter 3: a shard down for one report at a time never opens shards-down.
    const h = createHarness({ raiseAfter: 3, clearAfter: 1, restartLoops: true });
    flap(h);
    expect(h.changes('shard-flapping', 'open')).toHaveLength(1);
    analytics(h, loop([7]));
    expect(h.changes('restart-loop', 'open')).toHaveLength(0);
    expect(h.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Prod bot: shard 7 flapping',
    ]);
    // The flapping ends (no toggle for the window) while the loop is still in its own 15 min:
    // still no loop incident for a shard already told of.
    h.tick(10 * 60 + 1);
    expect(h.changes('shard-flapping', 'close')).toHaveLength(1);
    analytics(h, loop([7]));
    expect(h.changes('restart-loop', 'open')).toHaveLength(0);
    // A later loop, once the first has ended, is told.
    analytics(h, NONE);
    analytics(h, loop([7]));
    expect(h.changes('restart-loop', 'open')).toHaveLength(1);
  });

  it('the other order: a loop told first, then its shard flapping, is one alert too', () => {
    const h = createHarness({ raiseAfter: 3, clearAfter: 1, restartLoops: true });
    analytics(h, loop([7]));
    expect(h.changes('restart-loop', 'open')).toHaveLength(1);
    flap(h);
    analytics(h, loop([7]));
    expect(h.changes('shard-flapping', 'open')).toHaveLength(0);
    expect(h.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Prod bot: shard 7 in a restart loop',
    ]);
    // The loop over (no shard named), the shard still flapping: now that is told.
    analytics(h, NONE);
    h.tick();
    expect(h.changes('shard-flapping', 'open')).toHaveLength(1);
  });

  it('a loop that names a shard not flapping is told, and so is any loop with flapping alerts off', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 1, restartLoops: true });
    flap(h);
    analytics(h, loop([7, 9]));
    expect(h.changes('restart-loop', 'open')).toEqual([
      expect.objectContaining({ shardIds: [7, 9] }),
    ]);

    const off = createHarness({ raiseAfter: 1, shardsDown: false, restartLoops: true });
    flap(off);
    analytics(off, loop([7]));
    expect(off.changes('restart-loop', 'open')).toHaveLength(1);
  });
});

describe('shards-down with the analytics', () => {
  it('takes its title from the diagnosis and leaves held (deploy) shards out', () => {
    const h = createHarness({ raiseAfter: 1, clearAfter: 1 });
    const asked: number[][] = [];
    const sample = (down: number[], held: Set<number>): void => {
      h.clock.advance(1000);
      const shards = range(0, h.profile.shardTotal).map((id) =>
        makeShard(id, down.includes(id) ? 'down' : 'up', { disconnected: down.includes(id) }),
      );
      h.engine.evaluate(h.profile.id, {
        kind: 'shards',
        profile: h.profile,
        shards,
        summary: summaryOf(shards, h.profile.shardTotal),
        transitions: [],
        held: (id) => held.has(id),
        describeDown: (ids) => {
          asked.push([...ids]);
          return {
            title: `${ids.length} shards down, all in identify bucket 3`,
            body: 'Bucket 3.',
          };
        },
      });
    };
    sample([3, 19, 35, 51], new Set([51]));
    const [incident] = h.engine.incidents();
    expect(incident).toMatchObject({
      title: '3 shards down, all in identify bucket 3',
      shardIds: [3, 19, 35],
    });
    expect(incident?.body).toMatch(
      /^Bucket 3\. Shards 3, 19, 35 are disconnected since \d\d:\d\d\.$/,
    );
    expect(asked.at(-1)).toEqual([3, 19, 35]);
    // Every down shard held: nothing to alert on, the incident clears.
    sample([51], new Set([51]));
    expect(h.engine.openCount()).toBe(0);
    // Released (overdue): its own alert goes ahead.
    sample([51], new Set());
    expect(h.engine.incidents()[0]).toMatchObject({ shardIds: [51], clearedAt: null });
  });
});
