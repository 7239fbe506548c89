/**
 * One-way and silent shards end to end: the simulator's one-way shard (its
 * pings go unanswered) and silent shard (it receives nothing while the
 * others do) through a real core. Each becomes its named incident, the
 * status names the shard for the grid, and the heatmap shows the state.
 */
import { describe, expect, it } from 'vitest';
import { inRanges } from '../../../../shared/analytics';
import { heatState, rowStateAt } from '../../../../shared/shard-heatmap';
import type { ScenarioRun } from './scenario-run';
import { heatmapOf, incidentsOf, startScenario } from './scenario-run';

async function heatStateNow(r: ScenarioRun, shardId: number): Promise<string> {
  return heatState(rowStateAt(await heatmapOf(r, 8), shardId, r.clock.wallNow()));
}

describe('named shard failures', () => {
  it('a shard that never answers the gateway’s pings is one-way after a minute', async () => {
    const r = await startScenario('one-way-shard', {
      shards: 8,
      options: { shardId: 5, startAfterMs: 5000 },
    });
    await r.run(50_000);
    expect((await incidentsOf(r)).filter((i) => i.rule === 'one-way')).toEqual([]);
    await r.run(20_000);
    const [incident] = (await incidentsOf(r)).filter((i) => i.rule === 'one-way');
    expect(incident).toMatchObject({ title: 'shard 5 one-way', shardIds: [5], clearedAt: null });
    expect(incident?.body).toContain('send_ping rises, receibe_ping does not');
    const findings = (await r.status()).findings;
    expect(findings?.oneWay).toEqual([[5, 5]]);
    expect(findings?.silent).toEqual([]);
    expect(await heatStateNow(r, 5)).toBe('one-way');
    expect(await heatStateNow(r, 4)).toBe('up');
  }, 60_000);

  it('a shard that receives nothing while the others do is silent after two minutes', async () => {
    const r = await startScenario('silent-shard', {
      shards: 8,
      options: { shardId: 3, startAfterMs: 5000 },
    });
    await r.run(110_000);
    expect((await incidentsOf(r)).filter((i) => i.rule === 'silent')).toEqual([]);
    await r.run(20_000);
    const incidents = await incidentsOf(r);
    expect(incidents.map((i) => i.rule)).toEqual(['silent']);
    expect(incidents[0]).toMatchObject({ title: 'shard 3 silent', shardIds: [3] });
    expect(inRanges((await r.status()).findings?.silent ?? [], 3)).toBe(true);
    expect(await heatStateNow(r, 3)).toBe('silent');
  }, 60_000);
});
