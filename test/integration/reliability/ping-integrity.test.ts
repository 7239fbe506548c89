/**
 * Slow, stalled, late, duplicated and unsolicited ping answers, and a
 * half-open socket, against the simulator over real loopback sockets.
 *
 * Client and simulator share one stepping fake clock (see sim-link.ts), so
 * the true round trip of every ping is known exactly: the delay the simulator
 * gave it, held back behind earlier answers (answers go out in order,
 * docs/protocol.md §1). The promise checked everywhere: every RTT the client shows
 * is the true RTT of the ping it is shown for; a ping slower than the timeout
 * is lost (and its answer reported late), never a small RTT.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPingScheduler } from '../../../electron/core/gateway/ping-scheduler';
import type { LatePingAnswer, PingOutcome } from '../../../electron/core/gateway/ping-scheduler';
import { createSeededRandom } from '../../../electron/sim/random';
import type { Dialect } from '../../../shared/protocol';
import type { PingRecord, SimLink } from '../../reliability/sim-link';
import { connectReady, createSimLink } from '../../reliability/sim-link';
import {
  createSteppingClock,
  leftoverResources,
  size,
  tcpCounts,
  timeoutFor,
  watchCrashes,
} from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('ping-integrity');
let link: SimLink | null = null;
const baseline = tcpCounts();

afterEach(async () => {
  await link?.dispose();
  link = null;
  const left = await leftoverResources(baseline);
  card.add('leaks', left.sockets + left.servers);
});

/**
 * Answer time of each ping as the simulator schedules it: its own delay, but
 * never before the previous answer on the same connection.
 */
function answerTimes(
  sends: number[],
  delayOf: (sentAt: number, index: number) => number,
  connOf: (index: number) => number = () => 0,
) {
  const out: number[] = [];
  const last = new Map<number, number>();
  sends.forEach((s, i) => {
    const c = connOf(i);
    const at = Math.max(s + delayOf(s, i), last.get(c) ?? -Infinity);
    last.set(c, at);
    out.push(at);
  });
  return out;
}

/** RTTs that are not the true RTT of the ping they are credited to. */
function wrongCredits(
  pings: PingRecord[],
  sends: number[],
  answers: number[],
  timeoutMs: number,
): PingRecord[] {
  return pings.filter((p) => {
    if (p.rttMs === null) return false;
    const k = sends.findIndex((s) => Math.abs(s - (p.sentMono ?? NaN)) < 0.01);
    if (k < 0) return true;
    const truth = (answers[k] as number) - (sends[k] as number);
    return Math.abs(truth - p.rttMs) > 1e-6 || truth > timeoutMs;
  });
}

function tally(l: SimLink, wrong: PingRecord[]): void {
  card.add('inputsTried', l.pingSends.length);
  card.add('wrongRtts', wrong.length);
}

