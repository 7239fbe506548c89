/**
 * State reaches the UI as deltas with a monotonic `seq`, coalesced to a
 * bounded rate (docs/architecture.md §3.2) — and coalescing loses nothing: a renderer
 * that applies every delta ends up with the same shards the core has.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { allShards, mirrorShards } from '../../support/core-api';
import {
  createProfile,
  profileFor,
  sleep,
  startCore,
  startSim,
  unwrap,
  waitFor,
  waitForStatus,
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
    const stored = series.points.reduce((n, x) => n + x.count + x.lost, 0);
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
    const f = await startCore({ pushIntervalMs: 100 });
    const p = await createProfile(f.core, profileFor(sim, { name: 'Busy bot' }));
    await waitForStatus(f.core, p.id, 'ready', (s) => s.state === 'ready');

    const from = f.deltas.length;
    const t0 = performance.now();
    await sleep(3000);
    const window = f.deltas.slice(from);
    const elapsed = performance.now() - t0;
    // About 3 s at one push per 100 ms: at most ~31 (30 plus one straddling the
    // edge), measured against the time that really passed on a busy machine.
    expect(window.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(window.length).toBeGreaterThan(5);
    expect(window.some((d) => (d.shards?.length ?? 0) > 0)).toBe(true);

    const seqs = f.deltas.map((d) => d.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? 0);

    // Quiet down and let the last changes flush, then compare with the core's own view.
    sim.setScenario('steady');
    await sleep(300);
    const settled = f.deltas.length;
    await waitFor('one more delta after settling', () => f.deltas.length > settled);
    const core = await allShards(f.core, p.id);
    const mirror = mirrorShards(f.deltas, p.id);
    expect(core.seq).toBe(f.deltas.at(-1)?.seq);
    expect([...mirror.keys()].sort((a, b) => a - b)).toEqual(core.shards.map((s) => s.id));
    for (const s of core.shards) {
      expect(mirror.get(s.id)?.state, `shard ${s.id}`).toBe(s.state);
      expect(mirror.get(s.id)?.disconnected, `shard ${s.id}`).toBe(s.disconnected);
    }
    // And the snapshot seq lines up with the last delta, so a late subscriber can join.
    const snap = unwrap(await f.core.api['query:snapshot']());
    expect(snap.seq).toBeGreaterThanOrEqual(f.deltas.at(-1)?.seq ?? 0);
  });
});
