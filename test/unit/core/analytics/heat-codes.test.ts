import { describe, expect, it } from 'vitest';
import { heatCodeOf, heatRecordsOf } from '../../../../electron/core/analytics/heat-codes';
import { MARK_RESTART, heatCode, heatState } from '../../../../shared/shard-heatmap';
import { makeShard as view } from '../alerts/fixtures';

describe('heat codes', () => {
  it('shows a named failure over up or degraded, never over down, no data or dev', () => {
    expect(heatState(heatCodeOf('up', 'one-way'))).toBe('one-way');
    expect(heatState(heatCodeOf('degraded', 'silent'))).toBe('silent');
    for (const s of ['down', 'no-data', 'dev'] as const)
      expect(heatState(heatCodeOf(s, 'silent'))).toBe(s);
    expect(heatCodeOf('up', null, true)).toBe(heatCode('up', MARK_RESTART));
  });

  it('turns one tracker change into store records: states, restart marks, removed shards', () => {
    const rec = heatRecordsOf(
      {
        changed: [view(1, 'up'), view(2, 'down'), view(3, 'up')],
        restarts: [{ shardId: 3, at: 0 }],
        removed: [9],
      },
      (id) => (id === 1 ? 'one-way' : null),
    );
    expect(rec.count).toBe(4);
    expect(Array.from(rec.ids)).toEqual([1, 2, 3, 9]);
    expect(Array.from(rec.codes)).toEqual([
      heatCode('one-way'),
      heatCode('down'),
      heatCode('up', MARK_RESTART),
      heatCode('missing'),
    ]);
  });
});
