import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { fillHistory } from '../../../bench/history-query';
import { DAY, HOUR, MIN, totalPings, useHarness } from './helpers';

const harness = useHarness();

// Timing goals are checked by `npm run bench`, not asserted here (docs/architecture.md §5):
// this test prints the time and asserts the answer is right.
it('answers the 24 h chart for a full day of 1 Hz pings, with other profiles in the file', () => {
  const h = harness();
  const store = h.open();
  const now = h.clock.wallNow();
  const perProfile = fillHistory(store, ['main', 'other-1', 'other-2'], now);
  expect(perProfile).toBe(86_400);
  expect(store.stats().rawRows).toBe(3 * 86_400);

  const times: number[] = [];
  let series = store.query({ profileId: 'main', window: '24h' }, now);
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    series = store.query({ profileId: 'main', window: '24h' }, now);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `history 24h query over ${perProfile} samples: median ${times[10]?.toFixed(2)} ms, max ${times[19]?.toFixed(2)} ms (${series.points.length} points)`,
  );

  expect(series.resolutionMs).toBe(MIN);
  expect(series.points).toHaveLength(1440);
  expect(totalPings(series.points)).toBe(86_400);
  // fillHistory loses every 97th ping.
  expect(series.points.reduce((n, p) => n + p.lost, 0)).toBe(Math.floor(86_399 / 97) + 1);
  for (const p of series.points) {
    expect(p.min as number).toBeLessThanOrEqual(p.p5 as number);
    expect(p.p5 as number).toBeLessThanOrEqual(p.p50 as number);
    expect(p.p50 as number).toBeLessThanOrEqual(p.p95 as number);
    expect(p.p95 as number).toBeLessThanOrEqual(p.max as number);
  }

  // The same last 6 hours straight from raw samples agree with the rollups.
  const t0 = performance.now();
  const zoom = store.query(
    { profileId: 'main', window: '24h', from: now - 6 * HOUR, to: now },
    now,
  );
  console.log(`history 6h zoom from raw samples: ${(performance.now() - t0).toFixed(2)} ms`);
  expect(zoom.resolutionMs).toBe(15_000);
  expect(totalPings(zoom.points)).toBe(6 * 3600);
  const fromRollups = series.points.filter((p) => p.t >= now - 6 * HOUR);
  expect(totalPings(fromRollups)).toBe(6 * 3600);
  expect(Math.max(...zoom.points.map((p) => p.max as number))).toBe(
    Math.max(...fromRollups.map((p) => p.max as number)),
  );
  expect(now - series.from).toBe(DAY);
});