describe.each<Dialect>(['documented', 'http-interaction-0.2.2'])('%s', (dialect) => {
  it.each([
    { intervalMs: 1000, timeoutMs: 2000 },
    { intervalMs: 5000, timeoutMs: 5000 },
  ])(
    'latency ramping to 10 s (degrading): every ping is answered in time with its true RTT, or lost (interval $intervalMs, timeout $timeoutMs)',
    async ({ intervalMs, timeoutMs }) => {
      const crashes = watchCrashes();
      const rate = 200;
      link = await createSimLink({
        dialect,
        sim: { scenario: 'degrading', degradeMsPerSecond: rate, maxDegradeMs: 10_000 },
        conn: { pingIntervalMs: intervalMs, pingTimeoutMs: timeoutMs },
      });
      const delay = (s: number) => Math.min(10_000, (s / 1000) * rate);
      await connectReady(link);
      await link.runFor(size(150_000, 600_000));
      card.add('faultsInjected');

      const sends = link.pingSends;
      const wrong = wrongCredits(link.pings, sends, answerTimes(sends, delay), timeoutMs);
      tally(link, wrong);
      expect(wrong).toEqual([]);
      // Slowness is seen: answered pings early on, lost ones once past the timeout.
      const answered = link.pings.filter((p) => !p.lost);
      const lost = link.pings.filter((p) => p.lost);
      expect(answered.length).toBeGreaterThan(3);
      expect(lost.length).toBeGreaterThan(3);
      expect(Math.max(...answered.map((p) => p.rttMs ?? 0))).toBeLessThanOrEqual(timeoutMs);
      // Every late answer names how long ago some lost ping really was sent.
      for (const l of link.late.filter((x) => !x.unsolicited)) {
        const sentAt = l.atMono - (l.sinceSentMs ?? NaN);
        expect(sends.some((s) => Math.abs(s - sentAt) < 0.01)).toBe(true);
        expect(l.sinceSentMs).toBeGreaterThanOrEqual(timeoutMs);
      }
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    timeoutFor(60_000, 900_000),
  );

  it(
    'stall: pings are lost, the connection is declared dead and replaced; after resume every RTT is true again',
    async () => {
      const latency = 30;
      link = await createSimLink({ dialect, sim: { latencyMs: latency } });
      await connectReady(link);
      await link.runFor(5_000);
      link.sim.injectFault('stall');
      card.add('faultsInjected');
      await link.runFor(15_000);
      expect(link.states).toContain('reconnecting');
      const lostDuringStall = link.pings.filter((p) => p.lost).length;
      expect(lostDuringStall).toBeGreaterThanOrEqual(3);
      link.sim.injectFault('resume');
      await link.runFor(20_000);
      expect(link.conn.state).toBe('ready');
      expect(link.sim.stats().connectionsTotal).toBeGreaterThanOrEqual(2);
      expect(link.conn.snapshot().reconnects).toBeGreaterThanOrEqual(1);
      const credited = link.pings.filter((p) => p.rttMs !== null);
      const wrong = credited.filter((p) => Math.abs((p.rttMs ?? 0) - latency) > 1e-6);
      tally(link, wrong);
      expect(wrong).toEqual([]);
      expect(credited.length).toBeGreaterThan(5);
    },
    timeoutFor(20_000, 600_000),
  );

  it(
    'an answer held past the timeout is reported late and never credited to the next ping',
    async () => {
      const latency = 30;
      const timeoutMs = 2000;
      link = await createSimLink({ dialect, sim: { latencyMs: latency } });
      await connectReady(link);
      const rnd = createSeededRandom(11);
      const l = link;
      // Fault → the next ping sent after it, on the connection of the moment.
      const delays = new Map<string, number>();
      for (let i = 0; i < size(5, 40); i++) {
        await l.runFor(1000 + rnd.int(3000));
        const delayMs = 2100 + rnd.int(9000);
        // Everything in flight has been received (quiet wire), so the fault
        // holds the answer of the next ping sent on this connection.
        delays.set(`${l.sim.stats().connectionsTotal - 1}:${l.pingSends.length}`, delayMs);
        l.sim.injectFault('late-answer', { delayMs });
        card.add('faultsInjected');
        await l.runFor(15_000);
      }
      card.detail(`late-answer: connections used (${dialect})`, l.sim.stats().connectionsTotal);
      const sends = l.pingSends;
      const answers = answerTimes(
        sends,
        (_s, i) => delays.get(`${l.pingConn[i] ?? 0}:${i}`) ?? latency,
        (i) => l.pingConn[i] ?? 0,
      );
      const wrong = wrongCredits(link.pings, sends, answers, timeoutMs);
      tally(link, wrong);
      expect(wrong).toEqual([]);
      expect(link.late.length).toBeGreaterThan(0);
      expect(link.late.every((l) => !l.unsolicited)).toBe(true);
    },
    timeoutFor(20_000, 600_000),
  );

  it(
    'duplicate and unsolicited answers are counted, never credited',
    async () => {
      const latency = 30;
      link = await createSimLink({ dialect, sim: { latencyMs: latency } });
      await connectReady(link);
      const rnd = createSeededRandom(12);
      let extra = 0;
      for (let i = 0; i < size(10, 100); i++) {
        // Between pings: the last one answered, the next not yet sent.
        await link.runFor(100 + rnd.int(800));
        const snap = link.conn.snapshot();
        if (snap.pingsSent > link.pings.length) continue;
        const kind = rnd.chance(0.5) ? 'duplicate-answer' : 'unsolicited-answer';
        link.sim.injectFault(kind);
        card.add('faultsInjected');
        extra++;
        await link.runFor(1000);
      }
      await link.runFor(2000);
      const snap = link.conn.snapshot();
      expect(snap.lateAnswers).toBe(extra);
      expect(snap.pingsLost).toBe(0);
      const wrong = link.pings.filter((p) => p.rttMs !== latency);
      tally(link, wrong);
      expect(wrong).toEqual([]);
      expect(link.late.every((l) => l.unsolicited)).toBe(true);
    },
    timeoutFor(20_000, 600_000),
  );

  it('half-open socket: detected by lost pings and replaced by a new connection', async () => {
    link = await createSimLink({ dialect, sim: { latencyMs: 10 } });
    await connectReady(link);
    await link.runFor(3000);
    const before = link.sim.stats().connectionsTotal;
    expect(link.sim.injectFault('half-open')).toBe(1);
    link.deafServer();
    card.add('faultsInjected');
    await link.runFor(20_000);
    expect(link.conn.state).toBe('ready');
    expect(link.sim.stats().connectionsTotal).toBe(before + 1);
    expect(link.states).toContain('reconnecting');
    expect(link.pings.filter((p) => p.lost).length).toBe(3);
    const lastPing = link.pings.at(-1);
    expect(lastPing?.rttMs).toBe(10);
    const wrong = link.pings.filter((p) => p.rttMs !== null && p.rttMs !== 10);
    tally(link, wrong);
    expect(wrong).toEqual([]);
  });
});

describe('ping scheduler regression (bug: RTT credited to the wrong ping)', () => {
  it('an answer slower than twice the timeout is reported late, not credited to the ping in flight', () => {
    const clock = createSteppingClock();
    const outcomes: PingOutcome[] = [];
    const late: LatePingAnswer[] = [];
    const dead: Array<[number, string]> = [];
    const sent: number[] = [];
    const pinger = createPingScheduler({
      clock,
      intervalMs: 1000,
      timeoutMs: 2000,
      lostPingsToDead: 3,
      send: () => (sent.push(clock.now()), true),
      onOutcome: (o) => outcomes.push(o),
      onLate: (l) => late.push(l),
      onDead: (n, reason) => dead.push([n, reason]),
    });
    pinger.start(); // ping 1 at 0
    clock.advance(4000); // lost at 2000, ping 2 at 4000
    clock.advance(1000);
    pinger.answer(); // ping 1's answer, 5 s late, while ping 2 waits
    expect(outcomes.map((o) => o.rttMs)).toEqual([null]);
    expect(late).toEqual([expect.objectContaining({ sinceSentMs: 5000, unsolicited: false })]);
    clock.advance(1000); // ping 2 lost
    clock.advance(2000); // ping 3 at 8000
    clock.advance(1000);
    pinger.answer(); // ping 2's answer: ambiguous again
    clock.advance(3000); // ping 3 lost, ping 4 at 12000
    clock.advance(1000);
    pinger.answer(); // ping 3's answer: ambiguous a third time
    expect(dead).toEqual([]);
    clock.advance(1000); // ping 4 times out too
    expect(outcomes.every((o) => o.rttMs === null)).toBe(true);
    expect(sent).toEqual([0, 4000, 8000, 12000]);
    // Three unmatched answers in a row and still no credited ping: start afresh.
    expect(dead).toEqual([[3, 'unmatched']]);
    expect(clock.pendingCount()).toBe(0);
  });

  it("a burst of held-back answers ending with the in-flight ping's own is credited, not torn down", () => {
    const clock = createSteppingClock();
    const outcomes: PingOutcome[] = [];
    const dead: string[] = [];
    const pinger = createPingScheduler({
      clock,
      intervalMs: 1000,
      timeoutMs: 2000,
      lostPingsToDead: 3,
      send: () => true,
      onOutcome: (o) => outcomes.push(o),
      onLate: () => {},
      onDead: (_n, reason) => dead.push(reason),
    });
    pinger.start(); // ping 1 at 0
    clock.advance(8500); // lost at 2000; ping 2 at 4000, lost at 6000; ping 3 at 8000
    // The gateway held every answer and now sends them in order.
    pinger.answer();
    pinger.answer();
    pinger.answer();
    expect(outcomes.map((o) => o.rttMs)).toEqual([null, null, 500]);
    clock.advance(600); // ping 4 goes out on schedule
    expect(dead).toEqual([]);
    expect(pinger.inFlight).toBe(true);
  });

  it('in order, a late answer in the window still resets the loss count and the next ping is credited', () => {
    const clock = createSteppingClock();
    const outcomes: PingOutcome[] = [];
    const pinger = createPingScheduler({
      clock,
      intervalMs: 1000,
      timeoutMs: 2000,
      lostPingsToDead: 2,
      send: () => true,
      onOutcome: (o) => outcomes.push(o),
      onLate: () => {},
      onDead: () => {},
    });
    pinger.start();
    clock.advance(3000); // lost at 2000
    pinger.answer(); // late, inside the window
    clock.advance(1000); // ping 2 at 4000
    clock.advance(7);
    pinger.answer();
    expect(outcomes.map((o) => o.rttMs)).toEqual([null, 7]);
  });
});
