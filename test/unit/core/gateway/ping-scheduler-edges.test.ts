/**
 * The ping scheduler at its edges, on a fake clock: the cadence after a loss
 * with a long interval, a loop stopped from inside its own callbacks or
 * after it declared the connection dead, arming twice, and how far back a
 * late answer can be matched.
 */
import { describe, expect, it } from 'vitest';
import { createPingScheduler } from '../../../../electron/core/gateway/ping-scheduler';
import type {
  LatePingAnswer,
  PingOutcome,
  PingScheduler,
} from '../../../../electron/core/gateway/ping-scheduler';
import { createFakeClock } from '../../../support/fake-clock';

interface Rig {
  clock: ReturnType<typeof createFakeClock>;
  pinger: PingScheduler;
  sentAt: number[];
  outcomes: PingOutcome[];
  late: LatePingAnswer[];
  dead: string[];
}

function rig(
  opts: {
    intervalMs?: number;
    timeoutMs?: number;
    lostPingsToDead?: number | null;
    onOutcome?: (o: PingOutcome, r: Rig) => void;
  } = {},
): Rig {
  const clock = createFakeClock();
  const r = { clock, sentAt: [], outcomes: [], late: [], dead: [] } as unknown as Rig;
  r.pinger = createPingScheduler({
    clock,
    intervalMs: opts.intervalMs ?? 1000,
    timeoutMs: opts.timeoutMs ?? 1000,
    lostPingsToDead: opts.lostPingsToDead === undefined ? 3 : opts.lostPingsToDead,
    send: () => {
      r.sentAt.push(clock.now());
      return true;
    },
    onOutcome: (o) => {
      r.outcomes.push(o);
      opts.onOutcome?.(o, r);
    },
    onLate: (l) => r.late.push(l),
    onDead: (n, reason) => r.dead.push(`${reason} ${n}`),
  });
  return r;
}

describe('ping scheduler: cadence', () => {
  it('after a loss the next ping keeps the interval from the lost ping when that is later than the late window', () => {
    const r = rig({ intervalMs: 10_000, timeoutMs: 2000 });
    r.pinger.start();
    r.clock.advance(100);
    r.pinger.answer();
    r.clock.advance(9900); // ping 2 at 10 s
    r.clock.advance(2000); // lost at 12 s
    expect(r.outcomes.map((o) => o.lost)).toEqual([false, true]);
    r.clock.advance(7999);
    expect(r.sentAt).toEqual([0, 10_000]);
    r.clock.advance(1); // 20 s: 10 s after the lost ping was sent
    expect(r.sentAt).toEqual([0, 10_000, 20_000]);
  });

  it('reports whether a ping is in flight and holds exactly one timer while running', () => {
    const r = rig();
    expect([r.pinger.inFlight, r.pinger.timerCount]).toEqual([false, 0]);
    r.pinger.start();
    expect([r.pinger.inFlight, r.pinger.timerCount]).toEqual([true, 1]);
    r.clock.advance(10);
    r.pinger.answer();
    // Waiting for the next ping: nothing in flight, one timer.
    expect([r.pinger.inFlight, r.pinger.timerCount]).toEqual([false, 1]);
    expect(r.clock.pendingCount()).toBe(1);
  });

  it('a second start() replaces the pending timeout: an answered ping is never also reported lost', () => {
    const r = rig({ intervalMs: 5000, timeoutMs: 1000 });
    r.pinger.start();
    r.clock.advance(500);
    r.pinger.start();
    expect(r.clock.pendingCount()).toBe(1);
  });
});

