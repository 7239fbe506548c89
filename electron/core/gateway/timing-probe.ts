/**
 * Is a ping's round trip an honest one? (docs/architecture.md §3.11)
 *
 * A ping's RTT is read on the thread that sent it, when its answer's
 * `message` event runs. If that thread could not run for a while between the
 * send and that moment — a long task on its event loop (another profile's
 * large snapshot, a burst of frames) or the operating system not scheduling
 * the process at all (a loaded machine) — the answer may have waited in the
 * socket and the RTT includes the wait. Nothing in the RTT says so.
 *
 * The probe ticks every {@link TimingProbeOptions.tickMs} while at least one
 * ping is in flight, on the same thread and the same clock as the pings, and
 * remembers every gap between two ticks longer than `thresholdMs`. Whatever
 * stopped the thread stopped the ticks too, so a ping whose time in flight
 * overlaps such a gap (or the gap still open when the answer is read) is
 * **disturbed**: kept and shown, but left out of percentiles and alert rules.
 * A stall shorter than the threshold can hide in an undisturbed sample, so
 * the threshold bounds the error an undisturbed sample can carry from it.
 */
import type { Clock, TimerHandle } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';

/** Default period of the probe's ticks while a ping is in flight (ms). */
export const PROBE_TICK_MS = 1;
/** Default longest gap between two ticks that still counts as an undisturbed thread (ms). */
export const DISTURBED_THRESHOLD_MS = 1.5;
/** Gaps remembered; older ones are forgotten (a ping in flight that long is lost anyway). */
const MAX_GAPS = 256;

/** Options of {@link createTimingProbe}. */
export interface TimingProbeOptions {
  tickMs?: number;
  thresholdMs?: number;
}

/** Watches the thread that times pings; see the module comment. */
export interface TimingProbe {
  /** A ping was sent: tick until the matching {@link end}. */
  begin(): void;
  /** That ping was answered or lost. */
  end(): void;
  /** Whether the thread stalled longer than the threshold between `startMs` and `nowMs` (clock ms). */
  disturbed(startMs: number, nowMs: number): boolean;
  /** Gaps over the threshold seen since the probe was made. */
  readonly stalls: number;
  /** Longest gap seen (ms). */
  readonly worstGapMs: number;
}

/** A probe on `clock`, ticking with the clock's own timers. */
export function createTimingProbe(clock: Clock, o: TimingProbeOptions = {}): TimingProbe {
  const tickMs = o.tickMs ?? PROBE_TICK_MS;
  const threshold = o.thresholdMs ?? DISTURBED_THRESHOLD_MS;
  const starts = new Float64Array(MAX_GAPS);
  const ends = new Float64Array(MAX_GAPS);
  let held = 0;
  let next = 0;
  let users = 0;
  let lastTick = 0;
  let timer: TimerHandle | null = null;
  let stalls = 0;
  let worst = 0;

  function note(from: number, to: number): void {
    const gap = to - from;
    if (gap > worst) worst = gap;
    if (gap <= threshold) return;
    stalls++;
    starts[next] = from;
    ends[next] = to;
    next = (next + 1) % MAX_GAPS;
    if (held < MAX_GAPS) held++;
  }

  function tick(): void {
    timer = null;
    const now = clock.now();
    note(lastTick, now);
    lastTick = now;
    if (users > 0) timer = clock.setTimeout(tick, tickMs);
  }

  return {
    begin() {
      if (users++ > 0) return;
      lastTick = clock.now();
      timer = clock.setTimeout(tick, tickMs);
    },
    end() {
      if (users === 0) return;
      if (--users > 0) return;
      note(lastTick, clock.now());
      clock.clearTimeout(timer);
      timer = null;
    },
    disturbed(startMs, nowMs) {
      if (users > 0 && nowMs - lastTick > threshold) return true;
      for (let i = 0; i < held; i++) {
        if ((ends[i] ?? 0) > startMs && (starts[i] ?? 0) < nowMs) return true;
      }
      return false;
    },
    get stalls() {
      return stalls;
    },
    get worstGapMs() {
      return worst;
    },
  };
}

/** A probe that never reports a disturbance: for fake clocks, whose time only moves when told. */
export const QUIET_PROBE: TimingProbe = {
  begin() {},
  end() {},
  disturbed: () => false,
  stalls: 0,
  worstGapMs: 0,
};

let shared: TimingProbe | null = null;

/**
 * The probe of this thread for connections on the system clock (one per
 * thread: every connection's pings share the event loop it watches), or
 * {@link QUIET_PROBE} for any other clock. The engine's only real-time clock
 * is `systemClock`; other clocks are fakes, on which a ticking probe would
 * take each `advance` for a stall. A real-time clock of another kind needs
 * `probe: createTimingProbe(clock)` in the connection's options.
 */
export function probeFor(clock: Clock): TimingProbe {
  if (clock !== systemClock) return QUIET_PROBE;
  shared ??= createTimingProbe(systemClock);
  return shared;
}
