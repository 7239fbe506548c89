import { describe, expect, it } from 'vitest';
import { createProfile, startCore, startSim, waitForStatus } from './helpers';
import { profileFor } from './helpers';
import { allShards } from '../../support/core-api';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import { QUIET_PROBE } from '../../../electron/core/gateway/timing-probe';

// This file is about the dialects, not about timing honesty: on a loaded machine the first
// answer can be marked disturbed and, by design, leave p50 empty (docs/architecture.md §3.11).
const undisturbed = {
  connectionFactory: (o: Parameters<typeof createGatewayConnection>[0]) =>
    createGatewayConnection({ ...o, probe: QUIET_PROBE }),
};

describe('core against the simulator, per dialect', () => {
  it('documented: the profile becomes ready with latency figures and shard counts', async () => {
    const sim = await startSim({ dialect: 'documented', shardCount: 6, shardInfoIntervalMs: 200 });
    const { core } = await startCore(undisturbed);
    const p = await createProfile(core, profileFor(sim, { name: 'Documented bot' }));

    const st = await waitForStatus(
      core,
      p.id,
      'ready with a timed answer',
      // A disturbed answer (a loaded machine) counts but has no figure: wait for a timed one.
      (s) => s.state === 'ready' && s.latency['1m'].p50 !== null,
    );
    expect(st.lastRttMs).toEqual(expect.any(Number));
    expect(st.latency['1m'].p50).toEqual(expect.any(Number));
    expect(st.latency['1m'].lossPct).toBe(0);
    expect(st.ready?.botId).toBe(sim.credentials.botId);
    expect(st.shards).toMatchObject({ reportsStats: true, expected: 6, reported: 6, up: 6 });
    expect(st.problem).toBeNull();

    const { shards } = await allShards(core, p.id);
    expect(shards.map((s) => s.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('http-interaction 0.2.2: ready with latency, and shard stats reported as not available', async () => {
    const sim = await startSim({ dialect: 'http-interaction-0.2.2' });
    const { core } = await startCore();
    const p = await createProfile(core, profileFor(sim, { name: '0.2.2 bot', shardTotal: 2 }));

    const st = await waitForStatus(
      core,
      p.id,
      'ready with an answered ping',
      (s) => s.state === 'ready' && s.latency['1m'].count > 0,
    );
    expect(st.lastRttMs).toEqual(expect.any(Number));
    expect(st.shards.reportsStats).toBe(false);
    // "Not reported" is not "missing": no missing-shards incident on a 0.2.2 server.
    expect(st.shards.missingCount).toBe(0);
    expect(st.openIncidents).toBe(0);
    // The ping went out as opcode 2 and nothing was sent as type 3 (a shard register there).
    expect(sim.stats().framesByOpcode[2]).toBeGreaterThan(0);
    expect(sim.stats().type3Registrations).toBe(0);
  });
});
