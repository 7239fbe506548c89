/**
 * Protocol-level ping loop (docs/protocol.md §1 "Commands", §2 "Opcodes").
 *
 * Pings carry no number, so an answer can only be matched by order: answers
 * come back in order, so each one belongs to the oldest ping not answered
 * yet — a lost ping included, whose answer may still arrive. This scheduler
 * keeps AT MOST ONE ping in flight, and after a ping times out it waits one
 * extra timeout before the next ping, so a late answer usually arrives while
 * nothing else is outstanding and is reported as late.
 *
 * An RTT is credited only when the ping in flight is the ONLY ping not yet
 * answered. An answer that arrives while a lost ping is still unanswered AND
 * a newer ping is in flight is ambiguous (the lost ping's late answer on a
 * gateway slower than twice the timeout, or the newer ping's answer if the
 * server dropped the lost one): it is reported late and no RTT is credited,
 * because crediting it could show a falsely short RTT. When a ping times out
 * after `lostPingsToDead` ambiguous answers in a row, order can no longer be
 * trusted on this connection; it is declared dead so a fresh one starts
 * counting from zero.
 */
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { TimingProbe } from './timing-probe';
import { QUIET_PROBE } from './timing-probe';

/** The outcome of one ping. `at` is wall-clock epoch ms. */
export interface PingOutcome {
  /** Round-trip time from the monotonic clock; null when the ping was lost. */
  rttMs: number | null;
  lost: boolean;
  at: number;
  /**
   * The thread timing this ping stalled while it was in flight, so the RTT
   * may include time the answer waited unread (`timing-probe.ts`). Only set
   * (true) on such an answer.
   */
  disturbed?: true;
}

/** An answer that matched no ping in flight. */
export interface LatePingAnswer {
  at: number;
  /** Time since the lost ping it most likely answers was sent; null when unsolicited. */
  sinceSentMs: number | null;
  /** True when no ping had been lost recently: the server answered something we never asked. */
  unsolicited: boolean;
}

/** Dependencies and settings of {@link createPingScheduler}. */
export interface PingSchedulerOptions {
  clock: Clock;
  intervalMs: number;
  timeoutMs: number;
  /**
   * Consecutive lost pings that mean the connection is dead; null while
   * unanswered pings are expected (a ping-only monitor waiting for the bot
   * to register, docs/protocol.md §2): then the loop just keeps pinging.
   * {@link PingScheduler.arm} sets it later.
   */
  lostPingsToDead: number | null;
  /**
   * Put one ping on the wire; false when it could not be sent. A sender with
   * work of its own for a ping (counters, the frame log) does it first, then
   * calls `stamp()` right before the bytes go out, so that nothing but the
   * send runs between the round trip's start and the thread's next wait. A
   * sender that never calls it is timed from right before it was called.
   */
  send: (stamp: () => void) => boolean;
  /** Watches the timing thread while a ping is in flight; default never disturbed. */
  probe?: TimingProbe;
  onOutcome: (outcome: PingOutcome) => void;
  onLate: (late: LatePingAnswer) => void;
  /**
   * Called once, after which the scheduler is stopped: `lost` after that many
   * pings in a row got no answer, `unmatched` after that many answers in a row
   * could not be matched to one ping (see the module comment).
   */
  onDead: (count: number, reason: 'lost' | 'unmatched') => void;
}

/** Handle of a running ping loop. */
export interface PingScheduler {
  /** Send the first ping now. */
  start(): void;
  /**
   * A `GATEWAY_PING` answer arrived. `receivedAt` (clock ms) is when its
   * frame was taken from the socket, read before anything else was done with
   * it; without it, now. The RTT ends there, so the work between reading the
   * frame and knowing it is a ping answer (budgets, decoding) is not in it.
   */
  answer(receivedAt?: number): void;
  /** Stop and release the timer. Idempotent. */
  stop(): void;
  /** Start counting lost pings towards a dead connection (see `lostPingsToDead`). */
  arm(lostPingsToDead: number): void;

  /** Whether a ping is waiting for its answer. */
  readonly inFlight: boolean;
  /** Number of timers this scheduler holds (0 or 1). */
  readonly timerCount: number;
}

/**
 * Create a ping loop. Nothing happens until {@link PingScheduler.start}.
 *
 * Cadence: the next ping is due `intervalMs` after the previous one was sent
 * (not after its answer), so the rate does not drift with latency. After a
 * loss it is due no earlier than one `timeoutMs` after the loss (the late
 * window). A late answer inside that window proves the link still carries
 * traffic, so it resets the consecutive-loss count: a slow gateway shows
 * lost pings, it is not torn down as dead.
 */
