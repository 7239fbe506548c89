/**
 * The alert engine: turns the monitor's samples into incidents, and
 * incidents into messages for people (docs/architecture.md §2).
 *
 * Every rule keeps two counters per profile — bad samples in a row and good
 * samples in a row. A rule raises after `raiseAfter` bad samples and clears
 * after `clearAfter` good ones, so a single odd sample never raises and never
 * clears. An open incident is *updated* in place as it grows or shrinks (one
 * "37 of 128 shards down" incident, never one per shard), and there is never
 * more than one open incident per profile and rule. Flapping shards and a
 * flapping gateway connection are damped. Incidents are always recorded;
 * who is told, and when, is the router's decision (`alert-router.ts`).
 *
 * The parts: `rules.ts` (pure verdicts and texts), `flapping.ts`,
 * `incident-book.ts` (the incidents), `alert-router.ts` (destinations,
 * quiet hours, snooze, maintenance, reminders, recoveries), `messages.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { TimerHandle } from '../../../shared/clock';
import type {
  AlertRule,
  Incident,
  SnoozeChoice,
  SnoozeState,
} from '../../../shared/incident-model';
import { ALERT_RULES } from '../../../shared/incident-model';
import type { AlertDestination } from './alert-router';
import { createAlertRouter } from './alert-router';
import { createFlapTracker } from './flapping';
import type { IncidentRecord } from './incident-book';
import { copyIncident, createIncidentBook } from './incident-book';
import { isValidTimeZone, nextLocalTime, systemTimeZone } from './local-time';
import { toNotification } from './messages';
import { enabledRules } from './rules';
import type { ProfileState, StepFlags } from './rule-evaluation';
import { createRuleEvaluator } from './rule-evaluation';
import { sayEnglish } from '../../../shared/i18n/translator';
import type {
  AlertEngine,
  AlertEngineEvents,
  AlertEngineOptions,
  AlertProfile,
  IncidentChange,
  IncidentContent,
  Verdict,
} from './types';

export type {
  AlertEngine,
  AlertEngineOptions,
  AlertEngineEvents,
  AlertProfile,
  AlertSample,
  IncidentChange,
  IncidentQuery,
  ShardTransition,
} from './types';
export { MAX_INCIDENT_SHARD_IDS } from './incident-book';

/** Default flap window: 10 minutes. */
export const DEFAULT_FLAP_WINDOW_MS = 10 * 60_000;
/** Default toggles within the window that make a shard flapping. */
export const DEFAULT_FLAP_THRESHOLD = 4;
/** Default connection drops within the window that make the connection flapping. */
export const DEFAULT_CONNECTION_FLAP_THRESHOLD = 3;
/** Default minimum interval between two escalation notifications of one incident. */
export const DEFAULT_ESCALATION_NOTIFY_INTERVAL_MS = 5 * 60_000;
/** Local hour "snooze until tomorrow" ends at. */
export const SNOOZE_TOMORROW_HOUR = 8;

const SNOOZE_DURATIONS_MS: Record<Exclude<SnoozeChoice, 'tomorrow'>, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '4h': 4 * 60 * 60_000,
};

/** When a snooze (or a channel mute) chosen at `now` ends: "tomorrow" is the next local 08:00. */
export function snoozeEnd(choice: SnoozeChoice, now: number, timeZone: string): number {
  return choice === 'tomorrow'
    ? nextLocalTime(now, SNOOZE_TOMORROW_HOUR, 0, timeZone)
    : now + SNOOZE_DURATIONS_MS[choice];
}

/**
 * Create the alert engine. It owns one timer (snooze expiry), released by
 * `dispose()`; everything else is driven by the samples and ticks the
 * monitor sends.
 */
