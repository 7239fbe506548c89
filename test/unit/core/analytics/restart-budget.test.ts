import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRestartBudget,
  forecastExhaustion,
} from '../../../../electron/core/analytics/restart-budget';
import { createFakeClock } from '../../../support/fake-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('restart budget', () => {
  it('counts restarts in a rolling 24 h, each shard restart once', () => {
    const clock = createFakeClock();
    const b = createRestartBudget({ clock, dailyLimit: 100 });
    expect(b.restarted([1, 2, 3], 'hash')).toBe(3);
    // The same restarts seen again as reconnects within a minute: one session start each.
    clock.advance(20_000);
    expect(b.restarted([1, 2], 'reconnect')).toBe(0);
    // A later reconnect is a new session.
    clock.advance(5 * MIN);
    expect(b.restarted([1], 'reconnect')).toBe(1);
    expect(b.status()).toMatchObject({ used: 4, remaining: 96, level: 'ok' });
    clock.advance(DAY - 5 * MIN - 20_000);
    // The first three are exactly 24 h old now: out of the window.
    expect(b.status().used).toBe(1);
    clock.advance(5 * MIN + 20_000);
    expect(b.status().used).toBe(0);
  });

  it('warns early, goes critical, and says when the limit is reached', () => {
    const clock = createFakeClock();
    const b = createRestartBudget({ clock, dailyLimit: 1000 });
    // 60 restarts an hour: 1,000 reached in under 17 h — more than 6 h away.
    for (let i = 0; i < 60; i++) {
      b.restarted([i], 'hash');
      clock.advance(MIN);
    }
    let s = b.status();
    expect(s.level).toBe('ok');
    // The window is (now − 1 h, now]: the first of the 60 is just out of it.
    expect(s.ratePerHour).toBe(59);
    expect((s.exhaustAt ?? 0) - clock.wallNow()).toBeCloseTo((940 / 59) * HOUR, -3);
    // A restart storm: 300 in 10 minutes.
    for (let i = 0; i < 300; i++) {
      b.restarted([1000 + i], 'hash');
      clock.advance(2000);
    }
    s = b.status();
    expect(s.level).toBe('critical');
    expect(s.title).toBe('360 of 1,000 daily session starts used');
    expect(s.body).toMatch(/the limit is reached in \d+ min/);
    for (let i = 0; i < 640; i++) b.restarted([5000 + i], 'hash');
    s = b.status();
    expect(s.level).toBe('exhausted');
    expect(s.title).toBe('daily session-start limit reached (1,000 of 1,000)');
    expect(s.exhaustAt).toBe(s.at);
  });

  it('stays calm through one deploy that restarts every shard once', () => {
    const clock = createFakeClock();
    const b = createRestartBudget({ clock });
    for (let i = 0; i < 100; i++) {
      b.restarted([i], 'hash');
      clock.advance(6000);
    }
    const s = b.status();
    expect(s).toMatchObject({ used: 100, level: 'ok' });
    expect(s.body).toContain('the limit is reached in 9 h');
  });

  it('takes an edited limit', () => {
    const clock = createFakeClock();
    const b = createRestartBudget({ clock });
    b.restarted([1, 2, 3, 4, 5, 6], 'hash');
    expect(b.status().level).toBe('ok');
    b.setLimit(10);
    // 6 of 10, and at 6 an hour the other 4 go within the hour.
    expect(b.status()).toMatchObject({ limit: 10, level: 'critical' });
    clock.advance(2 * HOUR);
    // Quiet since: 60 % used, no forecast.
    expect(b.status()).toMatchObject({ level: 'warning', exhaustAt: null });
    b.setLimit(0);
    expect(b.status().limit).toBe(10);
  });

  it('names shards restarting again and again', () => {
    const clock = createFakeClock();
    const b = createRestartBudget({ clock });
    for (let k = 0; k < 4; k++) {
      b.restarted([7], 'hash');
      b.restarted([k === 0 ? 8 : 9 + k], 'hash');
      clock.advance(2 * MIN);
    }
    expect(b.loops()).toEqual([
      {
        shardId: 7,
        count: 4,
        firstAt: clock.wallNow() - 8 * MIN,
        lastAt: clock.wallNow() - 2 * MIN,
      },
    ]);
    expect(b.loopText()?.title).toBe('shard 7 in a restart loop (4 restarts in 15 min)');
    clock.advance(14 * MIN);
    expect(b.loops()).toEqual([]);
    expect(b.loopText()).toBeNull();
  });

  it('forecasts the moment the rolling count reaches the limit', () => {
    // Brute force: step through the future a second at a time.
    const slow = (times: number[], at: number, limit: number, rate: number): number | null => {
      for (let dt = 0; dt <= 2 * DAY; dt += 1000) {
        const old = times.filter((t) => t > at + dt - DAY).length;
        if (old + rate * Math.min(dt, DAY) >= limit) return at + dt;
      }
      return null;
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: DAY - 1 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 120 }),
        (ages, limit, perDay) => {
          const at = 10 * DAY;
          const times = ages.map((a) => at - a).sort((x, y) => x - y);
          const rate = perDay / DAY;
          const fast = forecastExhaustion(times, at, limit, rate);
          const want = slow(times, at, limit, rate);
          if (want === null) expect(fast).toBeNull();
          else {
            expect(fast).not.toBeNull();
            // The brute force only sees whole seconds.
            expect(want - (fast ?? 0)).toBeGreaterThanOrEqual(0);
            expect(want - (fast ?? 0)).toBeLessThanOrEqual(1000);
          }
        },
      ),
    );
  });
});
