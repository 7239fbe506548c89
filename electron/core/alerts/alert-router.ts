/**
 * Who is told about an incident, and when: the desktop and every
 * notification channel are destinations, and each decides on its own.
 *
 * For one incident and one destination a message is sent when the incident
 * opens (or first reaches the destination's minimum severity), when its
 * severity rises (at most once per escalation interval), as a "still open"
 * reminder at the destination's interval until acknowledged, and when it
 * recovers. What holds a message back, per destination:
 * - the Demo profile: its alerts stay in the app, always;
 * - a maintenance window of the profile: held, and an incident still open
 *   and unacknowledged when the window ends is announced then;
 * - the global snooze or the destination's own mute: held, not replayed;
 * - quiet hours (the profile's for the desktop, the channel's own for a
 *   channel): held and summed up in one message when they end, except the
 *   escalation bypass (more than `escalateDownFraction` of the shards down,
 *   or open longer than `escalateAfterMs`) that breaks through once per
 *   incident, as critical.
 * Acknowledging stops every later open, escalation and reminder message.
 */
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import type { Severity } from '../../../shared/incident-model';
import type { QuietHours } from '../../../shared/profile-model';
import type { IncidentRecord } from './incident-book';
import type { AlertMessage, SummaryItem } from './messages';
import { incidentMessage, profileLabel, quietSummaryMessage } from './messages';
import { isWithinLocalWindow } from './local-time';
import { formatDuration, formatPct } from './text';
import type { AlertProfile } from './types';

/** Somewhere messages go: the desktop, or one notification channel. */
export interface AlertDestination {
  readonly id: string;
  /** Whether alerts of this profile at this severity go here. */
  accepts(profile: AlertProfile, severity: Severity): boolean;
  /** Quiet hours that apply here to this profile's alerts, or null. */
  quietHours(profile: AlertProfile): QuietHours | null;
  /** Messages are held (not replayed) until then. */
  mutedUntil(): number | null;
  /** Reminder interval; 0 = none. */
  remindEveryMs(): number;
  sendRecoveries(): boolean;
  /** Hand a message over; must not throw for a busy or absent receiver. */
  deliver(msg: AlertMessage): void;
}

/** Options of {@link createAlertRouter}. */
export interface AlertRouterOptions {
  clock: Clock;
  /** Zone of times in message bodies. */
  timeZone: string;
  escalationIntervalMs: number;
  destinations: () => readonly AlertDestination[];
  /** End of the global snooze, or null. */
  snoozedUntil: () => number | null;
  inMaintenance: (profileId: string) => boolean;
  onError: (err: unknown) => void;
  /** Words the messages in the user's language (English by default). */
  say?: Say;
}

/** The routing decisions; the engine calls it at each incident event and tick. */
export interface AlertRouter {
  /** Returns true when the incident's `suppressed` flag changed. */
  opened(rec: IncidentRecord, profile: AlertProfile): boolean;
  updated(rec: IncidentRecord, profile: AlertProfile, escalated: boolean): boolean;
  /** `silent`: closed because monitoring stopped or the rule was switched off, not a recovery. */
  closed(rec: IncidentRecord, profile: AlertProfile, silent: boolean): void;
  /** Reminders, duration bypasses and maintenance replays for a profile's open incidents. */
  tick(profile: AlertProfile, open: readonly IncidentRecord[]): IncidentRecord[];
  /** Send quiet-hours summaries whose quiet hours have ended. */
  flushSummaries(profileOf: (id: string) => AlertProfile | undefined): void;
}

type Hold = 'maintenance' | 'snooze' | 'muted' | 'quiet';

interface DestState {
  told: boolean;
  held: Hold | null;
  bypassed: boolean;
  lastSentMono: number;
  lastEscalationMono: number | null;
}

interface SummaryEntry {
  profile: AlertProfile;
  item: SummaryItem;
}