/** Most unanswered pings remembered per connection. */
const MAX_UNANSWERED = 64;

export function createPingScheduler(options: PingSchedulerOptions): PingScheduler {
  const { clock } = options;
  const probe = options.probe ?? QUIET_PROBE;
  let timer: TimerHandle | null = null;
  let sentAt: number | null = null;
  /** Send times of the pings not answered yet, oldest first; the one in flight is last. */
  const unanswered: number[] = [];
  let consecutiveLost = 0;
  let unmatchedInRow = 0;
  let stopped = false;
  let deadAfter = options.lostPingsToDead;

  function schedule(fn: () => void, ms: number): void {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  }

  /** When the ping now being sent left: the sender's stamp, or the call's start. */
  let stampedAt = 0;
  const stamp = (): void => {
    stampedAt = clock.now();
  };

  function sendPing(): void {
    if (stopped) return;
    // The probe and the timeout start first, and the sender's own work runs before
    // its stamp: none of it is part of the round trip. On a busy machine the
    // gateway's answer can wait for the thread that sent the ping to go idle,
    // so work done after the send would be (docs/architecture.md §3.11).
    probe.begin();
    schedule(onTimeout, options.timeoutMs);
    // A sender that does not stamp is timed from right before it is called.
    stampedAt = clock.now();
    if (!options.send(stamp)) {
      probe.end();
      clock.clearTimeout(timer);
      timer = null;
      return;
    }
    const at = stampedAt;
    sentAt = at;
    unanswered.push(at);
    // Bounded: a server that drops pings leaves their entries behind until the connection goes.
    if (unanswered.length > MAX_UNANSWERED) unanswered.shift();
  }

  function onTimeout(): void {
    const lostAt = sentAt;
    sentAt = null;
    probe.end();
    consecutiveLost++;
    options.onOutcome({ rttMs: null, lost: true, at: clock.wallNow() });
    if (stopped) return;
    if (deadAfter !== null && consecutiveLost >= deadAfter) {
      stop();
      options.onDead(consecutiveLost, 'lost');
      return;
    }
    // Checked here, not when the answers arrive: a burst of held-back answers
    // ends with the in-flight ping's own, which resets the count.
    if (deadAfter !== null && unmatchedInRow >= deadAfter) {
      stop();
      options.onDead(unmatchedInRow, 'unmatched');
      return;
    }
    const dueByInterval = (lostAt ?? clock.now()) + options.intervalMs - clock.now();
    schedule(sendPing, Math.max(dueByInterval, options.timeoutMs));
  }

  function answer(receivedAt?: number): void {
    if (stopped) return;
    const now = receivedAt ?? clock.now();
    const oldest = unanswered.shift();
    if (oldest === undefined) {
      options.onLate({ at: clock.wallNow(), sinceSentMs: null, unsolicited: true });
      return;
    }
    if (sentAt !== null && unanswered.length === 0) {
      // The ping in flight is the only one outstanding: this is its answer.
      const pingSentAt = sentAt;
      sentAt = null;
      const disturbed = probe.disturbed(pingSentAt, now);
      probe.end();
      clock.clearTimeout(timer);
      timer = null;
      consecutiveLost = 0;
      unmatchedInRow = 0;
      const outcome: PingOutcome = { rttMs: now - pingSentAt, lost: false, at: clock.wallNow() };
      if (disturbed) outcome.disturbed = true;
      options.onOutcome(outcome);
      if (stopped) return;
      schedule(sendPing, Math.max(0, pingSentAt + options.intervalMs - now));
      return;
    }
    // In order, this answers the oldest lost ping: late. Either way the link
    // carries traffic, so a slow gateway is not torn down as dead.
    consecutiveLost = 0;
    const late: LatePingAnswer = {
      at: clock.wallNow(),
      sinceSentMs: now - oldest,
      unsolicited: false,
    };
    if (sentAt === null) {
      unmatchedInRow = 0;
      options.onLate(late);
      return;
    }
    // A newer ping is in flight: ambiguous, never credited (module comment).
    unmatchedInRow++;
    options.onLate(late);
  }

  function stop(): void {
    if (sentAt !== null) probe.end();
    stopped = true;
    clock.clearTimeout(timer);
    timer = null;
    sentAt = null;
  }

  return {
    start: sendPing,
    answer,
    stop,
    arm(n) {
      // Losses from before the first answer were expected, not a dying link.
      if (deadAfter === null) consecutiveLost = 0;
      deadAfter = n;
    },
    get inFlight() {
      return sentAt !== null;
    },
    get timerCount() {
      return timer === null ? 0 : 1;
    },
  };
}
