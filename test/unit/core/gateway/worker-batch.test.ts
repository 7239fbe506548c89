/**
 * A gateway worker's batches (`worker-batch.ts`): sent after the turn of the
 * event loop that queued them, but never while a ping is in flight — then
 * they wait for its answer or loss, at most HOLD_WHILE_PING_MS, so posting
 * a batch cannot delay the reading of a ping's answer.
 */
import { describe, expect, it } from 'vitest';
import { HOLD_WHILE_PING_MS, createBatcher } from '../../../../electron/core/gateway/worker-batch';
import { createFakeClock } from '../../../support/fake-clock';

/** A batcher with a fake clock and a hand-run "end of this turn of the loop". */
function rig() {
  const clock = createFakeClock();
  let turnEnd: Array<() => void> = [];
  let sent = 0;
  const batcher = createBatcher(() => sent++, {
    clock,
    soon(fn) {
      turnEnd.push(fn);
      return () => {
        turnEnd = turnEnd.filter((f) => f !== fn);
      };
    },
  });
  return {
    clock,
    batcher,
    sent: () => sent,
    /** The current turn of the event loop ends: what was set to run after it runs. */
    endTurn() {
      const fns = turnEnd;
      turnEnd = [];
      for (const fn of fns) fn();
    },
    pendingSoon: () => turnEnd.length,
  };
}

describe('worker batches', () => {
  it('go out once after the turn that queued them, however many events it queued', () => {
    const r = rig();
    r.batcher.queued();
    r.batcher.queued();
    r.batcher.queued();
    expect(r.sent()).toBe(0);
    r.endTurn();
    expect(r.sent()).toBe(1);
    r.endTurn();
    expect(r.sent()).toBe(1);
  });

  it('wait while a ping is in flight and go out right after its answer', () => {
    const r = rig();
    r.batcher.pingInFlight(true);
    r.batcher.queued(); // the ping's own outgoing frame, for the frame log
    r.endTurn();
    r.clock.advance(HOLD_WHILE_PING_MS - 1);
    expect(r.sent()).toBe(0);
    r.batcher.pingInFlight(false); // answered (or lost)
    expect(r.sent()).toBe(0);
    r.endTurn();
    expect(r.sent()).toBe(1);
    // The hold's timer went with it.
    r.clock.advance(HOLD_WHILE_PING_MS);
    expect(r.sent()).toBe(1);
  });

  it('wait no longer than the hold for a ping that takes long', () => {
    const r = rig();
    r.batcher.pingInFlight(true);
    r.clock.advance(100);
    r.batcher.queued();
    r.clock.advance(HOLD_WHILE_PING_MS - 1);
    expect(r.sent()).toBe(0);
    r.clock.advance(1);
    expect(r.sent()).toBe(1);
    // Still in flight: the next events wait again, from when they were queued.
    r.batcher.queued();
    r.endTurn();
    expect(r.sent()).toBe(1);
    r.clock.advance(HOLD_WHILE_PING_MS);
    expect(r.sent()).toBe(2);
  });

  it('a batch set to go after this turn waits instead when a ping goes out first', () => {
    const r = rig();
    r.batcher.queued();
    r.batcher.pingInFlight(true);
    r.endTurn();
    expect(r.sent()).toBe(0);
    r.batcher.pingInFlight(false);
    r.endTurn();
    expect(r.sent()).toBe(1);
  });

  it('sends nothing when nothing was queued, whatever the pings do', () => {
    const r = rig();
    r.batcher.pingInFlight(true);
    r.batcher.pingInFlight(false);
    r.endTurn();
    r.clock.advance(HOLD_WHILE_PING_MS * 2);
    r.batcher.flushNow();
    expect(r.sent()).toBe(0);
    expect(r.pendingSoon()).toBe(0);
    expect(r.clock.pendingCount()).toBe(0);
  });

  it('flushNow sends at once, held or not, and cancels what was scheduled', () => {
    const r = rig();
    r.batcher.pingInFlight(true);
    r.batcher.queued();
    r.batcher.flushNow();
    expect(r.sent()).toBe(1);
    expect(r.clock.pendingCount()).toBe(0);
    r.batcher.pingInFlight(false);
    r.batcher.queued();
    r.batcher.flushNow();
    expect(r.sent()).toBe(2);
    r.endTurn();
    expect(r.sent()).toBe(2);
  });

  it('after dispose sends nothing that was scheduled', () => {
    const r = rig();
    r.batcher.queued();
    r.batcher.dispose();
    r.endTurn();
    r.batcher.pingInFlight(true);
    r.batcher.queued();
    r.batcher.dispose();
    r.clock.advance(HOLD_WHILE_PING_MS);
    expect(r.sent()).toBe(0);
  });
});
