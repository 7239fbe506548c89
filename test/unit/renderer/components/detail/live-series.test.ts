import { describe, expect, it } from 'vitest';
import { liveSeries } from '../../../../../renderer/src/components/detail/live-series';
import { formatTick } from '../../../../../renderer/src/format';
import { HISTORY_WINDOW_MS } from '../../../../../shared/history-model';
import type { HistorySeries } from '../../../../../shared/history-model';
import type { PingSample } from '../../../../../shared/live-status';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;

function loaded(window: HistorySeries['window'], to: number, ts: number[]): HistorySeries {
  return {
    profileId: 'p1',
    window,
    resolutionMs: MIN,
    from: to - HISTORY_WINDOW_MS[window],
    to,
    points: ts.map((t) => ({
      t,
      p5: 5,
      p50: 6,
      p95: 7,
      min: 5,
      max: 7,
      count: 3,
      lost: 0,
      disturbed: 0,
    })),
    restarts: [],
    incidents: [],
  };
}

const ping = (at: number, rttMs: number | null, profileId = 'p1'): PingSample => ({
  profileId,
  at,
  rttMs,
});

describe('the live latency series', () => {
  it.each(['15m', '1h', '24h', '7d', '30d'] as const)(
    '%s spans exactly its window ending now, however little data there is',
    (window) => {
      const s = liveSeries(loaded(window, NOW - 3 * MIN, [NOW - 4 * MIN]), [], NOW);
      expect(s.to).toBe(NOW);
      expect(s.to - s.from).toBe(HISTORY_WINDOW_MS[window]);
    },
  );

  it('appends pings newer than the load in their buckets, ignores other profiles and old pings', () => {
    const base = loaded('1h', NOW - 2 * MIN, [NOW - 3 * MIN]);
    const s = liveSeries(
      base,
      [
        ping(NOW - 2.5 * MIN, 99), // not newer than the load: it already has it
        ping(NOW - 90_000, 10),
        ping(NOW - 80_000, 20),
        ping(NOW - 30_000, null),
        ping(NOW - 20_000, 30, 'p2'),
      ],
      NOW,
    );
    expect(s.points.map((p) => [p.t, p.count, p.lost])).toEqual([
      [NOW - 3 * MIN, 3, 0],
      [NOW - 2 * MIN, 2, 0],
      [NOW - MIN, 0, 1],
    ]);
    expect(s.points[1]?.max).toBe(20);
  });

  it('counts disturbed pings apart and leaves them out of every RTT figure', () => {
    const base = loaded('1h', NOW - 2 * MIN, [NOW - 2 * MIN - 1]);
    const stalled: PingSample = { ...ping(NOW - 80_000, 900), disturbed: true };
    const s = liveSeries(base, [ping(NOW - 90_000, 10), stalled, ping(NOW - 70_000, 20)], NOW);
    const fresh = s.points.find((p) => p.t === NOW - 2 * MIN);
    expect(fresh).toMatchObject({ count: 2, lost: 0, disturbed: 1, max: 20, p95: 20 });
    // A bucket of disturbed answers only has no RTT figure, but is still a point.
    const only = liveSeries(base, [{ ...ping(NOW - 30_000, 700), disturbed: true }], NOW);
    expect(only.points.at(-1)).toMatchObject({ count: 0, disturbed: 1, p50: null, max: null });
  });

  it('drops what slid out of the window', () => {
    const s = liveSeries(loaded('15m', NOW - 20 * MIN, [NOW - 30 * MIN, NOW - 21 * MIN]), [], NOW);
    expect(s.points).toEqual([]);
  });
});

describe('chart tick labels', () => {
  const at = new Date(2026, 10, 26, 14, 3, 15).getTime();
  it('say which hour they are in, to the unit of their step', () => {
    expect(formatTick(at, 15_000)).toBe('14:03:15');
    expect(formatTick(at, 5 * MIN)).toBe('14:03');
    expect(formatTick(at, 24 * 60 * MIN)).toBe('2026-11-26');
  });
});
