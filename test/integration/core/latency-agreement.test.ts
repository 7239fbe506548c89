/**
 * One percentile definition (shared/percentile.ts): the same pings give the
 * same p50/p95 in the live latency table (latency-stats), in the chart's
 * point (history rollup of that minute) and in `shardwatch probe`. The pings
 * are real: the probe measures them against the simulator on loopback, then
 * the same RTTs are fed to the other two.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startProbe } from '../../../electron/cli/probe';
import { probeStats } from '../../../electron/cli/probe-report';
import { createHistoryStore } from '../../../electron/core/history';
import { createLatencyStats } from '../../../electron/core/monitor/latency-stats';
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimulatorHandle } from '../../../electron/sim/simulator';
import { createFakeClock } from '../../support/fake-clock';

let sim: SimulatorHandle | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

function round3(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}

describe('p50 and p95 agree everywhere', () => {
  it('live table, chart point and probe report the same figures for the same pings', async () => {
    sim = await createSimulator({ dialect: 'documented', latencyMs: 1, jitterMs: 4, random: 11 });
    const report = await startProbe({
      url: sim.url,
      dialect: 'documented',
      botId: sim.credentials.botId,
      secret: sim.credentials.secret,
      publicKey: sim.credentials.publicKey,
      shardIn: 0,
      shardTotal: 1,
      flags: 0,
      count: 23,
      intervalMs: 10,
      timeoutMs: 5000,
      register: true,
    }).done;
    const stats = probeStats(report, 23);
    const rtts = report.pings.map((p) => p.rttMs).filter((v): v is number => v !== null);
    expect(rtts.length).toBeGreaterThanOrEqual(20);
    // Enough spread that a second definition (interpolation) would differ.
    expect(new Set(rtts).size).toBeGreaterThan(5);

    const clock = createFakeClock();
    const minute = Math.floor(clock.wallNow() / 60_000) * 60_000 - 10 * 60_000;
    const live = createLatencyStats();
    const history = createHistoryStore({ file: ':memory:', clock });
    try {
      rtts.forEach((rtt, i) => {
        live.record(minute + i * 100, rtt);
        history.recordPing('p', minute + i * 100, rtt);
      });
      const table = live.window('1m', minute + rtts.length * 100);
      const chart = history.query({ profileId: 'p', window: '24h' }, clock.wallNow());
      expect(chart.points).toHaveLength(1);
      const point = chart.points[0];

      expect(table.p50).toBe(stats.p50Ms);
      expect(table.p95).toBe(stats.p95Ms);
      expect(point?.p50).toBe(round3(table.p50));
      expect(point?.p95).toBe(round3(table.p95));
      expect(rtts).toContain(table.p95);
    } finally {
      history.close();
    }
  });
});
