/**
 * The simulator's analytics scenarios on its shard table, tick by tick on a
 * fake clock: what each does to the shards the gateway reports.
 */
import { describe, expect, it } from 'vitest';
import { startAnalyticsScenario } from '../../../electron/sim/analytics-scenarios';
import type {
  AnalyticsScenario,
  AnalyticsScenarioOptions,
} from '../../../electron/sim/analytics-scenarios';
import { createSeededRandom } from '../../../electron/sim/random';
import { createShardTable, growCounters } from '../../../electron/sim/shards';
import { createFakeClock } from '../../support/fake-clock';

function run(
  name: AnalyticsScenario,
  options: AnalyticsScenarioOptions,
  shards = 8,
  start?: number,
) {
  const clock = createFakeClock(start);
  const random = createSeededRandom(1);
  const table = createShardTable(shards, random);
  const scenario = startAnalyticsScenario(
    name,
    { clock, random, shards: table, log: () => {} },
    options,
  );
  const advance = (ms: number): void => {
    for (let t = 0; t < ms; t += 250) {
      clock.advance(250);
      for (const s of table.list()) growCounters(s, random);
      scenario.tick();
    }
  };
  const down = () =>
    table
      .list()
      .filter((s) => s.disconnected)
      .map((s) => s.shard_id);
  return { clock, table, scenario, advance, down };
}

describe('analytics scenarios', () => {
  it('bucket-outage takes the shards of one bucket down for a while, and again later', () => {
    const r = run('bucket-outage', {
      maxConcurrency: 4,
      bucket: 2,
      startAfterMs: 1000,
      outageMs: 5000,
      everyMs: 20_000,
    });
    r.advance(750);
    expect(r.down()).toEqual([]);
    r.advance(1000);
    expect(r.down()).toEqual([2, 6]);
    r.advance(5000);
    expect(r.down()).toEqual([]);
    r.advance(15_000);
    expect(r.down()).toEqual([2, 6]);
    r.scenario.stop();
    expect(r.down()).toEqual([]);
  });

  it('restart-loop gives one shard a new hash and fresh counters again and again', () => {
    const r = run('restart-loop', { shardId: 3, startAfterMs: 0, restartEveryMs: 5000 });
    const hashes = new Set<string>();
    for (let k = 0; k < 4; k++) {
      r.advance(5000);
      hashes.add(r.table.get(3)?.shard_hash ?? '');
      expect(r.table.get(3)?.sending ?? 99).toBeLessThan(r.table.get(2)?.sending ?? 0);
    }
    expect(hashes.size).toBe(4);
    expect(r.down()).toEqual([]);
  });

  it('one-way-shard freezes receibe_ping while send_ping rises; silent-shard freezes received', () => {
    const oneWay = run('one-way-shard', { shardId: 1, startAfterMs: 1000 });
    oneWay.advance(1000);
    const before = oneWay.table.get(1)?.receibe_ping;
    oneWay.advance(10_000);
    expect(oneWay.table.get(1)?.receibe_ping).toBe(before);
    expect((oneWay.table.get(1)?.send_ping ?? 0) - (before ?? 0)).toBeGreaterThan(30);

    const silent = run('silent-shard', { shardId: 1, startAfterMs: 1000 });
    silent.advance(1000);
    const got = silent.table.get(1)?.received;
    silent.advance(10_000);
    expect(silent.table.get(1)?.received).toBe(got);
    expect(silent.table.get(1)?.sending).toBeGreaterThan(got ?? 0);
  });

  it('rolling-restart restarts shards in id order, one at a time, and the stuck one stays down', () => {
    const r = run(
      'rolling-restart',
      { startAfterMs: 0, stepMs: 4000, downMs: 1000, stuckShard: 2 },
      4,
    );
    const hashes = r.table.list().map((s) => s.shard_hash);
    const seen: number[][] = [];
    for (let t = 0; t < 20_000; t += 500) {
      r.advance(500);
      const d = r.down();
      if (JSON.stringify(d) !== JSON.stringify(seen.at(-1))) seen.push(d);
    }
    // Down 0, back; down 1, back; down 2 (stuck); down 3 while 2 is still down; 3 back.
    expect(seen).toEqual([[0], [], [1], [], [2], [2, 3], [2]]);
    expect(r.down()).toEqual([2]);
    const now = r.table.list().map((s) => s.shard_hash);
    expect(now.map((h, i) => h !== hashes[i])).toEqual([true, true, false, true]);
  });

  it('nightly-failure takes the first quarter down at the same UTC time every day', () => {
    const r = run(
      'nightly-failure',
      { nightlyAt: '03:00', outageMs: 10 * 60_000 },
      8,
      Date.UTC(2026, 0, 1, 2, 59),
    );
    r.advance(30_000);
    expect(r.down()).toEqual([]);
    r.advance(60_000);
    expect(r.down()).toEqual([0, 1]);
    r.advance(10 * 60_000);
    expect(r.down()).toEqual([]);
  });
});
