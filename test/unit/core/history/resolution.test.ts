import { describe, expect, it } from 'vitest';
import type { HistoryWindow } from '../../../../shared/history-model';
import {
  MAX_POINTS,
  WINDOW_MS,
  pickResolution,
} from '../../../../electron/core/history/resolution';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('pickResolution', () => {
  it.each<[HistoryWindow, number, string]>([
    ['15m', 1000, 'raw'],
    ['1h', 5000, 'raw'],
    ['24h', MIN, 'minute'],
    ['7d', 10 * MIN, 'minute'],
    ['30d', HOUR, 'hour'],
  ])('window %s uses %i ms buckets from %s data', (window, stepMs, source) => {
    const r = pickResolution(NOW - WINDOW_MS[window], NOW, NOW);
    expect(r).toEqual({ stepMs, source });
    expect(WINDOW_MS[window] / r.stepMs).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('zooming into a recent range gives finer buckets', () => {
    expect(pickResolution(NOW - 10 * MIN, NOW - 5 * MIN, NOW)).toEqual({
      stepMs: 1000,
      source: 'raw',
    });
    expect(pickResolution(NOW - 6 * HOUR, NOW, NOW)).toEqual({ stepMs: 15_000, source: 'raw' });
  });

  it('falls back to rollups once raw samples are past retention', () => {
    // A 10 minute range two days ago: raw is gone, minute rollups remain.
    expect(pickResolution(NOW - 2 * DAY, NOW - 2 * DAY + 10 * MIN, NOW)).toEqual({
      stepMs: MIN,
      source: 'minute',
    });
    // Forty days ago only hourly rollups remain.
    expect(pickResolution(NOW - 40 * DAY, NOW - 40 * DAY + 10 * MIN, NOW)).toEqual({
      stepMs: HOUR,
      source: 'hour',
    });
  });

  it('keeps very long ranges within the point budget', () => {
    const r = pickResolution(NOW - 5 * 365 * DAY, NOW, NOW);
    expect(r.source).toBe('hour');
    expect((5 * 365 * DAY) / r.stepMs).toBeLessThanOrEqual(MAX_POINTS);
  });
});
