/**
 * Grouped failures end to end: the simulator's bucket outage (the shards of
 * one identify bucket disconnect together) through a real core. The user
 * sees one incident whose title says what the shards share, the notification
 * says the same, the heatmap shows exactly those rows down, and the report
 * of the incident carries the diagnosis and the frames around it.
 */
import { describe, expect, it } from 'vitest';
import { heatState, rowStateAt } from '../../../../shared/shard-heatmap';
import { unwrap } from '../helpers';
import { heatmapOf, incidentsOf, startScenario } from './scenario-run';

describe('a bucket outage', () => {
  it('is one incident titled by its identify bucket, shown in the heatmap and the report', async () => {
    const r = await startScenario('bucket-outage', {
      options: { maxConcurrency: 4, bucket: 3, startAfterMs: 5000, outageMs: 60_000 },
      profile: { name: 'Bucket bot', maxConcurrency: 4 },
    });
    await r.run(20_000);
    const [open] = await incidentsOf(r);
    expect(open).toMatchObject({
      rule: 'shards-down',
      title: '4 shards down, all in identify bucket 3',
      shardIds: [3, 7, 11, 15],
      clearedAt: null,
    });
    expect(open?.body).toContain('identify bucket 3 (shard_id % 4 = 3)');
    expect(r.fixture.notifier.notifications.map((n) => n.title)).toEqual([
      'Shardwatch · Bucket bot: 4 shards down, all in identify bucket 3',
    ]);

    await r.run(60_000);
    const [closed, ...others] = await incidentsOf(r);
    expect(others).toEqual([]);
    expect(closed?.clearedAt).not.toBeNull();

    // The heatmap: bucket 3 down during the outage, every other shard up throughout.
    const now = r.clock.wallNow();
    const slice = await heatmapOf(r, 16);
    const mid = (closed?.openedAt ?? 0) + 10_000;
    const down = [];
    for (let row = 0; row < 16; row++) {
      if (heatState(rowStateAt(slice, row, mid)) === 'down') down.push(row);
      expect(heatState(rowStateAt(slice, row, now - 1))).toBe('up');
    }
    expect(down).toEqual([3, 7, 11, 15]);

    const report = unwrap(await r.core.api['command:export-incident-report'](closed?.id ?? ''));
    expect(report.fileName).toMatch(/^shardwatch-incident-bucket-bot-\d{12}\.html$/);
    expect(report.content).toContain('4 shards down, all in identify bucket 3');
    expect(report.content).toContain('Bucket bot');
    expect(report.content).toContain(
      '<strong>In common:</strong> 4 of the 4 shards of identify bucket 3',
    );
    expect(report.content).toContain('GATEWAY_SHARD_INFO');
    expect(report.content).toContain('times in UTC');
  }, 60_000);
});