/** Create the router. It keeps per-incident, per-destination state only. */
export function createAlertRouter(opts: AlertRouterOptions): AlertRouter {
  const { clock } = opts;
  const say = opts.say ?? sayEnglish;
  /** incident id → destination id → state. */
  const states = new Map<string, Map<string, DestState>>();
  /** destination id → incident id → held during quiet hours. */
  const summaries = new Map<string, Map<string, SummaryEntry>>();

  function stateOf(incidentId: string, destId: string): DestState {
    let byDest = states.get(incidentId);
    if (!byDest) states.set(incidentId, (byDest = new Map()));
    let st = byDest.get(destId);
    if (!st) {
      st = { told: false, held: null, bypassed: false, lastSentMono: 0, lastEscalationMono: null };
      byDest.set(destId, st);
    }
    return st;
  }

  function isQuiet(dest: AlertDestination, profile: AlertProfile, now: number): boolean {
    const q = dest.quietHours(profile);
    return q !== null && q.enabled && isWithinLocalWindow(now, q.start, q.end, q.timeZone);
  }

  function holdOf(dest: AlertDestination, profile: AlertProfile): Hold | null {
    const now = clock.wallNow();
    if (opts.inMaintenance(profile.id)) return 'maintenance';
    const snooze = opts.snoozedUntil();
    if (snooze !== null && snooze > now) return 'snooze';
    const muted = dest.mutedUntil();
    if (muted !== null && muted > now) return 'muted';
    if (isQuiet(dest, profile, now)) return 'quiet';
    return null;
  }

  function bypassReason(rec: IncidentRecord, profile: AlertProfile): string | null {
    const a = profile.alerts;
    if (rec.incident.rule === 'shards-down' && rec.downFraction > a.escalateDownFraction) {
      return say('message.bypassDown', { pct: formatPct(a.escalateDownFraction * 100, say) });
    }
    if (a.escalateAfterMs > 0 && clock.now() - rec.openedMono > a.escalateAfterMs) {
      return say('message.bypassLong', { duration: formatDuration(a.escalateAfterMs, say) });
    }
    return null;
  }

  function deliver(dest: AlertDestination, msg: AlertMessage): void {
    try {
      dest.deliver(msg);
    } catch (err) {
      opts.onError(err);
    }
  }

  function remember(dest: AlertDestination, rec: IncidentRecord, profile: AlertProfile): void {
    let list = summaries.get(dest.id);
    if (!list) summaries.set(dest.id, (list = new Map()));
    const i = rec.incident;
    list.set(i.id, {
      profile,
      item: {
        profileName: profileLabel(profile.name, say),
        title: i.title,
        severity: i.severity,
        openedAt: i.openedAt,
        clearedAt: i.clearedAt,
      },
    });
  }

  /** Try to tell `dest` about `rec` (open or escalate). */
  function announce(
    kind: 'open' | 'escalate',
    rec: IncidentRecord,
    profile: AlertProfile,
    dest: AlertDestination,
  ): void {
    const st = stateOf(rec.incident.id, dest.id);
    const hold = holdOf(dest, profile);
    let bypass: string | null = null;
    if (hold === 'quiet' && !st.bypassed) bypass = bypassReason(rec, profile);
    if (hold !== null && bypass === null) {
      st.held = hold;
      if (hold === 'quiet') remember(dest, rec, profile);
      return;
    }
    if (bypass !== null) st.bypassed = true;
    const now = clock.wallNow();
    deliver(
      dest,
      incidentMessage(kind, rec.incident, profile.name, now, opts.timeZone, bypass, say),
    );
    st.told = true;
    st.held = null;
    st.lastSentMono = clock.now();
    if (kind === 'escalate') st.lastEscalationMono = clock.now();
    summaries.get(dest.id)?.delete(rec.incident.id);
  }

  function eligible(dest: AlertDestination, rec: IncidentRecord, profile: AlertProfile): boolean {
    return !profile.demo && dest.accepts(profile, rec.incident.severity);
  }

  /** `suppressed`: some destination held the incident back and none was told. */
  function settle(rec: IncidentRecord): boolean {
    const byDest = states.get(rec.incident.id);
    let held = false;
    let told = false;
    for (const st of byDest?.values() ?? []) {
      if (st.told) told = true;
      else if (st.held !== null) held = true;
    }
    const suppressed = held && !told;
    const changed = rec.incident.suppressed !== suppressed;
    rec.incident.suppressed = suppressed;
    return changed;
  }

  return {
    opened(rec, profile) {
      if (!rec.incident.acknowledged) {
        for (const dest of opts.destinations())
          if (eligible(dest, rec, profile)) announce('open', rec, profile, dest);
      }
      return settle(rec);
    },

    updated(rec, profile, escalated) {
      if (!rec.incident.acknowledged) {
        for (const dest of opts.destinations()) {
          if (!eligible(dest, rec, profile)) continue;
          // No state: the destination was added, or the incident adopted from
          // an earlier run, after it opened; it hears of it only if it escalates.
          const st = states.get(rec.incident.id)?.get(dest.id);
          if (!st) {
            if (escalated) announce('open', rec, profile, dest);
          } else if (!st.told) {
            if (escalated) announce('open', rec, profile, dest);
            else if (st.held === 'quiet') remember(dest, rec, profile);
          } else if (escalated) {
            const last = st.lastEscalationMono;
            if (last === null || clock.now() - last >= opts.escalationIntervalMs)
              announce('escalate', rec, profile, dest);
          }
        }
      }
      return settle(rec);
    },

    closed(rec, profile, silent) {
      const i = rec.incident;
      const byDest = states.get(i.id);
      states.delete(i.id);
      for (const dest of opts.destinations()) {
        const entry = summaries.get(dest.id)?.get(i.id);
        if (entry) entry.item.clearedAt = i.clearedAt;
        const st = byDest?.get(dest.id);
        if (silent || !st?.told || !dest.sendRecoveries() || profile.demo) continue;
        const hold = holdOf(dest, profile);
        if (hold === 'quiet') remember(dest, rec, profile);
        else if (hold === null) {
          deliver(
            dest,
            incidentMessage('recovery', i, profile.name, clock.wallNow(), opts.timeZone, null, say),
          );
        }
      }
      if (silent) for (const list of summaries.values()) list.delete(i.id);
    },

    tick(profile, open) {
      const changed: IncidentRecord[] = [];
      for (const rec of open) {
        if (rec.incident.acknowledged) continue;
        for (const dest of opts.destinations()) {
          const st = states.get(rec.incident.id)?.get(dest.id);
          if (!st || !eligible(dest, rec, profile)) continue;
          if (st.told) {
            const every = dest.remindEveryMs();
            if (every > 0 && clock.now() - st.lastSentMono >= every) {
              // A reminder that cannot go out now is skipped, not summed up.
              st.lastSentMono = clock.now();
              if (holdOf(dest, profile) === null) {
                const msg = incidentMessage(
                  'reminder',
                  rec.incident,
                  profile.name,
                  clock.wallNow(),
                  opts.timeZone,
                  null,
                  say,
                );
                deliver(dest, msg);
              }
            }
          } else if (st.held === 'maintenance' && !opts.inMaintenance(profile.id)) {
            announce('open', rec, profile, dest);
          } else if (st.held === 'quiet' && !st.bypassed && holdOf(dest, profile) === 'quiet') {
            if (bypassReason(rec, profile) !== null) announce('open', rec, profile, dest);
          }
        }
        if (settle(rec)) changed.push(rec);
      }
      return changed;
    },

    flushSummaries(profileOf) {
      const now = clock.wallNow();
      for (const dest of opts.destinations()) {
        const list = summaries.get(dest.id);
        if (!list || list.size === 0) continue;
        const ready: SummaryEntry[] = [];
        for (const [id, entry] of list) {
          const profile = profileOf(entry.profile.id) ?? entry.profile;
          if (isQuiet(dest, profile, now)) continue;
          list.delete(id);
          // Quiet hours ended inside a snooze, mute or maintenance: those say "nothing".
          if (holdOf(dest, profile) === null) ready.push(entry);
        }
        if (ready.length > 0) {
          ready.sort((a, b) => a.item.openedAt - b.item.openedAt);
          deliver(
            dest,
            quietSummaryMessage(
              ready.map((e) => e.item),
              now,
              opts.timeZone,
              say,
            ),
          );
        }
      }
    },
  };
}
