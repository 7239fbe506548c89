import { describe, expect, it } from 'vitest';
import { createHeatRecorder, heatCodeOf } from '../../../../electron/core/analytics/heat-codes';
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

  it('turns tracker changes into store records, sending only shards whose code changed', () => {
    const sent: Array<[number, number[], number[]]> = [];
    const r = createHeatRecorder((at, ids, codes, count) =>
      sent.push([at, Array.from(ids).slice(0, count), Array.from(codes).slice(0, count)]),
    );
    const named = (id: number) => (id === 1 ? ('one-way' as const) : null);
    r.change(
      {
        changed: [view(1, 'up'), view(2, 'down'), view(3, 'up')],
        restarts: [{ shardId: 3, at: 0 }],
        removed: [9],
      },
      named,
      5,
    );
    expect(sent).toEqual([
      [
        5,
        [1, 2, 3, 9],
        [heatCode('one-way'), heatCode('down'), heatCode('up', MARK_RESTART), heatCode('missing')],
      ],
    ]);
    // The same states again (counters moved, nothing else): nothing to send; a restart always is.
    r.change(
      { changed: [view(1, 'up'), view(2, 'down'), view(3, 'up')], restarts: [], removed: [] },
      named,
      6,
    );
    r.change(
      { changed: [view(3, 'up')], restarts: [{ shardId: 3, at: 0 }], removed: [] },
      named,
      7,
    );
    expect(sent.slice(1)).toEqual([[7, [3], [heatCode('up', MARK_RESTART)]]]);
    // A named state changing alone, then everything again after the store marked the profile stopped.
    r.named([2, 3], [null, 'silent'], () => 'degraded', 8);
    expect(sent.at(-1)).toEqual([8, [2, 3], [heatCode('degraded'), heatCode('silent')]]);
    r.reset();
    r.change({ changed: [view(3, 'up')], restarts: [], removed: [] }, () => null, 9);
    expect(sent.at(-1)).toEqual([9, [3], [heatCode('up')]]);
  });
});
