/** Per-connection budgets: over a limit the connection is throttled until its one-second window ends. */
import { describe, expect, it } from 'vitest';
import { createBudgetMeter, DEFAULT_BUDGET } from '../../../../electron/core/gateway/budget';
import { createFakeClock } from '../../../support/fake-clock';
import { resolveGatewayOptions } from '../../../../electron/core/gateway/options';

describe('budget meter', () => {
  it('throttles past the frame budget for the rest of the second, then admits again', () => {
    const clock = createFakeClock();
    const m = createBudgetMeter(clock, { ...DEFAULT_BUDGET, framesPerSecond: 3 });
    expect([m.frame(10), m.frame(10), m.frame(10)]).toEqual([null, null, null]);
    expect(m.throttled).toBe(false);
    expect(m.frame(10)).toBe('frames');
    expect(m.throttled).toBe(true);
    // Reported once per window, not per dropped frame.
    expect(m.frame(10)).toBe(null);
    clock.advance(999);
    expect(m.throttled).toBe(true);
    expect(m.remainingMs()).toBe(1);
    clock.advance(1);
    expect(m.throttled).toBe(false);
    expect(m.frame(10)).toBe(null);
  });

  it('counts bytes and ping answers separately', () => {
    const clock = createFakeClock();
    const m = createBudgetMeter(clock, {
      framesPerSecond: 100,
      bytesPerSecond: 1000,
      pingAnswersPerSecond: 2,
    });
    expect(m.frame(600)).toBe(null);
    expect(m.frame(600)).toBe('bytes');
    clock.advance(1000);
    expect(m.pingAnswer()).toBe(false);
    expect(m.pingAnswer()).toBe(false);
    expect(m.pingAnswer()).toBe(true);
    expect(m.throttled).toBe(true);
  });
});

describe('a connection that pings fast', () => {
  it('gets room for four answers per ping, so its own answers never throttle it', () => {
    const base = {
      url: 'ws://127.0.0.1:9/gateway',
      dialect: 'documented' as const,
      identity: { botId: '1', publicKey: 'pk', secret: 'sk', shardIn: 0, shardTotal: 1 },
      flags: 0,
    };
    const slow = resolveGatewayOptions({ ...base, pingIntervalMs: 1000 });
    expect(slow.budget.pingAnswersPerSecond).toBe(DEFAULT_BUDGET.pingAnswersPerSecond);
    const fast = resolveGatewayOptions({ ...base, pingIntervalMs: 50, pingIntervalFloorMs: 50 });
    expect(fast.budget.pingAnswersPerSecond).toBe(80);
  });
});