describe('ping scheduler: stopping', () => {
  it('a stopped loop ignores answers and never pings again, even when started', () => {
    const r = rig();
    r.pinger.start();
    r.pinger.stop();
    r.pinger.answer();
    r.pinger.start();
    r.clock.advance(60_000);
    expect(r.sentAt).toEqual([0]);
    expect(r.outcomes).toEqual([]);
    expect(r.late).toEqual([]);
  });

  it('stopped from its own outcome callback, it schedules nothing more (answer or loss)', () => {
    for (const answered of [true, false]) {
      const r = rig({ onOutcome: (_o, self) => self.pinger.stop() });
      r.pinger.start();
      r.clock.advance(10);
      if (answered) r.pinger.answer();
      else r.clock.advance(990);
      expect(r.outcomes, `answered ${answered}`).toHaveLength(1);
      expect(r.pinger.timerCount).toBe(0);
      expect(r.clock.pendingCount()).toBe(0);
      r.clock.advance(60_000);
      expect(r.sentAt).toEqual([0]);
      expect(r.dead).toEqual([]);
    }
  });

  it('once dead (too many losses or too many unmatched answers) it takes no more answers', () => {
    const lost = rig({ lostPingsToDead: 1 });
    lost.pinger.start();
    lost.clock.advance(1000);
    expect(lost.dead).toEqual(['lost 1']);
    lost.pinger.answer();
    expect(lost.late).toEqual([]);
    expect(lost.pinger.inFlight).toBe(false);

    // Not armed: losses pile up; then each answer matches only an old lost ping.
    const unmatched = rig({ lostPingsToDead: null });
    unmatched.pinger.start();
    unmatched.clock.advance(1000); // ping 1 lost
    unmatched.clock.advance(1000); // ping 2
    unmatched.clock.advance(1000); // ping 2 lost
    unmatched.clock.advance(1000); // ping 3
    unmatched.pinger.arm(2);
    unmatched.pinger.answer(); // ambiguous: pings 1 and 2 lost, ping 3 in flight
    unmatched.pinger.answer(); // ambiguous again
    expect(unmatched.late).toHaveLength(2);
    unmatched.clock.advance(1000); // ping 3 times out: order cannot be trusted
    expect(unmatched.dead).toEqual(['unmatched 2']);
    unmatched.pinger.answer();
    expect(unmatched.late).toHaveLength(2);
    expect(unmatched.clock.pendingCount()).toBe(0);
  });
});

describe('ping scheduler: arming', () => {
  it('arming after unanswered pings starts counting losses from zero', () => {
    const r = rig({ lostPingsToDead: null });
    r.pinger.start();
    r.clock.advance(1000); // lost 1
    r.clock.advance(1000); // ping 2
    r.clock.advance(1000); // lost 2
    r.pinger.arm(3);
    r.clock.advance(1000); // ping 3
    r.clock.advance(1000); // lost: 1 counted
    r.clock.advance(2000); // ping 4, lost: 2 counted
    expect(r.dead).toEqual([]);
    r.clock.advance(2000); // lost: 3 counted
    expect(r.dead).toEqual(['lost 3']);
  });

  it('arming again while armed keeps the losses counted so far', () => {
    const r = rig({ lostPingsToDead: 3 });
    r.pinger.start();
    r.clock.advance(1000); // lost 1
    r.clock.advance(2000); // lost 2
    r.pinger.arm(3);
    r.clock.advance(2000); // lost 3
    expect(r.dead).toEqual(['lost 3']);
  });
});

describe('ping scheduler: matching late answers', () => {
  it('remembers the last 64 unanswered pings: a late answer after more matches the oldest one still held', () => {
    const r = rig({ lostPingsToDead: null, intervalMs: 1000, timeoutMs: 1000 });
    r.pinger.start();
    // 66 pings, one every 2 s, all lost (the last one in flight).
    for (let i = 0; i < 65; i++) r.clock.advance(2000);
    expect(r.sentAt).toHaveLength(66);
    expect(r.pinger.inFlight).toBe(true);
    r.pinger.answer();
    // Ping 1 and 2 were forgotten; ping 3 (sent at 4 s) is the oldest held.
    expect(r.late).toEqual([
      { at: r.clock.wallNow(), sinceSentMs: r.clock.now() - 4000, unsolicited: false },
    ]);
  });
});
