import { describe, expect, it } from 'vitest';
import { createPingScheduler } from '../../../../electron/core/gateway/ping-scheduler';
import type { LatePingAnswer, PingOutcome } from '../../../../electron/core/gateway/ping-scheduler';
import { createFakeClock } from '../../../support/fake-clock';

function setup(opts: { intervalMs?: number; timeoutMs?: number; lostPingsToDead?: number } = {}) {
  const clock = createFakeClock();
  const sentAt: number[] = [];
  const outcomes: PingOutcome[] = [];
  const late: LatePingAnswer[] = [];
  const dead: number[] = [];
  const deadReasons: Array<'lost' | 'unmatched'> = [];
  const pinger = createPingScheduler({
    clock,
    intervalMs: opts.intervalMs ?? 5000,
    timeoutMs: opts.timeoutMs ?? 5000,
    lostPingsToDead: opts.lostPingsToDead ?? 3,
    send: () => {
      sentAt.push(clock.now());
      return true;
    },
    onOutcome: (o) => outcomes.push(o),
    onLate: (l) => late.push(l),
    onDead: (n, reason) => {
      dead.push(n);
      deadReasons.push(reason);
    },
  });
  return { clock, pinger, sentAt, outcomes, late, dead, deadReasons };
}

describe('ping scheduler', () => {
  it('sends the first ping at once and measures RTT on the monotonic clock', () => {
    const { clock, pinger, sentAt, outcomes } = setup();
    pinger.start();
    expect(sentAt).toEqual([0]);
    clock.advance(12.5);
    pinger.answer();
    expect(outcomes).toEqual([{ rttMs: 12.5, lost: false, at: clock.wallNow() }]);
  });

  it('keeps the cadence from send time and never has two pings in flight', () => {
    const { clock, pinger, sentAt } = setup({ intervalMs: 1000, timeoutMs: 5000 });
    pinger.start();
    clock.advance(300);
    pinger.answer();
    clock.advance(700);
    expect(sentAt).toEqual([0, 1000]);
    // No answer: even though the interval passes, no second ping is sent before the timeout.
    clock.advance(3000);
    expect(sentAt).toEqual([0, 1000]);
    expect(pinger.inFlight).toBe(true);
  });

  it('after a loss waits one extra timeout, reports a late answer as late, and credits nothing to the next ping', () => {
    const { clock, pinger, sentAt, outcomes, late } = setup({ intervalMs: 1000, timeoutMs: 2000 });
    pinger.start();
    clock.advance(2000);
    expect(outcomes).toEqual([{ rttMs: null, lost: true, at: clock.wallNow() }]);
    // The interval is long past, but the next ping waits for the late window.
    clock.advance(1999);
    expect(sentAt).toEqual([0]);
    pinger.answer();
    expect(late).toEqual([{ at: clock.wallNow(), sinceSentMs: 3999, unsolicited: false }]);
    expect(outcomes).toHaveLength(1);
    clock.advance(1);
    expect(sentAt).toEqual([0, 4000]);
    clock.advance(10);
    pinger.answer();
    expect(outcomes[1]).toEqual({ rttMs: 10, lost: false, at: clock.wallNow() });
  });

  it('credits no RTT to an answer that could belong to a lost ping or to the one in flight', () => {
    const { clock, pinger, sentAt, outcomes, late } = setup({ intervalMs: 1000, timeoutMs: 2000 });
    pinger.start();
    clock.advance(2000); // ping 1 lost; ping 2 waits out the late window
    clock.advance(2000);
    expect(sentAt).toEqual([0, 4000]);
    clock.advance(10);
    // Ping 1's late answer or ping 2's own: ambiguous, so reported late
    // (counted from the oldest ping) and no 10 ms RTT is shown.
    pinger.answer();
    expect(outcomes).toEqual([{ rttMs: null, lost: true, at: clock.wallNow() - 2010 }]);
    expect(late).toEqual([{ at: clock.wallNow(), sinceSentMs: 4010, unsolicited: false }]);
    expect(pinger.inFlight).toBe(true);
    // The next answer is ping 2's, the only one outstanding: credited.
    clock.advance(20);
    pinger.answer();
    expect(outcomes[1]).toEqual({ rttMs: 30, lost: false, at: clock.wallNow() });
    expect(pinger.inFlight).toBe(false);
  });

  it('declares the connection dead when answers stay ambiguous N times in a row', () => {
    const { clock, pinger, sentAt, outcomes, dead, deadReasons } = setup({
      intervalMs: 1000,
      timeoutMs: 2000,
      lostPingsToDead: 2,
    });
    pinger.start();
    clock.advance(4010); // ping 1 lost at 2000, ping 2 sent at 4000
    pinger.answer(); // ambiguous 1
    clock.advance(3990); // ping 2 lost at 6000, ping 3 sent at 8000
    expect(sentAt).toEqual([0, 4000, 8000]);
    clock.advance(10);
    pinger.answer(); // ambiguous 2
    expect(dead).toEqual([]);
    clock.advance(1990); // ping 3 times out: order can no longer be trusted
    expect(outcomes.every((o) => o.rttMs === null)).toBe(true);
    expect(dead).toEqual([2]);
    expect(deadReasons).toEqual(['unmatched']);
    expect(pinger.timerCount).toBe(0);
  });

  it('reports an answer nobody asked for as unsolicited', () => {
    const { pinger, late, outcomes } = setup();
    pinger.start();
    pinger.answer();
    pinger.answer();
    expect(outcomes).toHaveLength(1);
    expect(late).toEqual([expect.objectContaining({ unsolicited: true, sinceSentMs: null })]);
  });

  it('declares the connection dead after N consecutive losses and stops', () => {
    const { clock, pinger, sentAt, outcomes, dead } = setup({ intervalMs: 1000, timeoutMs: 1000 });
    pinger.start();
    clock.advance(1000); // lost 1, next at +1000
    clock.advance(1000); // ping 2
    clock.advance(1000); // lost 2
    clock.advance(1000); // ping 3
    expect(dead).toEqual([]);
    clock.advance(1000); // lost 3 → dead
    expect(sentAt).toEqual([0, 2000, 4000]);
    expect(outcomes.map((o) => o.lost)).toEqual([true, true, true]);
    expect(dead).toEqual([3]);
    expect(pinger.timerCount).toBe(0);
    expect(clock.pendingCount()).toBe(0);
    clock.advance(60_000);
    expect(sentAt).toHaveLength(3);
  });

  it('resets the loss count on an answer, and on a late answer (the link is slow, not dead)', () => {
    const { clock, pinger, dead } = setup({
      intervalMs: 1000,
      timeoutMs: 1000,
      lostPingsToDead: 2,
    });
    pinger.start();
    clock.advance(1000); // lost 1
    clock.advance(500);
    pinger.answer(); // late → reset
    clock.advance(500); // ping 2
    clock.advance(1000); // lost 1 again
    expect(dead).toEqual([]);
    clock.advance(1000); // ping 3
    clock.advance(5);
    pinger.answer();
    clock.advance(995); // ping 4
    clock.advance(1000); // lost 1
    expect(dead).toEqual([]);
  });

  it('stop() releases its timer', () => {
    const { clock, pinger } = setup();
    pinger.start();
    expect(clock.pendingCount()).toBe(1);
    pinger.stop();
    expect(clock.pendingCount()).toBe(0);
    pinger.answer();
  });
});
