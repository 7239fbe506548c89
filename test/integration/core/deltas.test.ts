/**
 * State reaches the UI as deltas with a monotonic `seq`, coalesced to a
 * bounded rate (docs/architecture.md §3.2) — and coalescing loses nothing: a renderer
 * that applies every delta ends up with the same shards the core has.
 */
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { allShards, mirrorShards } from '../../support/core-api';
import {
  createProfile,
  profileFor,
  sleep,
  startCore,
  startSim,
  statusOf,
  unwrap,
  waitFor,
} from './helpers';

describe('pushed deltas', () => {
  it('carry every ping once, in order, with the same outcome history stores', async () => {
    const sim = await startSim({ shardCount: 1 });
    const f = await startCore();
    const p = await createProfile(f.core, profileFor(sim));
    const pushedPings = () =>
      f.deltas.flatMap((d) => d.pings ?? []).filter((x) => x.profileId === p.id);
    await waitFor('three pushed pings', () => pushedPings().length >= 3 || undefined);
    const pushed = pushedPings();
    const times = pushed.map((x) => x.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    const series = unwrap(await f.core.api['query:history']({ profileId: p.id, window: '15m' }));
    // Disturbed answers are stored too, counted apart from the timed ones.
    const stored = series.points.reduce((n, x) => n + x.count + x.lost + x.disturbed, 0);
    expect(stored).toBeGreaterThanOrEqual(pushed.length);
  });

  it('carry a strictly increasing seq, stay under the push rate while shards churn, and add up to the core state', async () => {
    // A busy gateway: one shard toggles every 10 ms and snapshots arrive every 20 ms.
    const sim = await startSim({
      shardCount: 16,
      scenario: 'flapping',
      scenarioTickMs: 10,
      shardInfoIntervalMs: 20,
    });
    // The core's time is a fake clock: the push rate is measured on the
    // clock the pacer reads, so a loaded machine cannot move the figures.
    const clock = createFakeClock();
    const pushedAt: number[] = [];
    const f = await startCore({
      clock,
      pushIntervalMs: 100,
      onDelta: () => pushedAt.push(clock.now()),
    });
    const p = await createProfile(f.core, profileFor(sim, { name: 'Busy bot' }));
    await waitFor('the busy profile ready', async () => {
      clock.advance(20);
      const s = await statusOf(f.core, p.id);
      return s?.state === 'ready';
    });

    // Three seconds of core time in 20 ms steps; the simulator's frames
    // arrive between the steps (a short real pause per step lets them in;
    // nothing is asserted about real time).
    const from = f.deltas.length;
    const t0 = clock.now();
    for (let step = 0; step < 150; step++) {
      clock.advance(20);
      await new Promise((r) => setImmediate(r));
      await sleep(2);
    }
    const window = f.deltas.slice(from);
    const times = pushedAt.slice(from);
    // At most one delta per 100 ms of core time: 30 in 3 s, plus one straddling the edge.
    expect(window.length).toBeLessThanOrEqual((clock.now() - t0) / 100 + 1);
    for (let i = 1; i < pushedAt.length; i++)
      expect(pushedAt[i]! - pushedAt[i - 1]!, `delta ${i}`).toBeGreaterThanOrEqual(100);
    expect(window.length).toBeGreaterThan(5);
    expect(window.some((d) => (d.shards?.length ?? 0) > 0)).toBe(true);
    expect(times.length).toBe(window.length);

    const seqs = f.deltas.map((d) => d.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? 0);

    // Quiet down; once the last changes are pushed, what a renderer mirrors is
    // what the core holds (checked after each push interval of core time).
    sim.setScenario('steady');
    await waitFor('the mirrored shards to match the core', async () => {
      clock.advance(100);
      const core = await allShards(f.core, p.id);
      const mirror = mirrorShards(f.deltas, p.id);
      return (
        core.seq === f.deltas.at(-1)?.seq &&
        core.shards.length === mirror.size &&
        core.shards.every(
          (s) =>
            mirror.get(s.id)?.state === s.state &&
            mirror.get(s.id)?.disconnected === s.disconnected,
        )
      );
    });
    const core = await allShards(f.core, p.id);
    const mirror = mirrorShards(f.deltas, p.id);
    expect([...mirror.keys()].sort((a, b) => a - b)).toEqual(core.shards.map((s) => s.id));
    // And the snapshot seq lines up with the last delta, so a late subscriber can join.
    const snap = unwrap(await f.core.api['query:snapshot']());
    expect(snap.seq).toBeGreaterThanOrEqual(f.deltas.at(-1)?.seq ?? 0);
  });
});
