/**
 * Protocol-level ping loop (PROTOCOL.md §1 "Commands", §2 "Opcodes").
 *
 * Pings carry no number, so an answer can only be matched by order. To keep
 * that unambiguous this scheduler keeps AT MOST ONE ping in flight, and after
 * a ping times out it waits one extra timeout before the next ping: an answer
 * arriving in that window belongs to the lost ping and is reported as late,
 * never credited to the next one (which would show a falsely short RTT).
 */
import type { Clock, TimerHandle } from '../clock';

/** The outcome of one ping. `at` is wall-clock epoch ms. */
export interface PingOutcome {
  /** Round-trip time from the monotonic clock; null when the ping was lost. */
  rttMs: number | null;
  lost: boolean;
  at: number;
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
  /** Consecutive lost pings that mean the connection is dead. */
  lostPingsToDead: number;
  /** Put one ping on the wire; false when it could not be sent. */
  send: () => boolean;
  onOutcome: (outcome: PingOutcome) => void;
  onLate: (late: LatePingAnswer) => void;
  /** Called once, after which the scheduler is stopped. */
  onDead: (consecutiveLost: number) => void;
}

/** Handle of a running ping loop. */
export interface PingScheduler {
  /** Send the first ping now. */
  start(): void;
  /** A `GATEWAY_PING` answer arrived. */
  answer(): void;
  /** Stop and release the timer. Idempotent. */
  stop(): void;
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
export function createPingScheduler(options: PingSchedulerOptions): PingScheduler {
  const { clock } = options;
  let timer: TimerHandle | null = null;
  let sentAt: number | null = null;
  let lostSentAt: number | null = null;
  let lateWindow = false;
  let consecutiveLost = 0;
  let stopped = false;

  function schedule(fn: () => void, ms: number): void {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  }

  function sendPing(): void {
    if (stopped) return;
    lateWindow = false;
    lostSentAt = null;
    const at = clock.now();
    if (!options.send()) return;
    sentAt = at;
    schedule(onTimeout, options.timeoutMs);
  }

  function onTimeout(): void {
    const lostAt = sentAt;
    sentAt = null;
    consecutiveLost++;
    options.onOutcome({ rttMs: null, lost: true, at: clock.wallNow() });
    if (stopped) return;
    if (consecutiveLost >= options.lostPingsToDead) {
      stop();
      options.onDead(consecutiveLost);
      return;
    }
    lateWindow = true;
    lostSentAt = lostAt;
    const dueByInterval = (lostAt ?? clock.now()) + options.intervalMs - clock.now();
    schedule(sendPing, Math.max(dueByInterval, options.timeoutMs));
  }

  function answer(): void {
    if (stopped) return;
    const now = clock.now();
    if (sentAt !== null) {
      const pingSentAt = sentAt;
      sentAt = null;
      clock.clearTimeout(timer);
      timer = null;
      consecutiveLost = 0;
      options.onOutcome({ rttMs: now - pingSentAt, lost: false, at: clock.wallNow() });
      if (stopped) return;
      schedule(sendPing, Math.max(0, pingSentAt + options.intervalMs - now));
      return;
    }
    const late: LatePingAnswer = {
      at: clock.wallNow(),
      sinceSentMs: lateWindow && lostSentAt !== null ? now - lostSentAt : null,
      unsolicited: !lateWindow,
    };
    if (lateWindow) {
      consecutiveLost = 0;
      // One lost ping, at most one late answer: any further one is unsolicited.
      lateWindow = false;
      lostSentAt = null;
    }
    options.onLate(late);
  }

  function stop(): void {
    stopped = true;
    clock.clearTimeout(timer);
    timer = null;
    sentAt = null;
  }

  return {
    start: sendPing,
    answer,
    stop,
    get inFlight() {
      return sentAt !== null;
    },
    get timerCount() {
      return timer === null ? 0 : 1;
    },
  };
}
