/**
 * Where a ping's round trip starts and ends (docs/architecture.md §3.11): it
 * starts at the clock reading right before the ping is put on the wire (after
 * the timing probe has started, whose timer is not part of the trip) and ends
 * when the answer's frame was taken from the socket, not when the answer
 * reaches the scheduler after the budgets and the decoder. The probe is asked
 * about exactly that span.
 */
import { describe, expect, it } from 'vitest';
import { createPingScheduler } from '../../../../electron/core/gateway/ping-scheduler';
import type { LatePingAnswer, PingOutcome } from '../../../../electron/core/gateway/ping-scheduler';
import type { TimingProbe } from '../../../../electron/core/gateway/timing-probe';
import { createFakeClock } from '../../../support/fake-clock';
import type { FakeClock } from '../../../support/fake-clock';

/** A probe that records what it is told and says "disturbed" when told to. */
function recordingProbe(clock: FakeClock, o: { beginCostMs?: number; verdict?: boolean } = {}) {
  const calls: string[] = [];
  const asked: Array<[number, number]> = [];
  const probe: TimingProbe = {
    begin() {
      calls.push('begin');
      // Starting the probe's timer takes time; it must not count in the RTT.
      if (o.beginCostMs) clock.advance(o.beginCostMs);
    },
    end() {
      calls.push('end');
    },
    disturbed(start, now) {
      asked.push([start, now]);
      return o.verdict ?? false;
    },
    stalls: 0,
    worstGapMs: 0,
  };
  return { probe, calls, asked };
}

function rig(
  o: {
    beginCostMs?: number;
    /** The sender's own work before it stamps; no stamp at all when not given. */
    prepCostMs?: number;
    sendCostMs?: number;
    verdict?: boolean;
    sendOk?: boolean;
  } = {},
) {
  const clock = createFakeClock();
  const { probe, calls, asked } = recordingProbe(clock, o);
  const outcomes: PingOutcome[] = [];
  const late: LatePingAnswer[] = [];
  const pinger = createPingScheduler({
    clock,
    intervalMs: 1000,
    timeoutMs: 2000,
    lostPingsToDead: null,
    probe,
    send: (stamp) => {
      calls.push('send');
      if (o.prepCostMs !== undefined) {
        clock.advance(o.prepCostMs);
        stamp();
      }
      // `ws.send` itself is part of the trip, as it is for a raw client.
      if (o.sendCostMs) clock.advance(o.sendCostMs);
      return o.sendOk ?? true;
    },
    onOutcome: (x) => outcomes.push(x),
    onLate: (l) => late.push(l),
    onDead: () => undefined,
  });
  return { clock, pinger, outcomes, late, calls, asked };
}

describe('ping scheduler: where the round trip starts and ends', () => {
  it('ends the RTT when the answer was read from the socket, not when it reached the scheduler', () => {
    const r = rig();
    r.pinger.start();
    r.clock.advance(4);
    const readAt = r.clock.now();
    // Budgets and decoding took 0.25 ms after the frame was read.
    r.clock.advance(0.25);
    r.pinger.answer(readAt);
    expect(r.outcomes).toEqual([{ rttMs: 4, lost: false, at: r.clock.wallNow() }]);
    expect(r.asked).toEqual([[0, 4]]);
  });

  it('without a reading time, ends the RTT at the call', () => {
    const r = rig();
    r.pinger.start();
    r.clock.advance(4.25);
    r.pinger.answer();
    expect(r.outcomes.map((x) => x.rttMs)).toEqual([4.25]);
    expect(r.asked).toEqual([[0, 4.25]]);
  });

  it('starts the RTT after the probe has started and before the ping is sent', () => {
    const r = rig({ beginCostMs: 0.5, sendCostMs: 0.125 });
    r.pinger.start();
    expect(r.calls).toEqual(['begin', 'send']);
    const sentAt = 0.5;
    r.clock.advance(3);
    r.pinger.answer(r.clock.now());
    // 0.125 of sending plus 3: the probe's 0.5 is not in it.
    expect(r.outcomes.map((x) => x.rttMs)).toEqual([3.125]);
    expect(r.asked).toEqual([[sentAt, sentAt + 3.125]]);
    // The next ping is due an interval after this one was sent.
    r.clock.advance(996.75); // 1000.375
    expect(r.calls.filter((c) => c === 'send')).toHaveLength(1);
    r.clock.advance(0.125); // 1000.5
    expect(r.calls.filter((c) => c === 'send')).toHaveLength(2);
  });

  it("starts the RTT at the sender's stamp: its own work before it is not in the trip", () => {
    // 0.5 ms of counters and the frame log, then the stamp, then 0.125 ms of `ws.send`.
    const r = rig({ prepCostMs: 0.5, sendCostMs: 0.125 });
    r.pinger.start();
    r.clock.advance(3);
    r.pinger.answer(r.clock.now());
    expect(r.outcomes.map((x) => x.rttMs)).toEqual([3.125]);
    expect(r.asked).toEqual([[0.5, 3.625]]);
  });

  it('marks the answer disturbed when the probe says the thread stalled in that span', () => {
    const r = rig({ verdict: true });
    r.pinger.start();
    r.clock.advance(2);
    r.pinger.answer(r.clock.now());
    expect(r.outcomes).toEqual([{ rttMs: 2, lost: false, at: r.clock.wallNow(), disturbed: true }]);
    expect(r.calls).toEqual(['begin', 'send', 'end']);
  });

  it('measures a late answer from its reading time too', () => {
    const r = rig();
    r.pinger.start();
    r.clock.advance(2000); // lost, nothing in flight during the late window
    r.clock.advance(500);
    const readAt = r.clock.now();
    r.clock.advance(1);
    r.pinger.answer(readAt);
    expect(r.late).toEqual([{ at: r.clock.wallNow(), sinceSentMs: 2500, unsolicited: false }]);
  });

  it('ends the probe once for a ping in flight when stopped, and not again for one already answered', () => {
    // The probe is shared by the connections of a thread: an end too many
    // would stop it watching another connection's ping; one too few would
    // keep it ticking for ever.
    const inFlight = rig();
    inFlight.pinger.start();
    inFlight.pinger.stop();
    expect(inFlight.calls).toEqual(['begin', 'send', 'end']);
    expect(inFlight.clock.pendingCount()).toBe(0);

    const answered = rig();
    answered.pinger.start();
    answered.clock.advance(4);
    answered.pinger.answer();
    answered.pinger.stop();
    expect(answered.calls).toEqual(['begin', 'send', 'end']);

    const never = rig();
    never.pinger.stop();
    expect(never.calls).toEqual([]);
  });

  it('ends the probe for a ping that could not be sent, and for a lost one', () => {
    const failed = rig({ sendOk: false });
    failed.pinger.start();
    expect(failed.calls).toEqual(['begin', 'send', 'end']);
    expect(failed.pinger.inFlight).toBe(false);

    const lost = rig();
    lost.pinger.start();
    lost.clock.advance(2000);
    expect(lost.calls).toEqual(['begin', 'send', 'end']);
    expect(lost.outcomes.map((x) => x.lost)).toEqual([true]);
  });
});
