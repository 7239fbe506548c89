/**
 * The connection's ping loop: the {@link createPingScheduler} plus what a
 * lost ping means. Registered (or once the gateway has answered), losses
 * count towards a dead connection. Pinging only, before the first answer,
 * a lost ping is expected — the gateway answers pings only once the bot has
 * registered since it started (docs/protocol.md §2) — so it is neither a
 * loss nor a reason to reconnect: the loop keeps pinging.
 *
 * The first answer after such losses cannot be matched to its ping: pings
 * carry no number, and the lost ones may have been dropped (the bot had not
 * registered) or only delayed (a slow gateway). Crediting it could show a
 * false RTT, so the loop asks for a clean connection instead, where the
 * first answer is unambiguous.
 */
import type { Clock } from '../../../shared/clock';
import type { Say } from '../../../shared/i18n/translator';
import { sayEnglish } from '../../../shared/i18n/translator';
import type { LatePingAnswer, PingOutcome } from './ping-scheduler';
import { createPingScheduler } from './ping-scheduler';
import type { TimingProbe } from './timing-probe';

/** Options of {@link createPingLoop}. */
export interface PingLoopOptions {
  clock: Clock;
  intervalMs: number;
  timeoutMs: number;
  lostPingsToDead: number;
  /** Count losses from the start (after a register) instead of from the first answer. */
  armed: boolean;
  /** Put one ping on the wire; false when it could not be sent (`stamp`: as in the scheduler's `send`). */
  send: (stamp: () => void) => boolean;
  /** Watches the timing thread (`timing-probe.ts`). */
  probe?: TimingProbe;
  /** Words the reason a connection is given up (English when not given). */
  say?: Say;
  /** The first answer, with no ping lost before it, on a loop that was not armed. */
  onFirstAnswer: () => void;
  /** A ping got no answer before any had (not armed). */
  onUnanswered: () => void;
  /** An outcome once armed: an RTT or a loss. */
  onOutcome: (outcome: PingOutcome) => void;
  onLate: (late: LatePingAnswer) => void;
  /** The connection is presumed dead, or must start afresh; the sentence says why. The loop has stopped. */
  onDead: (text: string) => void;
}

/** A running ping loop. */
export interface PingLoop {
  start(): void;
  /** A ping answer arrived; `receivedAt` as in the scheduler's `answer`. */
  answer(receivedAt?: number): void;
  stop(): void;
}

/** Create a ping loop. Nothing is sent until `start()`. */
export function createPingLoop(o: PingLoopOptions): PingLoop {
  const say = o.say ?? sayEnglish;
  let armed = o.armed;
  let unanswered = 0;
  /** Arm on a first answer; false (loop stopped) when it came after losses. */
  function arm(): boolean {
    if (armed) return true;
    if (unanswered > 0) {
      scheduler.stop();
      o.onDead(say('connection.answeredAfterLosses'));
      return false;
    }
    armed = true;
    scheduler.arm(o.lostPingsToDead);
    o.onFirstAnswer();
    return true;
  }
  const scheduler = createPingScheduler({
    clock: o.clock,
    intervalMs: o.intervalMs,
    timeoutMs: o.timeoutMs,
    lostPingsToDead: armed ? o.lostPingsToDead : null,
    send: o.send,
    ...(o.probe ? { probe: o.probe } : {}),
    onOutcome: (outcome) => {
      if (!armed && outcome.lost) {
        unanswered++;
        return o.onUnanswered();
      }
      if (arm()) o.onOutcome(outcome);
    },
    onLate: (late) => {
      o.onLate(late);
      if (!late.unsolicited) arm();
    },
    onDead: (count, reason) =>
      o.onDead(
        say(reason === 'lost' ? 'connection.deadLost' : 'connection.deadUnmatched', { count }),
      ),
  });
  return { start: scheduler.start, answer: scheduler.answer, stop: scheduler.stop };
}
