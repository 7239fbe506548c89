/**
 * The timing probe marks a ping disturbed exactly when its thread stalled
 * (no tick ran) for longer than the threshold while the ping was in flight.
 * A hand-driven clock: `stall(ms)` moves time without running timers, as a
 * busy or descheduled thread does; `run()` lets due timers fire.
 */
import { describe, expect, it } from 'vitest';
import type { Clock, TimerHandle } from '../../../../shared/clock';
import { createTimingProbe } from '../../../../electron/core/gateway/timing-probe';
import { createPingScheduler } from '../../../../electron/core/gateway/ping-scheduler';
import type { PingOutcome } from '../../../../electron/core/gateway/ping-scheduler';

function handClock() {
  let t = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    now: () => t,
    wallNow: () => 1_700_000_000_000 + t,
    setTimeout(fn, ms): TimerHandle {
      timers.set(++seq, { at: t + ms, fn });
      return { id: seq };
    },
    clearTimeout(h) {
      if (h) timers.delete(h.id as number);
    },
  };
  /** Run the thread for `ms`, firing each timer on time. */
  const run = (ms: number): void => {
    const end = t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const e of timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      timers.delete(next[0]);
      t = Math.max(t, next[1].at);
      next[1].fn();
    }
    t = end;
  };
  /** The thread does not run for `ms`: time passes, no timer fires. */
  const stall = (ms: number): void => {
    t += ms;
  };
  return { clock, run, stall, pending: () => timers.size, now: () => t };
}

describe('timing probe', () => {
  it('a ping with no stall over the threshold is undisturbed; one over it is disturbed', () => {
    const h = handClock();
    const probe = createTimingProbe(h.clock, { tickMs: 1, thresholdMs: 1.5 });
    probe.begin();
    const start = h.now();
    h.run(20);
    expect(probe.disturbed(start, h.now())).toBe(false);
    h.stall(1.4); // under the threshold
    h.run(5);
    expect(probe.disturbed(start, h.now())).toBe(false);
    h.stall(3);
    // Still stalled when the answer is read: the open gap counts.
    expect(probe.disturbed(start, h.now())).toBe(true);
    h.run(5);
    // And after ticks resumed, the closed gap still covers the window.
    expect(probe.disturbed(start, h.now())).toBe(true);
    probe.end();
    expect(probe.stalls).toBe(1);
  });

  it('a stall outside the window does not disturb it', () => {
    const h = handClock();
    const probe = createTimingProbe(h.clock);
    probe.begin();
    h.run(2);
    h.stall(50);
    h.run(2);
    const start = h.now();
    h.run(20);
    expect(probe.disturbed(start, h.now())).toBe(false);
    probe.end();
  });

  it('ticks only while a ping is in flight', () => {
    const h = handClock();
    const probe = createTimingProbe(h.clock);
    expect(h.pending()).toBe(0);
    probe.begin();
    probe.begin();
    expect(h.pending()).toBe(1);
    probe.end();
    h.run(3);
    expect(h.pending()).toBe(1);
    probe.end();
    h.run(3);
    expect(h.pending()).toBe(0);
  });

  it('the scheduler marks an answer read after a stall disturbed, and leaves others unmarked', () => {
    const h = handClock();
    const probe = createTimingProbe(h.clock);
    const outcomes: PingOutcome[] = [];
    const s = createPingScheduler({
      clock: h.clock,
      intervalMs: 100,
      timeoutMs: 1000,
      lostPingsToDead: 3,
      send: () => true,
      probe,
      onOutcome: (o) => outcomes.push(o),
      onLate: () => {},
      onDead: () => {},
    });
    s.start();
    h.run(10);
    s.answer(); // clean: 10 ms
    h.run(90); // next ping sent at 100
    h.run(4);
    h.stall(30); // the thread could not run: the answer waited
    s.answer();
    s.stop();
    expect(outcomes.map((o) => [o.rttMs, o.disturbed === true])).toEqual([
      [10, false],
      [34, true],
    ]);
    expect(h.pending()).toBe(0);
  });
});