export function createAlertEngine(opts: AlertEngineOptions): AlertEngine {
  const { clock } = opts;
  const flapWindowMs = opts.flapWindowMs ?? DEFAULT_FLAP_WINDOW_MS;
  const flapThreshold = Math.max(2, opts.flapThreshold ?? DEFAULT_FLAP_THRESHOLD);
  const connFlapThreshold = Math.max(
    2,
    opts.connectionFlapThreshold ?? DEFAULT_CONNECTION_FLAP_THRESHOLD,
  );
  const timeZone =
    opts.timeZone && isValidTimeZone(opts.timeZone) ? opts.timeZone : systemTimeZone();
  const say = opts.say ?? sayEnglish;
  const onError = opts.onError ?? ((err: unknown) => console.error('[alerts]', err));
  const desktopSettings = opts.desktop ?? (() => ({ remindEveryMin: 0, sendRecoveries: true }));

  const book = createIncidentBook(
    opts.idFactory ?? (() => randomUUID()),
    opts.maxClosedIncidents ?? 500,
  );
  const profiles = new Map<string, ProfileState>();
  const incidentListeners = new Set<AlertEngineEvents['incident']>();
  const snoozeListeners = new Set<AlertEngineEvents['snooze']>();
  let snoozeUntil: number | null = null;
  let snoozeTimer: TimerHandle | null = null;
  let paused = false;
  let disposed = false;

  const desktop: AlertDestination = {
    id: 'desktop',
    accepts: () => true,
    quietHours: (p) => p.alerts.quietHours,
    mutedUntil: () => null,
    remindEveryMs: () => desktopSettings().remindEveryMin * 60_000,
    sendRecoveries: () => desktopSettings().sendRecoveries,
    deliver: (m) => opts.notifier.notify(toNotification(m, say)),
  };
  const router = createAlertRouter({
    clock,
    timeZone,
    escalationIntervalMs: opts.escalationNotifyIntervalMs ?? DEFAULT_ESCALATION_NOTIFY_INTERVAL_MS,
    destinations: () => [desktop, ...(opts.destinations?.() ?? [])],
    snoozedUntil: () => snoozeUntil,
    inMaintenance: opts.inMaintenance ?? (() => false),
    onError,
    say,
  });

  function emit(listeners: Set<(...a: never[]) => void>, call: (l: never) => void): void {
    for (const l of [...listeners]) {
      try {
        call(l as never);
      } catch (err) {
        onError(err);
      }
    }
  }

  function emitIncident(rec: IncidentRecord, change: IncidentChange): void {
    const snap = copyIncident(rec.incident);
    emit(incidentListeners, (l: AlertEngineEvents['incident']) => l(copyIncident(snap), change));
  }

  function currentSnooze(): SnoozeState {
    return { until: snoozeUntil, paused };
  }

  function emitSnooze(): void {
    const s = currentSnooze();
    emit(snoozeListeners, (l: AlertEngineEvents['snooze']) => l({ ...s }));
  }

  // ----- incident life cycle ------------------------------------------------

  function closeRule(ps: ProfileState, rule: AlertRule, silent: boolean): void {
    const rec = book.close(ps.profile.id, rule, clock.wallNow());
    if (!rec) return;
    router.closed(rec, ps.profile, silent);
    emitIncident(rec, 'close');
  }

  function resetRule(ps: ProfileState, rule: AlertRule): void {
    closeRule(ps, rule, true);
    ps.streaks[rule] = { bad: 0, good: 0 };
  }

  /**
   * Apply one verdict to one rule. `count: false` updates an open incident's
   * content without advancing the streaks (see the counting note on
   * {@link AlertSample}). `immediate` raises on the first bad sample; `hold`
   * keeps an open incident open through good samples (flapping).
   */
  function step(
    ps: ProfileState,
    rule: AlertRule,
    verdict: Verdict,
    content: () => IncidentContent,
    flags: StepFlags = {},
  ): void {
    const s = ps.streaks[rule];
    const a = ps.profile.alerts;
    if (verdict === 'off') return resetRule(ps, rule);
    if (verdict === 'neutral') return;
    const count = flags.count ?? true;
    const open = book.get(ps.profile.id, rule);
    if (verdict === 'bad') {
      if (count) {
        s.bad++;
        s.good = 0;
      }
      if (open) {
        const { changed, escalated } = book.update(open, content(), clock.wallNow());
        if (changed) {
          router.updated(open, ps.profile, escalated);
          emitIncident(open, 'update');
        }
      } else if (s.bad >= Math.max(1, a.raiseAfter) || (flags.immediate && s.bad > 0)) {
        const rec = book.open(ps.profile.id, rule, content(), clock.wallNow(), clock.now());
        router.opened(rec, ps.profile);
        emitIncident(rec, 'open');
      }
    } else if (count) {
      s.good++;
      s.bad = 0;
      if (open && !flags.hold && s.good >= Math.max(1, a.clearAfter)) closeRule(ps, rule, false);
    }
  }

  function profileState(profileId: string, profile: AlertProfile): ProfileState {
    let ps = profiles.get(profileId);
    if (!ps) {
      const streaks = {} as ProfileState['streaks'];
      for (const r of ALERT_RULES) streaks[r] = { bad: 0, good: 0 };
      ps = {
        profile,
        conn: null,
        connSince: clock.wallNow(),
        lastConnVerdict: { 'connection-lost': null, 'credentials-refused': null },
        streaks,
        shardFlaps: createFlapTracker(flapWindowMs, flapThreshold),
        connFlaps: createFlapTracker(flapWindowMs, connFlapThreshold),
        connSettled: false,
        loopsAsFlapping: new Set(),
        loopsTold: new Set(),
      };
      profiles.set(profileId, ps);
    }
    ps.profile = { ...profile, id: profileId };
    return ps;
  }

  /** Rules switched off in the settings close their incidents and forget their streaks. */
  function applySettings(ps: ProfileState): void {
    const enabled = enabledRules(ps.profile.alerts);
    for (const r of ALERT_RULES) if (!enabled[r]) resetRule(ps, r);
    if (!ps.profile.alerts.shardsDown) {
      ps.shardFlaps.clear();
      ps.loopsAsFlapping.clear();
      ps.loopsTold.clear();
    }
  }

  const rules = createRuleEvaluator({
    clock,
    timeZone,
    flapWindowMs,
    flapThreshold,
    say,
    step,
    close: (ps, rule) => closeRule(ps, rule, false),
  });

  function onTick(ps: ProfileState): void {
    rules.evaluateConnection(ps, true);
    rules.evaluateFlapping(ps);
    for (const rec of router.tick(ps.profile, book.openOf(ps.profile.id)))
      emitIncident(rec, 'update');
    router.flushSummaries((id) => profiles.get(id)?.profile);
  }

  function closeAll(ps: ProfileState): void {
    for (const r of ALERT_RULES) resetRule(ps, r);
    ps.shardFlaps.clear();
    ps.loopsAsFlapping.clear();
    ps.loopsTold.clear();
    ps.connFlaps.clear();
    // Samples are not read while paused: the shards start again from the whole list.
    ps.shards?.forget();
    ps.lastConnVerdict = { 'connection-lost': null, 'credentials-refused': null };
  }

  // ----- snooze -------------------------------------------------------------

  function setSnooze(until: number | null): void {
    clock.clearTimeout(snoozeTimer);
    snoozeTimer = null;
    snoozeUntil = until;
    if (until !== null) {
      snoozeTimer = clock.setTimeout(
        () => {
          snoozeTimer = null;
          snoozeUntil = null;
          emitSnooze();
        },
        Math.max(0, until - clock.wallNow()),
      );
    }
    emitSnooze();
  }

  // ----- handle -------------------------------------------------------------

  return {
    evaluate(profileId, sample) {
      if (disposed) return;
      const ps = profileState(profileId, sample.profile);
      if (paused || ps.profile.paused) {
        closeAll(ps);
        if (sample.kind === 'connection') ps.conn = { ...sample };
        return;
      }
      applySettings(ps);
      switch (sample.kind) {
        case 'connection':
          return rules.onConnection(ps, {
            state: sample.state,
            problem: sample.problem,
            detail: sample.detail,
          });
        case 'tick':
          return onTick(ps);
        case 'ping':
          return rules.evaluatePing(ps, sample);
        case 'shards':
          return rules.evaluateShards(ps, sample);
        case 'analytics':
          return rules.evaluateAnalytics(ps, sample);
      }
    },

    snooze(choice) {
      if (disposed) return currentSnooze();
      setSnooze(choice === null ? null : snoozeEnd(choice, clock.wallNow(), timeZone));
      return currentSnooze();
    },

    pause(p) {
      if (disposed) return currentSnooze();
      if (p !== paused) {
        paused = p;
        // Paused monitoring knows nothing: stale incidents would keep the
        // tray red and could escalate; they reopen if still true on resume.
        if (paused) for (const ps of profiles.values()) closeAll(ps);
        emitSnooze();
      }
      return currentSnooze();
    },

    snoozeState() {
      return {
        until: snoozeUntil !== null && snoozeUntil > clock.wallNow() ? snoozeUntil : null,
        paused,
      };
    },

    acknowledge(incidentId) {
      const rec = book.byId(incidentId);
      if (rec) {
        if (!rec.incident.acknowledged) {
          rec.incident.acknowledged = true;
          rec.incident.updatedAt = clock.wallNow();
          emitIncident(rec, 'update');
        }
        return copyIncident(rec.incident);
      }
      const old = book.closedById(incidentId);
      if (old && !old.acknowledged) {
        old.acknowledged = true;
        old.updatedAt = clock.wallNow();
        emit(incidentListeners, (l: AlertEngineEvents['incident']) =>
          l(copyIncident(old), 'update'),
        );
      }
      return old ? copyIncident(old) : null;
    },

    adopt(incidents) {
      const refused: Incident[] = [];
      for (const i of incidents) if (!book.adopt(i, clock.now())) refused.push(copyIncident(i));
      return refused;
    },

    incidents: (q = {}) => book.list(q),
    openCount: (profileId) => book.openCount(profileId),

    removeProfile(profileId) {
      const ps = profiles.get(profileId);
      if (ps) {
        closeAll(ps);
        profiles.delete(profileId);
        rules.forget(profileId);
        return;
      }
      // Adopted incidents of a profile that never sent a sample.
      for (const rec of book.openOf(profileId)) {
        const closed = book.close(profileId, rec.incident.rule, clock.wallNow());
        if (closed) emitIncident(closed, 'close');
      }
    },

    on(event, listener) {
      const set = (event === 'incident' ? incidentListeners : snoozeListeners) as Set<
        AlertEngineEvents[typeof event]
      >;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },

    dispose() {
      disposed = true;
      clock.clearTimeout(snoozeTimer);
      snoozeTimer = null;
      incidentListeners.clear();
      snoozeListeners.clear();
    },
  };
}
